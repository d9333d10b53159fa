import type { MetricKind } from './detector.ts';

// Each watched metric, defined once: its Chinese name, what it means, and how the engine counts it.
// docs/ANALYTICS.md "Anomaly alerts" repeats these definitions; change both together.

export type MetricKey =
  'gmv' | 'orders' | 'conversion' | 'pay_success' | 'refund_rate' | 'live_viewers' | 'search_zero';

export interface MetricDef {
  key: MetricKey;
  label: string;
  definition: string;
  kind: MetricKind;
  unit: 'fen' | 'count' | 'ratio';
  /** Aggregates over `events` (both DuckDB and ClickHouse accept them): the value, or numerator and denominator. */
  num: string;
  den?: string;
  /** A sum (GMV) is as noisy as the count of events behind it: that count's metric. */
  volumeOf?: MetricKey;
}

const payOrders = `count(DISTINCT CASE WHEN type = 'pay' THEN order_id END)`;

export const METRICS: readonly MetricDef[] = [
  {
    key: 'gmv',
    label: '成交额 (GMV)',
    definition: '时段内支付成功的订单行实付金额之和（分）',
    kind: 'count',
    unit: 'fen',
    num: `sum(CASE WHEN type = 'pay' THEN amount ELSE 0 END)`,
    volumeOf: 'orders',
  },
  {
    key: 'orders',
    label: '支付订单数',
    definition: '时段内支付成功的订单数（按订单去重）',
    kind: 'count',
    unit: 'count',
    num: payOrders,
  },
  {
    key: 'conversion',
    label: '访问-支付转化率',
    definition: '时段内支付的人数 ÷ 时段内浏览过的人数（按人去重）',
    kind: 'rate',
    unit: 'ratio',
    num: `count(DISTINCT CASE WHEN type = 'pay' THEN actor END)`,
    den: `count(DISTINCT CASE WHEN type = 'view' THEN actor END)`,
  },
  {
    key: 'pay_success',
    label: '支付成功率',
    definition: '时段内支付成功的订单数 ÷ 时段内提交的订单数',
    kind: 'rate',
    unit: 'ratio',
    num: payOrders,
    den: `count(DISTINCT CASE WHEN type = 'order' THEN order_id END)`,
  },
  {
    key: 'refund_rate',
    label: '退款率',
    definition: '时段内完成的退款笔数 ÷ 时段内支付成功的订单数',
    kind: 'rate',
    unit: 'ratio',
    num: `count(CASE WHEN type = 'refund' THEN 1 END)`,
    den: payOrders,
  },
  {
    key: 'live_viewers',
    label: '直播观看人数',
    definition: '时段内进入过直播间的人数（按人去重）',
    kind: 'count',
    unit: 'count',
    num: `count(DISTINCT CASE WHEN type = 'live_enter' THEN actor END)`,
  },
  {
    key: 'search_zero',
    label: '搜索无结果率',
    definition: '时段内结果数为 0 的搜索次数 ÷ 搜索次数',
    kind: 'rate',
    unit: 'ratio',
    num: `count(CASE WHEN type = 'search' AND results = 0 THEN 1 END)`,
    den: `count(CASE WHEN type = 'search' THEN 1 END)`,
  },
];

export const metricDef = (key: string): MetricDef | undefined => METRICS.find((m) => m.key === key);

/** The event types any metric reads: the scan is limited to them. */
export const METRIC_EVENT_TYPES = ['pay', 'order', 'refund', 'view', 'live_enter', 'search'] as const;

/** Dimensions the drill-down splits by: column → Chinese name. */
export const DIMENSIONS = {
  channel: '渠道',
  category_id: '类目',
  merchant_id: '商家',
  province: '省份',
  platform: '设备',
  pay_method: '支付方式',
} as const;
export type Dimension = keyof typeof DIMENSIONS;

/** A value of a metric from its parts (a rate with no denominator is 0, and is not judged anyway). */
export function valueOf(def: MetricDef, num: number, den: number): number {
  if (def.kind === 'count') return num;
  return den > 0 ? num / den : 0;
}
