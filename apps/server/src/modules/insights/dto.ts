import { z } from 'zod';

// Request and response shapes of the insights routes.

const Id = z.string().min(1).max(64);
const Day = z.iso.date({ error: '日期须为 YYYY-MM-DD' });
const Rate = z.number().nullable().describe('比例 0–1；分母为 0 时为 null');

/** A period of Beijing calendar days, both ends included. */
export const Period = z.object({
  from: Day.describe('开始日期（北京时间，含）'),
  to: Day.describe('结束日期（北京时间，含）'),
});
export const OperatorScope = z.object({ merchantId: Id.optional().describe('只看某个商家（可选）') });

const STEP_TYPES = [
  'view',
  'impression',
  'click',
  'search',
  'add_to_cart',
  'checkout',
  'order',
  'pay',
  'refund',
  'share',
  'follow',
  'join_community',
  'post_interaction',
  'live_enter',
  'coupon_claim',
  'coupon_use',
  'signup',
] as const;
const CHANNELS = ['post', 'live', 'community', 'share', 'affiliate', 'search', 'direct'] as const;

const Step = z.object({
  type: z.enum(STEP_TYPES, { error: '不支持的事件类型' }),
  productId: Id.optional(),
  categoryId: Id.optional(),
  channel: z.enum(CHANNELS).optional(),
});
export const FunnelQuery = Period.extend({
  steps: z.array(Step).min(2, '漏斗至少两步').max(8, '漏斗最多八步'),
  windowHours: z
    .number()
    .int()
    .min(1, '转化窗口至少 1 小时')
    .max(24 * 30, '转化窗口最多 30 天')
    .default(24)
    .describe('从第一步起多少小时内完成后续步骤才算转化'),
  breakdown: z.enum(['none', 'channel', 'platform', 'segment']).default('none'),
});

const StepFigures = z.object({ count: z.number().int(), stepConversion: Rate, overallConversion: Rate });
export const FunnelResult = z.object({
  steps: z.array(
    z.object({
      type: z.string(),
      productId: z.string().optional(),
      categoryId: z.string().optional(),
      channel: z.string().optional(),
      ...StepFigures.shape,
    }),
  ),
  breakdown: z.enum(['none', 'channel', 'platform', 'segment']),
  groups: z.array(z.object({ key: z.string(), steps: z.array(StepFigures) })),
});

export const RetentionQuery = Period.extend({
  cohort: z.enum(['signup', 'first_purchase']).default('first_purchase'),
  granularity: z.enum(['day', 'week']).default('day'),
  returnOn: z.enum(['active', 'pay']).default('active'),
});
export const RetentionResult = z.object({
  granularity: z.enum(['day', 'week']),
  offsets: z.array(z.number().int()),
  cohorts: z.array(
    z.object({
      cohort: z.string(),
      size: z.number().int(),
      values: z.array(z.object({ offset: z.number().int(), retained: z.number().int().nullable(), rate: Rate })),
    }),
  ),
});

export const RepurchaseResult = z.object({
  buyers: z.number().int(),
  repeatBuyers: z.number().int(),
  rate: Rate,
  byOrders: z.array(z.object({ orders: z.string(), buyers: z.number().int() })),
});

export const RfmResult = z.object({
  buyers: z.number().int(),
  averages: z.object({ recencyDays: z.number(), orders: z.number(), amount: z.number() }),
  segments: z.array(
    z.object({ code: z.string(), name: z.string(), buyers: z.number().int(), amount: z.number(), share: Rate }),
  ),
});

const Totals = z.object({
  gmv: z.number().describe('成交额（分）'),
  orders: z.number().int(),
  buyers: z.number().int(),
  visitors: z.number().int(),
  conversion: Rate,
});
export const RealtimeResult = z.object({
  at: z.string(),
  today: Totals,
  yesterdaySameTime: Totals,
  liveRoomsNow: z.number().int(),
  byChannel: z.array(z.object({ channel: z.string(), gmv: z.number(), orders: z.number().int() })),
  topProducts: z.array(
    z.object({
      productId: z.string(),
      title: z.string(),
      gmv: z.number(),
      qty: z.number().int(),
      orders: z.number().int(),
    }),
  ),
  hourly: z.array(z.object({ hour: z.number().int(), today: z.number(), yesterday: z.number() })),
});

export const OverviewQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });
export const OverviewResult = z.object({
  days: z.array(z.object({ day: z.string(), gmv: z.number(), orders: z.number().int() })),
  gmv: z.number(),
  refunded: z.number(),
  paidOrders: z.number().int(),
  buyers: z.number().int(),
  topProducts: z.array(
    z.object({ productId: z.string(), title: z.string(), units: z.number().int(), amount: z.number() }),
  ),
  afterSales: z.object({
    requested: z.number().int(),
    ordersWithAfterSales: z.number().int(),
    byReason: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    toHandle: z.number().int(),
    overdue: z.number().int(),
  }),
  toShip: z.number().int(),
});

export const OrderSourcesQuery = z.object({
  lineIds: z
    .string()
    .min(1, '请给出订单行')
    .max(200 * 65, '一次最多 200 个订单行')
    .describe('订单行 id，逗号分隔，最多 200 个'),
});
export const OrderSourcesResult = z.object({
  items: z.array(
    z.object({
      lineId: z.string(),
      orderId: z.string(),
      source: z.string(),
      label: z.string().nullable(),
      refId: z.string().nullable(),
    }),
  ),
});

export const SearchInsightsQuery = Period.extend({
  view: z
    .enum(['top', 'zero', 'low_ctr'], { error: '报表只能是 top、zero 或 low_ctr' })
    .default('top')
    .describe('top 热门搜索词；zero 无结果搜索词；low_ctr 低点击率搜索词'),
  minSessions: z.coerce
    .number()
    .int()
    .min(1, '最少搜索会话数至少为 1')
    .max(10_000)
    .default(5)
    .describe('low_ctr：只列出至少这么多次有结果的搜索会话的词'),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, '翻页标记无效')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const SearchInsightsResult = z.object({
  summary: z.object({
    searches: z.number().int(),
    zeroResults: z.number().int(),
    zeroRate: Rate,
    distinctQueries: z.number().int(),
    ctr: Rate.describe('有点击的搜索会话 ÷ 有结果的搜索会话'),
  }),
  items: z.array(
    z.object({
      query: z.string().describe('搜索词（不区分大小写合并）'),
      example: z.string().describe('一种原始写法'),
      searches: z.number().int(),
      people: z.number().int(),
      zeroResults: z.number().int(),
      zeroRate: Rate,
      sessionsWithResults: z.number().int(),
      clickedSessions: z.number().int(),
      clicks: z.number().int(),
      ctr: Rate,
      lastSeen: z.string().describe('最近一次搜索时间'),
    }),
  ),
  nextCursor: z.string().nullable(),
});
