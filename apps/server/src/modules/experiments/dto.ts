import { z } from 'zod';
import { EXPERIMENT_STATUSES, GUARDRAILS, PRIMARY_METRICS } from './schema.ts';

// Request and response shapes of the experiment routes.

const Slug = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, `${what}须为 2–40 位小写字母、数字或连字符`);

const VariantInput = z.object({
  key: Slug('变体标识'),
  name: z.string().trim().min(1, '请填写变体名称').max(20, '变体名称最多 20 字'),
  weight: z.number().int('权重须为整数').min(1, '权重至少为 1').max(100, '权重最多 100'),
});

export const ExperimentInput = z.object({
  key: Slug('实验标识').describe('商城据此识别实验，创建后不可改'),
  name: z.string().trim().min(1, '请填写实验名称').max(40, '实验名称最多 40 字'),
  hypothesis: z.string().trim().max(500, '假设最多 500 字').default(''),
  layer: Slug('互斥层').describe('同一层内的实验互斥：一个用户在每层最多进入一个实验'),
  variants: z
    .array(VariantInput)
    .min(2, '至少两个变体（第一个为对照组）')
    .max(5, '最多 5 个变体')
    .refine((vs) => new Set(vs.map((v) => v.key)).size === vs.length, '变体标识不能重复'),
  trafficPercent: z.number().int('流量须为整数百分比').min(1, '流量至少 1%').max(100, '流量最多 100%'),
  primaryMetric: z.enum(PRIMARY_METRICS).describe('conversion：支付用户 / 曝光用户；revenue_per_user：人均支付金额'),
  guardrails: z.array(z.enum(GUARDRAILS)).max(3).default([]),
  baselineRate: z
    .number()
    .gt(0, '基线转化率须大于 0')
    .lt(1, '基线转化率须小于 1')
    .describe('目前的转化率（0–1），用于计算所需样本量'),
  minimumDetectableEffect: z
    .number()
    .min(0.005, '最小可检测提升至少 0.5%')
    .max(5, '最小可检测提升最多 500%')
    .describe('希望能发现的最小相对变化，如 0.1 表示 10%'),
});
export type ExperimentInput = z.infer<typeof ExperimentInput>;

const Plan = z.object({
  perVariant: z.number().int().describe('每个变体所需曝光用户数（α=0.05 双侧，功效 0.8）'),
  total: z.number().int(),
});

export const ExperimentView = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  hypothesis: z.string(),
  layer: z.string(),
  variants: z.array(z.object({ key: z.string(), name: z.string(), weight: z.number() })),
  trafficPercent: z.number(),
  primaryMetric: z.enum(PRIMARY_METRICS),
  guardrails: z.array(z.enum(GUARDRAILS)),
  baselineRate: z.number(),
  minimumDetectableEffect: z.number(),
  status: z.enum(EXPERIMENT_STATUSES),
  layerBuckets: z.object({ start: z.number(), end: z.number() }).nullable(),
  isDemo: z.boolean(),
  plan: Plan,
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedBy: z.string().nullable(),
  startedAt: z.string().nullable(),
  stoppedBy: z.string().nullable(),
  stoppedAt: z.string().nullable(),
});
export type ExperimentView = z.infer<typeof ExperimentView>;

export const ListQuery = z.object({
  status: z.enum(EXPERIMENT_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const SampleSizeQuery = z.object({
  baselineRate: z.coerce.number().gt(0, '基线转化率须大于 0').lt(1, '基线转化率须小于 1'),
  minimumDetectableEffect: z.coerce.number().min(0.005, '最小可检测提升至少 0.5%').max(5, '最小可检测提升最多 500%'),
  variants: z.coerce.number().int().min(2).max(5).default(2),
});

export const AssignmentsQuery = z.object({
  deviceId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '设备标识格式不正确')
    .optional()
    .describe('未登录时按设备分流；登录后按用户假名分流'),
});

export const Assignments = z.object({
  unit: z.enum(['user', 'device', 'none']).describe('按什么分流'),
  items: z.array(z.object({ experiment: z.string(), variant: z.string() })),
});

const Interval = z.object({ low: z.number(), high: z.number() });

const VariantResult = z.object({
  key: z.string(),
  name: z.string(),
  weight: z.number(),
  exposures: z.number().int().describe('曝光用户数（看到过该变体的人）'),
  converters: z.number().int().describe('曝光后支付的用户数'),
  conversionRate: z.number(),
  revenue: z.number().int().describe('曝光后的支付金额（分）'),
  revenuePerUser: z.number().describe('人均支付金额（分），含未支付的人'),
  orders: z.number().int(),
  paidOrders: z.number().int(),
  refundedOrders: z.number().int(),
  paySuccessRate: z.number().nullable(),
  refundRate: z.number().nullable(),
  averageOrderValue: z.number().nullable(),
});

const Comparison = z.object({
  variant: z.string(),
  /** Null until both the control and this variant have exposed people. */
  conversion: z
    .object({
      difference: z.number(),
      differenceCi: Interval,
      relativeLift: z.number().nullable(),
      relativeLiftCi: Interval.nullable(),
      pValue: z.number(),
    })
    .nullable(),
  revenuePerUser: z
    .object({
      difference: z.number(),
      differenceCi: Interval,
      relativeLift: z.number().nullable(),
      pValue: z.number(),
      df: z.number(),
    })
    .nullable(),
});

const GuardrailResult = z.object({
  metric: z.enum(GUARDRAILS),
  variant: z.string(),
  control: z.number().nullable(),
  treatment: z.number().nullable(),
  pValue: z.number().nullable(),
  harmed: z.boolean().describe('实验组显著变差（p < 0.05 且方向不利）'),
});

export const ExperimentResults = z.object({
  experiment: ExperimentView,
  window: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  variants: z.array(VariantResult),
  comparisons: z.array(Comparison),
  srm: z.object({ chiSquare: z.number(), df: z.number(), pValue: z.number(), mismatch: z.boolean() }),
  guardrails: z.array(GuardrailResult),
  excludedUnits: z.number().int().describe('看到过多个变体而被排除的用户数'),
  progress: z.number().describe('最少的变体曝光数 ÷ 计划样本量（0–1 以上）'),
  provisional: z.boolean().describe('未达到计划样本量：固定样本设计下结果仅供参考'),
});
export type ExperimentResults = z.infer<typeof ExperimentResults>;
