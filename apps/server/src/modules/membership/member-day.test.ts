import { describe, expect, it } from 'vitest';
import { operator, staffWithRoles } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { checkLedgerBalance } from '../../platform/ledger.ts';

// 会员日 as operators set it: the day, each tier's member-day price and the points multiplier, applied to checkout
// and purchase points on that Beijing day only. The harness clock starts on 2026-11-20 (Beijing).

const t = await createTestApp();
const me = await buyer(t);
const ops = await operator(t);

const SETTINGS = {
  enabled: true,
  dayOfMonth: 25,
  pointsMultiplier: 2,
  tierPercentOff: { regular: 0, silver: 5, gold: 8, diamond: 12 },
};

async function moveTo(iso: string) {
  const target = new Date(iso).getTime();
  expect(target).toBeGreaterThanOrEqual(t.clock.now().getTime());
  t.clock.advance(target - t.clock.now().getTime());
}

const quoteFor = async (skuId: string) =>
  (await me.post('/api/v1/checkout/quote', { items: [{ skuId, qty: 1 }], addressId: me.addressId })).body;
const pointsBalance = async () => (await me.get('/api/v1/points/me')).body.balance as number;

describe('member day settings', () => {
  it('defaults to the configured day with everyday member prices and plain points', async () => {
    const view = (await me.get('/api/v1/member-day')).body;
    expect(view).toMatchObject({ enabled: true, today: false, day: 18, next: '2026-12-18', pointsMultiplier: 1 });
    expect(view.tiers.map((x: { memberDayPercentOff: number }) => x.memberDayPercentOff)).toEqual([0, 2, 5, 8]);
    expect(view.updatedAt).toBeNull();
  });

  it('is set by operators with marketing rights only, and refuses a day worse than the everyday price', async () => {
    expect((await me.put('/api/v1/admin/member-day', SETTINGS)).status).toBe(403);
    const finance = await staffWithRoles(t, ['finance'], '财务');
    expect((await finance.put('/api/v1/admin/member-day', SETTINGS)).status).toBe(403);

    const worse = await ops.put('/api/v1/admin/member-day', {
      ...SETTINGS,
      tierPercentOff: { ...SETTINGS.tierPercentOff, silver: 1 },
    });
    expect(worse.status).toBe(422);
    expect(worse.body).toMatchObject({ type: 'below-member-price', title: '会员日折扣不能低于该等级的日常会员价' });
    const unordered = await ops.put('/api/v1/admin/member-day', {
      ...SETTINGS,
      tierPercentOff: { ...SETTINGS.tierPercentOff, gold: 15 },
    });
    expect(unordered.body.type).toBe('tiers-out-of-order');
    expect((await ops.put('/api/v1/admin/member-day', { ...SETTINGS, dayOfMonth: 31 })).status).toBe(400);
    expect((await me.get('/api/v1/member-day')).body.updatedAt).toBeNull();

    const saved = await ops.put('/api/v1/admin/member-day', SETTINGS);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ day: 25, next: '2026-11-25', pointsMultiplier: 2 });
    expect((await me.get('/api/v1/member-day')).body.day).toBe(25);
  });
});

describe('on member day', () => {
  it('prices a silver member at the member-day price on the day only, and doubles purchase points', async () => {
    const first = await shop(t, { price: 30000, stock: 10 });
    const made = await placeOrder(t, me, [{ skuId: first.skuId, qty: 2 }]);
    await payThroughSandbox(t, me, made.checkoutId);
    expect((await me.get('/api/v1/membership/me')).body.tier).toBe('silver');
    const plainPoints = await pointsBalance();
    expect(plainPoints).toBe(600);

    const s = await shop(t, { price: 20000, stock: 10 });
    expect((await quoteFor(s.skuId)).merchants[0].discounts).toEqual([
      { source: 'member', label: '银卡会员 98折', amount: 400 },
    ]);

    // 08:30 on the 25th in Beijing is 00:30 UTC.
    await moveTo('2026-11-25T00:30:00Z');
    expect((await me.get('/api/v1/member-day')).body.today).toBe(true);
    const quote = await quoteFor(s.skuId);
    expect(quote.merchants[0].discounts).toEqual([{ source: 'member', label: '银卡会员 会员日 95折', amount: 1000 }]);
    expect(quote.loyalty).toMatchObject({ memberPercentOff: 5 });

    const order = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    expect(order.orders[0]!.payAmount).toBe(19000);
    await payThroughSandbox(t, me, order.checkoutId);
    expect(await pointsBalance()).toBe(plainPoints + 2 * 190);
    const history = (await me.get('/api/v1/points/history')).body;
    expect(JSON.stringify(history)).toContain('会员日 2 倍积分');

    // A full refund takes back everything the order earned, doubled points included.
    const line = order.orders[0]!.lines[0]!;
    const req = await me.post('/api/v1/after-sales', {
      orderId: order.orders[0]!.id,
      lineId: line.id,
      qty: 1,
      type: 'refund_only',
      reasonCode: 'other',
      images: [],
    });
    expect((await s.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`)).status).toBe(200);
    await t.runJobs();
    expect(await pointsBalance()).toBe(plainPoints);
    expect((await checkLedgerBalance(t.deps.database.db)).total).toBe(0);
  });

  it('is over the next Beijing day, and switched off by operators', async () => {
    const s = await shop(t, { price: 20000, stock: 10 });
    await moveTo('2026-11-25T16:00:00Z'); // 00:00 on the 26th in Beijing
    expect((await quoteFor(s.skuId)).merchants[0].discounts[0].label).toBe('银卡会员 98折');

    // Off, even on its day; back on, the same day is member day again.
    const off = await ops.put('/api/v1/admin/member-day', { ...SETTINGS, dayOfMonth: 26, enabled: false });
    expect(off.body).toMatchObject({ enabled: false, today: false, day: 26 });
    expect((await quoteFor(s.skuId)).merchants[0].discounts[0].label).toBe('银卡会员 98折');
    const on = await ops.put('/api/v1/admin/member-day', { ...SETTINGS, dayOfMonth: 26 });
    expect(on.body).toMatchObject({ enabled: true, today: true });
    expect((await quoteFor(s.skuId)).merchants[0].discounts[0].label).toBe('银卡会员 会员日 95折');
  });
});
