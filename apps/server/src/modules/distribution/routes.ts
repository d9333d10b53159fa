import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import staffRoutes from './staff-routes.ts';
import * as svc from './service.ts';

const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const Link = z.object({
  code: z.string(),
  productId: z.string(),
  path: z.string(),
  product: z.object({ title: z.string(), imageUrl: z.string().nullable(), minPrice: z.number() }).nullable(),
  rateBp: z.number(),
  estimatedCommission: z.number(),
  createdAt: z.string(),
});
const Earnings = z.object({
  pending: z.number(),
  available: z.number(),
  withdrawing: z.number(),
  withdrawn: z.number(),
  withheld: z.number(),
  reversed: z.number(),
  orders: z.number(),
  minWithdrawal: z.number(),
});
const CommissionStatus = z.enum(['pending', 'settled', 'reversed']);
const Commission = z.object({
  id: z.string(),
  orderId: z.string(),
  productId: z.string(),
  productTitle: z.string(),
  level: z.number(),
  rateBp: z.number(),
  baseAmount: z.number(),
  amount: z.number(),
  reversedAmount: z.number(),
  status: CommissionStatus,
  createdAt: z.string(),
  settledAt: z.string().nullable(),
});
const PayoutAccount = z.object({
  provider: z.string(),
  holderName: z.string(),
  maskedAccount: z.string(),
  updatedAt: z.string(),
});
const Withdrawal = z.object({
  id: z.string(),
  amount: z.number(),
  withheld: z.number(),
  net: z.number(),
  status: z.enum(['processing', 'paid', 'failed']),
  maskedAccount: z.string(),
  failureReason: z.string().nullable(),
  requestedAt: z.string(),
  finishedAt: z.string().nullable(),
});

const tags = ['分销'];

export default async function distributionRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/affiliate-links',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '生成商品推广链接（分享赚；同一商品只生成一次）',
        body: z.object({ productId: z.string().min(1).max(64) }),
        response: { 200: Link },
      },
    },
    async (req) => unwrap(await svc.createAffiliateLink(ctxOf(req), req.body.productId)),
  );

  r.get(
    '/api/v1/me/affiliate-links',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的推广链接', querystring: PageQuery, response: { 200: page(Link) } },
    },
    async (req) => svc.listMyLinks(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/me/earnings',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的收益：待结算、可提现、已冲回、已提现', response: { 200: Earnings } },
    },
    async (req) => svc.myEarnings(ctxOf(req)),
  );

  r.get(
    '/api/v1/me/commissions',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的佣金明细',
        querystring: PageQuery.extend({ status: CommissionStatus.optional() }),
        response: { 200: page(Commission) },
      },
    },
    async (req) => svc.listMyCommissions(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/me/payout-account',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的收款账户（脱敏）',
        response: { 200: z.object({ account: PayoutAccount.nullable() }) },
      },
    },
    async (req) => svc.getPayoutAccount(ctxOf(req)),
  );

  r.put(
    '/api/v1/me/payout-account',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '绑定或更换收款账户',
        body: z.object({
          holderName: z.string().trim().min(2, '请填写真实姓名').max(30),
          accountNo: z
            .string()
            .trim()
            .regex(/^[0-9A-Za-z@._-]{6,40}$/, '请填写正确的银行卡号或支付宝账号'),
        }),
        response: { 200: PayoutAccount },
      },
    },
    async (req) => svc.setPayoutAccount(ctxOf(req), req.body),
  );

  r.post(
    '/api/v1/me/withdrawals',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '申请提现（需 Idempotency-Key）',
        description: `单笔不低于 ¥${svc.MIN_WITHDRAWAL_FEN / 100}；按劳务报酬代扣个税后打款到已绑定账户。`,
        body: z.object({ amount: z.number().int('金额须为整数（单位：分）').min(1) }),
        response: { 201: Withdrawal },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.requestWithdrawal(ctxOf(req), req.body))),
  );

  r.get(
    '/api/v1/me/withdrawals',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的提现记录', querystring: PageQuery, response: { 200: page(Withdrawal) } },
    },
    async (req) => svc.listMyWithdrawals(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/me/statements/:month',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '月度收益对账单（CSV，可用于报税）',
        params: z.object({ month: z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM') }),
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const csv = await svc.monthlyStatementCsv(ctxOf(req), req.params.month);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="haowu-statement-${req.params.month}.csv"`)
        .send(csv);
    },
  );

  await staffRoutes(app);
}
