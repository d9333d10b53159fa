import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { createPayment, getPayment, loadOwnPayment } from './charges.ts';
import { receiveProviderCallback, sandboxProvider, simulateSandboxPayment } from './callbacks.ts';
import { runReconciliation } from './reconcile.ts';
import { listOrderRefunds } from './refunds.ts';
import { requestOrigin } from '../../platform/origin.ts';
import { safeReturnUrl, sandboxPayPage } from './sandbox-page.ts';
import { listMerchantEntries, merchantFinance } from './settlement.ts';

const Id = z.string().min(1).max(64);
const PaymentStatus = z.enum(['pending', 'succeeded', 'failed', 'duplicate']);
const Payment = z.object({
  paymentId: z.string(),
  checkoutId: z.string(),
  amount: z.number().int().describe('应付金额（分）'),
  payUrl: z.string(),
  status: PaymentStatus,
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
const CallbackResult = z.object({ paymentId: z.string(), status: PaymentStatus, applied: z.boolean() });
const Refund = z.object({
  refundId: z.string(),
  orderId: z.string(),
  amount: z.number().int(),
  reason: z.string(),
  status: z.enum(['pending', 'completed']),
  requestedAt: z.string(),
  completedAt: z.string().nullable(),
});
const FinanceEntry = z.object({
  entryId: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  refId: z.string(),
  memo: z.string().nullable(),
  account: z.enum(['pending', 'available']),
  amount: z.number().int(),
  createdAt: z.string(),
});
const Report = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  checks: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      ok: z.boolean(),
      expected: z.number(),
      actual: z.number(),
      detail: z.string(),
    }),
  ),
  problems: z.array(z.string()),
});

const tags = ['支付'];

export default async function paymentRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/payments',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '发起支付（支持 Idempotency-Key）',
        description: '为结算单创建支付，已有未完成的支付时直接返回它。每个结算单最多成功支付一次。',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: z.object({ checkoutId: Id.describe('结算单 ID') }),
        response: { 200: Payment },
      },
    },
    async (req) => unwrap(await createPayment(ctxOf(req), req.body)),
  );

  r.get(
    '/api/v1/payments/:id',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '支付单状态', params: z.object({ id: Id }), response: { 200: Payment } },
    },
    async (req) => getPayment(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/sandbox/pay/:id',
    {
      config: { permission: 'user' },
      schema: {
        tags: ['沙箱支付'],
        summary: '沙箱收银台页面（HTML）',
        params: z.object({ id: Id }),
        querystring: z.object({ returnUrl: z.string().max(500).optional() }),
        produces: ['text/html'],
        response: { 200: z.string().describe('text/html 页面') },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      sandboxProvider(ctx.deps);
      const payment = await loadOwnPayment(ctx, req.params.id);
      const html = sandboxPayPage({
        paymentId: payment.id,
        amount: payment.amount,
        status: payment.status,
        returnUrl: safeReturnUrl(req.query.returnUrl, requestOrigin(req)),
      });
      return reply
        .type('text/html; charset=utf-8')
        .headers({
          'cache-control': 'no-store',
          // A pay page must never be framed (clickjacking) and needs nothing but itself.
          'x-frame-options': 'DENY',
          'content-security-policy':
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        })
        .send(html);
    },
  );

  r.post(
    '/api/v1/sandbox/pay/:id',
    {
      config: { permission: 'user' },
      schema: {
        tags: ['沙箱支付'],
        summary: '沙箱支付：确认支付或模拟失败',
        params: z.object({ id: Id }),
        body: z.object({ outcome: z.enum(['succeeded', 'failed'], { error: '请选择 succeeded 或 failed' }) }),
        response: { 200: CallbackResult },
      },
    },
    async (req) => unwrap(await simulateSandboxPayment(ctxOf(req), req.params.id, req.body.outcome)),
  );

  // The signature covers the exact bytes the provider sent, so this one route keeps the body as a raw string.
  await app.register(async (raw) => {
    raw.removeContentTypeParser('application/json');
    raw.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    raw.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/payments/callbacks/sandbox',
      {
        config: { permission: 'signed-callback' },
        schema: {
          tags: ['沙箱支付'],
          summary: '沙箱支付渠道回调（HMAC 签名，头 x-sandbox-signature）',
          body: z.string().optional().describe('渠道原始报文'),
          headers: z.object({ 'x-sandbox-signature': z.string().optional() }),
          response: { 200: CallbackResult },
        },
      },
      async (req) => receiveProviderCallback(app.deps, req.body ?? '', req.headers['x-sandbox-signature']),
    );
  });

  r.get(
    '/api/v1/orders/:id/refunds',
    {
      config: { permission: 'user' },
      schema: {
        tags: ['退款'],
        summary: '我的订单的退款记录',
        params: z.object({ id: Id }),
        response: { 200: z.object({ items: z.array(Refund) }) },
      },
    },
    async (req) => listOrderRefunds(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/merchant/finance',
    {
      config: { permission: 'merchant:finance.read' },
      schema: {
        tags: ['商家资金'],
        summary: '资金概况：待结算、可提现与最近流水',
        response: {
          200: z.object({
            merchantId: z.string(),
            pending: z.number().int(),
            available: z.number().int(),
            recent: z.array(FinanceEntry),
          }),
        },
      },
    },
    async (req) => merchantFinance(ctxOf(req)),
  );

  r.get(
    '/api/v1/merchant/finance/entries',
    {
      config: { permission: 'merchant:finance.read' },
      schema: {
        tags: ['商家资金'],
        summary: '资金流水（分页）',
        querystring: z.object({
          cursor: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').optional(),
        }),
        response: { 200: z.object({ items: z.array(FinanceEntry), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listMerchantEntries(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/admin/reconciliation',
    {
      config: { permission: 'staff:finance.read' },
      schema: { tags: ['平台对账'], summary: '资金对账：账本平衡与支付、退款、订单核对', response: { 200: Report } },
    },
    async (req) => runReconciliation(ctxOf(req)),
  );
}
