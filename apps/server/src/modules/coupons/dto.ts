import { z } from 'zod';
import { COUPON_AUDIENCES, COUPON_KINDS, COUPON_SCOPES } from './schema.ts';
import { MAX_TARGETS, SEGMENTS } from './targeting.ts';
import { MY_TABS } from './wallet.ts';

// The coupons HTTP API's zod schemas.

const Fen = z.number().int().describe('金额，单位：分');
const IsoTime = z.string().describe('ISO 8601 时间');
const When = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601' });
export const Id = z.object({ id: z.string().min(1).max(64) });
export const Paging = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const TemplateInput = z
  .object({
    name: z.string().trim().min(1, '请填写名称').max(30, '名称最多 30 字'),
    kind: z.enum(COUPON_KINDS),
    thresholdAmount: Fen.min(0).max(100_000_000).default(0).describe('满多少可用（分）；无门槛券为 0'),
    discountAmount: Fen.min(0).max(10_000_000).default(0).describe('减多少（分）；折扣券为 0'),
    percentOff: z
      .number()
      .int()
      .min(1, '折扣最少减 1%')
      .max(90, '折扣最多减 90%')
      .optional()
      .describe('折扣券：减百分之几（15 即 8.5 折）'),
    maxDiscount: Fen.min(1).max(10_000_000).nullable().optional().describe('折扣券最多减多少（分）'),
    scope: z.enum(COUPON_SCOPES).describe('shop 全店/全平台通用，products 指定商品，category 指定品类'),
    productIds: z.array(z.string().max(64)).max(200).default([]),
    categoryIds: z.array(z.string().max(64)).max(50).default([]),
    audience: z
      .enum(COUPON_AUDIENCES)
      .default('public')
      .describe('public 领券中心，new_user 新人礼包，targeted 仅定向发放'),
    firstOrderOnly: z.boolean().default(false).describe('仅限首单（买家尚无已支付订单）使用'),
    validity: z.discriminatedUnion('type', [
      z.object({ type: z.literal('fixed'), validFrom: When, validUntil: When }),
      z.object({ type: z.literal('relative'), days: z.number().int().min(1, '至少 1 天').max(365, '最多 365 天') }),
    ]),
    claimFrom: When.optional().describe('开始领取时间，默认现在'),
    claimUntil: When.describe('领取截止时间'),
    totalQuantity: z.number().int().min(1, '发行量至少 1 张').max(10_000_000),
    perUserLimit: z.number().int().min(1, '每人至少可领 1 张').max(20, '每人最多限领 20 张').default(1),
  })
  .refine((v) => v.kind !== 'percent' || v.percentOff !== undefined, {
    error: '折扣券请填写折扣',
    path: ['percentOff'],
  });

const TemplateFields = {
  id: z.string(),
  merchantId: z.string().nullable(),
  name: z.string(),
  label: z.string().describe('如「满200减30」「8.5折」'),
  kind: z.enum(COUPON_KINDS),
  thresholdAmount: Fen,
  discountAmount: Fen,
  percentOff: z.number().nullable(),
  maxDiscount: Fen.nullable(),
  scope: z.enum(COUPON_SCOPES),
  productIds: z.array(z.string()),
  categoryIds: z.array(z.string()),
  audience: z.enum(COUPON_AUDIENCES),
  firstOrderOnly: z.boolean(),
  validFrom: IsoTime.nullable(),
  validUntil: IsoTime.nullable(),
  validDays: z.number().nullable().describe('领取后 N 天内有效；固定有效期时为 null'),
  claimFrom: IsoTime,
  claimUntil: IsoTime,
  totalQuantity: z.number().int(),
  perUserLimit: z.number().int(),
};

export const Template = z.object({
  ...TemplateFields,
  status: z.enum(['active', 'stopped']),
  createdAt: IsoTime,
  stats: z.object({
    issued: z.number().int().describe('已发放张数'),
    used: z.number().int().describe('当前已使用（锁定在订单上）张数'),
    returned: z.number().int().describe('因取消或全额退款退回的次数'),
    paidOrders: z.number().int().describe('已支付且未取消/全额退款的用券订单数'),
    paidDiscount: Fen.describe('上述订单的优惠金额合计'),
  }),
});

export const CenterTemplate = z.object({
  ...TemplateFields,
  merchantName: z.string().nullable(),
  issuedCount: z.number().int(),
  soldOut: z.boolean(),
  claimedByMe: z.number().int(),
  canClaim: z.boolean(),
});
export const CenterQuery = Paging.extend({
  merchantId: z.string().max(64).optional(),
  productId: z.string().max(64).optional(),
});

export const MyCoupon = z.object({
  ...TemplateFields,
  templateId: z.string(),
  merchantName: z.string().nullable(),
  status: z.enum(MY_TABS),
  couponValidFrom: IsoTime,
  couponValidUntil: IsoTime,
  usedAt: IsoTime.nullable(),
  returnedAt: IsoTime.nullable().describe('曾因订单取消或全额退款退回'),
  issuedAt: IsoTime,
});
export const MyQuery = Paging.extend({ tab: z.enum(MY_TABS).default('available') });
export const MyPage = page(MyCoupon).extend({
  counts: z.object({ available: z.number().int(), used: z.number().int(), expired: z.number().int() }),
});

export const NewUserPack = z.object({
  eligible: z.boolean(),
  claimedAt: IsoTime.nullable(),
  templates: z.array(CenterTemplate.omit({ canClaim: true, claimedByMe: true })),
});

export const IssueInput = z
  .object({
    userIds: z.array(z.string().max(64)).max(MAX_TARGETS).optional(),
    phones: z
      .array(z.string().regex(/^1\d{10}$/, '手机号格式不正确'))
      .max(MAX_TARGETS)
      .optional(),
    segment: z
      .enum(SEGMENTS)
      .optional()
      .describe('buyers 在本店（平台：任一店）买过的用户；lapsed_buyers 60 天未下单的老客'),
  })
  .refine((v) => (v.userIds?.length ?? 0) + (v.phones?.length ?? 0) > 0 || v.segment !== undefined, {
    error: '请填写用户或选择人群',
  });
export const IssueResult = z.object({
  issued: z.number().int(),
  skippedAtLimit: z.number().int(),
  unmatched: z.number().int().describe('未匹配到注册用户的条目数（只给数量，不列出是哪些手机号或用户）'),
});
