import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, InputNumber, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, type GetOk, must } from '../../../api/client.ts';
import { useMerchantId } from '../../../app/merchantScope.ts';
import { Chart } from '../../../components/Chart.tsx';
import type { ChartOption } from '../../../components/echarts.ts';
import { useNotify } from '../../../components/feedback.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useT } from '../../../i18n/index.tsx';
import { supplyKeys } from './api.ts';

type Overview = GetOk<'/api/v1/merchant/supply/forecast'>;
type SkuForecast = GetOk<'/api/v1/merchant/supply/forecast/skus/{id}'>;
type Suggestion = GetOk<'/api/v1/merchant/supply/replenishment'>['items'][number];

const pct = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)}%`);
const SIGNAL = {
  stockout: { label: '已缺货', color: 'red' },
  'stockout-risk': { label: '缺货风险', color: 'volcano' },
  reorder: { label: '建议补货', color: 'gold' },
  overstock: { label: '库存积压', color: 'purple' },
  ok: { label: '正常', color: 'green' },
} as const;

/** 销量预测与补货: backtest per category, one SKU's forecast chart, and suggestions that become draft POs. */
export default function ForecastPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const overview = useQuery({
    queryKey: [...supplyKeys.all(merchantId), 'forecast'],
    queryFn: () => must(api.GET('/api/v1/merchant/supply/forecast')),
  });
  const data = overview.data;
  return (
    <>
      <PageHeader
        title={t('销量预测与补货')}
        subtitle={t('按规格预测日销量（周内规律、趋势、秒杀日与会员日），按交期与安全库存给出补货建议')}
      />
      <ProblemAlert error={overview.error} />
      {data?.demoHistory ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('含演示历史：本店的销量历史包含种子写入的演示数据，预测仅供演示。')}
        />
      ) : null}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <SkuChartCard overview={data} loading={overview.isLoading} />
        <Suggestions />
        <BacktestCard overview={data} loading={overview.isLoading} />
      </Space>
    </>
  );
}

function SkuChartCard({ overview, loading }: { overview: Overview | undefined; loading: boolean }) {
  const t = useT();
  const merchantId = useMerchantId();
  const options = useMemo(
    () =>
      [...(overview?.skus ?? [])]
        .sort((a, b) => b.next28Units - a.next28Units)
        .map((s) => ({ value: s.skuId, label: `${s.productTitle} · ${s.specText}（${s.next28Units}）` })),
    [overview],
  );
  const [picked, setPicked] = useState<string>();
  const skuId = picked ?? options[0]?.value;
  const one = useQuery({
    queryKey: [...supplyKeys.all(merchantId), 'forecast', skuId],
    queryFn: () => must(api.GET('/api/v1/merchant/supply/forecast/skus/{id}', { params: { path: { id: skuId! } } })),
    enabled: !!skuId,
  });
  return (
    <Card
      title={t('销量预测')}
      loading={loading}
      extra={
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 420 }}
          value={skuId}
          options={options}
          onChange={setPicked}
          aria-label={t('选择规格')}
          data-testid="forecast-sku"
        />
      }
    >
      <ProblemAlert error={one.error} />
      {options.length === 0 ? (
        <Typography.Text type="secondary">{t('还没有销量：下单后第二天开始预测。')}</Typography.Text>
      ) : one.data ? (
        <ForecastChart f={one.data} />
      ) : (
        <Card loading bordered={false} />
      )}
    </Card>
  );
}

function ForecastChart({ f }: { f: SkuForecast }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const days = [...f.history.map((d) => d.day), ...f.forecast.map((d) => d.day)];
    const pad = f.history.map(() => null);
    const mark = (d: { flash: boolean; memberDay: boolean }) =>
      [d.flash ? t('秒杀') : '', d.memberDay ? t('会员日') : ''].filter(Boolean).join(' ');
    const marks = new Map([...f.history, ...f.forecast].map((d) => [d.day, mark(d)]));
    return {
      color: ['#1f6feb', '#c41d3a', '#e8a3ae', '#e8a3ae'],
      animation: false,
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: (items: unknown) => {
          const list = items as { axisValue: string; seriesName: string; value: number | null }[];
          const day = list[0]?.axisValue ?? '';
          const rows = list.filter((i) => i.value !== null).map((i) => `${i.seriesName}：${i.value}`);
          return [`${day} ${marks.get(day) ?? ''}`, ...rows].join('<br/>');
        },
      },
      grid: { left: 48, right: 24, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: days, axisLabel: { interval: 6 } },
      yAxis: { type: 'value', name: t('件/天'), minInterval: 1 },
      series: [
        {
          name: t('实际销量'),
          type: 'line',
          showSymbol: false,
          data: [...f.history.map((d) => d.units), ...f.forecast.map(() => null)],
        },
        {
          name: t('预测'),
          type: 'line',
          showSymbol: false,
          lineStyle: { type: 'dashed' },
          data: [...pad, ...f.forecast.map((d) => d.units)],
        },
        {
          name: t('90% 区间下限'),
          type: 'line',
          showSymbol: false,
          lineStyle: { width: 1 },
          data: [...pad, ...f.forecast.map((d) => d.low)],
        },
        {
          name: t('90% 区间上限'),
          type: 'line',
          showSymbol: false,
          lineStyle: { width: 1 },
          data: [...pad, ...f.forecast.map((d) => d.high)],
        },
      ],
    };
  }, [f, t]);
  const next = Math.round(f.forecast.reduce((s, d) => s + d.units, 0));
  return (
    <>
      <Chart
        option={option}
        height={320}
        testId="chart-forecast"
        label={t('近 8 周实际销量与未来 4 周预测：预测 4 周共 {next} 件', { next })}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t(
          '模型所学：秒杀日 +{flash} 件/天，会员日 +{member} 件/天，趋势 {trend} 件/天每周；本规格回测 WAPE {model}（上周同日法 {naive}）；可售库存 {stock} 件。',
          {
            flash: f.effects.flash,
            member: f.effects.memberDay,
            trend: f.effects.trendPerWeek,
            model: pct(f.backtest.wapeModelBp),
            naive: pct(f.backtest.wapeNaiveBp),
            stock: f.stock,
          },
        )}
      </Typography.Paragraph>
    </>
  );
}

function Suggestions() {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const plan = useQuery({
    queryKey: [...supplyKeys.all(merchantId), 'replenishment'],
    queryFn: () => must(api.GET('/api/v1/merchant/supply/replenishment')),
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [created, setCreated] = useState<{ id: string; supplierName: string }[]>([]);
  const draft = useMutation({
    mutationFn: (items: { skuId: string; qty: number }[]) =>
      must(api.POST('/api/v1/merchant/supply/replenishment/purchase-orders', { body: { items } })),
    onSuccess: (r) => {
      notify.success(t('已生成 {n} 张采购单草稿', { n: r.purchaseOrders.length }));
      setCreated(r.purchaseOrders);
      setSelected([]);
      void qc.invalidateQueries({ queryKey: supplyKeys.all(merchantId) });
    },
    onError: notify.error,
  });
  const items = plan.data?.items ?? [];
  const qtyOf = (s: Suggestion) => qty[s.skuId] ?? s.suggestedQty;
  const counts = items.reduce<Record<string, number>>((c, i) => ({ ...c, [i.signal]: (c[i.signal] ?? 0) + 1 }), {});
  const columns: TableColumnsType<Suggestion> = [
    {
      title: t('规格'),
      key: 'sku',
      render: (_, s) => (
        <>
          {s.productTitle}
          <Typography.Text type="secondary"> · {s.specText}</Typography.Text>
        </>
      ),
    },
    {
      title: t('状态'),
      key: 'signal',
      render: (_, s) => <Tag color={SIGNAL[s.signal].color}>{t(SIGNAL[s.signal].label)}</Tag>,
    },
    { title: t('可售'), dataIndex: 'stock', align: 'right' },
    { title: t('在途'), dataIndex: 'onOrder', align: 'right' },
    { title: t('日均预测'), dataIndex: 'forecastDaily', align: 'right' },
    {
      title: t('可售天数'),
      key: 'cover',
      align: 'right',
      render: (_, s) => (s.daysOfCover === null ? '—' : s.daysOfCover),
    },
    {
      title: t('主供应商 / 交期'),
      key: 'supplier',
      render: (_, s) =>
        s.supplier ? (
          `${s.supplier.name} / ${t('{n} 天', { n: s.leadTimeDays })}`
        ) : (
          <Typography.Text type="secondary">{t('未关联供应商')}</Typography.Text>
        ),
    },
    { title: t('安全库存'), dataIndex: 'safetyStock', align: 'right' },
    {
      title: t('建议采购'),
      key: 'qty',
      align: 'right',
      render: (_, s) =>
        s.supplier && s.suggestedQty > 0 ? (
          <InputNumber
            size="small"
            min={1}
            max={1_000_000}
            value={qtyOf(s)}
            onChange={(v) => setQty({ ...qty, [s.skuId]: v ?? s.suggestedQty })}
            aria-label={t('{sku} 采购数量', { sku: `${s.productTitle} ${s.specText}` })}
          />
        ) : (
          s.suggestedQty
        ),
    },
  ];
  const chosen = items.filter((s) => selected.includes(s.skuId));
  return (
    <Card
      title={t('补货建议')}
      extra={
        <Button
          type="primary"
          disabled={chosen.length === 0}
          loading={draft.isPending}
          data-testid="draft-pos"
          onClick={() => draft.mutate(chosen.map((s) => ({ skuId: s.skuId, qty: qtyOf(s) })))}
        >
          {t('生成采购单草稿（{n}）', { n: chosen.length })}
        </Button>
      }
    >
      <ProblemAlert error={plan.error} />
      {plan.data ? (
        <Space wrap style={{ marginBottom: 12 }}>
          {(['stockout', 'stockout-risk', 'reorder', 'overstock'] as const).map((k) => (
            <Tag key={k} color={SIGNAL[k].color} data-testid={`signal-${k}`}>
              {t(SIGNAL[k].label)} {counts[k] ?? 0}
            </Tag>
          ))}
          <Typography.Text type="secondary">
            {t('建议量 = 交期加 {r} 天的预测需求 + 安全库存（{sl}% 服务水平）− 可售 − 在途', {
              r: plan.data.reviewDays,
              sl: plan.data.serviceLevelPct,
            })}
          </Typography.Text>
        </Space>
      ) : null}
      {created.length > 0 ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <Space wrap>
              {t('已生成采购单草稿：')}
              {created.map((p) => (
                <Link key={p.id} to="/merchant/supply/purchase-orders">
                  {p.supplierName}
                </Link>
              ))}
            </Space>
          }
        />
      ) : null}
      <Table
        rowKey="skuId"
        size="small"
        columns={columns}
        dataSource={items}
        loading={plan.isLoading}
        pagination={{ pageSize: 15 }}
        locale={{ emptyText: t('暂无规格') }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (s) => ({ disabled: !s.supplier || s.suggestedQty === 0 }),
        }}
      />
    </Card>
  );
}

function BacktestCard({ overview, loading }: { overview: Overview | undefined; loading: boolean }) {
  const t = useT();
  const columns: TableColumnsType<Overview['categories'][number]> = [
    { title: t('品类'), dataIndex: 'categoryName' },
    { title: t('规格数'), dataIndex: 'skuCount', align: 'right' },
    { title: t('回测销量（件）'), dataIndex: 'actualUnits', align: 'right' },
    {
      title: t('WAPE 模型'),
      key: 'wm',
      align: 'right',
      render: (_, c) => <b>{pct(c.wapeModelBp)}</b>,
    },
    { title: t('WAPE 上周同日'), key: 'wn', align: 'right', render: (_, c) => pct(c.wapeNaiveBp) },
    { title: t('MAPE 模型'), key: 'mm', align: 'right', render: (_, c) => pct(c.mapeModelBp) },
    { title: t('MAPE 上周同日'), key: 'mn', align: 'right', render: (_, c) => pct(c.mapeNaiveBp) },
  ];
  return (
    <Card title={t('回测误差（滚动起点，近 8 周每周预测未来 7 天）')} loading={loading}>
      <Table
        rowKey="categoryId"
        size="small"
        columns={columns}
        dataSource={overview?.categories ?? []}
        pagination={false}
        locale={{ emptyText: t('历史不足 4 周，暂无回测') }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('WAPE = 误差绝对值之和 ÷ 实际销量之和；MAPE 只计有销量的日子。')}
      </Typography.Paragraph>
    </Card>
  );
}
