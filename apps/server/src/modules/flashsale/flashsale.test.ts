import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { buyer, type Buyer, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox, startPayment } from '../../../test/payment-flow.ts';
import { accountBalance } from '../../platform/ledger.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const minutes = (n: number) => new Date(t.clock.now().getTime() + n * 60_000).toISOString();
const stockOf = async (skuId: string) => (await loadSkusForCheckout(t.deps.database.db, [skuId])).get(skuId)!.stock;
let ip = 0;
/** Buyers come from different addresses, as on the internet (the endpoint also limits per address). */
const crowd = async (n: number) =>
  Promise.all(
    Array.from({ length: n }, async () =>
      Object.assign(await buyer(t), { ip: `10.9.${Math.floor(++ip / 250)}.${ip % 250}` }),
    ),
  );
const purchase = (
  b: Buyer & { ip?: string },
  itemId: string,
  body: Record<string, unknown> = {},
  key: string = crypto.randomUUID(),
) =>
  b.request('POST', `/api/v1/flash-sales/items/${itemId}/purchase`, body, {
    'idempotency-key': key,
    ...(b.ip ? { 'x-forwarded-for': b.ip } : {}),
  });

async function slot(opts: {
  quantity: number;
  perUserLimit?: number;
  stock?: number;
  price?: number;
  flashPrice?: number;
  startsIn?: number;
}) {
  const s = await shop(t, { price: opts.price ?? 19_900, stock: opts.stock ?? 100 });
  const res = await s.owner.post('/api/v1/merchant/flash-sales', {
    title: '双十二零点秒杀',
    startsAt: minutes(opts.startsIn ?? 10),
    endsAt: minutes((opts.startsIn ?? 10) + 60),
    items: [
      {
        skuId: s.skuId,
        flashPrice: opts.flashPrice ?? 9_900,
        quantity: opts.quantity,
        perUserLimit: opts.perUserLimit ?? 1,
      },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...s, saleId: res.body.saleId as string, itemId: res.body.items[0].itemId as string };
}

describe('scheduling a slot', () => {
  it('takes the flash quantity out of the SKU stock and lists the slot as upcoming', async () => {
    const s = await slot({ quantity: 30, stock: 100 });
    expect(await stockOf(s.skuId)).toBe(70);
    const channel = (await s.owner.get('/api/v1/flash-sales')).body.slots;
    const listed = channel.find((x: { saleId: string }) => x.saleId === s.saleId);
    expect(listed).toMatchObject({
      state: 'upcoming',
      items: [{ flashPrice: 9_900, regularPrice: 19_900, quantity: 30, sold: 0, state: 'upcoming' }],
    });
  });

  it('refuses a flash price that is not below today’s price, and more units than the SKU has', async () => {
    const s = await shop(t, { price: 5_000, stock: 5 });
    const base = { title: '限时秒杀', startsAt: minutes(5), endsAt: minutes(65) };
    const dear = await s.owner.post('/api/v1/merchant/flash-sales', {
      ...base,
      items: [{ skuId: s.skuId, flashPrice: 5_000, quantity: 1 }],
    });
    expect(dear.status).toBe(422);
    expect(dear.body.detail).toContain('秒杀价须低于现价');
    const many = await s.owner.post('/api/v1/merchant/flash-sales', {
      ...base,
      items: [{ skuId: s.skuId, flashPrice: 3_000, quantity: 6 }],
    });
    expect(many.status).toBe(409);
    expect(many.body.type).toBe('out-of-stock');
    expect(await stockOf(s.skuId)).toBe(5);
  });

  it('gives the units back when the merchant cancels before the start', async () => {
    const s = await slot({ quantity: 10, stock: 10 });
    expect(await stockOf(s.skuId)).toBe(0);
    expect((await s.owner.post(`/api/v1/merchant/flash-sales/${s.saleId}/cancel`)).body.state).toBe('cancelled');
    expect(await stockOf(s.skuId)).toBe(10);
  });
});

describe('buying', () => {
  it('refuses before the slot opens', async () => {
    const s = await slot({ quantity: 5 });
    const [b] = await crowd(1);
    const res = await purchase(b!, s.itemId);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: 'flash-not-started', title: '秒杀尚未开始' });
  });

  it('sells exactly the flash quantity to a crowd buying at once, each winner with a pending order', async () => {
    const s = await slot({ quantity: 7, startsIn: 1 });
    const people = await crowd(25);
    t.clock.advanceMinutes(2);
    const results = await Promise.all(people.map((b) => purchase(b, s.itemId)));
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(7);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.type === 'flash-sold-out')).toBe(true);
    const winner = people[results.indexOf(won[0]!)]!;
    const order = (await winner.get(`/api/v1/orders/${won[0]!.body.orderId}`)).body;
    expect(order).toMatchObject({
      status: 'pending_payment',
      payAmount: 9_900,
      shippingFee: 0,
      campaignKind: 'flash_sale',
    });
    const item = (await winner.get(`/api/v1/flash-sales/items/${s.itemId}`)).body;
    expect(item).toMatchObject({ sold: 7, remaining: 0, state: 'sold_out', myQty: 1 });
  });

  it('holds the per-buyer limit, also for a double tap', async () => {
    const s = await slot({ quantity: 20, perUserLimit: 2, startsIn: 1 });
    const [b] = await crowd(1);
    t.clock.advanceMinutes(2);
    expect((await purchase(b!, s.itemId, { qty: 3 })).body.type).toBe('flash-limit-reached');
    const taps = await Promise.all([purchase(b!, s.itemId, { qty: 2 }), purchase(b!, s.itemId, { qty: 2 })]);
    expect(taps.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await purchase(b!, s.itemId, { qty: 1 })).body.type).toBe('flash-limit-reached');
    expect((await b!.get(`/api/v1/flash-sales/items/${s.itemId}`)).body).toMatchObject({ sold: 2, myQty: 2 });
  });

  it('slows down a buyer who keeps tapping, whatever address they come from', async () => {
    const s = await slot({ quantity: 5, startsIn: 1 });
    const [b] = await crowd(1);
    t.clock.advanceMinutes(2);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      b!.ip = `10.7.0.${i}`;
      statuses.push((await purchase(b!, s.itemId)).status);
    }
    expect(statuses[0]).toBe(201);
    expect(statuses.slice(1, 20).every((x) => x === 409)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('answers a retry with the same Idempotency-Key with the same purchase, even once sold out', async () => {
    const s = await slot({ quantity: 1, startsIn: 1 });
    const [b, other] = await crowd(2);
    t.clock.advanceMinutes(2);
    const first = await purchase(b!, s.itemId, {}, 'retry-key-1');
    expect(first.status).toBe(201);
    expect((await purchase(other!, s.itemId)).body.type).toBe('flash-sold-out');
    const again = await purchase(b!, s.itemId, {}, 'retry-key-1');
    expect(again.status).toBe(201);
    expect(again.body.orderId).toBe(first.body.orderId);
  });

  it('asks for an address first, and refuses a slot for someone without one', async () => {
    const s = await slot({ quantity: 3, startsIn: 1 });
    t.clock.advanceMinutes(2);
    const { signIn } = await import('../../../test/order-factories.ts');
    const nobody = await signIn(t);
    const res = await nobody.request(
      'POST',
      `/api/v1/flash-sales/items/${s.itemId}/purchase`,
      {},
      { 'idempotency-key': 'k', 'x-forwarded-for': '10.8.0.1' },
    );
    expect(res.body).toMatchObject({ type: 'address-required', title: '请先添加收货地址' });
    expect((await nobody.get(`/api/v1/flash-sales/items/${s.itemId}`)).body.sold).toBe(0);
  });
});

describe('VIP slots', () => {
  it('sells a community slot only to members of that community, and a 金卡 slot only from 金卡 up', async () => {
    const s = await shop(t, { price: 19_900, stock: 50 });
    const [member, outsider] = await crowd(2);
    const community = await member!.post('/api/v1/communities', { name: '秒杀福利群', admission: 'open' });
    expect(community.status, JSON.stringify(community.body)).toBe(201);
    expect((await member!.post(`/api/v1/communities/${community.body.id}/join`)).body.status).toBe('joined');
    const base = {
      startsAt: minutes(1),
      endsAt: minutes(61),
      items: [{ skuId: s.skuId, flashPrice: 9_900, quantity: 5 }],
    };
    const vip = await s.owner.post('/api/v1/merchant/flash-sales', {
      ...base,
      title: '社群专享秒杀',
      communityId: community.body.id,
    });
    const gold = await s.owner.post('/api/v1/merchant/flash-sales', {
      ...base,
      title: '金卡专享秒杀',
      minTier: 'gold',
    });
    t.clock.advanceMinutes(2);
    expect((await purchase(outsider!, vip.body.items[0].itemId)).body).toMatchObject({
      type: 'flash-not-eligible',
      title: '本场为会员/社群专享',
    });
    expect((await purchase(member!, vip.body.items[0].itemId)).status).toBe(201);
    expect((await purchase(member!, gold.body.items[0].itemId)).body.type).toBe('flash-not-eligible');
    // The merchant's list says which slots are VIP/community-only, so the console can tag them.
    const mine = (await s.owner.get('/api/v1/merchant/flash-sales')).body.slots;
    expect(mine.map((x: any) => [x.title, x.minTier, x.communityId]).sort()).toEqual([
      ['社群专享秒杀', null, community.body.id],
      ['金卡专享秒杀', 'gold', null],
    ]);
  });

  it('refuses a community that does not exist and takes no stock for it', async () => {
    const s = await shop(t, { price: 19_900, stock: 50 });
    const res = await s.owner.post('/api/v1/merchant/flash-sales', {
      title: '不存在的社群秒杀',
      startsAt: minutes(1),
      endsAt: minutes(61),
      communityId: 'cmn_missing',
      items: [{ skuId: s.skuId, flashPrice: 9_900, quantity: 5 }],
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'flash-invalid-community', title: '专享社群设置有误' });
    expect(await stockOf(s.skuId)).toBe(50);
    expect((await s.owner.get('/api/v1/merchant/flash-sales')).body.slots).toEqual([]);
  });
});

describe('after the purchase', () => {
  it('returns an unpaid reservation to the pool when the pay window passes, so someone else can buy', async () => {
    const s = await slot({ quantity: 1, startsIn: 1 });
    const [slow, next] = await crowd(2);
    t.clock.advanceMinutes(2);
    const won = await purchase(slow!, s.itemId);
    expect((await purchase(next!, s.itemId)).body.type).toBe('flash-sold-out');

    t.clock.advanceMinutes(6); // default pay window: 5 minutes
    await t.runJobs();
    expect((await slow!.get(`/api/v1/orders/${won.body.orderId}`)).body.status).toBe('cancelled');
    const item = (await next!.get(`/api/v1/flash-sales/items/${s.itemId}`)).body;
    expect(item).toMatchObject({ sold: 0, remaining: 1, state: 'live' });
    expect((await purchase(next!, s.itemId)).status).toBe(201);
    // The expired units went back to the flash pool, not to normal stock.
    expect(await stockOf(s.skuId)).toBe(99);
  });

  it('refunds a payment that arrives after the reservation expired', async () => {
    const s = await slot({ quantity: 1, startsIn: 1 });
    const [slow] = await crowd(1);
    t.clock.advanceMinutes(2);
    const won = await purchase(slow!, s.itemId);
    const payment = await startPayment(slow!, won.body.checkoutId);
    t.clock.advanceMinutes(6);
    await t.runJobs();
    const late = await slow!.post(payment.payUrl, { outcome: 'succeeded' });
    expect(late.status).toBe(200);
    await t.drain();
    await t.runJobs();
    expect((await slow!.get(`/api/v1/orders/${won.body.orderId}`)).body.status).toBe('cancelled');
    const refunds = (await slow!.get(`/api/v1/orders/${won.body.orderId}/refunds`)).body.items;
    expect(refunds).toEqual([expect.objectContaining({ amount: 9_900, status: 'completed' })]);
    expect(await accountBalance(t.deps.database.db, 'suspense:late-payments')).toBe(0);
  });

  it('counts paid units for the merchant and returns the unsold ones to stock when the slot ends', async () => {
    const s = await slot({ quantity: 5, stock: 20, startsIn: 1 });
    const [b] = await crowd(1);
    t.clock.advanceMinutes(2);
    const won = await purchase(b!, s.itemId);
    await payThroughSandbox(t, b!, won.body.checkoutId);
    const monitor = (await s.owner.get(`/api/v1/merchant/flash-sales/${s.saleId}`)).body;
    expect(monitor).toMatchObject({ paidUnits: 1, buyers: 1, items: [{ sold: 1, remaining: 4 }] });
    expect(monitor.perSecond.reduce((n: number, x: { purchases: number }) => n + x.purchases, 0)).toBe(1);
    expect((await b!.get('/api/v1/me/flash-purchases')).body.items[0]).toMatchObject({
      status: 'paid',
      orderId: won.body.orderId,
    });

    t.clock.advanceMinutes(61);
    await t.runJobs();
    expect(await stockOf(s.skuId)).toBe(19);
    expect((await purchase(b!, s.itemId)).body.type).toBe('flash-ended');
  });
});
