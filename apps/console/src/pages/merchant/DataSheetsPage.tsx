import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Flex, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, must, type BodyOf } from '../../api/client.ts';
import { useNotify } from '../../components/feedback.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';

type ImportBody = BodyOf<'/api/v1/merchant/products-sheet/import', 'post'>;
type Format = 'csv' | 'xlsx';
type Plan = Awaited<ReturnType<typeof dryRun>>;
type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';

const dryRun = (body: ImportBody) => must(api.POST('/api/v1/merchant/products-sheet/dry-run', { body }));

const save = (blob: Blob, name: string) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
};

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
};

/** 数据导入导出: products and stock out and back in (dry run first), orders out — for the shop's ERP. */
export default function DataSheetsPage() {
  const t = useT();
  const notify = useNotify();
  const [file, setFile] = useState<{ name: string; body: ImportBody } | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [status, setStatus] = useState<OrderStatus | undefined>(undefined);

  const exportProducts = useMutation({
    mutationFn: (format: Format) =>
      must(api.GET('/api/v1/merchant/products-sheet', { params: { query: { format } }, parseAs: 'blob' })),
    onSuccess: (blob, format) => save(blob, `haowu-products.${format}`),
    onError: notify.error,
  });
  const exportOrders = useMutation({
    mutationFn: (format: Format) =>
      must(
        api.GET('/api/v1/merchant/orders-sheet', {
          params: {
            query: {
              format,
              ...(status ? { status } : {}),
              ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
              ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
            },
          },
          parseAs: 'blob',
        }),
      ),
    onSuccess: (blob, format) => save(blob, `haowu-orders.${format}`),
    onError: notify.error,
  });
  const check = useMutation({ mutationFn: dryRun, onSuccess: setPlan, onError: notify.error });
  const apply = useMutation({
    mutationFn: (body: ImportBody) =>
      must(
        api.POST('/api/v1/merchant/products-sheet/import', {
          body,
          params: { header: { 'Idempotency-Key': `import-${file?.name ?? ''}-${body.content.length}-${Date.now()}` } },
        } as never),
      ),
    onSuccess: (done: Plan) => {
      notify.success(t('已导入 {n} 个 SKU 的修改', { n: done.changes.length }));
      setPlan(null);
      setFile(null);
    },
    onError: notify.error,
  });

  return (
    <>
      <PageHeader
        title={t('数据导入导出')}
        subtitle={t(
          '与 ERP、仓储系统交换数据：导出商品与库存表，修改后导入（先试导入，核对无误再确认）；按下单时间和状态导出订单。API 密钥可用同样的接口（stock:write、orders:read）。',
        )}
      />
      <Flex vertical gap={16}>
        <Card title={t('导出商品与库存')} size="small">
          <Space>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => exportProducts.mutate('xlsx')}
              data-testid="export-products-xlsx"
            >
              {t('导出 Excel')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => exportProducts.mutate('csv')}>
              {t('导出 CSV')}
            </Button>
            <Typography.Text type="secondary">
              {t('每个 SKU 一行：商品ID、商品标题、SKU ID、商家编码、规格、售价（元）、库存、重量（克）、启用')}
            </Typography.Text>
          </Space>
        </Card>
        <Card title={t('导入商品与库存')} size="small" data-testid="import-card">
          <Flex vertical gap={12}>
            <Space wrap>
              <Upload
                accept=".csv,.xlsx"
                maxCount={1}
                showUploadList={false}
                beforeUpload={(f) => {
                  const format: Format = f.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
                  void toBase64(f).then((content) => {
                    const body = { format, content };
                    setFile({ name: f.name, body });
                    setPlan(null);
                    check.mutate(body);
                  });
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={check.isPending} data-testid="import-file">
                  {t('选择文件并试导入')}
                </Button>
              </Upload>
              {file ? <Tag>{file.name}</Tag> : null}
              <Typography.Text type="secondary">
                {t('按 SKU ID 或商家编码匹配；留空的单元格不修改；库存为修改后的实际数量，记入库存流水。')}
              </Typography.Text>
            </Space>
            {plan ? (
              <>
                <Alert
                  type={plan.problems.length > 0 ? 'error' : plan.changes.length > 0 ? 'info' : 'success'}
                  showIcon
                  title={
                    plan.problems.length > 0
                      ? t('共 {rows} 行，{n} 处错误，改正后重新选择文件；整份文件未导入', {
                          rows: plan.rows,
                          n: plan.problems.length,
                        })
                      : t('共 {rows} 行：{c} 个 SKU 将被修改，{u} 个不变', {
                          rows: plan.rows,
                          c: plan.changes.length,
                          u: plan.unchanged,
                        })
                  }
                />
                {plan.problems.length > 0 ? (
                  <Table
                    size="small"
                    rowKey={(p) => `${p.row}-${p.column ?? ''}-${p.message}`}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    dataSource={plan.problems}
                    data-testid="import-problems"
                    columns={[
                      { title: t('行'), dataIndex: 'row', width: 70 },
                      { title: t('列'), dataIndex: 'column', width: 180, render: (c: string | null) => c ?? t('整行') },
                      { title: t('问题'), dataIndex: 'message' },
                    ]}
                  />
                ) : (
                  <Table
                    size="small"
                    rowKey="skuId"
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    dataSource={plan.changes}
                    data-testid="import-changes"
                    locale={{ emptyText: t('文件与现有数据相同，没有需要修改的内容') }}
                    columns={[
                      { title: t('行'), dataIndex: 'row', width: 70 },
                      {
                        title: t('SKU'),
                        key: 'sku',
                        render: (_, c) => `${c.title} · ${c.specText}`,
                      },
                      {
                        title: t('修改'),
                        key: 'fields',
                        render: (_, c) => (
                          <Flex vertical gap={2}>
                            {c.fields.map((f) => (
                              <span key={f.field}>
                                {f.label}：{f.from} → <Typography.Text strong>{f.to}</Typography.Text>
                              </span>
                            ))}
                          </Flex>
                        ),
                      },
                    ]}
                  />
                )}
                {file && plan.problems.length === 0 && plan.changes.length > 0 ? (
                  <Button
                    type="primary"
                    loading={apply.isPending}
                    onClick={() => apply.mutate(file.body)}
                    data-testid="import-apply"
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t('确认导入')}
                  </Button>
                ) : null}
              </>
            ) : null}
          </Flex>
        </Card>
        <Card title={t('导出订单')} size="small">
          <Space wrap>
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} aria-label={t('下单日期')} />
            <Select<OrderStatus>
              allowClear
              placeholder={t('全部状态')}
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              options={[
                { value: 'pending_payment', label: t('待付款') },
                { value: 'paid', label: t('待发货') },
                { value: 'shipped', label: t('已发货') },
                { value: 'delivered', label: t('已送达') },
                { value: 'completed', label: t('已完成') },
                { value: 'cancelled', label: t('已取消') },
              ]}
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => exportOrders.mutate('xlsx')}
              loading={exportOrders.isPending}
            >
              {t('导出 Excel')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => exportOrders.mutate('csv')}>
              {t('导出 CSV')}
            </Button>
            <Typography.Text type="secondary">{t('每个订单行一行，收货人和手机号脱敏，最多 5000 单')}</Typography.Text>
          </Space>
        </Card>
      </Flex>
    </>
  );
}
