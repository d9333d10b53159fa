import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { createPayment, listPaymentMethods, loadOwnPayment } from './charges.ts';
import { receiveProviderCallback, refreshPayment, sandboxProvider, simulateSandboxPayment } from './callbacks.ts';
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
  method: z.string().describe('支付方式：sandbox / alipay / wechatpay'),
  amount: z.number().int().describe('应付金额（分）'),
  payUrl: z.string().describe('收银台地址：沙箱页面、支付宝签名跳转地址、微信 h5_url 或 code_url'),
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

  r.get(
    '/api/v1/payments/methods',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '可用的支付方式',
        description: '只列出已配置的支付渠道（PAYMENT_PROVIDERS），第一个为默认。',
        response: {
          200: z.object({
            items: z.array(z.object({ method: z.string(), label: z.string(), description: z.string() })),
          }),
        },
      },
    },
    async (req) => listPaymentMethods(ctxOf(req)),
  );

  r.post(
    '/api/v1/payments',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '发起支付（支持 Idempotency-Key）',
        description: '为结算单创建支付，已有未完成的支付时直接返回它。每个结算单最多成功支付一次。',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: z.object({
          checkoutId: Id.describe('结算单 ID'),
          method: z.string().max(32).optional().describe('支付方式（见 /api/v1/payments/methods），缺省为第一个'),
        }),
        response: { 200: Payment },
      },
    },
    async (req) => {
      // The provider sends the buyer back to the shop: its public address when configured, else the one asked.
      const publicUrl = req.server.deps.config.PUBLIC_URL;
      const origin = publicUrl ? new URL(publicUrl).origin : requestOrigin(req);
      return unwrap(await createPayment(ctxOf(req), req.body, origin));
    },
  );

  r.get(
    '/api/v1/payments/:id',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '支付单状态',
        description: '未完成的真实渠道支付会向渠道查询一次（回调迟到时买家也能看到已支付）。',
        params: z.object({ id: Id }),
        response: { 200: Payment },
      },
    },
    async (req) => refreshPayment(ctxOf(req), req.params.id),
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
        body: z.object({
          outcome: z.enum(['succeeded', 'failed'], { error: '请选择 succeeded 或 failed' }),
          payerAccount: z.string().min(1).max(64).optional().describe('沙箱钱包账户；不填即当前买家自己的'),
        }),
        response: { 200: CallbackResult },
      },
    },
    async (req) =>
      unwrap(await simulateSandboxPayment(ctxOf(req), req.params.id, req.body.outcome, req.body.payerAccount)),
  );

  // The signature covers the exact bytes the provider sent, so the callback routes keep the body as a raw string.
  await app.register(async (raw) => {
    for (const type of ['application/json', 'application/x-www-form-urlencoded']) {
      if (raw.hasContentTypeParser(type)) raw.removeContentTypeParser(type);
      raw.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
    }
    const rr = raw.withTypeProvider<ZodTypeProvider>();
    rr.post(
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
      async (req) => receiveProviderCallback(app.deps, 'sandbox', { rawBody: req.body ?? '', headers: req.headers }),
    );
    rr.post(
      '/api/v1/payments/callbacks/alipay',
      {
        config: { permission: 'signed-callback' },
        schema: {
          tags: ['支付回调'],
          summary: '支付宝异步通知（RSA2 签名，表单报文）',
          description: '验签、核对金额后应用；处理成功回复 success，否则支付宝按其策略重发。',
          body: z.string().optional().describe('application/x-www-form-urlencoded 原始报文'),
          produces: ['text/plain'],
          response: { 200: z.literal('success') },
        },
      },
      async (req, reply) => {
        await receiveProviderCallback(app.deps, 'alipay', { rawBody: req.body ?? '', headers: req.headers });
        return reply.type('text/plain; charset=utf-8').send('success');
      },
    );
    rr.post(
      '/api/v1/payments/callbacks/wechatpay',
      {
        config: { permission: 'signed-callback' },
        schema: {
          tags: ['支付回调'],
          summary: '微信支付 APIv3 回调通知（Wechatpay-Signature 验签，AES-256-GCM 解密）',
          description: '处理成功回复 204；失败回复 4xx/5xx，微信支付按其策略重发。',
          body: z.string().optional().describe('JSON 原始报文'),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await receiveProviderCallback(app.deps, 'wechatpay', { rawBody: req.body ?? '', headers: req.headers });
        return reply.status(204).send(null);
      },
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
