import { SearchOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Form, Image, Input, Modal, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, must, type GetOk, type QueryOf } from '../../api/client.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';

type AdminPost = GetOk<'/api/v1/admin/posts'>['items'][number];
type Status = AdminPost['status'];
type Filters = Pick<QueryOf<'/api/v1/admin/posts'>, 'q' | 'author' | 'status'>;

const STATUS: Record<Status, { label: MessageKey; color: string }> = {
  published: { label: '已发布', color: 'green' },
  pending_review: { label: '审核中', color: 'orange' },
  rejected: { label: '未通过', color: 'red' },
  removed: { label: '已下架', color: 'red' },
  deleted: { label: '作者已删除', color: 'default' },
};
const KIND: Record<AdminPost['kind'], MessageKey> = { image_text: '图文', video: '视频', review: '测评' };

/** 内容管理: every post on the platform, searchable, with 下架 / 恢复 that records the reason as a moderation decision. */
export default function ContentPostsPage() {
  const t = useT();
  const [filters, setFilters] = useState<Filters>({});
  const [acting, setActing] = useState<{ post: AdminPost; action: 'hide' | 'restore' } | null>(null);
  const list = useCursorList<AdminPost>(['platform', 'posts', filters], (cursor) =>
    must(
      api.GET('/api/v1/admin/posts', { params: { query: { ...filters, limit: 20, ...(cursor ? { cursor } : {}) } } }),
    ),
  );
  const columns: TableColumnsType<AdminPost> = [
    {
      title: t('笔记'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <Flex gap={12} align="flex-start">
          {r.coverUrl ? (
            <Image src={r.coverUrl} width={56} height={56} style={{ objectFit: 'cover', borderRadius: 4 }} alt="" />
          ) : null}
          <Space direction="vertical" size={2} style={{ minWidth: 0, flex: 1 }}>
            <a href={`/posts/${r.id}`} target="_blank" rel="noreferrer">
              {title}
            </a>
            <Typography.Text type="secondary" ellipsis style={{ display: 'block' }}>
              {r.excerpt || '—'}
            </Typography.Text>
            <Space size={4} wrap>
              <StatusTag color="blue">{t(KIND[r.kind])}</StatusTag>
              {r.sponsored && <StatusTag color="gold">{t('广告')}</StatusTag>}
              {r.verifiedPurchase && <StatusTag color="cyan">{t('晒单')}</StatusTag>}
            </Space>
          </Space>
        </Flex>
      ),
    },
    {
      title: t('作者'),
      key: 'author',
      width: 130,
      render: (_, r) => <span title={r.author.id}>{r.author.nickname}</span>,
    },
    {
      title: t('数据'),
      key: 'stats',
      width: 170,
      render: (_, r) => (
        <Typography.Text type="secondary">
          {t('浏览 {v} · 赞 {l} · 评 {c}', { v: r.views, l: r.likes, c: r.comments })}
        </Typography.Text>
      ),
    },
    {
      title: t('状态'),
      dataIndex: 'status',
      width: 230,
      render: (s: Status, r) => (
        <>
          <StatusTag color={STATUS[s].color} testId="post-status">
            {t(STATUS[s].label)}
          </StatusTag>
          {r.lastDecision && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
              {t(r.lastDecision.action === 'hide' ? '下架：{reason}' : '恢复：{reason}', {
                reason: r.lastDecision.reason,
              })}
              <br />
              {dateTime(r.lastDecision.at)}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { title: t('发布时间'), dataIndex: 'createdAt', width: 140, render: dateTime },
    {
      title: t('操作'),
      key: 'actions',
      width: 90,
      render: (_, r) =>
        r.status === 'published' || r.status === 'pending_review' ? (
          <Button size="small" danger onClick={() => setActing({ post: r, action: 'hide' })} data-testid="post-hide">
            {t('下架')}
          </Button>
        ) : r.status === 'removed' || r.status === 'rejected' ? (
          <Button size="small" onClick={() => setActing({ post: r, action: 'restore' })} data-testid="post-restore">
            {t('恢复')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('内容管理')}
        subtitle={t(
          '平台全部笔记：按标题或正文搜索，按作者（用户 ID 或手机号）和状态筛选；下架与恢复须填写原因，记入审核记录。',
        )}
      />
      <Form
        layout="inline"
        onFinish={(v: Filters) =>
          setFilters({
            ...(v.q ? { q: v.q } : {}),
            ...(v.author ? { author: v.author } : {}),
            ...(v.status ? { status: v.status } : {}),
          })
        }
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="q">
          <Input
            prefix={<SearchOutlined />}
            placeholder={t('搜索标题或正文')}
            allowClear
            maxLength={50}
            style={{ width: 260 }}
            data-testid="posts-search"
          />
        </Form.Item>
        <Form.Item name="author">
          <Input placeholder={t('作者 ID 或手机号')} allowClear maxLength={64} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="status">
          <Select
            placeholder={t('全部状态')}
            allowClear
            style={{ width: 140 }}
            options={(Object.keys(STATUS) as Status[]).map((s) => ({ value: s, label: t(STATUS[s].label) }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('查询')}
          </Button>
        </Form.Item>
      </Form>
      <CursorTable
        list={list}
        rowKey="id"
        columns={columns}
        tableLayout="fixed"
        caption={t('内容管理')}
        empty={t('没有符合条件的笔记')}
      />
      {acting && <DecisionModal post={acting.post} action={acting.action} onClose={() => setActing(null)} />}
    </>
  );
}

function DecisionModal({
  post,
  action,
  onClose,
}: {
  post: AdminPost;
  action: 'hide' | 'restore';
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useMutation({
    mutationFn: (reason: string) =>
      must(
        api.POST('/api/v1/admin/posts/{id}/visibility', {
          params: { path: { id: post.id } },
          body: { action, reason },
        }),
      ),
    onSuccess: () => {
      notify.success(action === 'hide' ? t('已下架，笔记不再展示') : t('已恢复，笔记重新公开'));
      void qc.invalidateQueries({ queryKey: ['platform', 'posts'] });
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open
      title={
        action === 'hide'
          ? t('下架笔记「{title}」', { title: post.title })
          : t('恢复笔记「{title}」', { title: post.title })
      }
      okText={action === 'hide' ? t('下架') : t('恢复')}
      okButtonProps={{ danger: action === 'hide' }}
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => decide.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('原因（记入审核记录）')}
          rules={[
            { required: true, whitespace: true, message: t('请填写原因') },
            { min: 2, max: 200, message: t('原因为 2–200 个字') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="decision-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
