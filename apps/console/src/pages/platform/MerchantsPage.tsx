import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Avatar,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, must, type BodyOf } from '../../api/client.ts';
import type { AdminMerchant, MerchantStatus } from '../../api/types.ts';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { formErrorsOf } from '../merchant/products/fieldErrors.ts';
import { OperatorDepositDrawer } from '../trust/OperatorDepositDrawer.tsx';
import { CreditScoreModal } from './CreditScoreModal.tsx';

type CreateBody = BodyOf<'/api/v1/admin/merchants', 'post'>;
const STATUSES: (MerchantStatus | 'all')[] = ['all', 'active', 'suspended'];

function CreateMerchantModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<CreateBody>();
  const create = useMutation({
    mutationFn: (body: CreateBody) => must(api.POST('/api/v1/admin/merchants', { body })),
    onSuccess: (m) => {
      notify.success(t('已开设商家「{name}」', { name: m.name }));
      void qc.invalidateQueries({ queryKey: ['platform', 'merchants'] });
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      const fields = formErrorsOf<CreateBody>(err);
      if (fields.length > 0) form.setFields(fields);
      notify.error(err);
    },
  });
  return (
    <Modal
      title={t('开设商家')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('开设')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          create.mutate({
            ...v,
            description: v.description ?? '',
            ...(v.ownerNickname ? {} : { ownerNickname: undefined }),
          })
        }
      >
        <Form.Item
          name="name"
          label={t('店铺名称')}
          rules={[
            { required: true, whitespace: true, message: t('请填写店铺名称') },
            { min: 2, max: 30, message: t('店铺名称为 2–30 个字') },
          ]}
        >
          <Input maxLength={30} data-testid="merchant-name" />
        </Form.Item>
        <Form.Item
          name="ownerPhone"
          label={t('店主手机号')}
          extra={t('已注册的手机号直接成为店主；新手机号会自动注册，店主用验证码登录。')}
          rules={[
            { required: true, message: t('请填写店主手机号') },
            { pattern: /^1[3-9]\d{9}$/, message: t('请输入 11 位手机号') },
          ]}
        >
          <Input inputMode="numeric" maxLength={11} data-testid="merchant-owner-phone" />
        </Form.Item>
        <Form.Item
          name="ownerNickname"
          label={t('店主昵称（新账号时使用，选填）')}
          rules={[{ max: 20, message: t('昵称最多 20 个字') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('店铺简介（选填）')}
          rules={[{ max: 500, message: t('店铺简介最多 500 字') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function MerchantsPage() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [creating, setCreating] = useState(false);
  const [scoring, setScoring] = useState<AdminMerchant | null>(null);
  const [governing, setGoverning] = useState<AdminMerchant | null>(null);
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status')) ?? 'all';
  const q = params.get('q') ?? '';
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value && value !== 'all') next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const list = useCursorList(['platform', 'merchants', status, q], (cursor) =>
    must(
      api.GET('/api/v1/admin/merchants', {
        params: {
          query: {
            limit: 20,
            ...(cursor ? { cursor } : {}),
            ...(status !== 'all' ? { status } : {}),
            ...(q ? { q } : {}),
          },
        },
      }),
    ),
  );
  const setStatus = useMutation({
    mutationFn: ({ id, suspend }: { id: string; suspend: boolean }) =>
      suspend
        ? must(api.POST('/api/v1/admin/merchants/{id}/suspend', { params: { path: { id } } }))
        : must(api.POST('/api/v1/admin/merchants/{id}/reactivate', { params: { path: { id } } })),
    onSuccess: (m) => {
      notify.success(
        m.status === 'suspended'
          ? t('已暂停「{name}」营业', { name: m.name })
          : t('已恢复「{name}」营业', { name: m.name }),
      );
      void qc.invalidateQueries({ queryKey: ['platform', 'merchants'] });
    },
    onError: notify.error,
  });

  const columns: TableColumnsType<AdminMerchant> = [
    {
      title: t('商家'),
      key: 'name',
      render: (_, m) => (
        <Space>
          <Avatar shape="square" src={m.logoUrl ?? undefined} alt="">
            {m.name.slice(0, 1)}
          </Avatar>
          <div>
            <div>{m.name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.id}
            </Typography.Text>
          </div>
        </Space>
      ),
    },
    {
      title: t('状态'),
      key: 'status',
      render: (_, m) => (
        <StatusTag color={m.status === 'active' ? 'green' : 'red'} testId="merchant-status">
          {m.status === 'active' ? t('营业中') : t('已暂停')}
        </StatusTag>
      ),
    },
    {
      title: t('在售 / 全部商品'),
      key: 'products',
      align: 'right',
      render: (_, m) => `${m.productCount} / ${m.totalProductCount}`,
    },
    {
      title: t('评分'),
      key: 'rating',
      align: 'right',
      render: (_, m) =>
        m.rating.average == null ? '—' : t('{avg}（{n} 条）', { avg: m.rating.average.toFixed(1), n: m.rating.count }),
    },
    {
      title: t('信用分'),
      key: 'creditScore',
      align: 'right',
      render: (_, m) => (
        <Button
          type="link"
          size="small"
          onClick={() => setScoring(m)}
          aria-label={t('调整「{name}」的信用分', { name: m.name })}
          data-testid="merchant-credit-score"
        >
          {m.creditScore}
        </Button>
      ),
    },
    { title: t('开设时间'), key: 'createdAt', render: (_, m) => dateTime(m.createdAt) },
    {
      title: t('操作'),
      key: 'actions',
      render: (_, m) => (
        <Space size="small">
          <Link to={`/platform/orders?merchantId=${encodeURIComponent(m.id)}`}>{t('订单')}</Link>
          <Button size="small" type="link" onClick={() => setGoverning(m)} data-testid="merchant-deposit">
            {t('保证金与处罚')}
          </Button>
          {m.status === 'active' ? (
            <Popconfirm
              title={t('暂停「{name}」营业？', { name: m.name })}
              description={t('暂停后店铺和商品对买家隐藏，买家无法下单；已有订单照常履约。')}
              okText={t('暂停营业')}
              okButtonProps={{ danger: true }}
              onConfirm={() => setStatus.mutate({ id: m.id, suspend: true })}
            >
              <Button size="small" danger data-testid="merchant-suspend">
                {t('暂停营业')}
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t('恢复「{name}」营业？', { name: m.name })}
              okText={t('恢复营业')}
              onConfirm={() => setStatus.mutate({ id: m.id, suspend: false })}
            >
              <Button size="small" data-testid="merchant-reactivate">
                {t('恢复营业')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('商家管理')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="merchant-create"
          >
            {t('开设商家')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap className="filter-bar" role="search" aria-label={t('筛选商家')}>
          <Segmented
            aria-label={t('商家状态')}
            value={status}
            onChange={(v) => setFilter('status', v)}
            options={STATUSES.map((s) => ({
              value: s,
              label: s === 'all' ? t('全部') : s === 'active' ? t('营业中') : t('已暂停'),
            }))}
          />
          <Input.Search
            aria-label={t('搜索商家')}
            placeholder={t('店铺名称')}
            allowClear
            defaultValue={q}
            style={{ width: 240 }}
            onSearch={(v) => setFilter('q', v.trim())}
          />
        </Flex>
        <CursorTable<AdminMerchant>
          list={list}
          rowKey="id"
          columns={columns}
          caption={t('商家列表')}
          empty={status === 'all' && !q ? t('还没有商家，点击「开设商家」添加') : t('没有符合筛选条件的商家')}
          onRow={(m) => ({ 'data-testid': 'merchant-row', 'data-merchant-id': m.id }) as HTMLAttributes<HTMLElement>}
          scroll={{ x: 1000 }}
        />
      </Card>
      <CreateMerchantModal open={creating} onClose={() => setCreating(false)} />
      <CreditScoreModal merchant={scoring} onClose={() => setScoring(null)} />
      <OperatorDepositDrawer merchant={governing} onClose={() => setGoverning(null)} />
    </>
  );
}
