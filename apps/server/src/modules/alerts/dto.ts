import { z } from 'zod';
import { ALERT_STATES } from './schema.ts';

// Request and response shapes of the alert routes.

const AlertState = z.enum(ALERT_STATES).describe('open 未处理 · acknowledged 已确认 · resolved 已解决');

const Contribution = z.object({
  dimension: z.string().describe('channel、category_id、merchant_id、province、platform、pay_method'),
  value: z.string(),
  valueLabel: z.string().describe('取值的名称：商家名、类目路径、渠道名等'),
  observed: z.number(),
  expected: z.number(),
  contribution: z.number().describe('该取值对指标变化的贡献（指标单位）'),
  share: z.number().describe('占该维度总变化的比例：1 表示完全由它解释'),
  surprise: z.number().describe('该取值占比偏离往常的程度（JS 散度项）'),
});

const AlertSummary = z.object({
  id: z.string(),
  metric: z.string(),
  metricLabel: z.string(),
  unit: z.enum(['fen', 'count', 'ratio']),
  direction: z.enum(['up', 'down']),
  state: AlertState,
  windowStart: z.string(),
  windowEnd: z.string(),
  observed: z.number(),
  expected: z.object({ low: z.number(), median: z.number(), high: z.number(), weeks: z.number().int() }),
  deviation: z.number(),
  topExplanation: Contribution.nullable(),
  lastSeenAt: z.string(),
  minutes: z.number().int(),
  createdAt: z.string(),
});

const Who = z
  .object({ userId: z.string(), nickname: z.string(), at: z.string(), note: z.string().nullable() })
  .nullable();

export const AlertDetail = AlertSummary.extend({
  definition: z.string(),
  score: z.number(),
  drilldown: z.array(Contribution),
  acknowledged: Who,
  resolved: Who,
  series: z.array(
    z.object({
      hour: z.string(),
      value: z.number(),
      low: z.number().nullable(),
      median: z.number().nullable(),
      high: z.number().nullable(),
    }),
  ),
});

export const AlertPage = z.object({ items: z.array(AlertSummary), nextCursor: z.string().nullable() });

export const AlertListQuery = z.object({
  state: AlertState.optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const AlertIdParams = z.object({ id: z.string().max(64) });

export const AlertNote = z.object({ note: z.string().trim().max(500, '备注最多 500 字').optional() });

export const MetricStatusList = z.object({
  items: z.array(
    z.object({
      metric: z.string(),
      label: z.string(),
      definition: z.string(),
      unit: z.enum(['fen', 'count', 'ratio']),
      checkedAt: z.string().nullable(),
      observed: z.number().nullable(),
      judged: z.boolean(),
      anomalous: z.boolean(),
      expected: z.object({ low: z.number(), median: z.number(), high: z.number() }).nullable(),
      reason: z.string().nullable().describe('未判断的原因（历史或样本不足）'),
    }),
  ),
});
