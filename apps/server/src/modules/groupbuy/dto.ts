import { z } from 'zod';
import { CampaignBase, CampaignPaging, NewCampaignFields } from '../orders/api.ts';
import { GROUP_STATUSES, MEMBER_STATUSES } from './schema.ts';

// The group-buy HTTP API's zod schemas.

const Fen = z.number().int().describe('金额，单位：分');
const IsoTime = z.string().describe('ISO 8601 时间');
export const CreateCampaign = z.object({
  ...NewCampaignFields,
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
});

export const Campaign = CampaignBase.extend({
  groupSize: z.number().int(),
  groupPrice: Fen,
  perUserLimit: z.number().int().nullable(),
  newUserSeats: z.number().int(),
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
const Group = z.object({
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
  members: z.array(
    Member.extend({ orderId: z.string(), orderNo: z.string().describe('订单号'), refundedAfterSuccess: z.boolean() }),
  ),
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

export const SeatTaken = z.object({
  groupId: z.string(),
  memberId: z.string(),
  orderId: z.string(),
  checkoutId: z.string().describe('去支付：/pay/{checkoutId}'),
  amount: Fen,
  payDeadline: IsoTime,
});
export const GroupsQuery = CampaignPaging.extend({ status: z.enum(GROUP_STATUSES).optional() });
