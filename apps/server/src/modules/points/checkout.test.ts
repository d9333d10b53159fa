import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { checkLedgerBalance } from '../../platform/ledger.ts';
import { newId } from '../../platform/ids.ts';
import { reconcilePoints } from './ledger-views.ts';

const t = await createTestApp();
const db = t.deps.database.db;
const me = await buyer(t);
const balance = async () => (await me.get('/api/v1/points/me')).body.balance as number;
const pointsDiscount = (m: { discounts: { source: string; amount: number }[] }) =>
  m.discounts.filter((d) => d.source === 'points').reduce((a, d) => a + d.amount, 0);

/** ¥1,500 paid earns 1,500 points (and 银卡 growth: 2% member price from now on). */
async function earnByBuying() {
  const s = await shop(t, { price: 15000, stock: 100 });
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 10 }]);
  await payThroughSandbox(t, me, checkout.checkoutId);
}

describe('points at checkout', () => {
  it('earns 1 point per yuan paid', async () => {
    await earnByBuying();
    expect(await balance()).toBe(1500);
    const history = (await me.get('/api/v1/points/history')).body.items;
    expect(history[0]).toMatchObject({ kind: 'points.purchase', label: '购物', points: 1500 });
  });

  it('deducts whole yuan, at most 20% of the items, and returns the points when the unpaid order is cancelled', async () => {
    const s = await shop(t, { price: 5000 });
    const items = [{ skuId: s.skuId, qty: 1 }];
    const plain = (await me.post('/api/v1/checkout/quote', { items, addressId: me.addressId })).body;
    expect(plain.loyalty).toMatchObject({
      tier: 'silver',
      memberPercentOff: 2,
      points: { balance: 1500, usable: 1000, used: 0 },
    });
    expect(plain.amount).toBe(5000 - 100 + 800);

    const quote = (await me.post('/api/v1/checkout/quote', { items, addressId: me.addressId, usePoints: true })).body;
    expect(quote.loyalty.points).toMatchObject({ usable: 1000, used: 1000 });
    expect(quote.merchants[0].discounts).toEqual([
      { source: 'member', label: '银卡会员 98折', amount: 100 },
      { source: 'points', label: '积分抵扣（1000 积分）', amount: 1000 },
    ]);
    expect(quote.amount).toBe(5000 - 100 - 1000 + 800);

    // The amount shown with points must be placed with points.
    const mismatch = await me.post(
      '/api/v1/orders',
      { items, addressId: me.addressId, expectedAmount: quote.amount },
      { idempotencyKey: newId('idem') },
    );
    expect(mismatch.body.type).toBe('price-changed');
    const placed = await me.post(
      '/api/v1/orders',
      { items, addressId: me.addressId, expectedAmount: quote.amount, usePoints: true },
      { idempotencyKey: newId('idem') },
    );
    expect(placed.status).toBe(201);
    expect(await balance()).toBe(500);

    expect((await me.post(`/api/v1/orders/${placed.body.orders[0].id}/cancel`)).status).toBe(200);
    await t.drain();
    expect(await balance()).toBe(1500);
    const history = (await me.get('/api/v1/points/history?limit=2')).body.items;
    expect(history.map((h: { label: string; points: number }) => [h.label, h.points])).toEqual([
      ['抵扣退回', 1000],
      ['下单抵扣', -1000],
    ]);
  });

  it('returns used points and takes back purchase points in proportion to each refund', async () => {
    const s = await shop(t, { price: 5000, stock: 10 });
    const items = [{ skuId: s.skuId, qty: 2 }];
    const quote = (await me.post('/api/v1/checkout/quote', { items, addressId: me.addressId, usePoints: true })).body;
    const used = pointsDiscount(quote.merchants[0]);
    expect(used).toBe(1500); // balance-limited: 20% of ¥100 would allow 2,000
    const placed = await me.post(
      '/api/v1/orders',
      { items, addressId: me.addressId, expectedAmount: quote.amount, usePoints: true },
      { idempotencyKey: newId('idem') },
    );
    const order = placed.body.orders[0];
    await payThroughSandbox(t, me, placed.body.checkoutId);
    const earned = Math.floor(order.payAmount / 100);
    expect(await balance()).toBe(earned);

    const refundOne = async (qty: number) => {
      const req = await me.post('/api/v1/after-sales', {
        orderId: order.id,
        lineId: order.lines[0].id,
        qty,
        type: 'refund_only',
        reasonCode: 'other',
        images: [],
      });
      expect(req.status, JSON.stringify(req.body)).toBe(201);
      const approved = await s.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`);
      expect(approved.status).toBe(200);
      await t.runJobs();
    };
    await refundOne(1);
    const refunded = (await me.get(`/api/v1/orders/${order.id}`)).body.refundedAmount as number;
    const share = (n: number) => Math.floor((n * refunded) / order.payAmount);
    expect(await balance()).toBe(earned + share(used) - share(earned));

    await refundOne(1);
    expect((await me.get(`/api/v1/orders/${order.id}`)).body.status).toBe('closed');
    expect(await balance()).toBe(used);
  });

  it('refuses to place an order whose points were spent meanwhile, and nothing is left behind', async () => {
    const s = await shop(t, { price: 8000, stock: 10 });
    const items = [{ skuId: s.skuId, qty: 1 }];
    const quote = (await me.post('/api/v1/checkout/quote', { items, addressId: me.addressId, usePoints: true })).body;
    expect(quote.loyalty.points.used).toBe(1500);
    // The points go elsewhere between quote and placement: the new quote no longer matches.
    const charity = await me.post('/api/v1/points/gifts/preview', { phone: '13000000000' });
    expect(charity.body.type).toBe('recipient-not-found');
    const friend = await buyer(t);
    expect(
      (await me.post('/api/v1/points/gifts', { phone: friend.phone, points: 1000 }, { idempotencyKey: newId('idem') }))
        .status,
    ).toBe(200);
    const late = await me.post(
      '/api/v1/orders',
      { items, addressId: me.addressId, expectedAmount: quote.amount, usePoints: true },
      { idempotencyKey: newId('idem') },
    );
    expect(late.body.type).toBe('price-changed');
    expect(
      (await me.get('/api/v1/orders')).body.items.filter((o: { merchantId: string }) => o.merchantId === s.merchantId),
    ).toEqual([]);
    expect(await balance()).toBe(500);
  });

  it('keeps the ledger balanced and every wallet equal to its ledger account', async () => {
    const ledger = await checkLedgerBalance(db);
    expect(ledger.unbalanced).toEqual([]);
    expect(ledger.total).toBe(0);
    expect(await reconcilePoints(db)).toMatchObject({ ok: true, walletMismatches: [], lotMismatches: [] });
  });
});
