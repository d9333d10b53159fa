import { z } from 'zod';
import { CampaignBase, NewCampaignFields } from '../orders/api.ts';
import { BARGAIN_STATUSES } from './schema.ts';

const Fen = z.number().int().describe('金额，单位：分');
const IsoTime = z.string().describe('ISO 8601 时间');
export const CreateBargainCampaign = z.object({
  ...NewCampaignFields,
  floorPrice: Fen.min(1).describe('砍到的底价'),
  helpsNeeded: z.number().int().min(1).max(100).describe('砍到底价需要的帮砍次数'),
  durationMinutes: z
    .number()
    .int()
    .min(10)
    .max(7 * 24 * 60)
    .describe('发起后多久内须下单'),
});
export const BargainCampaign = CampaignBase.extend({
  floorPrice: Fen,
  helpsNeeded: z.number().int(),
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
export const Ordered = z.object({ bargainId: z.string(), orderId: z.string(), checkoutId: z.string(), amount: Fen });
