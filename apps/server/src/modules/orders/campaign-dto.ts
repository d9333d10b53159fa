import { z } from 'zod';

// The HTTP schemas every campaign module (group buy, bargain) shares: its paging, the campaign fields every kind
// has, and the quote/order bodies a shopper sends to buy at the campaign price through the standard checkout.

const Fen = z.number().int().describe('金额，单位：分');
const IsoTime = z.string().describe('ISO 8601 时间');

export const CampaignId = z.object({ id: z.string().min(1).max(64) });
export const CampaignPaging = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const campaignPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** What every campaign kind shows; a kind extends it with its own price and rules. */
export const CampaignBase = z.object({
  id: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  productId: z.string(),
  skuId: z.string(),
  title: z.string(),
  productTitle: z.string(),
  specText: z.string(),
  imageUrl: z.string().nullable(),
  skuPrice: Fen.describe('该规格当前单买价'),
  durationMinutes: z.number().int(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  status: z.enum(['active', 'stopped']),
  live: z.boolean().describe('进行中：可参与'),
});

/** The fields every new campaign has; a kind adds its own and its duration limits. */
export const NewCampaignFields = {
  skuId: z.string().min(1).max(64),
  title: z.string().trim().max(60, '活动名称最多 60 字').optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
};

const Benefits = {
  couponIds: z.array(z.string().min(1).max(64)).max(5).optional().describe('使用的优惠券；不传时自动选最优，[] 为不用'),
  usePoints: z.boolean().optional().describe('用积分抵扣'),
};
export const CampaignQuoteBody = z.object({ addressId: z.string().max(64).optional(), ...Benefits });
export const CampaignOrderBody = z.object({
  ...Benefits,
  addressId: z.string().min(1).max(64),
  expectedAmount: Fen.describe('试算得到的应付金额'),
  note: z.string().trim().max(100).optional(),
});
