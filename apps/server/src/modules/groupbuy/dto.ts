import { z } from 'zod';
import { GROUP_STATUSES, MEMBER_STATUSES } from './schema.ts';

// The group-buy HTTP API's zod schemas.

const Fen = z.number().int().describe('金额，单位：分');
const IsoTime = z.string().describe('ISO 8601 时间');
export const Id = z.object({ id: z.string().min(1).max(64) });
export const Paging = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const CreateCampaign = z.object({
  skuId: z.string().min(1).max(64),
  title: z.string().trim().max(60, '活动名称最多 60 字').optional(),
  groupSize: z.number().int().min(2, '至少 2 人成团').max(50, '最多 50 人成团'),
  groupPrice: Fen.min(1),
  durationMinutes: z
    .number()
    .int()
    .min(10)
    .max(72 * 60)
    .describe('开团后多久内须成团（分钟）'),
  perUserLimit: z.number().int().min(1).max(100).nullable().optional().describe('每人最多参团次数；不填为不限'),
  newUserSeats: z.number().int().min(0).max(49).default(0).describe('每团留给新人（从未付款下单）的席位数'),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});

export const Campaign = z.object({
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
  groupSize: z.number().int(),
  groupPrice: Fen,
  durationMinutes: z.number().int(),
  perUserLimit: z.number().int().nullable(),
  newUserSeats: z.number().int(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  status: z.enum(['active', 'stopped']),
  live: z.boolean().describe('进行中：可开新团'),
});
export const CampaignWithStats = Campaign.extend({
  groups: z.object({
    pending: z.number().int(),
    open: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    abandoned: z.number().int(),
  }),
});

const Member = z.object({
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  isLeader: z.boolean(),
  status: z.enum(MEMBER_STATUSES),
  joinedAt: IsoTime,
  paidAt: IsoTime.nullable(),
});
export const Group = z.object({
  id: z.string(),
  campaignId: z.string(),
  status: z
    .enum(GROUP_STATUSES)
    .describe('pending 待团长付款 / open 拼团中 / succeeded 已成团 / failed 未成团已退款 / abandoned 团长未付款'),
  size: z.number().int(),
  seatsTaken: z.number().int().describe('已占席位（已付款 + 待付款）'),
  paidCount: z.number().int(),
  seatsLeft: z.number().int(),
  newUserSeats: z.number().int(),
  openedAt: IsoTime.nullable(),
  expiresAt: IsoTime.nullable(),
  succeededAt: IsoTime.nullable(),
  failedAt: IsoTime.nullable(),
  leaderNickname: z.string(),
  members: z.array(Member).describe('真实成员，不含已释放席位，绝不虚拟补位'),
});
export const StaffGroup = Group.extend({
  members: z.array(Member.extend({ orderId: z.string(), refundedAfterSuccess: z.boolean() })),
});
const Seat = z.object({
  memberId: z.string(),
  status: z.enum(MEMBER_STATUSES),
  orderId: z.string(),
  checkoutId: z.string(),
  payAmount: Fen,
  isLeader: z.boolean(),
});
export const GroupPage = z.object({ group: Group, campaign: Campaign, mySeat: Seat.nullable() });
export const ProductGroupBuys = z.object({ items: z.array(Campaign.extend({ openGroups: z.array(Group) })) });
export const MyGroupBuy = z.object({ seat: Seat, group: Group, campaign: Campaign });

const Benefits = {
  couponIds: z.array(z.string().min(1).max(64)).max(5).optional().describe('使用的优惠券；不传时自动选最优，[] 为不用'),
  usePoints: z.boolean().optional().describe('用积分抵扣'),
};
export const SeatQuoteInput = z.object({ addressId: z.string().max(64).optional(), ...Benefits });
export const SeatOrderInput = z.object({
  ...Benefits,
  addressId: z.string().min(1).max(64),
  expectedAmount: Fen.describe('试算得到的应付金额'),
  note: z.string().trim().max(100).optional(),
});
export const SeatTaken = z.object({
  groupId: z.string(),
  memberId: z.string(),
  orderId: z.string(),
  checkoutId: z.string().describe('去支付：/pay/{checkoutId}'),
  amount: Fen,
  payDeadline: IsoTime,
});
export const GroupsQuery = Paging.extend({ status: z.enum(GROUP_STATUSES).optional() });
