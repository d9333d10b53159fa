import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { operator } from '../../../test/factories.ts';
import { buyer, placeOrder, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { accountBalance } from '../../platform/ledger.ts';
import { requestRefund } from './service.ts';

const t = await createTestApp();
const db = t.deps.database.db;
const admin = await operator(t);
const refund = (input: { orderId: string; merchantId: string; amount: number; refId: string }) =>
  db.transaction((tx) => requestRefund(tx, { ...input, reason: '测试退款', at: t.clock.now() }));

async function paidOrder(price = 9900) {
  const s = await shop(t, { price });
  const me = await buyer(t);
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
  await payThroughSandbox(t, me, checkout.checkoutId);
  return { ...s, me, orderId: checkout.orders[0]!.id, payAmount: checkout.orders[0]!.payAmount };
}

describe('refunds', () => {
  it('never refunds more than was paid for an order, however it is asked', async () => {
    const o = await paidOrder(9900);
    const first = await refund({ orderId: o.orderId, merchantId: o.merchantId, amount: 6000, refId: 'r-1' });
    expect(first).toMatchObject({ ok: true, value: { amount: 6000, status: 'pending' } });
    const tooMuch = await refund({ orderId: o.orderId, merchantId: o.merchantId, amount: 4000, refId: 'r-2' });
    expect(tooMuch).toMatchObject({
      ok: false,
      type: 'refund-exceeds-paid',
      status: 422,
      title: '退款金额超过订单实付金额',
    });
    expect(!tooMuch.ok && tooMuch.detail).toBe('该订单实付 ¥99.00，已退 ¥60.00，最多还能退 ¥39.00');
    // Asking again with the same reference returns the first refund instead of refunding twice.
    const repeat = await refund({ orderId: o.orderId, merchantId: o.merchantId, amount: 6000, refId: 'r-1' });
    expect(repeat.ok && first.ok && repeat.value.refundId).toBe(first.ok && first.value.refundId);
    expect((await refund({ orderId: o.orderId, merchantId: o.merchantId, amount: 3900, refId: 'r-3' })).ok).toBe(true);
    expect((await refund({ orderId: o.orderId, merchantId: o.merchantId, amount: 1, refId: 'r-4' })).ok).toBe(false);

    await t.runJobs();
    const items = (await o.me.get(`/api/v1/orders/${o.orderId}/refunds`)).body.items;
    expect(items.map((r: any) => [r.amount, r.status])).toEqual([
      [3900, 'completed'],
      [6000, 'completed'],
    ]);
    expect((await o.owner.get('/api/v1/merchant/finance')).body).toMatchObject({ pending: 0, available: 0 });
    const report = (await admin.get('/api/v1/admin/reconciliation')).body;
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
  });

  it('lets only one of two concurrent refunds take the last of the money', async () => {
    const o = await paidOrder(9900);
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        refund({ orderId: o.orderId, merchantId: o.merchantId, amount: 6000, refId: `race-${o.orderId}-${i}` }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.type)).toEqual([
      'refund-exceeds-paid',
      'refund-exceeds-paid',
    ]);
  });

  it('refuses to refund an order that was never paid', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const res = await refund({
      orderId: checkout.orders[0]!.id,
      merchantId: s.merchantId,
      amount: 100,
      refId: 'unpaid',
    });
    expect(res).toMatchObject({ ok: false, type: 'order-not-paid' });
  });

  it('retries the provider call until it succeeds, posting the refund once', async () => {
    const o = await paidOrder(5000);
    await t.runJobs();
    const real = t.payments.refund.bind(t.payments);
    let calls = 0;
    t.payments.refund = async (input) => {
      calls++;
      if (calls === 1) throw new Error('provider unavailable');
      return real(input);
    };
    try {
      await refund({ orderId: o.orderId, merchantId: o.merchantId, amount: 1000, refId: `flaky-${o.orderId}` });
      await t.runJobs();
      expect((await o.me.get(`/api/v1/orders/${o.orderId}/refunds`)).body.items[0].status).toBe('pending');
      t.clock.advanceMinutes(1);
      await t.runJobs();
      expect((await o.me.get(`/api/v1/orders/${o.orderId}/refunds`)).body.items[0].status).toBe('completed');
      expect(calls).toBe(2);
    } finally {
      t.payments.refund = real;
    }
    expect((await admin.get('/api/v1/admin/reconciliation')).body.ok).toBe(true);
  });
});

describe('settlement', () => {
  it('moves a completed order to available, and a later refund comes out of available', async () => {
    const o = await paidOrder(9900);
    expect(
      (
        await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
          carrier: '顺丰速运',
          trackingNo: 'SF1234567890123',
        })
      ).status,
    ).toBe(200);
    expect((await o.me.post(`/api/v1/orders/${o.orderId}/confirm-receipt`)).status).toBe(200);
    await t.drain();
    t.clock.advanceDays(8);
    await t.runJobs();
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('completed');
    const finance = (await o.owner.get('/api/v1/merchant/finance')).body;
    expect(finance).toMatchObject({ pending: 0, available: 9900 });
    expect(finance.recent.map((e: any) => [e.kindLabel, e.account, e.amount])).toEqual([
      ['结算入账', 'available', 9900],
      ['结算入账', 'pending', -9900],
      ['订单收款', 'pending', 9900],
    ]);
    // Redelivering order.completed posts nothing new.
    await t.drain();
    expect(await accountBalance(db, `merchant:${o.merchantId}:available`)).toBe(-9900);

    await refund({ orderId: o.orderId, merchantId: o.merchantId, amount: 500, refId: `after-settle-${o.orderId}` });
    await t.runJobs();
    expect((await o.owner.get('/api/v1/merchant/finance')).body).toMatchObject({ pending: 0, available: 9400 });
    const page1 = (await o.owner.get('/api/v1/merchant/finance/entries?limit=2')).body;
    expect(page1.items).toHaveLength(2);
    const page2 = (await o.owner.get(`/api/v1/merchant/finance/entries?limit=2&cursor=${page1.nextCursor}`)).body;
    expect(page2.items.map((e: any) => e.entryId)).not.toContain(page1.items[0].entryId);
    expect((await admin.get('/api/v1/admin/reconciliation')).body.ok).toBe(true);
  });
});
