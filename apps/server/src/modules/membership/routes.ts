import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { TIER_CODES } from './schema.ts';
import { memberDayView, updateMemberDay } from './member-day.ts';
import * as svc from './service.ts';

const tags = ['会员'];

const Tier = z.object({
  code: z.enum(TIER_CODES),
  name: z.string(),
  threshold: z.number().int().describe('成长值门槛（近 365 天每实付 ¥1 计 1 点）'),
  percentOff: z.number().int().describe('会员价：商品金额减免的百分比'),
  freeShipping: z.boolean(),
  birthdayCoupon: z
    .object({
      templateId: z.string(),
      label: z.string().describe('如 满99减10、无门槛减30'),
      kind: z.enum(['threshold', 'no_threshold']),
      thresholdAmount: z.number().int(),
      discountAmount: z.number().int(),
      validDays: z.number().int(),
    })
    .nullable()
    .describe('生日月发放的平台券，每年一次；普通会员为 null'),
  priorityMinutes: z.number().int().describe('限量商品提前购买的分钟数'),
  trials: z.boolean().describe('可报名新品试用'),
});
const Membership = z.object({
  tier: z.enum(TIER_CODES),
  tierName: z.string(),
  growth: z.number().int(),
  tierSince: z.string().nullable(),
  next: z
    .object({ tier: z.enum(TIER_CODES), name: z.string(), threshold: z.number().int(), needed: z.number().int() })
    .nullable(),
  benefits: Tier,
  birthday: z.string().nullable().describe('MM-DD'),
  trialOptIn: z.boolean(),
  tiers: z.array(Tier),
  windowDays: z.number().int(),
});

const Percent = z.number().int().min(0).max(100);
const MemberDay = z.object({
  enabled: z.boolean().describe('关闭后不再有会员日'),
  today: z.boolean().describe('今天（北京时间）是不是会员日'),
  day: z.number().int().describe('每月几号是会员日'),
  next: z.string().describe('下一个会员日（北京时间日期，含今天）'),
  pointsMultiplier: z.number().int().describe('会员日付款的订单购物积分倍数'),
  tiers: z.array(
    z.object({
      code: z.enum(TIER_CODES),
      name: z.string(),
      everydayPercentOff: z.number().int().describe('日常会员价减免百分比'),
      memberDayPercentOff: z.number().int().describe('会员日当天减免百分比'),
    }),
  ),
  updatedAt: z.string().nullable().describe('运营最近一次修改时间；null 为默认设置'),
});
const MemberDayInput = z.object({
  enabled: z.boolean(),
  dayOfMonth: z.number().int().min(1).max(28).describe('每月几号（1–28，保证每个月都有）'),
  pointsMultiplier: z.number().int().min(1).max(3),
  tierPercentOff: z.object({ regular: Percent, silver: Percent, gold: Percent, diamond: Percent }),
});

export default async function membershipRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/membership/me',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的会员等级、成长值与权益', response: { 200: Membership } },
    },
    async (req) => svc.getMyMembership(ctxOf(req)),
  );
  r.put(
    '/api/v1/membership/me/birthday',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '设置生日（仅可设置一次；银卡及以上生日当天得生日礼积分）',
        body: z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
        response: { 200: Membership },
      },
    },
    async (req) => unwrap(await svc.setBirthday(ctxOf(req), req.body)),
  );
  r.put(
    '/api/v1/membership/me/trials',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '报名 / 退出新品试用（金卡及以上）',
        body: z.object({ optIn: z.boolean() }),
        response: { 200: Membership },
      },
    },
    async (req) => unwrap(await svc.setTrialOptIn(ctxOf(req), req.body.optIn)),
  );
  r.get(
    '/api/v1/admin/membership/overview',
    {
      config: { permission: 'staff:insights.read' },
      schema: {
        tags,
        summary: '会员等级配置与各等级人数',
        response: {
          200: z.object({
            tiers: z.array(Tier.extend({ members: z.number().int() })),
            trialOptIns: z.number().int(),
            growthWindowDays: z.number().int(),
            lastRecomputedAt: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => svc.membershipOverview(ctxOf(req)),
  );
  r.get(
    '/api/v1/member-day',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '会员日：今天是不是、每月几号、各等级会员日折扣与积分倍数',
        response: { 200: MemberDay },
      },
    },
    async (req) => memberDayView(ctxOf(req)),
  );
  r.put(
    '/api/v1/admin/member-day',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags,
        summary: '设置会员日（日期、各等级折扣、积分倍数）；对此后的订单生效',
        body: MemberDayInput,
        response: { 200: MemberDay },
      },
    },
    async (req) => unwrap(await updateMemberDay(ctxOf(req), req.body)),
  );
}
