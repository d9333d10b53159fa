import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { nextPhone } from '../../../test/http.ts';
import { buyer, type Buyer, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { createUser } from '../accounts/api.ts';

const t = await createTestApp();
const db = t.deps.database.db;
let admin = await operatorClient();
beforeEach(async () => {
  admin = await operatorClient();
});
async function operatorClient() {
  const phone = nextPhone();
  await createUser(t.deps, db, { phone, now: t.clock.now(), roles: ['consumer', 'operator'], nickname: '平台运营' });
  return signIn(t, phone);
}

const codeOf = async (who: Buyer) => (await who.get('/api/v1/me/invitation')).body.code as string;
const bind = (who: Buyer, code: string) => who.post('/api/v1/me/invitation/bind', { code });
const invitees = async (who: Buyer) =>
  (await who.get('/api/v1/me/invitees')).body.items as {
    status: string;
    rewardAmount: number;
    refundedOrders: number;
  }[];
const earnings = async (who: Buyer) => (await who.get('/api/v1/me/earnings')).body;

/** A paid order of one unit by `who`, from a new shop. */
async function paidOrder(who: Buyer, price = 6800) {
  const s = await shop(t, { price });
  const checkout = await placeOrder(t, who, [{ skuId: s.skuId, qty: 1 }]);
  await payThroughSandbox(t, who, checkout.checkoutId);
  await t.drain();
  const order = checkout.orders[0]!;
  return { s, orderId: order.id, lineId: order.lines[0]!.id };
}
async function deliver(o: Awaited<ReturnType<typeof paidOrder>>, who: Buyer) {
  expect(
    (
      await o.s.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
        carrier: '顺丰速运',
        trackingNo: 'SF1234567890123',
      })
    ).status,
  ).toBe(200);
  expect((await who.post(`/api/v1/orders/${o.orderId}/confirm-receipt`)).status).toBe(200);
  await t.drain();
}
async function refundAll(o: Awaited<ReturnType<typeof paidOrder>>, who: Buyer) {
  const req = await who.post('/api/v1/after-sales', {
    orderId: o.orderId,
    lineId: o.lineId,
    qty: 1,
    type: 'refund_only',
    reasonCode: 'no_reason',
    description: '拍错了',
    images: [],
  });
  expect(req.status, JSON.stringify(req.body)).toBe(201);
  expect((await o.s.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`)).status).toBe(200);
  await t.runJobs();
  await t.drain();
}

describe('binding an invite code', () => {
  it('binds a new account once, never to itself, its own downline, or after the new-user window', async () => {
    const alice = await buyer(t);
    const bob = await buyer(t);
    const aliceCode = await codeOf(alice);
    expect(await codeOf(alice)).toBe(aliceCode);
    expect((await bind(alice, aliceCode)).body.type).toBe('invite-self');
    expect((await bind(bob, 'NOPE99')).body.type).toBe('invite-code-invalid');
    const bound = await bind(bob, aliceCode.toLowerCase());
    expect(bound.status).toBe(200);
    expect((await bind(bob, aliceCode)).body.type).toBe('invite-already-bound');
    expect((await bob.get('/api/v1/me/invitation')).body).toMatchObject({
      canBind: false,
      inviter: { nickname: expect.any(String) },
    });
    // Alice may not bind Bob's code: Bob is below her.
    expect((await bind(alice, await codeOf(bob))).body.type).toBe('invite-cycle');

    const old = await buyer(t);
    t.clock.advanceDays(4);
    expect((await bind(old, aliceCode)).body.type).toBe('invite-not-new-user');
  });

  it('an account that has already bought is not a new user', async () => {
    const alice = await buyer(t);
    const buyerBefore = await buyer(t);
    await paidOrder(buyerBefore);
    expect((await bind(buyerBefore, await codeOf(alice))).body.type).toBe('invite-not-new-user');
  });
});

describe('fission threshold: the reward waits for a first purchase that passes its return window', () => {
  it('holds the reward through the window, skips a refunded first order, rewards the next clean one once', async () => {
    const inviter = await buyer(t);
    const friend = await buyer(t);
    expect((await bind(friend, await codeOf(inviter))).status).toBe(200);
    expect(await invitees(inviter)).toMatchObject([{ status: 'registered' }]);

    // First order: paid, then refunded in full — it never qualifies.
    const first = await paidOrder(friend);
    expect(await invitees(inviter)).toMatchObject([{ status: 'first_purchase_pending' }]);
    await refundAll(first, friend);
    expect(await invitees(inviter)).toMatchObject([{ status: 'registered', refundedOrders: 1 }]);

    // Second order: delivered; inside the return window nothing is credited.
    const second = await paidOrder(friend);
    await deliver(second, friend);
    t.clock.advanceDays(6);
    await t.runJobs();
    expect(await invitees(inviter)).toMatchObject([{ status: 'first_purchase_pending', rewardAmount: 0 }]);
    expect((await earnings(inviter)).available).toBe(0);

    t.clock.advanceDays(2);
    await t.runJobs();
    await t.drain();
    expect(await invitees(inviter)).toMatchObject([{ status: 'rewarded', rewardAmount: 500 }]);
    expect(await earnings(inviter)).toMatchObject({ available: 500 });
    expect((await inviter.get('/api/v1/me/invitation')).body).toMatchObject({
      invited: 1,
      rewarded: 1,
      rewardTotal: 500,
    });

    // A third clean order does not pay again.
    const third = await paidOrder(friend);
    await deliver(third, friend);
    t.clock.advanceDays(8);
    await t.runJobs();
    await t.drain();
    expect((await earnings(inviter)).available).toBe(500);

    expect((await admin.get('/api/v1/admin/reconciliation')).body.ok).toBe(true);
    const books = (await admin.get('/api/v1/admin/distribution/reconciliation')).body;
    expect(books.ok, JSON.stringify(books.problems)).toBe(true);
  });
});

describe('fission report', () => {
  it('shows chain length, conversion and refunds per inviter', async () => {
    const root = await buyer(t);
    const mid = await buyer(t);
    const leaf = await buyer(t);
    const idle = await buyer(t);
    await bind(mid, await codeOf(root));
    await bind(idle, await codeOf(root));
    await bind(leaf, await codeOf(mid));
    const bought = await paidOrder(mid);
    await refundAll(bought, mid);
    await paidOrder(mid);

    const denied = await root.get('/api/v1/admin/fission-report');
    expect(denied.status).toBe(403);
    const report = (await admin.get('/api/v1/admin/fission-report?limit=50')).body;
    const rootRow = report.inviters.find((r: { inviterId: string }) => r.inviterId === root.userId);
    expect(rootRow).toMatchObject({
      invitees: 2,
      downline: 3,
      chainLength: 2,
      converted: 1,
      orders: 2,
      refundedOrders: 1,
      repeatBuyers: 1,
    });
    const midRow = report.inviters.find((r: { inviterId: string }) => r.inviterId === mid.userId);
    expect(midRow).toMatchObject({ invitees: 1, downline: 1, chainLength: 1, converted: 0 });
    expect(report.depthHistogram).toEqual(expect.arrayContaining([expect.objectContaining({ depth: 2 })]));
    expect(report.totals.maxChainLength).toBeGreaterThanOrEqual(2);
  });
});
