import { z } from 'zod';
import { RULE_KINDS, SEGMENTS } from './schema.ts';

// The lifecycle HTTP API's zod schemas.

const Segment = z.enum(SEGMENTS).describe('new 新客 / active 活跃 / loyal 忠诚 / churned 流失');
const Hour = z.number().int().min(0, '小时应在 0–23 之间').max(23, '小时应在 0–23 之间');

export const Overview = z.object({
  segments: z.array(z.object({ segment: Segment, users: z.number().int() })),
  churnWarnings: z.number().int().describe('有流失预警的活跃 / 忠诚客户数'),
  history: z.array(
    z.object({
      day: z.string().describe('北京时间日期'),
      new: z.number().int(),
      active: z.number().int(),
      loyal: z.number().int(),
      churned: z.number().int(),
    }),
  ),
  transitions: z.array(z.object({ from: Segment, to: Segment, users: z.number().int() })).describe('近 30 天分层迁移'),
  thresholds: z.object({
    windowDays: z.number().int(),
    churnDays: z.number().int(),
    activeOrders: z.number().int(),
    loyalOrders: z.number().int(),
    loyalAmount: z.number().int().describe('分'),
    memberDay: z.number().int(),
  }),
  computedAt: z.string().nullable(),
});

export const CustomerQuery = z.object({
  segment: Segment.optional(),
  warning: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true：只看有流失预警的客户'),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const Customer = z.object({
  userId: z.string(),
  nickname: z.string(),
  phone: z.string().describe('脱敏手机号'),
  segment: Segment,
  segmentSince: z.string(),
  health: z.number().int().describe('健康分 0–100'),
  churnWarning: z.boolean(),
  orders: z.number().int().describe('统计窗口内的支付订单数'),
  amount: z.number().int().describe('统计窗口内的实付金额（分）'),
  lastPaidAt: z.string().nullable(),
  interactions: z.number().int().describe('近 30 天互动次数'),
  influence: z.number().int().describe('经其分享成交的订单数'),
});
export const CustomerPage = z.object({ items: z.array(Customer), nextCursor: z.string().nullable() });

const Group = z.object({ n: z.number().int(), conversions: z.number().int(), rate: z.number().nullable() });
export const Rule = z.object({
  kind: z.enum(RULE_KINDS),
  name: z.string(),
  segment: Segment,
  message: z.string(),
  enabled: z.boolean(),
  capDays: z.number().int(),
  quietStart: z.number().int(),
  quietEnd: z.number().int(),
  holdoutPct: z.number().int(),
  conversionDays: z.number().int(),
  lastRunAt: z.string().nullable(),
  sent: z.number().int(),
  deferred: z.number().int(),
  heldOut: z.number().int(),
  uplift: z.object({
    treated: Group,
    holdout: Group,
    difference: z.number().nullable(),
    ci95: z.tuple([z.number(), z.number()]).nullable(),
    pValue: z.number().nullable(),
    sufficient: z.boolean().describe('false：样本不足'),
  }),
});
export const RuleList = z.object({ items: z.array(Rule) });
export const RuleParams = z.object({ kind: z.enum(RULE_KINDS, { error: '没有这种自动化规则' }) });
export const RuleInput = z.object({
  enabled: z.boolean(),
  capDays: z.number().int().min(1, '频控至少 1 天').max(90, '频控最多 90 天'),
  quietStart: Hour,
  quietEnd: Hour,
  holdoutPct: z.number().int().min(0, '对照组比例应在 0–50% 之间').max(50, '对照组比例应在 0–50% 之间'),
  conversionDays: z.number().int().min(1, '转化窗口至少 1 天').max(30, '转化窗口最多 30 天'),
});

export const MarketingPreference = z.object({ marketing: z.boolean().describe('是否接收营销消息') });
