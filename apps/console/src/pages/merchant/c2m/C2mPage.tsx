import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { api, must } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, toFen, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { ProductSelect, SkuSelect } from '../flashsale/SkuPicker.tsx';
import { useSuppliers, useWarehouses } from '../supply/api.ts';

type Presale = Awaited<ReturnType<typeof fetchPresales>>['items'][number];
const fetchPresales = () => must(api.GET('/api/v1/merchant/c2m/presales'));
const STATUS = {
  funding: { label: '众筹中', color: 'processing' },
  succeeded: { label: '已达标 · 已下生产单', color: 'success' },
  failed: { label: '未达标 · 已全部退款', color: 'default' },
} as const;

/** Pre-sale campaigns: the shop's own, or (operator) every shop's. */
export function PresaleTable({ platform = false }: { platform?: boolean }) {
  const t = useT();
  const list = useQuery({ queryKey: ['c2m', 'presales', platform], queryFn: fetchPresales, refetchInterval: 10_000 });
  return (
    <Table<Presale>
      rowKey="id"
      loading={list.isPending}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: list.isError ? t('加载失败，请刷新重试') : t('还没有预售') }}
      pagination={false}
      data-testid="presale-table"
      columns={[
        { title: t('预售'), render: (_, p) => <Typography.Text strong>{p.title}</Typography.Text> },
        ...(platform ? [{ title: t('店铺'), dataIndex: 'merchantName' }] : []),
        { title: t('预售价'), render: (_, p) => `¥${yuan(p.price)}` },
        {
          title: t('进度'),
          width: 220,
          render: (_, p) => (
            <>
              <Progress percent={Math.min(100, p.progressPercent)} size="small" showInfo={false} />
              {t('{n} / {target} 件（{pct}%），{b} 人', {
                n: p.paidQty,
                target: p.targetQty,
                pct: p.progressPercent,
                b: p.backers,
              })}
            </>
          ),
        },
        { title: t('截止'), render: (_, p) => dateTime(p.deadline) },
        { title: t('承诺发货'), render: (_, p) => dateTime(p.deliverBy) },
        {
          title: t('状态'),
          render: (_, p) => (
            <Space direction="vertical" size={0}>
              <Tag color={STATUS[p.status].color}>{t(STATUS[p.status].label)}</Tag>
              {p.poId && <Typography.Text type="secondary">{t('生产单 {id}', { id: p.poId })}</Typography.Text>}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** 商家 C2M: demand by category, design votes, creating pre-sales and watching them. */
export default function C2mPage() {
  const t = useT();
  return (
    <>
      <PageHeader
        title={t('C2M 反向定制')}
        subtitle={t('看需求、发起设计投票、众筹预售：达标才生产，未达标自动退款')}
      />
      <Row gutter={16}>
        <Col span={10}>
          <Demand />
        </Col>
        <Col span={14}>
          <DesignVotes />
        </Col>
      </Row>
      <CreatePresale />
      <Card title={t('预售活动')} style={{ marginTop: 16 }}>
        <PresaleTable />
      </Card>
    </>
  );
}

function Demand() {
  const t = useT();
  const demand = useQuery({
    queryKey: ['c2m', 'demand'],
    queryFn: () => must(api.GET('/api/v1/merchant/c2m/demand')),
  });
  return (
    <Card title={t('需求池（按类目，票数从高到低）')} loading={demand.isPending} data-testid="demand">
      {demand.isError ? (
        <Typography.Text type="danger">{t('加载失败，请刷新重试')}</Typography.Text>
      ) : (demand.data?.items.length ?? 0) === 0 ? (
        <Typography.Text type="secondary">{t('还没有消费者提出需求')}</Typography.Text>
      ) : (
        demand.data!.items.map((c) => (
          <div key={c.categoryId} style={{ marginBottom: 12 }}>
            <Typography.Text strong>
              {c.categoryPath} · {t('{n} 票', { n: c.votes })}
            </Typography.Text>
            <List
              size="small"
              dataSource={c.proposals}
              renderItem={(p) => (
                <List.Item extra={<Tag color="red">{t('{n} 票', { n: p.voteCount })}</Tag>}>
                  {p.title} {p.variant && <Tag>{p.variant}</Tag>}
                </List.Item>
              )}
            />
          </div>
        ))
      )}
    </Card>
  );
}

interface DesignForm {
  title: string;
  categoryId: string;
  closesAt: Dayjs;
  options: string;
}

function DesignVotes() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<DesignForm>();
  const votes = useQuery({
    queryKey: ['c2m', 'design-votes'],
    queryFn: () => must(api.GET('/api/v1/merchant/c2m/design-votes')),
  });
  const categories = useQuery({
    queryKey: ['categories'],
    queryFn: async () => (await must(api.GET('/api/v1/categories'))).items,
  });
  const open = useMutation({
    mutationFn: (v: DesignForm) =>
      must(
        api.POST('/api/v1/merchant/c2m/design-votes', {
          body: {
            title: v.title,
            categoryId: v.categoryId,
            closesAt: v.closesAt.toISOString(),
            options: v.options
              .split(/[\n,，、]/)
              .map((s) => s.trim())
              .filter(Boolean)
              .map((label) => ({ label })),
          },
        }),
      ),
    onSuccess: () => {
      notify.success(t('设计投票已发起'));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['c2m', 'design-votes'] });
    },
    onError: notify.error,
  });
  return (
    <Card title={t('设计投票')}>
      <Form form={form} layout="inline" onFinish={(v: DesignForm) => open.mutate(v)} style={{ rowGap: 8 }}>
        <Form.Item name="title" rules={[{ required: true, message: t('请填写标题') }]}>
          <Input placeholder={t('投票标题')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="categoryId" rules={[{ required: true, message: t('请选择类目') }]}>
          <Select
            placeholder={t('类目')}
            style={{ width: 120 }}
            options={(categories.data ?? []).map((c) => ({ label: c.name, value: c.id }))}
          />
        </Form.Item>
        <Form.Item name="options" rules={[{ required: true, message: t('填写 2–6 个方案') }]}>
          <Input placeholder={t('方案，用逗号分隔（2–6 个）')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="closesAt" rules={[{ required: true, message: t('请选择截止时间') }]}>
          <DatePicker showTime placeholder={t('截止时间')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={open.isPending}>
          {t('发起投票')}
        </Button>
      </Form>
      <List
        style={{ marginTop: 12 }}
        loading={votes.isPending}
        locale={{ emptyText: t('还没有设计投票') }}
        dataSource={votes.data?.items ?? []}
        renderItem={(v) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space>
                  {v.title}
                  <Tag color={v.closed ? 'default' : 'processing'}>
                    {v.closed ? t('已截止') : t('进行中，截止 {at}', { at: dateTime(v.closesAt) })}
                  </Tag>
                </Space>
              }
              description={v.options
                .map(
                  (o) =>
                    `${o.label}${o.votes === null ? '' : ` ${o.votes}`}${v.winnerOptionId === o.id ? ` ✓${t('胜出')}` : ''}`,
                )
                .join(' · ')}
            />
            <Typography.Text type="secondary">{t('{n} 人投票', { n: v.ballots })}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

interface PresaleForm {
  productId: string;
  skuId: string;
  title?: string;
  designVoteId?: string;
  price: number;
  minBatch: number;
  targetPercent: number;
  deadline: Dayjs;
  deliverBy: Dayjs;
  supplierId: string;
  warehouseId: string;
}

function CreatePresale() {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const merchantId = useMerchantId();
  const [form] = Form.useForm<PresaleForm>();
  const productId = Form.useWatch('productId', form);
  const suppliers = useSuppliers(merchantId);
  const warehouses = useWarehouses(merchantId);
  const votes = useQuery({
    queryKey: ['c2m', 'design-votes'],
    queryFn: () => must(api.GET('/api/v1/merchant/c2m/design-votes')),
  });
  const create = useMutation({
    mutationFn: (v: PresaleForm) =>
      must(
        api.POST('/api/v1/merchant/c2m/presales', {
          body: {
            skuId: v.skuId,
            ...(v.title ? { title: v.title } : {}),
            ...(v.designVoteId ? { designVoteId: v.designVoteId } : {}),
            price: toFen(v.price),
            minBatch: v.minBatch,
            targetPercent: v.targetPercent,
            deadline: v.deadline.toISOString(),
            deliverBy: v.deliverBy.toISOString(),
            supplierId: v.supplierId,
            warehouseId: v.warehouseId,
          },
        }),
      ),
    onSuccess: (p) => {
      notify.success(t('预售「{title}」已上线，目标 {n} 件', { title: p.title, n: p.targetQty }));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['c2m', 'presales'] });
    },
    onError: notify.error,
  });
  return (
    <Card title={t('创建众筹预售')} style={{ marginTop: 16 }} data-testid="create-presale">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ targetPercent: 120 }}
        onFinish={(v: PresaleForm) => create.mutate(v)}
      >
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="productId" label={t('商品')} rules={[{ required: true, message: t('请选择商品') }]}>
              <ProductSelect />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="skuId" label={t('预售规格')} rules={[{ required: true, message: t('请选择规格') }]}>
              <SkuSelect productId={productId} onFacts={() => undefined} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="designVoteId" label={t('来自设计投票（可选）')}>
              <Select
                allowClear
                options={(votes.data?.items ?? [])
                  .filter((v) => v.closed && v.winnerOptionId)
                  .map((v) => ({ label: v.title, value: v.id }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="title" label={t('预售标题（可选）')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="price" label={t('预售价（元）')} rules={[{ required: true, message: t('请填写价格') }]}>
              <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="minBatch" label={t('最小起订量')} rules={[{ required: true, message: t('请填写数量') }]}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="targetPercent" label={t('目标（起订量的 %）')}>
              <InputNumber min={100} max={500} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="deadline" label={t('众筹截止')} rules={[{ required: true, message: t('请选择时间') }]}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="deliverBy"
              label={t('承诺发货日期')}
              rules={[{ required: true, message: t('请选择时间') }]}
            >
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="supplierId"
              label={t('生产供应商')}
              rules={[{ required: true, message: t('请选择供应商') }]}
            >
              <Select
                loading={suppliers.isPending}
                options={(suppliers.data ?? []).map((s) => ({ label: s.name, value: s.id }))}
                notFoundContent={t('请先在「供应商」页添加供应商')}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="warehouseId" label={t('入库仓库')} rules={[{ required: true, message: t('请选择仓库') }]}>
              <Select
                loading={warehouses.isPending}
                options={(warehouses.data?.items ?? []).map((w) => ({ label: w.name, value: w.id }))}
                notFoundContent={t('请先在「仓库与库存」页建立仓库')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="create-presale-submit">
          {t('上线预售')}
        </Button>
      </Form>
    </Card>
  );
}
