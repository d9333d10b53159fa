import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { claim, createTemplate, MERCHANT_TEMPLATES, myCoupons } from '../../../test/coupon-factories.ts';
import { type Buyer, buyer, paidOrder, placeOrder, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { newId } from '../../platform/ids.ts';

const t = await createTestApp();
let waybill = 0;
const admin = await operator(t);

type Shop = Awaited<ReturnType<typeof shop>>;

async function campaign(
  s: Shop,
  opts: { groupSize?: number; groupPrice?: number; perUserLimit?: number; newUserSeats?: number } = {},
) {
  const now = t.clock.now().getTime();
  const res = await s.owner.post('/api/v1/merchant/group-buy/campaigns', {
    skuId: s.skuId,
    groupSize: opts.groupSize ?? 2,
    groupPrice: opts.groupPrice ?? 6900,
    durationMinutes: 24 * 60,
    perUserLimit: opts.perUserLimit ?? null,
    newUserSeats: opts.newUserSeats ?? 0,
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 7 * 86_400_000).toISOString(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

async function quote(who: Buyer, campaignId: string): Promise<number> {
  const q = await who.post(`/api/v1/group-buy/campaigns/${campaignId}/quote`, { addressId: who.addressId });
  expect(q.status, JSON.stringify(q.body)).toBe(200);
  return q.body.amount;
}

async function open(who: Buyer, campaignId: string) {
  const expectedAmount = await quote(who, campaignId);
  const res = await who.post(
    `/api/v1/group-buy/campaigns/${campaignId}/groups`,
    { addressId: who.addressId, expectedAmount },
    { idempotencyKey: newId('idem') },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { groupId: string; orderId: string; checkoutId: string; amount: number };
}

const join = async (who: Buyer, campaignId: string, groupId: string) =>
  who.post(
    `/api/v1/group-buy/groups/${groupId}/join`,
    { addressId: who.addressId, expectedAmount: await quote(who, campaignId) },
    { idempotencyKey: newId('idem') },
  );

const groupOf = async (groupId: string, who?: Buyer) =>
  (await (who ?? admin).get(`/api/v1/group-buy/groups/${groupId}`)).body;

describe('group buy', () => {
  it('refuses a group price that is not below today’s price', async () => {
    const s = await shop(t, { price: 9900 });
    const res = await s.owner.post('/api/v1/merchant/group-buy/campaigns', {
      skuId: s.skuId,
      groupSize: 2,
      groupPrice: 9900,
      durationMinutes: 60,
      startsAt: t.clock.now().toISOString(),
      endsAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('invalid-campaign');
  });

  it('two friends complete a group: the orders ship only once the last seat is paid', async () => {
    const s = await shop(t, { price: 9900 });
    const c = await campaign(s);
    const leader = await buyer(t);
    const friend = await buyer(t);

    const led = await open(leader, c.id);
    expect(led.amount).toBe(6900 + 800); // group price + the default ¥8 shipping below ¥99
    // Not visible to others until the leader pays.
    expect((await friend.get(`/api/v1/group-buy/groups/${led.groupId}`)).status).toBe(404);
    await payThroughSandbox(t, leader, led.checkoutId);
    const opened = await groupOf(led.groupId, friend);
    expect(opened.group).toMatchObject({ status: 'open', paidCount: 1, seatsLeft: 1 });
    expect(opened.group.expiresAt).toBe(new Date(t.clock.now().getTime() + 24 * 3_600_000).toISOString());
    expect((await friend.get(`/api/v1/products/${s.productId}/group-buys`)).body.items[0].openGroups[0].id).toBe(
      led.groupId,
    );

    // Paid but the group has not filled: the merchant cannot ship yet.
    const early = await s.owner.post(`/api/v1/merchant/orders/${led.orderId}/ship`, {
      carrier: '顺丰速运',
      trackingNo: 'SF1000000000001',
    });
    expect(early.status).toBe(409);
    expect(early.body.type).toBe('ship-held');

    const joined = await join(friend, c.id, led.groupId);
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    await payThroughSandbox(t, friend, joined.body.checkoutId);

    const done = await groupOf(led.groupId, friend);
    expect(done.group).toMatchObject({ status: 'succeeded', paidCount: 2, seatsLeft: 0 });
    expect(done.group.members.map((m: any) => [m.isLeader, m.status])).toEqual([
      [true, 'paid'],
      [false, 'paid'],
    ]);
    expect(done.mySeat).toMatchObject({ status: 'paid', orderId: joined.body.orderId });
    for (const orderId of [led.orderId, joined.body.orderId]) {
      const shipped = await s.owner.post(`/api/v1/merchant/orders/${orderId}/ship`, {
        carrier: '顺丰速运',
        trackingNo: `SF${String(1_000_000_000_000 + ++waybill)}`,
      });
      expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    }
    const order = (await friend.get(`/api/v1/orders/${joined.body.orderId}`)).body;
    expect(order.lines[0].unitPrice).toBe(6900);
    // The merchant's members drawer names each seat's order by its human order number.
    const leaderOrderNo = (await leader.get(`/api/v1/orders/${led.orderId}`)).body.orderNo;
    const staffGroups = (await s.owner.get(`/api/v1/merchant/group-buy/campaigns/${c.id}/groups`)).body.items;
    expect(staffGroups[0].members.map((m: any) => [m.orderId, m.orderNo])).toEqual([
      [led.orderId, leaderOrderNo],
      [joined.body.orderId, order.orderNo],
    ]);
    expect(order.orderNo).toMatch(/^\d{14}$/);
    expect(order.campaignKind).toBe('group_buy');
    const mine = (await friend.get('/api/v1/group-buy/mine')).body.items;
    expect(mine[0]).toMatchObject({ seat: { status: 'paid' }, group: { status: 'succeeded' } });
    const poster = await t.app.inject({ method: 'GET', url: `/api/v1/group-buy/groups/${led.groupId}/poster.svg` });
    expect(poster.headers['content-type']).toContain('image/svg+xml');
    expect(poster.body).toContain('已成团');
  });

  it('at expiry every paid member is refunded through the provider, unpaid seats are cancelled, and the ledger reconciles', async () => {
    const s = await shop(t, { price: 9900, stock: 10 });
    const c = await campaign(s, { groupSize: 3 });
    const [leader, paidFriend, slowFriend] = [await buyer(t), await buyer(t), await buyer(t)];
    const led = await open(leader, c.id);
    await payThroughSandbox(t, leader, led.checkoutId);
    const paidSeat = (await join(paidFriend, c.id, led.groupId)).body;
    await payThroughSandbox(t, paidFriend, paidSeat.checkoutId);
    t.clock.advanceHours(23.9);
    const unpaidSeat = (await join(slowFriend, c.id, led.groupId)).body;
    expect(unpaidSeat.orderId).toBeDefined();

    t.clock.advanceHours(0.2); // past the 24 h
    await t.runJobs(); // the group fails: refunds requested, the unpaid order cancelled
    await t.runJobs(); // the provider pays the refunds back
    await t.drain();

    const failed = await groupOf(led.groupId, leader);
    expect(failed.group.status).toBe('failed');
    expect(failed.mySeat.status).toBe('refunded');
    for (const [who, orderId] of [
      [leader, led.orderId],
      [paidFriend, paidSeat.orderId],
    ] as const) {
      const order = (await who.get(`/api/v1/orders/${orderId}`)).body;
      expect(order.status).toBe('closed');
      expect(order.refundedAmount).toBe(order.payAmount);
      const refunds = (await who.get(`/api/v1/orders/${orderId}/refunds`)).body.items;
      expect(refunds.map((r: any) => [r.status, r.amount])).toEqual([['completed', order.payAmount]]);
    }
    expect((await slowFriend.get(`/api/v1/orders/${unpaidSeat.orderId}`)).body.status).toBe('cancelled');
    // All three units are back on sale.
    const product = (await leader.get(`/api/v1/products/${s.productId}`)).body;
    expect(product.skus[0].stock).toBe(10);
    const report = (await admin.get('/api/v1/admin/reconciliation')).body;
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('a failed group gives back the coupon its order used and takes back the points it earned', async () => {
    const s = await shop(t, { price: 9900, stock: 10 });
    const c = await campaign(s, { groupSize: 2, groupPrice: 6900 });
    const leader = await buyer(t);
    // Some points already: ¥1,500 of ordinary shopping earns 1,500.
    const earner = await shop(t, { price: 15000 });
    await payThroughSandbox(t, leader, (await placeOrder(t, leader, [{ skuId: earner.skuId, qty: 10 }])).checkoutId);
    const tpl = await createTemplate(t, s.owner, MERCHANT_TEMPLATES, { thresholdAmount: 5000, discountAmount: 1000 });
    const coupon = await claim(leader, tpl.id);
    const points = async () => (await leader.get('/api/v1/points/me')).body.balance as number;
    const before = await points();
    expect(before).toBeGreaterThan(0);

    // Campaign prices do not stack with points or member prices (membership's rule): the coupon still applies.
    const benefits = { couponIds: [coupon.id], usePoints: true };
    const q = (
      await leader.post(`/api/v1/group-buy/campaigns/${c.id}/quote`, { addressId: leader.addressId, ...benefits })
    ).body;
    const sources = q.merchants[0].discounts.map((d: { source: string }) => d.source);
    expect(sources).toEqual(['coupon']);
    expect(q.amount).toBe(6900 - 1000 + 800);
    const led = await leader.post(
      `/api/v1/group-buy/campaigns/${c.id}/groups`,
      { addressId: leader.addressId, expectedAmount: q.amount, ...benefits },
      { idempotencyKey: newId('idem') },
    );
    expect(led.status, JSON.stringify(led.body)).toBe(201);
    expect(led.body.amount).toBe(q.amount);
    await payThroughSandbox(t, leader, led.body.checkoutId);
    expect((await myCoupons(leader, 'used')).items.map((x) => x.id)).toEqual([coupon.id]);
    expect(await points()).toBe(before + 67); // 1 point per yuan paid

    t.clock.advanceHours(24.1);
    await t.runJobs();
    await t.runJobs();
    await t.drain();
    expect((await groupOf(led.body.groupId, leader)).group.status).toBe('failed');
    const order = (await leader.get(`/api/v1/orders/${led.body.orderId}`)).body;
    expect(order).toMatchObject({ status: 'closed', refundedAmount: q.amount });
    expect((await myCoupons(leader, 'available')).items.map((x) => x.id)).toEqual([coupon.id]);
    expect(await points()).toBe(before);
    expect((await admin.get('/api/v1/admin/reconciliation')).body.ok).toBe(true);
  });

  it('an unpaid seat that times out is released for someone else', async () => {
    const s = await shop(t);
    const c = await campaign(s);
    const leader = await buyer(t);
    const led = await open(leader, c.id);
    await payThroughSandbox(t, leader, led.checkoutId);
    const [a, b] = [await buyer(t), await buyer(t)];
    expect((await join(a, c.id, led.groupId)).status).toBe(201);
    const full = await join(b, c.id, led.groupId);
    expect(full.status).toBe(409);
    expect(full.body.type).toBe('group-full');
    t.clock.advanceMinutes(t.deps.config.ORDER_PAYMENT_TIMEOUT_MINUTES + 1);
    await t.runJobs();
    expect((await groupOf(led.groupId)).group).toMatchObject({ status: 'open', seatsTaken: 1 });
    expect((await join(b, c.id, led.groupId)).status).toBe(201);
  });

  it('keeps new-user seats for accounts that never paid, and enforces the per-user limit', async () => {
    const s = await shop(t);
    const c = await campaign(s, { groupSize: 3, newUserSeats: 1, perUserLimit: 1 });
    const veteran = async () => {
      const who = await buyer(t);
      await paidOrder(t, { who }); // has paid for an order before: not a new user
      return who;
    };
    const leader = await veteran();
    const led = await open(leader, c.id);
    await payThroughSandbox(t, leader, led.checkoutId);

    const again = await leader.post(
      `/api/v1/group-buy/campaigns/${c.id}/groups`,
      { addressId: leader.addressId, expectedAmount: led.amount },
      { idempotencyKey: newId('idem') },
    );
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('limit-reached');

    expect((await join(await veteran(), c.id, led.groupId)).status).toBe(201); // the second of two regular seats
    const refused = await join(await veteran(), c.id, led.groupId);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('new-user-seats-only');
    expect((await join(await buyer(t), c.id, led.groupId)).status).toBe(201); // a newcomer takes the kept seat
    expect((await groupOf(led.groupId)).group).toMatchObject({ seatsTaken: 3, seatsLeft: 0 });
  });
});
