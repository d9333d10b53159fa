import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, must, newIdempotencyKey } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { type Movement, type StockItem, supplyKeys, useStock, useWarehouses } from './api.ts';
import { ConcentrationBanner } from './ConcentrationBanner.tsx';

const KIND = {
  opening: { label: '期初', color: 'default' },
  receipt: { label: '采购入库', color: 'green' },
  sale: { label: '销售出库', color: 'blue' },
  return: { label: '退货/取消回库', color: 'cyan' },
  adjustment: { label: '库存调整', color: 'orange' },
  transfer_out: { label: '调拨出库', color: 'purple' },
  transfer_in: { label: '调拨入库', color: 'purple' },
  stocktake: { label: '盘点差异', color: 'red' },
} as const;

/** 仓库与库存: stock per warehouse beside the sellable figure, the journal, transfers and stock-takes. */
export default function WarehousesPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const stock = useStock(merchantId);
  const warehouses = useWarehouses(merchantId);
  const [journalOf, setJournalOf] = useState<string>();
  const journal = useQuery({
    queryKey: supplyKeys.movements(merchantId, journalOf),
    queryFn: () =>
      must(
        api.GET('/api/v1/merchant/supply/movements', {
          params: { query: { limit: 100, ...(journalOf ? { warehouseId: journalOf } : {}) } },
        }),
      ),
  });
  const [modal, setModal] = useState<'warehouse' | 'transfer' | 'stocktake'>();
  const [form] = Form.useForm();
  const done = (text: string) => {
    notify.success(text);
    setModal(undefined);
    form.resetFields();
    void qc.invalidateQueries({ queryKey: supplyKeys.all(merchantId) });
  };
  const submit = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      const header = { 'idempotency-key': newIdempotencyKey() };
      if (modal === 'warehouse')
        return must(
          api.POST('/api/v1/merchant/supply/warehouses', {
            body: { name: v.name as string, province: v.province as string },
          }),
        );
      if (modal === 'transfer')
        return must(
          api.POST('/api/v1/merchant/supply/transfers', {
            params: { header },
            body: {
              fromWarehouseId: v.fromWarehouseId as string,
              toWarehouseId: v.toWarehouseId as string,
              lines: [{ skuId: v.skuId as string, qty: v.qty as number }],
            },
          }),
        );
      return must(
        api.POST('/api/v1/merchant/supply/stock-takes', {
          params: { header },
          body: {
            warehouseId: v.warehouseId as string,
            lines: [{ skuId: v.skuId as string, counted: v.counted as number }],
          },
        }),
      );
    },
    onSuccess: () =>
      done(modal === 'warehouse' ? t('仓库已建立') : modal === 'transfer' ? t('调拨已完成') : t('盘点已记录')),
    onError: notify.error,
  });

  const houses = stock.data?.warehouses ?? [];
  const houseName = new Map(houses.map((w) => [w.id, w.name]));
  const skuName = new Map((stock.data?.items ?? []).map((s) => [s.skuId, `${s.productTitle} · ${s.specText}`]));
  const columns: TableColumnsType<StockItem> = [
    {
      title: t('商品规格'),
      key: 'sku',
      render: (_, s) => (
        <div className="cell-wrap" style={{ maxWidth: 320 }}>
          {s.productTitle}
          <div style={{ color: '#888', fontSize: 12 }}>{s.specText}</div>
        </div>
      ),
    },
    ...houses.map((w) => ({
      title: w.name,
      key: w.id,
      align: 'right' as const,
      render: (_: unknown, s: StockItem) => s.perWarehouse[w.id] ?? 0,
    })),
    { title: t('在库合计'), dataIndex: 'onHand', align: 'right' },
    {
      title: t('可售库存'),
      key: 'sellable',
      align: 'right',
      render: (_, s) =>
        s.sellable === s.onHand ? s.sellable : <Tag color="orange">{t('{n}（待同步）', { n: s.sellable })}</Tag>,
    },
  ];
  const movementColumns: TableColumnsType<Movement> = [
    { title: t('时间'), key: 'at', render: (_, m) => dateTime(m.createdAt) },
    { title: t('仓库'), key: 'w', render: (_, m) => houseName.get(m.warehouseId) ?? m.warehouseId },
    { title: t('商品规格'), key: 's', render: (_, m) => skuName.get(m.skuId) ?? m.skuId },
    { title: t('类型'), key: 'k', render: (_, m) => <Tag color={KIND[m.kind].color}>{t(KIND[m.kind].label)}</Tag> },
    { title: t('数量'), key: 'q', align: 'right', render: (_, m) => (m.qty > 0 ? `+${m.qty}` : m.qty) },
    { title: t('结存'), dataIndex: 'onHandAfter', align: 'right' },
    { title: t('批次'), key: 'b', render: (_, m) => m.batchNo ?? '—' },
    { title: t('说明'), key: 'n', render: (_, m) => m.note ?? '—' },
  ];
  const houseOptions = houses.map((w) => ({ value: w.id, label: `${w.name}（${w.province}）` }));
  const skuOptions = [...skuName].map(([value, label]) => ({ value, label }));

  return (
    <>
      <PageHeader
        title={t('仓库与库存')}
        subtitle={t('各仓在库合计等于可售库存；订单按收货省份从最近的有货仓库发货，每一笔出入库都记入流水')}
        extra={
          <Space>
            <Button onClick={() => setModal('transfer')} disabled={houses.length < 2}>
              {t('调拨')}
            </Button>
            <Button onClick={() => setModal('stocktake')} disabled={houses.length === 0}>
              {t('盘点')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('warehouse')}>
              {t('新建仓库')}
            </Button>
          </Space>
        }
      />
      <ConcentrationBanner />
      <Card>
        <Tabs
          items={[
            {
              key: 'stock',
              label: t('分仓库存'),
              children: (
                <Table
                  rowKey="skuId"
                  size="small"
                  columns={columns}
                  dataSource={stock.data?.items ?? []}
                  loading={stock.isLoading}
                  pagination={{ pageSize: 12, hideOnSinglePage: true }}
                />
              ),
            },
            {
              key: 'journal',
              label: t('库存流水'),
              children: (
                <>
                  <Select
                    allowClear
                    placeholder={t('全部仓库')}
                    style={{ width: 220, marginBottom: 12 }}
                    options={houseOptions}
                    value={journalOf}
                    onChange={setJournalOf}
                  />
                  <Table
                    rowKey="id"
                    size="small"
                    columns={movementColumns}
                    dataSource={journal.data?.items ?? []}
                    loading={journal.isLoading}
                    pagination={{ pageSize: 15, hideOnSinglePage: true }}
                  />
                </>
              ),
            },
            {
              key: 'warehouses',
              label: t('仓库'),
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={warehouses.data?.items ?? []}
                  columns={[
                    {
                      title: t('仓库'),
                      key: 'n',
                      render: (_, w) =>
                        w.isDefault ? (
                          <Space>
                            {w.name}
                            <Tag>{t('默认仓')}</Tag>
                          </Space>
                        ) : (
                          w.name
                        ),
                    },
                    { title: t('省份'), dataIndex: 'province' },
                    { title: t('区域'), dataIndex: 'region' },
                    { title: t('建立时间'), key: 'c', render: (_, w) => dateTime(w.createdAt) },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={modal !== undefined}
        title={modal === 'warehouse' ? t('新建仓库') : modal === 'transfer' ? t('调拨') : t('盘点')}
        onCancel={() => setModal(undefined)}
        onOk={() => void form.validateFields().then((v: Record<string, unknown>) => submit.mutate(v))}
        confirmLoading={submit.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {modal === 'warehouse' && (
            <>
              <Form.Item name="name" label={t('名称')} rules={[{ required: true, message: t('请填写名称') }]}>
                <Input maxLength={60} placeholder={t('如 华北分仓')} />
              </Form.Item>
              <Form.Item name="province" label={t('省份')} rules={[{ required: true, message: t('请选择省份') }]}>
                <Select showSearch options={(warehouses.data?.provinces ?? []).map((p) => ({ value: p, label: p }))} />
              </Form.Item>
            </>
          )}
          {modal === 'transfer' && (
            <>
              <Form.Item
                name="fromWarehouseId"
                label={t('调出仓')}
                rules={[{ required: true, message: t('请选择仓库') }]}
              >
                <Select options={houseOptions} />
              </Form.Item>
              <Form.Item
                name="toWarehouseId"
                label={t('调入仓')}
                rules={[{ required: true, message: t('请选择仓库') }]}
              >
                <Select options={houseOptions} />
              </Form.Item>
            </>
          )}
          {modal === 'stocktake' && (
            <Form.Item name="warehouseId" label={t('盘点仓库')} rules={[{ required: true, message: t('请选择仓库') }]}>
              <Select options={houseOptions} />
            </Form.Item>
          )}
          {(modal === 'transfer' || modal === 'stocktake') && (
            <Form.Item name="skuId" label={t('商品规格')} rules={[{ required: true, message: t('请选择规格') }]}>
              <Select showSearch optionFilterProp="label" options={skuOptions} />
            </Form.Item>
          )}
          {modal === 'transfer' && (
            <Form.Item name="qty" label={t('数量')} rules={[{ required: true, message: t('请填写数量') }]}>
              <InputNumber min={1} />
            </Form.Item>
          )}
          {modal === 'stocktake' && (
            <Form.Item name="counted" label={t('实盘数量')} rules={[{ required: true, message: t('请填写实盘数量') }]}>
              <InputNumber min={0} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
