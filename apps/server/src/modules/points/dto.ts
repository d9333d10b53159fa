import { z } from 'zod';
import { OwnMediaUrl } from '../../platform/media.ts';
import { SHARE_TARGETS } from './earning.ts';
import { DONATION_MIN_POINTS, GIFT_MAX_POINTS_PER_DAY, GIFT_MIN_POINTS } from './rules.ts';
import { REDEMPTION_STATUSES } from './schema.ts';

// The points HTTP API's zod schemas.

const Points = z.number().int().describe('积分（100 积分 = ¥1）');
const IsoTime = z.string().describe('ISO 8601 时间');
export const IdParams = z.object({ id: z.string().min(1).max(64) });
export const PageQuery = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const Phone = z.string().regex(/^1[3-9]\d{9}$/, '请输入正确的手机号');

export const SignInCalendar = z.object({
  today: z.string(),
  signedToday: z.boolean(),
  streak: z.number().int(),
  nextPoints: Points,
  days: z.array(z.object({ day: z.string(), points: Points, streak: z.number().int() })),
  rules: z.object({ dailyPoints: Points, bonusEvery: z.number().int(), bonusPoints: Points }),
});
export const MyPoints = z.object({
  balance: Points,
  nextExpiry: z.object({ points: Points, expiresAt: IsoTime }).nullable(),
  signIn: SignInCalendar,
  shares: z.object({ rewardedToday: z.number().int(), dailyCap: z.number().int() }),
  checkout: z.object({ pointsPerYuan: z.number().int(), capPercent: z.number().int() }),
});
export const SignedIn = z.object({ day: z.string(), streak: z.number().int(), points: Points, balance: Points });
export const ShareInput = z.object({ targetType: z.enum(SHARE_TARGETS), targetId: z.string().min(1).max(64) });
export const ShareRewarded = z.object({
  points: Points,
  rewardedToday: z.number().int(),
  dailyCap: z.number().int(),
  note: z.enum(['rewarded', 'already-shared-today', 'daily-cap-reached']),
});
export const HistoryEntry = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  memo: z.string(),
  points: Points,
  at: IsoTime,
});

export const GiftPreviewInput = z.object({ phone: Phone });
export const GiftRecipient = z.object({ phone: z.string(), nickname: z.string() });
export const GiftInput = z.object({
  phone: Phone,
  points: z
    .number()
    .int()
    .min(GIFT_MIN_POINTS, `每次至少赠送 ${GIFT_MIN_POINTS} 积分`)
    .max(GIFT_MAX_POINTS_PER_DAY, `每天最多赠送 ${GIFT_MAX_POINTS_PER_DAY} 积分`),
  message: z.string().trim().max(50, '留言最多 50 字').optional(),
});
export const GiftSent = z.object({
  giftId: z.string(),
  points: Points,
  to: GiftRecipient,
  balance: Points,
  createdAt: IsoTime,
});

export const MallItem = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  imageUrl: z.string().nullable(),
  pointsCost: Points,
  stock: z.number().int(),
  perUserLimit: z.number().int(),
  redeemedCount: z.number().int(),
  active: z.boolean(),
  couponTemplateId: z.string().nullable().describe('优惠券商品：兑换时发放的平台券模板'),
});
export const MallItemInput = z.object({
  title: z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 字'),
  description: z.string().trim().max(500, '说明最多 500 字').default(''),
  imageUrl: OwnMediaUrl.nullable().optional(),
  pointsCost: z.number().int().min(1, '所需积分至少为 1').max(10_000_000),
  stock: z.number().int().min(0, '库存不能为负').max(1_000_000),
  perUserLimit: z.number().int().min(1).max(100).default(1),
  couponTemplateId: z
    .string()
    .max(64)
    .nullable()
    .optional()
    .describe('填写则为优惠券商品（平台券模板 id），兑换即发券'),
});
export const MallItemPatch = MallItemInput.partial().extend({ active: z.boolean().optional() });
export const RedeemInput = z.object({
  addressId: z.string().min(1).max(64).optional().describe('实物商品必填；优惠券商品不需要'),
});
export const Redemption = z.object({
  id: z.string(),
  itemId: z.string(),
  itemTitle: z.string(),
  points: Points,
  status: z.enum(REDEMPTION_STATUSES),
  shipTo: z.object({ recipient: z.string(), phone: z.string(), address: z.string() }).nullable(),
  fulfilNote: z.string().nullable(),
  createdAt: IsoTime,
  fulfilledAt: IsoTime.nullable(),
});
export const RedemptionDecision = z.object({
  action: z.enum(['ship', 'cancel']),
  note: z.string().trim().min(2, '请填写物流单号或取消原因').max(100),
});

export const CharityProject = z.object({
  id: z.string(),
  title: z.string(),
  organization: z.string(),
  description: z.string(),
  imageUrl: z.string().nullable(),
  targetPoints: Points,
  raisedPoints: Points.describe('来自账本：该项目积分账户的贷方余额'),
  donations: z.number().int(),
  donors: z.number().int(),
  active: z.boolean(),
  createdAt: IsoTime,
});
export const CharityProjectInput = z.object({
  title: z.string().trim().min(2).max(40),
  organization: z.string().trim().min(2).max(60),
  description: z.string().trim().min(10, '项目介绍至少 10 个字').max(2000),
  imageUrl: OwnMediaUrl.nullable().optional(),
  targetPoints: z.number().int().min(100).max(1_000_000_000),
});
export const CharityProjectPatch = CharityProjectInput.partial().extend({ active: z.boolean().optional() });
export const DonationEntry = z.object({
  id: z.string(),
  donor: z.string().describe('脱敏昵称'),
  points: Points,
  createdAt: IsoTime,
});
export const DonateInput = z.object({
  points: z.number().int().min(DONATION_MIN_POINTS, `每次至少捐赠 ${DONATION_MIN_POINTS} 积分`).max(10_000_000),
});
export const Donated = z.object({
  donationId: z.string(),
  projectId: z.string(),
  points: Points,
  balance: Points,
  createdAt: IsoTime,
});

export const PointsStats = z.object({
  issued: Points,
  outstanding: Points,
  redeemed: Points,
  expired: Points,
  donated: Points,
  holders: z.number().int(),
  byKind: z.array(z.object({ kind: z.string(), label: z.string(), points: Points })),
  reconciliation: z.object({
    ok: z.boolean(),
    ledgerTotal: z.number(),
    walletMismatches: z.array(z.object({ userId: z.string(), wallet: z.number(), ledger: z.number() })),
    lotMismatches: z.array(z.object({ userId: z.string(), lots: z.number(), balance: z.number() })),
  }),
});
export const RedemptionQuery = PageQuery.extend({ status: z.enum(REDEMPTION_STATUSES).optional() });
