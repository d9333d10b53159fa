import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Avatar, Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, ApiError, must, problemTitle, type BodyOf, type GetOk } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime, toFen, yuan } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';

type Deal = GetOk<'/api/v1/merchant/partnerships'>['items'][number];
type NewDeal = BodyOf<'/api/v1/merchant/partnerships', 'post'>;

/** 品牌合作: the creators this shop pays, and the posts labelled 「广告」 under each deal. */
export default function PartnershipsPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const [creating, setCreating] = useState(false);
  const list = useCursorList<Deal>(['merchant', merchantId, 'partnerships'], (cursor) =>
    must(api.GET('/api/v1/merchant/partnerships', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })),
  );
  const columns: TableColumnsType<Deal> = [
    { title: t('合作名称'), dataIndex: 'title', width: 220 },
    {
      title: t('创作者'),
      key: 'creator',
      width: 200,
      render: (_, d) => (
        <Space size={8}>
          <Avatar size="small" src={d.creator.avatarUrl ?? undefined} alt="">
            {d.creator.nickname.slice(0, 1)}
          </Avatar>
          <a href={`/users/${d.creator.id}`} target="_blank" rel="noreferrer" title={d.creator.id}>
            {d.creator.nickname}
          </a>
        </Space>
      ),
    },
    { title: t('合作费用'), key: 'fee', width: 130, align: 'right', render: (_, d) => yuan(d.feeAmount) },
    {
      title: t('带「广告」标识的笔记'),
      key: 'posts',
      render: (_, d) =>
        d.posts.length === 0 ? (
          <Typography.Text type="secondary">{t('创作者发布时关联后显示')}</Typography.Text>
        ) : (
          <Flex vertical gap={2}>
            {d.posts.map((p) => (
              <span key={p.id}>
                <a href={`/posts/${p.id}`} target="_blank" rel="noreferrer">
                  {p.title}
                </a>
                {p.status !== 'published' ? (
                  <span style={{ marginLeft: 6 }}>
                    <StatusTag color="default">{t('未公开')}</StatusTag>
                  </span>
                ) : null}
              </span>
            ))}
          </Flex>
        ),
    },
    { title: t('登记时间'), dataIndex: 'createdAt', width: 150, render: dateTime },
  ];
  return (
    <>
      <PageHeader
        title={t('品牌合作')}
        subtitle={t(
          '登记本店付费给创作者的合作：关联的笔记立即加「广告」标识，创作者不能去除；费用在平台外结算，这里仅登记用于披露。',
        )}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="deal-new">
            {t('登记合作')}
          </Button>
        }
      />
      <CursorTable
        list={list}
        rowKey="id"
        columns={columns}
        tableLayout="fixed"
        caption={t('品牌合作')}
        empty={t('还没有品牌合作')}
      />
      {creating && <NewDealModal onClose={() => setCreating(false)} />}
    </>
  );
}

interface Values {
  creatorId: string;
  title: string;
  feeYuan: number;
  postId?: string;
}

function NewDealModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<{ title: string; detail?: string | undefined } | null>(null);
  const creatorId = (Form.useWatch('creatorId', form) ?? '').trim();
  // The creator's public profile and posts, so the merchant sees who the ID is and can pick the post to label.
  const profile = useQuery({
    queryKey: ['user', creatorId, 'profile'],
    queryFn: () => must(api.GET('/api/v1/users/{id}/profile', { params: { path: { id: creatorId } } })),
    enabled: creatorId.length >= 4,
    retry: false,
  });
  const creatorPosts = useQuery({
    queryKey: ['user', creatorId, 'posts'],
    queryFn: () =>
      must(api.GET('/api/v1/users/{id}/posts', { params: { path: { id: creatorId }, query: { limit: 50 } } })),
    enabled: profile.isSuccess,
  });
  const create = useMutation({
    mutationFn: (body: NewDeal) => must(api.POST('/api/v1/merchant/partnerships', { body })),
    onSuccess: () => {
      notify.success(t('已登记品牌合作'));
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'partnerships'] });
      onClose();
    },
    onError: (err) =>
      setProblem({ title: problemTitle(err), detail: err instanceof ApiError ? err.problem.detail : undefined }),
  });
  return (
    <Modal
      open
      title={t('登记品牌合作')}
      okText={t('登记')}
      cancelText={t('取消')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={problem.title}
          description={problem.detail}
          data-testid="deal-problem"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setProblem(null);
          create.mutate({
            creatorId: v.creatorId.trim(),
            title: v.title.trim(),
            feeAmount: toFen(v.feeYuan),
            ...(v.postId ? { postId: v.postId } : {}),
          });
        }}
      >
        <Form.Item
          name="creatorId"
          label={t('创作者 ID')}
          extra={
            profile.isSuccess
              ? t('{name} · {n} 篇笔记', { name: profile.data.user.nickname, n: profile.data.postCount })
              : profile.isError
                ? t('找不到这位创作者')
                : t('创作者主页地址中的用户 ID（usr_ 开头）')
          }
          validateStatus={profile.isError ? 'warning' : undefined}
          rules={[{ required: true, whitespace: true, message: t('请填写创作者 ID') }]}
        >
          <Input maxLength={64} placeholder="usr_…" data-testid="deal-creator" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('合作名称')}
          rules={[{ required: true, whitespace: true, max: 60, message: t('合作名称 1–60 个字') }]}
        >
          <Input maxLength={60} showCount placeholder={t('例如：秋季新品推广')} />
        </Form.Item>
        <Form.Item
          name="feeYuan"
          label={t('合作费用（元）')}
          extra={t('平台外支付，仅登记用于披露')}
          rules={[{ required: true, message: t('请填写合作费用') }]}
        >
          <InputNumber min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="postId" label={t('关联笔记（可选）')} extra={t('关联后该笔记立即显示「广告」标识')}>
          <Select
            allowClear
            disabled={!profile.isSuccess}
            loading={creatorPosts.isLoading}
            placeholder={profile.isSuccess ? t('选择这位创作者的笔记') : t('先填写创作者 ID')}
            options={(creatorPosts.data?.items ?? []).map((p) => ({
              value: p.id,
              label: p.sponsor ? t('{title}（已有合作）', { title: p.title }) : p.title,
              disabled: p.sponsor !== null,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
