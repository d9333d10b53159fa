import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { operator } from '../../../test/factories.ts';
import { buyer, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox, postCallback, startPayment } from '../../../test/payment-flow.ts';
import { accountBalance } from '../../platform/ledger.ts';
import { ledgerJournals, outboxEvents } from '../../platform/schema.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';
import { payments } from './schema.ts';

const t = await createTestApp();
const db = t.deps.database.db;
const admin = await operator(t);
const reconciliation = async () => (await admin.get('/api/v1/admin/reconciliation')).body;
const journalsOf = async (kind: string, refId: string) =>
  (
    await db
      .select()
      .from(ledgerJournals)
      .where(and(eq(ledgerJournals.kind, kind), eq(ledgerJournals.refId, refId)))
  ).length;
const paidEvents = async (orderId: string) =>
  (
    await db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, 'order.paid'), sql`${outboxEvents.payload}->>'orderId' = ${orderId}`))
  ).length;
const stockOf = async (skuId: string) => (await loadSkusForCheckout(db, [skuId])).get(skuId)!.stock;

describe('paying a checkout', () => {
  it('pays through the sandbox: orders become paid, the merchant is credited and the ledger reconciles', async () => {
    const a = await shop(t, { name: '甲店', price: 9900 });
    const b = await shop(t, { name: '乙店', price: 5000 });
    const me = await buyer(t);
    const checkout = await placeOrder(t, me, [
      { skuId: a.skuId, qty: 1 },
      { skuId: b.skuId, qty: 1 },
    ]);
    expect(checkout.amount).toBe(9900 + 5800);

    const payment = await startPayment(me, checkout.checkoutId, 'pay-1');
    expect(payment).toMatchObject({
      amount: 15700,
      status: 'pending',
      payUrl: `/api/v1/sandbox/pay/${payment.paymentId}`,
    });
    // The same key replays; without a key the open payment is returned, not a second one.
    expect((await startPayment(me, checkout.checkoutId, 'pay-1')).paymentId).toBe(payment.paymentId);
    expect((await startPayment(me, checkout.checkoutId)).paymentId).toBe(payment.paymentId);

    const page = await t.app.inject({
      method: 'GET',
      url: payment.payUrl,
      headers: { authorization: `Bearer ${me.token}` },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('¥157.00');
    expect(page.body).toContain('确认支付');
    expect(page.body).toContain('模拟失败');
    expect(page.body).not.toMatch(/<(link|script)[^>]+(src|href)=/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const paid = await me.post(payment.payUrl, { outcome: 'succeeded' });
    expect(paid.body).toEqual({ paymentId: payment.paymentId, status: 'succeeded', applied: true });
    await t.drain();
    for (const o of checkout.orders) expect((await me.get(`/api/v1/orders/${o.id}`)).body.status).toBe('paid');
    expect((await me.get(`/api/v1/payments/${payment.paymentId}`)).body).toMatchObject({
      status: 'succeeded',
      paidAt: t.clock.now().toISOString(),
    });

    expect(await accountBalance(db, 'provider:sandbox')).toBeGreaterThanOrEqual(15700);
    expect((await a.owner.get('/api/v1/merchant/finance')).body).toMatchObject({
      merchantId: a.merchantId,
      pending: 9900,
      available: 0,
    });
    const finance = (await b.owner.get('/api/v1/merchant/finance')).body;
    expect(finance).toMatchObject({ pending: 5800, available: 0 });
    expect(finance.recent[0]).toMatchObject({
      kind: 'payment.captured',
      kindLabel: '订单收款',
      account: 'pending',
      amount: 5800,
    });

    const report = await reconciliation();
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
    expect(report.checks.map((c: any) => c.code)).toEqual(
      expect.arrayContaining([
        'journals-balanced',
        'ledger-total-zero',
        'captures-posted',
        'refunds-posted',
        'provider-balance',
        'orders-credited',
        'refunds-per-order',
        'suspense',
      ]),
    );

    const again = await me.post('/api/v1/payments', { checkoutId: checkout.checkoutId });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: 'checkout-already-paid', title: '该订单已支付' });
    expect((await me.post(payment.payUrl, { outcome: 'succeeded' })).body.type).toBe('payment-not-pending');
  });

  it("hides another buyer's checkout and payment, and needs a login", async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const other = await buyer(t);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const payment = await startPayment(me, checkout.checkoutId);
    expect((await other.post('/api/v1/payments', { checkoutId: checkout.checkoutId })).status).toBe(404);
    expect((await other.get(payment.payUrl)).status).toBe(404);
    expect((await other.post(payment.payUrl, { outcome: 'succeeded' })).status).toBe(404);
    expect((await other.get(`/api/v1/payments/${payment.paymentId}`)).status).toBe(404);
    expect((await new Client(t).post('/api/v1/payments', { checkoutId: checkout.checkoutId })).status).toBe(401);
    const bad = await me.post(payment.payUrl, { outcome: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toBe('请选择 succeeded 或 failed');
  });

  it('opens one payment however many times the buyer taps at once', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const taps = await Promise.all(
      [1, 2, 3, 4].map(() => me.post('/api/v1/payments', { checkoutId: checkout.checkoutId })),
    );
    expect(taps.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(taps.map((r) => r.body.paymentId)).size).toBe(1);
  });

  it('a failed payment leaves the order pending, and the buyer pays again with a new payment', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const failed = await payThroughSandbox(t, me, checkout.checkoutId, 'failed');
    expect((await me.get(`/api/v1/payments/${failed.paymentId}`)).body.status).toBe('failed');
    expect((await me.get(`/api/v1/orders/${checkout.orders[0]!.id}`)).body.status).toBe('pending_payment');
    expect(await journalsOf('payment.captured', failed.paymentId)).toBe(0);

    const retry = await payThroughSandbox(t, me, checkout.checkoutId);
    expect(retry.paymentId).not.toBe(failed.paymentId);
    expect((await me.get(`/api/v1/orders/${checkout.orders[0]!.id}`)).body.status).toBe('paid');
  });
});

describe('provider callbacks', () => {
  it('applies a replayed callback once: no second journal, no second order.paid', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const payment = await startPayment(me, checkout.checkoutId);
    const { rawBody, signature } = t.payments.signedCallback({
      paymentId: payment.paymentId,
      providerRef: await providerRefOf(payment.paymentId),
      status: 'succeeded',
      amount: payment.amount,
      paidAt: t.clock.now().toISOString(),
    });
    const first = await postCallback(t, rawBody, signature);
    expect(first).toMatchObject({ status: 200, body: { status: 'succeeded', applied: true } });
    await t.drain();
    for (let i = 0; i < 3; i++) {
      const replay = await postCallback(t, rawBody, signature);
      expect(replay).toMatchObject({ status: 200, body: { status: 'succeeded', applied: false } });
    }
    await t.drain();
    expect(await journalsOf('payment.captured', payment.paymentId)).toBe(1);
    expect(await paidEvents(checkout.orders[0]!.id)).toBe(1);
    expect((await reconciliation()).ok).toBe(true);
  });

  it('rejects a forged or missing signature with 401 and changes nothing', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const payment = await startPayment(me, checkout.checkoutId);
    const body = {
      paymentId: payment.paymentId,
      providerRef: await providerRefOf(payment.paymentId),
      status: 'succeeded' as const,
      amount: payment.amount,
      paidAt: t.clock.now().toISOString(),
    };
    const { signature } = t.payments.signedCallback(body);
    const tampered = JSON.stringify({ ...body, amount: 1 });
    for (const attempt of [
      await postCallback(t, tampered, signature),
      await postCallback(t, JSON.stringify(body)),
      await postCallback(t, JSON.stringify(body), 'f'.repeat(64)),
      await postCallback(t, JSON.stringify(body), 'not-hex'),
    ]) {
      expect(attempt.status).toBe(401);
      expect(attempt.body).toMatchObject({ type: 'invalid-signature', title: '支付回调签名无效' });
    }
    await t.drain();
    expect((await me.get(`/api/v1/payments/${payment.paymentId}`)).body.status).toBe('pending');
    expect((await me.get(`/api/v1/orders/${checkout.orders[0]!.id}`)).body.status).toBe('pending_payment');
    expect(await journalsOf('payment.captured', payment.paymentId)).toBe(0);
    expect(await paidEvents(checkout.orders[0]!.id)).toBe(0);
  });

  it('refunds in full a second payment that arrives for a checkout another payment already paid', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const first = await payThroughSandbox(t, me, checkout.checkoutId, 'failed');
    await payThroughSandbox(t, me, checkout.checkoutId);
    // The provider later reports the first charge as paid after all.
    const late = t.payments.signedCallback({
      paymentId: first.paymentId,
      providerRef: await providerRefOf(first.paymentId),
      status: 'succeeded',
      amount: first.amount,
      paidAt: t.clock.now().toISOString(),
    });
    expect((await postCallback(t, late.rawBody, late.signature)).body).toMatchObject({
      status: 'duplicate',
      applied: true,
    });
    await t.runJobs();
    const refunds = (await me.get(`/api/v1/orders/${checkout.orders[0]!.id}/refunds`)).body.items;
    expect(refunds).toEqual([
      expect.objectContaining({ amount: first.amount, status: 'completed', reason: '订单已取消，付款原路退回' }),
    ]);
    expect((await s.owner.get('/api/v1/merchant/finance')).body.pending).toBe(first.amount);
    expect((await reconciliation()).ok).toBe(true);
  });
});

describe('payment arriving after the order was cancelled', () => {
  it('refunds the late money automatically and never sells the stock twice', async () => {
    const s = await shop(t, { price: 9900, stock: 1 });
    const slow = await buyer(t);
    const fast = await buyer(t);
    const slowCheckout = await placeOrder(t, slow, [{ skuId: s.skuId, qty: 1 }]);
    const slowPayment = await startPayment(slow, slowCheckout.checkoutId);
    expect(await stockOf(s.skuId)).toBe(0);

    t.clock.advanceMinutes(16);
    await t.runJobs();
    expect((await slow.get(`/api/v1/orders/${slowCheckout.orders[0]!.id}`)).body.status).toBe('cancelled');
    expect(await stockOf(s.skuId)).toBe(1);
    const fastCheckout = await placeOrder(t, fast, [{ skuId: s.skuId, qty: 1 }]);
    await payThroughSandbox(t, fast, fastCheckout.checkoutId);
    expect(await stockOf(s.skuId)).toBe(0);

    // The slow buyer's money arrives now.
    expect((await slow.post(slowPayment.payUrl, { outcome: 'succeeded' })).body).toMatchObject({
      status: 'succeeded',
      applied: true,
    });
    await t.drain();
    expect(await accountBalance(db, 'suspense:late-payments')).toBe(-9900);
    await t.runJobs();

    expect((await slow.get(`/api/v1/orders/${slowCheckout.orders[0]!.id}`)).body.status).toBe('cancelled');
    expect((await fast.get(`/api/v1/orders/${fastCheckout.orders[0]!.id}`)).body.status).toBe('paid');
    expect(await stockOf(s.skuId)).toBe(0);
    const refunds = (await slow.get(`/api/v1/orders/${slowCheckout.orders[0]!.id}/refunds`)).body.items;
    expect(refunds).toEqual([expect.objectContaining({ amount: 9900, status: 'completed' })]);
    expect(await accountBalance(db, 'suspense:late-payments')).toBe(0);
    expect((await s.owner.get('/api/v1/merchant/finance')).body.pending).toBe(9900);
    const report = await reconciliation();
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
    // Refunds of the order are only for its buyer.
    expect((await fast.get(`/api/v1/orders/${slowCheckout.orders[0]!.id}/refunds`)).status).toBe(404);
  });
});

describe('money views are for the right people', () => {
  it('refuses merchant finance to consumers and reconciliation to everyone but operators', async () => {
    const consumer = await signIn(t);
    expect((await consumer.get('/api/v1/merchant/finance')).status).toBe(403);
    expect((await consumer.get('/api/v1/admin/reconciliation')).status).toBe(403);
    const s = await shop(t);
    expect((await s.owner.get('/api/v1/admin/reconciliation')).status).toBe(403);
    expect((await new Client(t).get('/api/v1/admin/reconciliation')).status).toBe(401);
  });
});

async function providerRefOf(paymentId: string): Promise<string> {
  const [p] = await db.select({ providerRef: payments.providerRef }).from(payments).where(eq(payments.id, paymentId));
  return p!.providerRef;
}
