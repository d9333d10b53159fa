import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { checkLedgerBalance } from '../../platform/ledger.ts';
import { priorityAccessFrom, tierOfUsers, TIER_ORDER } from './service.ts';

const t = await createTestApp();
const db = t.deps.database.db;
const me = await buyer(t);
const DAY = 86_400_000;

async function buy(price: number, qty: number) {
  const s = await shop(t, { price, stock: 100 });
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty }]);
  await payThroughSandbox(t, me, checkout.checkoutId);
  return { s, order: checkout.orders[0]! };
}

describe('tiers from growth value', () => {
  it('starts everyone as 普通 and moves up as orders are paid', async () => {
    expect(TIER_ORDER).toEqual(['regular', 'silver', 'gold', 'diamond']);
    expect((await tierOfUsers(db, [me.userId, 'usr_nobody'])).get('usr_nobody')).toBe('regular');
    expect((await me.get('/api/v1/membership/me')).body).toMatchObject({
      tier: 'regular',
      growth: 0,
      next: { tier: 'silver', needed: 500 },
    });

    await buy(30000, 2);
    expect((await tierOfUsers(db, [me.userId])).get(me.userId)).toBe('silver');
    expect((await me.get('/api/v1/membership/me')).body).toMatchObject({
      tier: 'silver',
      tierName: '银卡会员',
      growth: 600,
      next: { tier: 'gold', needed: 1400 },
    });
  });

  it('prices items at the member price through the same quote the order uses', async () => {
    const s = await shop(t, { price: 20000 });
    const quote = (
      await me.post('/api/v1/checkout/quote', { items: [{ skuId: s.skuId, qty: 1 }], addressId: me.addressId })
    ).body;
    expect(quote.merchants[0].discounts).toEqual([{ source: 'member', label: '银卡会员 98折', amount: 400 }]);
    expect(quote.amount).toBe(19600);
  });

  it('gives 黑钻 free shipping and its discount; a refund takes growth back and lowers the tier at once', async () => {
    const { s, order } = await buy(100000, 10);
    expect(order.payAmount).toBe(980000);
    const mine = (await me.get('/api/v1/membership/me')).body;
    expect(mine).toMatchObject({
      tier: 'diamond',
      growth: 10400,
      next: null,
      benefits: { freeShipping: true, percentOff: 8 },
    });

    const cheap = await shop(t, { price: 5000 });
    const quote = (
      await me.post('/api/v1/checkout/quote', { items: [{ skuId: cheap.skuId, qty: 1 }], addressId: me.addressId })
    ).body;
    expect(quote.shippingFee).toBe(0);
    expect(quote.loyalty).toMatchObject({ tier: 'diamond', freeShipping: true });
    expect(quote.amount).toBe(5000 - 400);

    const req = await me.post('/api/v1/after-sales', {
      orderId: order.id,
      lineId: order.lines[0]!.id,
      qty: 1,
      type: 'refund_only',
      reasonCode: 'other',
      images: [],
    });
    expect(req.status).toBe(201);
    expect((await s.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`)).status).toBe(200);
    await t.runJobs();
    expect((await me.get('/api/v1/membership/me')).body).toMatchObject({ tier: 'gold', growth: 10400 - 980 });
  });

  it('lets 金卡 sign up for trials, and 普通 not', async () => {
    expect((await me.put('/api/v1/membership/me/trials', { optIn: true })).body).toMatchObject({ trialOptIn: true });
    const newcomer = await buyer(t);
    expect((await newcomer.put('/api/v1/membership/me/trials', { optIn: true })).body.type).toBe('tier-too-low');
  });

  it('the daily job lowers tiers as growth leaves the 365-day window', async () => {
    t.clock.advance(366 * DAY);
    await t.runJobs();
    const again = await signIn(t, me.phone);
    expect((await again.get('/api/v1/membership/me')).body).toMatchObject({ tier: 'regular', growth: 0 });
    const overview = (await (await operator(t)).get('/api/v1/admin/membership/overview')).body;
    expect(overview.tiers.map((x: { code: string; threshold: number }) => [x.code, x.threshold])).toEqual([
      ['regular', 0],
      ['silver', 500],
      ['gold', 2000],
      ['diamond', 10000],
    ]);
    expect(overview.lastRecomputedAt).not.toBeNull();
    expect((await checkLedgerBalance(db)).total).toBe(0);
  });

  it('opens limited editions early to 金卡 and 黑钻', () => {
    const start = new Date('2026-12-12T12:00:00Z');
    expect(priorityAccessFrom('regular', start)).toEqual(start);
    expect(priorityAccessFrom('silver', start)).toEqual(start);
    expect(priorityAccessFrom('gold', start)).toEqual(new Date('2026-12-12T11:30:00Z'));
    expect(priorityAccessFrom('diamond', start)).toEqual(new Date('2026-12-12T11:00:00Z'));
  });
});
