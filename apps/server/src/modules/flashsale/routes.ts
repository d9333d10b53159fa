import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { AppError, unwrap } from '../../platform/errors.ts';
import { TIER_CODES } from './schema.ts';
import * as svc from './service.ts';

const tags = ['flash-sale 秒杀'];
const Id = z.string().min(1).max(64);
const Fen = z.number().int();
const FlashItem = z.object({
  itemId: z.string(),
  saleId: z.string(),
  productId: z.string(),
  skuId: z.string(),
  title: z.string(),
  specText: z.string(),
  imageUrl: z.string().nullable(),
  flashPrice: Fen.describe('秒杀价（分）'),
  regularPrice: Fen.describe('创建场次时的现价（分），即划线价'),
  quantity: z.number().int().describe('秒杀总量'),
  sold: z.number().int().describe('已被抢到且未失效的件数'),
  remaining: z.number().int(),
  perUserLimit: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  payWindowSeconds: z.number().int(),
  state: z.enum(['upcoming', 'live', 'sold_out', 'ended']),
  minTier: z.enum(TIER_CODES).nullable(),
  communityId: z.string().nullable(),
  memberEarlyAccess: z.boolean().describe('会员优先购（限量款）：金卡提前 30 分钟、黑钻提前 60 分钟可抢'),
  myStartsAt: z.string().describe('当前登录买家可开抢的时间（会员优先购时为其等级的提前开抢时间，否则同 startsAt）'),
});
const Slot = z.object({
  saleId: z.string(),
  title: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  state: z.enum(['upcoming', 'live', 'ended', 'cancelled']),
  minTier: z.enum(TIER_CODES).nullable().describe('会员专享：该等级及以上可抢'),
  communityId: z.string().nullable().describe('社群专享：仅该社群成员可抢'),
  memberEarlyAccess: z.boolean(),
  items: z.array(FlashItem),
});
const Purchase = z.object({
  purchaseId: z.string(),
  itemId: z.string(),
  orderId: z.string(),
  checkoutId: z.string(),
  qty: z.number().int(),
  payAmount: Fen,
  payDeadline: z.string().describe('须在此之前付款，否则名额释放给其他人'),
  status: z.enum(['reserved', 'paid', 'expired', 'cancelled']),
});
const Monitor = Slot.extend({
  paidUnits: z.number().int(),
  expiredUnits: z.number().int(),
  buyers: z.number().int(),
  perSecond: z.array(z.object({ at: z.string(), purchases: z.number().int() })),
});
const CreateBody = z
  .object({
    title: z.string().trim().min(2, '场次名称至少 2 个字').max(40, '场次名称最多 40 个字'),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    payWindowSeconds: z.number().int().min(60, '支付时限至少 60 秒').max(1800, '支付时限最多 30 分钟').optional(),
    minTier: z.enum(TIER_CODES).optional(),
    communityId: Id.optional(),
    memberEarlyAccess: z
      .boolean()
      .default(false)
      .describe('会员优先购（限量款）：金卡会员提前 30 分钟、黑钻提前 60 分钟开抢'),
    items: z
      .array(
        z.object({
          skuId: Id,
          flashPrice: z.number().int().min(1, '秒杀价至少 0.01 元'),
          quantity: z.number().int().min(1, '秒杀数量至少 1 件').max(1_000_000),
          perUserLimit: z.number().int().min(1).max(10, '每人限购最多 10 件').default(1),
        }),
      )
      .min(1, '至少选择一个商品')
      .max(20, '一个场次最多 20 个商品'),
  })
  .strict();

// The purchase endpoint's own limits: per client address, and per buyer whatever address they come from.
// Counters live in Redis when it is configured, so they hold across processes.
const PER_IP = { max: 120, timeWindow: '1 minute' } as const;
const PER_USER = { max: 20, timeWindow: '1 minute' } as const;

export default async function flashSaleRoutes(app: App): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const perUserLimit = app.hasDecorator('createRateLimit')
    ? app.createRateLimit({
        ...PER_USER,
        keyGenerator: (req: FastifyRequest) => `flash:user:${req.actor.kind === 'user' ? req.actor.userId : req.ip}`,
      })
    : undefined;

  r.get(
    '/api/v1/flash-sales',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '秒杀频道：正在抢购与即将开始的场次',
        response: { 200: z.object({ slots: z.array(Slot) }) },
      },
    },
    async (req) => ({ slots: await svc.listFlashChannel(ctxOf(req)) }),
  );

  r.get(
    '/api/v1/flash-sales/items/:itemId',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '秒杀商品详情（登录时含我的抢购结果）',
        params: z.object({ itemId: Id }),
        response: { 200: FlashItem.extend({ myQty: z.number().int(), myPurchases: z.array(Purchase) }) },
      },
    },
    async (req) => svc.getFlashItem(ctxOf(req), req.params.itemId),
  );

  r.post(
    '/api/v1/flash-sales/items/:itemId/purchase',
    {
      config: { permission: 'user', rateLimit: { ...PER_IP, keyGenerator: (req) => `flash:ip:${req.ip}` } },
      preHandler: async (req) => {
        if (!perUserLimit) return;
        const limit = await perUserLimit(req);
        if (!limit.isAllowed && limit.isExceeded)
          throw new AppError('rate-limited', 429, '操作太频繁，请稍后再试', `每分钟最多抢购 ${PER_USER.max} 次`);
      },
      schema: {
        tags,
        summary: '立即抢购（须带 Idempotency-Key；抢到即生成待支付订单）',
        params: z.object({ itemId: Id }),
        body: z.object({ qty: z.number().int().min(1).max(10).default(1), addressId: Id.optional() }).strict(),
        response: { 201: Purchase },
      },
    },
    async (req, reply) => {
      const purchase = unwrap(await svc.purchaseFlashItem(ctxOf(req), req.params.itemId, req.body));
      return reply.code(201).send(purchase);
    },
  );

  r.get(
    '/api/v1/me/flash-purchases',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的秒杀',
        response: {
          200: z.object({ items: z.array(Purchase.extend({ title: z.string(), imageUrl: z.string().nullable() })) }),
        },
      },
    },
    async (req) => ({ items: await svc.listMyFlashPurchases(ctxOf(req)) }),
  );

  r.get(
    '/api/v1/merchant/flash-sales',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: { tags, summary: '本店秒杀场次', response: { 200: z.object({ slots: z.array(Slot) }) } },
    },
    async (req) => ({ slots: await svc.listMerchantFlashSales(ctxOf(req)) }),
  );

  r.post(
    '/api/v1/merchant/flash-sales',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: { tags, summary: '创建秒杀场次（秒杀数量从规格库存中划出）', body: CreateBody, response: { 201: Slot } },
    },
    async (req, reply) => {
      const b = req.body;
      const slot = unwrap(
        await svc.createFlashSale(ctxOf(req), { ...b, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) }),
      );
      return reply.code(201).send(slot);
    },
  );

  r.get(
    '/api/v1/merchant/flash-sales/:saleId',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: {
        tags,
        summary: '场次实时监控：已抢、剩余、已付款、每秒成交',
        params: z.object({ saleId: Id }),
        response: { 200: Monitor },
      },
    },
    async (req) => svc.getFlashSaleMonitor(ctxOf(req), req.params.saleId),
  );

  r.post(
    '/api/v1/merchant/flash-sales/:saleId/cancel',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: {
        tags,
        summary: '取消未开始的场次（库存退回）',
        params: z.object({ saleId: Id }),
        response: { 200: Slot },
      },
    },
    async (req) => unwrap(await svc.cancelFlashSale(ctxOf(req), req.params.saleId)),
  );
}
