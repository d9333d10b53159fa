import { z } from 'zod';
import { OwnMediaUrl } from '../../platform/media.ts';
import { LiveFlash, Lottery, Pk, Poll } from './interaction-dto.ts';
import { LIVE_ROLES } from './schema.ts';

/** Request and response shapes of the live module's HTTP routes (docs/LIVE.md "HTTP"). */

export const Id = z.string().min(1).max(64);
export const SessionParams = z.object({ id: Id });
const Fen = z.number().int();
const Status = z.enum(['scheduled', 'live', 'ended', 'cancelled']);
const Role = z.enum(['owner', ...LIVE_ROLES]);

export const SessionBody = z
  .object({
    title: z.string().trim().min(2, '直播标题 2–40 个字').max(40, '直播标题 2–40 个字'),
    coverUrl: OwnMediaUrl.nullable().optional(),
    scheduledAt: z.iso.datetime({ offset: true, error: '开播时间格式不正确' }),
    products: z
      .array(z.object({ productId: Id, claim: z.string().trim().max(40, '卖点最多 40 个字').nullable().optional() }))
      .min(1, '至少选择一个商品')
      .max(50, '一场直播最多 50 个商品')
      .refine((ps) => new Set(ps.map((p) => p.productId)).size === ps.length, '商品不能重复'),
  })
  .strict();
export const SessionPatch = SessionBody.partial().strict();

export const RolesBody = z
  .array(z.object({ phone: z.string().regex(/^1[3-9]\d{9}$/, '请输入正确的手机号'), role: z.enum(LIVE_ROLES) }))
  .max(20, '每场直播最多 20 位工作人员');

export const SessionCard = z.object({
  id: z.string(),
  title: z.string(),
  coverUrl: z.string().nullable(),
  status: Status,
  scheduledAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  merchant: z.object({ id: z.string(), name: z.string(), logoUrl: z.string().nullable() }),
  host: z.object({ nickname: z.string(), avatarUrl: z.string().nullable() }),
  viewerCount: z.number().int().describe('直播中的在线人数'),
  demoViewerCount: z.number().int().describe('模拟的演示观众（仅演示数据的直播间，单独标注，不计入真实在线人数）'),
  productCount: z.number().int(),
  productImages: z.array(z.string()),
});

export const PinnedProduct = z.object({
  productId: z.string(),
  title: z.string(),
  imageUrl: z.string().nullable(),
  price: Fen,
  claim: z.string().nullable(),
  pinnedAt: z.string(),
});

const Clip = z.object({
  productId: z.string(),
  title: z.string(),
  offsetSeconds: z.number().int().describe('讲解开始时刻距开播的秒数'),
});

export const SessionDetail = SessionCard.extend({
  playbackUrl: z.string(),
  posterUrl: z.string(),
  badges: z.object({
    realName: z.boolean(),
    deposit: z.boolean(),
    guarantee: z.boolean().describe('假一赔十：保证金在缴时显示'),
  }),
  products: z.array(
    z.object({
      productId: z.string(),
      title: z.string(),
      imageUrl: z.string().nullable(),
      price: Fen.describe('最低价（分）'),
      stock: z.enum(['in_stock', 'sold_out', 'unavailable']),
      claim: z.string().nullable(),
    }),
  ),
  pinned: PinnedProduct.nullable(),
  reminded: z.boolean(),
  remindersCount: z.number().int(),
  likes: z.number().int(),
  gmv: Fen,
  clips: z.array(Clip),
  // The latest of each interaction (interactions.ts → interactionState), or null.
  lottery: Lottery.nullable(),
  poll: Poll.nullable(),
  pk: Pk.nullable(),
  flash: LiveFlash.nullable(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const MinutePoint = z.object({
  minute: z.string(),
  viewers: z.number().int(),
  chats: z.number().int(),
  likes: z.number().int(),
  productClicks: z.number().int(),
  orders: z.number().int(),
  gmv: Fen,
});

export const Dashboard = z.object({
  sessionId: z.string(),
  status: z.string(),
  viewers: z.number().int().describe('当前在线'),
  peakViewers: z.number().int(),
  uniqueViewers: z.number().int(),
  averageDwellSeconds: z.number().int(),
  interactingViewers: z.number().int(),
  interactionRate: z.number().describe('(评论或点赞的观众) / 观众'),
  likes: z.number().int(),
  chats: z.number().int(),
  productClicks: z.number().int(),
  payingBuyers: z.number().int(),
  conversionRate: z.number().describe('付款买家 / 观众'),
  orders: z.number().int(),
  gmv: Fen,
  series: z.array(MinutePoint),
});

export const Report = Dashboard.extend({
  title: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int(),
  products: z.array(
    z.object({ productId: z.string(), title: z.string(), clicks: z.number().int(), units: z.number().int(), gmv: Fen }),
  ),
  clips: z.array(Clip),
});

export const Control = z.object({
  role: Role,
  abilities: z.array(z.enum(['manage', 'run', 'pin', 'mute', 'answer', 'metrics'])),
  session: SessionDetail,
  stream: z.object({ streamKey: z.string(), ingestUrl: z.string().nullable() }).nullable().describe('仅主播和商家可见'),
  team: z.array(z.object({ userId: z.string(), nickname: z.string(), role: z.enum(LIVE_ROLES) })),
  mutes: z.array(z.object({ userId: z.string(), until: z.string() })),
  prizeTemplates: z
    .array(z.object({ id: z.string(), name: z.string(), label: z.string().describe('如「满99减20」') }))
    .describe('可作抽奖奖品的本店优惠券（有 run 权限时）'),
  skus: z
    .array(
      z.object({ skuId: z.string(), productId: z.string(), specText: z.string(), price: Fen, stock: z.number().int() }),
    )
    .describe('本场商品的规格（直播秒杀表单用，有 run 权限时）'),
});

export const Qualification = z.object({
  merchantId: z.string(),
  realName: z.string().nullable().describe('脱敏姓名'),
  idNumberTail: z.string().nullable().describe('身份证号后四位'),
  realNameVerifiedAt: z.string().nullable(),
  depositHeld: Fen,
  depositRequired: Fen,
  depositPaidAt: z.string().nullable(),
  availableBalance: Fen,
  badges: z.object({ realName: z.boolean(), deposit: z.boolean(), guarantee: z.boolean() }),
  creditScore: z.number().int(),
  minCreditScore: z.number().int(),
  canStart: z.boolean(),
});
