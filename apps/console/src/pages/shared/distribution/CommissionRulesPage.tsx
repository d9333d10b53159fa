import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Table,
  TreeSelect,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, must, problemTitle } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, toFen, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { useCategories } from '../categories.ts';

type Rule = {
  id: string;
  owner: 'merchant' | 'platform';
  scope: 'product' | 'category' | 'default';
  target: string;
  targetName: string;
  rateBp: number;
  capAmount: number | null;
  secondRateBp: number;
  updatedAt: string;
};
type FormValues = {
  scope: Rule['scope'];
  target?: string;
  rate: number;
  cap?: number | null;
  secondRate?: number | null;
};

const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

/** 佣金规则: a merchant's rules for its products and categories, or (operator) the platform defaults. */
export default function CommissionRulesPage({ as }: { as: 'merchant' | 'platform' }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const { treeData } = useCategories();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const scope = Form.useWatch('scope', form);
  const key = ['distribution', as, 'rules'];
  const rules = useQuery({
    queryKey: key,
    queryFn: async () =>
      as === 'merchant'
        ? must(api.GET('/api/v1/merchant/commission-rules'))
        : { ...(await must(api.GET('/api/v1/admin/commission-rules'))), defaults: [] as Rule[] },
  });
  const products = useQuery({
    queryKey: ['distribution', 'rule-products'],
    enabled: as === 'merchant' && open,
    queryFn: async () =>
      (await must(api.GET('/api/v1/merchant/products', { params: { query: { status: 'listed', limit: 100 } } }))).items,
  });
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = {
        scope: v.scope,
        target: v.scope === 'default' ? '*' : (v.target ?? ''),
        rateBp: Math.round(v.rate * 100),
        capAmount: v.cap ? toFen(v.cap) : null,
        secondRateBp: Math.round((v.secondRate ?? 0) * 100),
      };
      return as === 'merchant'
        ? must(api.PUT('/api/v1/merchant/commission-rules', { body }))
        : must(api.PUT('/api/v1/admin/commission-rules', { body }));
    },
    onSuccess: () => {
      notify.success(t('佣金规则已保存'));
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: notify.error,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      as === 'merchant'
        ? must(api.DELETE('/api/v1/merchant/commission-rules/{id}', { params: { path: { id } } }))
        : must(api.DELETE('/api/v1/admin/commission-rules/{id}', { params: { path: { id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
    onError: notify.error,
  });

  const scopeLabel = { product: t('单个商品'), category: t('类目'), default: t('全部商品') };
  const columns = (editable: boolean): TableColumnsType<Rule> => [
    { title: t('适用范围'), key: 'scope', render: (_, r) => scopeLabel[r.scope] },
    {
      title: t('对象'),
      dataIndex: 'targetName',
      key: 'target',
      render: (v: string) => <span className="cell-wrap">{v}</span>,
    },
    { title: t('推广佣金'), key: 'rate', align: 'right', render: (_, r) => pct(r.rateBp) },
    {
      title: t('单件封顶'),
      key: 'cap',
      align: 'right',
      render: (_, r) => (r.capAmount === null ? t('不封顶') : yuan(r.capAmount)),
    },
    {
      title: t('二级佣金'),
      key: 'second',
      align: 'right',
      render: (_, r) => (r.secondRateBp ? pct(r.secondRateBp) : '—'),
    },
    { title: t('更新时间'), key: 'updatedAt', render: (_, r) => dateTime(r.updatedAt) },
    ...(editable
      ? [
          {
            title: t('操作'),
            key: 'actions',
            render: (_: unknown, r: Rule) => (
              <Popconfirm title={t('删除这条规则？')} onConfirm={() => remove.mutate(r.id)}>
                <Button type="link" danger icon={<DeleteOutlined />} aria-label={t('删除')} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={as === 'merchant' ? t('佣金规则') : t('平台默认佣金')}
        subtitle={t(
          '推广者通过「分享赚」链接带来的订单按规则计佣：商品规则优先，其次店铺类目规则、平台类目规则、平台全局默认。佣金在订单过退货期后结算，从商家货款中扣除。',
        )}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="rule-add">
            {t('新增规则')}
          </Button>
        }
      />
      {rules.isError ? (
        <Alert type="error" showIcon role="alert" title={problemTitle(rules.error)} />
      ) : (
        <>
          <Card title={as === 'merchant' ? t('本店规则') : t('平台规则')} style={{ marginBottom: 16 }}>
            <Table<Rule>
              rowKey="id"
              loading={rules.isPending}
              dataSource={rules.data?.items ?? []}
              columns={columns(true)}
              pagination={false}
              locale={{ emptyText: t('还没有规则：没有规则的商品不能推广') }}
            />
          </Card>
          {as === 'merchant' && (
            <Card title={t('平台默认（本店未设置时适用）')}>
              <Table<Rule>
                rowKey="id"
                loading={rules.isPending}
                dataSource={rules.data?.defaults ?? []}
                columns={columns(false)}
                pagination={false}
                locale={{ emptyText: t('平台未设置默认佣金') }}
              />
            </Card>
          )}
        </>
      )}
      <Modal
        title={t('新增佣金规则')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ scope: as === 'merchant' ? 'product' : 'default', rate: 10, secondRate: 0 }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="scope" label={t('适用范围')}>
            <Radio.Group
              options={(as === 'merchant'
                ? (['product', 'category'] as const)
                : (['default', 'category'] as const)
              ).map((s) => ({ value: s, label: scopeLabel[s] }))}
            />
          </Form.Item>
          {scope === 'product' && (
            <Form.Item name="target" label={t('商品')} rules={[{ required: true, message: t('请选择商品') }]}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={products.isPending}
                options={(products.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
              />
            </Form.Item>
          )}
          {scope === 'category' && (
            <Form.Item name="target" label={t('类目')} rules={[{ required: true, message: t('请选择类目') }]}>
              <TreeSelect treeData={treeData} treeDefaultExpandAll />
            </Form.Item>
          )}
          <Form.Item name="rate" label={t('推广佣金比例（%）')} rules={[{ required: true, message: t('请填写比例') }]}>
            <InputNumber min={0} max={50} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="cap" label={t('每件商品封顶（元，可不填）')}>
            <InputNumber min={0.01} step={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="secondRate" label={t('二级佣金比例（%，推广者的邀请人）')} extra={t('两级合计不超过 50%')}>
            <InputNumber min={0} max={20} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
