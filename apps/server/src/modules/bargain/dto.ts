import { z } from 'zod';
import { BARGAIN_STATUSES } from './schema.ts';

const Fen = z.number().int().describe('金额，单位：分');
const IsoTime = z.string().describe('ISO 8601 时间');
export const Id = z.object({ id: z.string().min(1).max(64) });
export const Paging = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const CreateBargainCampaign = z.object({
  skuId: z.string().min(1).max(64),
  title: z.string().trim().max(60).optional(),
  floorPrice: Fen.min(1).describe('砍到的底价'),
  helpsNeeded: z.number().int().min(1).max(100).describe('砍到底价需要的帮砍次数'),
  durationMinutes: z
    .number()
    .int()
    .min(10)
    .max(7 * 24 * 60)
    .describe('发起后多久内须下单'),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});
export const BargainCampaign = z.object({
  id: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  productId: z.string(),
  skuId: z.string(),
  title: z.string(),
  productTitle: z.string(),
  specText: z.string(),
  imageUrl: z.string().nullable(),
  skuPrice: Fen,
  floorPrice: Fen,
  helpsNeeded: z.number().int(),
  durationMinutes: z.number().int(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  status: z.enum(['active', 'stopped']),
  live: z.boolean(),
});
export const BargainCampaignWithStats = BargainCampaign.extend({
  bargains: z.object({
    active: z.number().int(),
    ordered: z.number().int(),
    purchased: z.number().int(),
    expired: z.number().int(),
  }),
});
export const Bargain = z.object({
  id: z.string(),
  campaignId: z.string(),
  status: z.enum(BARGAIN_STATUSES).describe('active 砍价中 / ordered 已下单待付款 / purchased 已购买 / expired 已过期'),
  ownerNickname: z.string(),
  startPrice: Fen,
  floorPrice: Fen,
  currentPrice: Fen,
  helpsNeeded: z.number().int(),
  helpsCount: z.number().int(),
  seed: z.string().describe('每刀金额由 seed 决定，可复算'),
  expiresAt: IsoTime,
  orderId: z.string().nullable(),
  helpers: z.array(z.object({ nickname: z.string(), avatarUrl: z.string().nullable(), amount: Fen, at: IsoTime })),
  campaign: BargainCampaign,
  isMine: z.boolean(),
  iHelped: z.boolean(),
});
export const ProductBargains = z.object({
  items: z.array(BargainCampaign.extend({ myBargainId: z.string().nullable() })),
});
const Benefits = {
  couponIds: z.array(z.string().min(1).max(64)).max(5).optional().describe('使用的优惠券；不传时自动选最优，[] 为不用'),
  usePoints: z.boolean().optional().describe('用积分抵扣'),
};
export const QuoteInput = z.object({ addressId: z.string().max(64).optional(), ...Benefits });
export const OrderInput = z.object({
  ...Benefits,
  addressId: z.string().min(1).max(64),
  expectedAmount: Fen,
  note: z.string().trim().max(100).optional(),
});
export const Ordered = z.object({ bargainId: z.string(), orderId: z.string(), checkoutId: z.string(), amount: Fen });
