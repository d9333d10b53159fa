import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popover,
  QRCode,
  Select,
  Space,
  Table,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, must, newIdempotencyKey } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, toFen, yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { type PoDetail, type PoRow, supplyKeys, useStock, useSuppliers, useWarehouses } from './api.ts';
import { ConcentrationBanner } from './ConcentrationBanner.tsx';

const STATUS = {
  draft: { label: '草稿', color: 'default' },
  sent: { label: '已发送', color: 'blue' },
  partially_received: { label: '部分到货', color: 'orange' },
  received: { label: '已到货', color: 'green' },
  closed: { label: '已关闭', color: 'default' },
} as const;

/** 采购单: draft → sent → partially received → received / closed, with receiving into a warehouse by lot. */
export default function PurchaseOrdersPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const list = useQuery({
    queryKey: supplyKeys.pos(merchantId),
    queryFn: async () => (await must(api.GET('/api/v1/merchant/supply/purchase-orders'))).items,
  });
  const suppliers = useSuppliers(merchantId);
  const warehouses = useWarehouses(merchantId);
  const stock = useStock(merchantId);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string>();
  const [form] = Form.useForm<{
    supplierId: string;
    warehouseId: string;
    note?: string;
    lines: { skuId: string; qty: number; unitCostYuan?: number }[];
  }>();

  const create = useMutation({
    mutationFn: (v: {
      supplierId: string;
      warehouseId: string;
      note?: string;
      lines: { skuId: string; qty: number; unitCostYuan?: number }[];
    }) =>
      must(
        api.POST('/api/v1/merchant/supply/purchase-orders', {
          body: {
            supplierId: v.supplierId,
            warehouseId: v.warehouseId,
            ...(v.note ? { note: v.note } : {}),
            lines: v.lines.map((l) => ({
              skuId: l.skuId,
              qty: l.qty,
              ...(l.unitCostYuan !== undefined ? { unitCost: toFen(l.unitCostYuan) } : {}),
            })),
          },
        }),
      ),
    onSuccess: (po) => {
      notify.success(t('采购单已创建（草稿）'));
      setCreating(false);
      form.resetFields();
      setOpenId(po.id);
      void qc.invalidateQueries({ queryKey: supplyKeys.pos(merchantId) });
    },
    onError: notify.error,
  });

  const columns: TableColumnsType<PoRow> = [
    {
      title: t('采购单'),
      key: 'id',
      render: (_, p) => <a onClick={() => setOpenId(p.id)}>{p.id.slice(-8).toUpperCase()}</a>,
    },
    { title: t('供应商'), dataIndex: 'supplierName' },
    { title: t('收货仓'), dataIndex: 'warehouseName' },
    { title: t('金额'), key: 'cost', align: 'right', render: (_, p) => yuan(p.totalCost) },
    {
      title: t('状态'),
      key: 'status',
      render: (_, p) => <StatusTag color={STATUS[p.status].color}>{t(STATUS[p.status].label)}</StatusTag>,
    },
    { title: t('备注'), dataIndex: 'note' },
    { title: t('创建时间'), key: 'at', render: (_, p) => dateTime(p.createdAt) },
  ];
  const skuOptions = (stock.data?.items ?? []).map((s) => ({
    value: s.skuId,
    label: `${s.productTitle} · ${s.specText}`,
  }));

  return (
    <>
      <PageHeader
        title={t('采购单')}
        subtitle={t('向供应商下单，到货后按批次收货入库；合格数量计入可售库存')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('新建采购单')}
          </Button>
        }
      />
      <ConcentrationBanner />
      <Card>
        <Table
          rowKey="id"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.isLoading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Card>
      <Modal
        open={creating}
        width={760}
        title={t('新建采购单')}
        onCancel={() => setCreating(false)}
        onOk={() => void form.validateFields().then((v) => create.mutate(v))}
        confirmLoading={create.isPending}
      >
        <Form form={form} layout="vertical" initialValues={{ lines: [{}] }}>
          <Space size="large">
            <Form.Item name="supplierId" label={t('供应商')} rules={[{ required: true, message: t('请选择供应商') }]}>
              <Select
                style={{ width: 260 }}
                options={(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
            <Form.Item name="warehouseId" label={t('收货仓')} rules={[{ required: true, message: t('请选择仓库') }]}>
              <Select
                style={{ width: 200 }}
                options={(warehouses.data?.items ?? []).map((w) => ({ value: w.id, label: w.name }))}
              />
            </Form.Item>
          </Space>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'skuId']} rules={[{ required: true, message: t('请选择规格') }]}>
                      <Select
                        showSearch
                        optionFilterProp="label"
                        style={{ width: 380 }}
                        placeholder={t('规格')}
                        options={skuOptions}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'qty']} rules={[{ required: true, message: t('数量') }]}>
                      <InputNumber min={1} placeholder={t('数量')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'unitCostYuan']}>
                      <InputNumber min={0} precision={2} placeholder={t('单价（元）')} />
                    </Form.Item>
                    {fields.length > 1 && <a onClick={() => remove(f.name)}>{t('删除')}</a>}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
                  {t('添加一行')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="note" label={t('备注')} style={{ marginTop: 16 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      {openId && <PoDrawer id={openId} onClose={() => setOpenId(undefined)} />}
    </>
  );
}

interface ReceiveForm {
  lines: {
    poLineId: string;
    qty: number;
    rejectedQty?: number;
    batchNo: string;
    producedOn: Dayjs;
    expiresOn?: Dayjs;
  }[];
}

function PoDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<ReceiveForm>();
  const detail = useQuery({
    queryKey: supplyKeys.po(merchantId, id),
    queryFn: () => must(api.GET('/api/v1/merchant/supply/purchase-orders/{id}', { params: { path: { id } } })),
  });
  const refresh = (po: PoDetail) => {
    qc.setQueryData(supplyKeys.po(merchantId, id), po);
    void qc.invalidateQueries({ queryKey: supplyKeys.all(merchantId) });
  };
  const move = useMutation({
    mutationFn: (action: 'send' | 'close') =>
      action === 'send'
        ? must(api.POST('/api/v1/merchant/supply/purchase-orders/{id}/send', { params: { path: { id } } }))
        : must(api.POST('/api/v1/merchant/supply/purchase-orders/{id}/close', { params: { path: { id } } })),
    onSuccess: refresh,
    onError: notify.error,
  });
  const receive = useMutation({
    mutationFn: (v: ReceiveForm) =>
      must(
        api.POST('/api/v1/merchant/supply/purchase-orders/{id}/receipts', {
          params: { path: { id }, header: { 'idempotency-key': newIdempotencyKey() } },
          body: {
            lines: v.lines
              .filter((l) => l.qty > 0 || (l.rejectedQty ?? 0) > 0)
              .map((l) => ({
                poLineId: l.poLineId,
                qty: l.qty,
                rejectedQty: l.rejectedQty ?? 0,
                batchNo: l.batchNo,
                producedOn: l.producedOn.format('YYYY-MM-DD'),
                ...(l.expiresOn ? { expiresOn: l.expiresOn.format('YYYY-MM-DD') } : {}),
              })),
          },
        }),
      ),
    onSuccess: (po) => {
      notify.success(t('已收货入库'));
      refresh(po);
    },
    onError: notify.error,
  });
  const po = detail.data;
  const receiving = po && (po.status === 'sent' || po.status === 'partially_received');
  return (
    <Drawer
      open
      width={900}
      title={t('采购单 {no}', { no: id.slice(-8).toUpperCase() })}
      onClose={onClose}
      loading={detail.isLoading}
      extra={
        po && (
          <Space>
            {po.status === 'draft' && (
              <Button type="primary" loading={move.isPending} onClick={() => move.mutate('send')}>
                {t('发送给供应商')}
              </Button>
            )}
            {['draft', 'sent', 'partially_received'].includes(po.status) && (
              <Button loading={move.isPending} onClick={() => move.mutate('close')}>
                {t('关闭采购单')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {po && (
        <>
          <Descriptions column={3} size="small" bordered>
            <Descriptions.Item label={t('供应商')}>{po.supplierName}</Descriptions.Item>
            <Descriptions.Item label={t('收货仓')}>{po.warehouseName}</Descriptions.Item>
            <Descriptions.Item label={t('状态')}>
              <StatusTag color={STATUS[po.status].color} testId="po-status">
                {t(STATUS[po.status].label)}
              </StatusTag>
            </Descriptions.Item>
            <Descriptions.Item label={t('金额')}>{yuan(po.totalCost)}</Descriptions.Item>
            <Descriptions.Item label={t('创建时间')}>{dateTime(po.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('备注')}>{po.note ?? '—'}</Descriptions.Item>
          </Descriptions>
          <h4 style={{ marginTop: 20 }}>{t('采购明细')}</h4>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={po.lines}
            columns={[
              { title: t('商品'), key: 'p', render: (_, l) => `${l.productTitle} · ${l.specText}` },
              { title: t('单价'), key: 'c', align: 'right', render: (_, l) => yuan(l.unitCost) },
              { title: t('采购'), dataIndex: 'qtyOrdered', align: 'right' },
              { title: t('已到'), dataIndex: 'qtyReceived', align: 'right' },
            ]}
          />
          {receiving && (
            <>
              <h4 style={{ marginTop: 20 }}>{t('收货入库')}</h4>
              <Form
                form={form}
                layout="vertical"
                initialValues={{
                  lines: po.lines
                    .filter((l) => l.qtyReceived < l.qtyOrdered)
                    .map((l) => ({ poLineId: l.id, qty: l.qtyOrdered - l.qtyReceived, rejectedQty: 0 })),
                }}
                onFinish={(v) => receive.mutate(v)}
              >
                <Form.List name="lines">
                  {(fields) =>
                    fields.map((f) => {
                      const line = po.lines.find((l) => l.id === form.getFieldValue(['lines', f.name, 'poLineId']));
                      return (
                        <div
                          key={f.key}
                          data-testid="receive-line"
                          style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 12 }}
                        >
                          <div style={{ fontWeight: 500, marginBottom: 8 }}>
                            {line ? `${line.productTitle} · ${line.specText}` : ''}
                            <span style={{ color: '#888', marginLeft: 8 }}>
                              {line ? t('未到 {n} 件', { n: line.qtyOrdered - line.qtyReceived }) : ''}
                            </span>
                          </div>
                          <div style={{ display: 'grid', gridTemplateColumns: '90px 90px 1fr 150px 150px', gap: 12 }}>
                            <Form.Item name={[f.name, 'qty']} label={t('合格')} rules={[{ required: true }]}>
                              <InputNumber min={0} style={{ width: '100%' }} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'rejectedQty']} label={t('不合格')}>
                              <InputNumber min={0} style={{ width: '100%' }} />
                            </Form.Item>
                            <Form.Item
                              name={[f.name, 'batchNo']}
                              label={t('批次号')}
                              rules={[{ required: true, message: t('请填写批次号') }]}
                            >
                              <Input maxLength={40} />
                            </Form.Item>
                            <Form.Item
                              name={[f.name, 'producedOn']}
                              label={t('生产日期')}
                              rules={[{ required: true, message: t('请选择生产日期') }]}
                            >
                              <DatePicker style={{ width: '100%' }} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'expiresOn']} label={t('有效期至')}>
                              <DatePicker style={{ width: '100%' }} />
                            </Form.Item>
                          </div>
                        </div>
                      );
                    })
                  }
                </Form.List>
                <Button type="primary" htmlType="submit" loading={receive.isPending}>
                  {t('确认收货')}
                </Button>
              </Form>
            </>
          )}
          <h4 style={{ marginTop: 20 }}>{t('到货批次')}</h4>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={po.lots}
            columns={[
              { title: t('批次号'), dataIndex: 'batchNo' },
              { title: t('合格'), dataIndex: 'acceptedQty', align: 'right' },
              { title: t('不合格'), dataIndex: 'rejectedQty', align: 'right' },
              { title: t('生产日期'), dataIndex: 'producedOn' },
              { title: t('有效期至'), key: 'e', render: (_, l) => l.expiresOn ?? '—' },
              { title: t('收货时间'), key: 'r', render: (_, l) => dateTime(l.receivedAt) },
              {
                title: t('溯源码'),
                key: 'trace',
                render: (_, l) =>
                  l.traceCode ? (
                    <Popover
                      content={
                        <Space direction="vertical" align="center">
                          <QRCode value={`${window.location.origin}/trace/${l.traceCode}`} size={160} />
                          <a href={`/trace/${l.traceCode}`} target="_blank" rel="noreferrer">
                            {t('打开溯源页')}
                          </a>
                        </Space>
                      }
                    >
                      <Button size="small" type="link" data-testid="trace-code">
                        {l.traceCode}
                      </Button>
                    </Popover>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
