import { z } from 'zod';
import { CHANNELS, CLIENT_EVENT_TYPES } from './event-model.ts';

// Request and response shapes of the analytics routes.

const Id = z.string().min(1).max(64);
const Text = (max: number) => z.string().max(max);

/** One event from the shop. Which fields matter depends on `type` (docs/ANALYTICS.md "Event schema"). */
const ClientEvent = z.object({
  id: z.uuid({ error: '事件 id 须为 UUID' }),
  type: z.enum(CLIENT_EVENT_TYPES),
  ts: z.iso.datetime({ offset: true, error: '事件时间须为 ISO 8601' }),
  page: Text(40).optional().describe('view：页面（home、product、post、live、search、cart、flash …）'),
  channel: z.enum(CHANNELS).optional().describe('这次浏览从哪里来（笔记、直播、社群、分享、搜索、直接）'),
  channelRef: Id.optional(),
  merchantId: Id.optional(),
  productId: Id.optional(),
  categoryId: Id.optional(),
  postId: Id.optional(),
  liveId: Id.optional(),
  communityId: Id.optional(),
  amount: z.number().int().min(0).max(1_000_000_000).optional().describe('checkout：应付金额（分）'),
  qty: z.number().int().min(0).max(10_000).optional(),
  query: Text(60).optional(),
  results: z.number().int().min(0).max(1_000_000).optional(),
  slot: Text(40).optional().describe('impression/click：展示位（home-feed、search-results、similar …）'),
  position: z.number().int().min(0).max(10_000).optional(),
  experiment: Id.optional(),
  variant: Text(40).optional(),
  dwellMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3_600_000)
    .optional(),
});
type ClientEvent = z.infer<typeof ClientEvent>;

export const EventBatch = z.object({
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '设备标识格式不正确'),
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '会话标识格式不正确'),
  events: z.array(ClientEvent).min(1, '至少一个事件').max(100, '每批最多 100 个事件'),
});
export type EventBatch = z.infer<typeof EventBatch>;

export const BatchReceipt = z.object({
  received: z.number().int().describe('这一批里新收下的事件数（重复的 id 不重复计）'),
  dropped: z.number().int().describe('丢弃的事件数：时间超出可接受范围，或来自爬虫'),
});
