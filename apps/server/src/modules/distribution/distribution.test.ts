import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { nextPhone } from '../../../test/http.ts';
import { buyer, type Buyer, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { createUser } from '../accounts/api.ts';

const t = await createTestApp();
const db = t.deps.database.db;
// The clock moves by weeks here, so each test signs its operator in afresh.
let admin = await operatorClient();
beforeEach(async () => {
  admin = await operatorClient();
});
async function operatorClient() {
  const phone = nextPhone();
  await createUser(t.deps, db, { phone, now: t.clock.now(), roles: ['consumer', 'operator'], nickname: '平台运营' });
  return signIn(t, phone);
}

type Shop = Awaited<ReturnType<typeof shop>>;

/** A shop whose product pays `rateBp` (and `secondRateBp` to the promoter's inviter), and a promoter's link to it. */
async function promotedProduct(
  opts: { price?: number; rateBp?: number; capAmount?: number | null; secondRateBp?: number } = {},
) {
  const s = await shop(t, { price: opts.price ?? 10_000, stock: 50 });
  const rule = await s.owner.put('/api/v1/merchant/commission-rules', {
    scope: 'product',
    target: s.productId,
    rateBp: opts.rateBp ?? 1000,
    capAmount: opts.capAmount ?? null,
    secondRateBp: opts.secondRateBp ?? 0,
  });
  expect(rule.status, JSON.stringify(rule.body)).toBe(200);
  const promoter = await buyer(t);
  const link = await promoter.post('/api/v1/affiliate-links', { productId: s.productId });
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  return { s, promoter, code: link.body.code as string, path: link.body.path as string };
}

/** The shopper opens the product through the affiliate link, then buys `qty` and pays. */
async function buyThroughLink(s: Shop, code: string, who?: Buyer, qty = 1) {
  const me = who ?? (await buyer(t));
  const touch = await me.post('/api/v1/attribution/touches', {
    kind: 'affiliate',
    productId: s.productId,
    affiliateCode: code,
  });
  expect(touch.status, JSON.stringify(touch.body)).toBeLessThan(300);
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty }]);
  await payThroughSandbox(t, me, checkout.checkoutId);
  await t.drain();
  const order = checkout.orders[0]!;
  return { me, orderId: order.id, lineId: order.lines[0]!.id, payAmount: order.payAmount };
}

async function deliver(s: Shop, o: { me: Buyer; orderId: string }) {
  expect(
    (
      await s.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
        carrier: '顺丰速运',
        trackingNo: 'SF1234567890123',
      })
    ).status,
  ).toBe(200);
  expect((await o.me.post(`/api/v1/orders/${o.orderId}/confirm-receipt`)).status).toBe(200);
  await t.drain();
}

/** Past the 7-day return window: the orders job completes the order, which settles money and commission. */
async function passReturnWindow() {
  t.clock.advanceDays(8);
  await t.runJobs();
  await t.drain();
}

const earnings = async (who: Buyer) => (await who.get('/api/v1/me/earnings')).body;
async function reconciles() {
  const payments = (await admin.get('/api/v1/admin/reconciliation')).body;
  expect(payments.ok, JSON.stringify(payments.problems)).toBe(true);
  const distribution = (await admin.get('/api/v1/admin/distribution/reconciliation')).body;
  expect(distribution.ok, JSON.stringify(distribution.problems)).toBe(true);
}

describe('commission through an affiliate link', () => {
  it('is pending when paid, settles after the return window, and the merchant settles net of it', async () => {
    const { s, promoter, code, path } = await promotedProduct({ price: 10_000, rateBp: 1000 });
    expect(path).toBe(`/product/${s.productId}?aff=${code}`);
    const o = await buyThroughLink(s, code);
    expect(await earnings(promoter)).toMatchObject({ pending: 1000, available: 0, orders: 1 });
    const list = (await promoter.get('/api/v1/me/commissions')).body.items;
    expect(list).toMatchObject([
      { orderId: o.orderId, amount: 1000, baseAmount: o.payAmount - 0, status: 'pending', level: 1 },
    ]);

    await deliver(s, o);
    t.clock.advanceDays(3);
    await t.runJobs();
    expect(await earnings(promoter)).toMatchObject({ pending: 1000, available: 0 });
    await passReturnWindow();
    expect(await earnings(promoter)).toMatchObject({ pending: 0, available: 1000 });
    const finance = (await s.owner.get('/api/v1/merchant/finance')).body;
    expect(finance).toMatchObject({ pending: 0, available: o.payAmount - 1000 });
    await reconciles();
  });

  it('earns nothing when the promoter buys through their own link, or when the shopper came another way', async () => {
    const { s, promoter, code } = await promotedProduct();
    await buyThroughLink(s, code, promoter);
    const direct = await buyer(t);
    const checkout = await placeOrder(t, direct, [{ skuId: s.skuId, qty: 1 }]);
    await payThroughSandbox(t, direct, checkout.checkoutId);
    await t.drain();
    expect(await earnings(promoter)).toMatchObject({ pending: 0, available: 0, orders: 0 });
  });

  it("caps each line and pays the second level to the promoter's inviter", async () => {
    const { s, promoter, code } = await promotedProduct({
      price: 10_000,
      rateBp: 2000,
      capAmount: 1500,
      secondRateBp: 300,
    });
    const inviter = await buyer(t);
    const invite = (await inviter.get('/api/v1/me/invitation')).body;
    // The promoter binds the inviter's code (a new account may, once).
    expect((await promoter.post('/api/v1/me/invitation/bind', { code: invite.code })).status).toBe(200);
    await buyThroughLink(s, code, undefined, 2);
    expect((await earnings(promoter)).pending).toBe(1500);
    expect((await earnings(inviter)).pending).toBe(600);
  });

  it('clicks older than the attribution window earn nothing', async () => {
    const { s, promoter, code } = await promotedProduct();
    const me = await buyer(t);
    await me.post('/api/v1/attribution/touches', { kind: 'affiliate', productId: s.productId, affiliateCode: code });
    t.clock.advanceDays(8);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    await payThroughSandbox(t, me, checkout.checkoutId);
    await t.drain();
    expect((await earnings(promoter)).pending).toBe(0);
  });
});

describe('refunds reverse commission in proportion', () => {
  it('takes back a third on a one-of-three refund, settles the rest, and the books still balance', async () => {
    const { s, promoter, code } = await promotedProduct({ price: 3333, rateBp: 1000 });
    const o = await buyThroughLink(s, code, undefined, 3);
    expect((await earnings(promoter)).pending).toBe(999);
    const req = await o.me.post('/api/v1/after-sales', {
      orderId: o.orderId,
      lineId: o.lineId,
      qty: 1,
      type: 'refund_only',
      reasonCode: 'no_reason',
      description: '买多了',
      images: [],
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect((await s.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`)).status).toBe(200);
    await t.runJobs();
    await t.drain();
    expect(await earnings(promoter)).toMatchObject({ pending: 666, reversed: 333 });
    const [c] = (await promoter.get('/api/v1/me/commissions')).body.items;
    expect(c).toMatchObject({ amount: 999, reversedAmount: 333, status: 'pending' });
    await reconciles();

    await deliver(s, o);
    await passReturnWindow();
    expect(await earnings(promoter)).toMatchObject({ pending: 0, available: 666, reversed: 333 });
    const finance = (await s.owner.get('/api/v1/merchant/finance')).body;
    expect(finance).toMatchObject({ pending: 0, available: o.payAmount - 3333 - 666 });
    await reconciles();
  });

  it('reverses all of it when the whole order is refunded, and never settles it', async () => {
    const { s, promoter, code } = await promotedProduct({ price: 5000, rateBp: 1500 });
    const o = await buyThroughLink(s, code);
    const req = await o.me.post('/api/v1/after-sales', {
      orderId: o.orderId,
      lineId: o.lineId,
      qty: 1,
      type: 'refund_only',
      reasonCode: 'no_reason',
      description: '不想要了',
      images: [],
    });
    await s.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`);
    await t.runJobs();
    await t.drain();
    expect(await earnings(promoter)).toMatchObject({ pending: 0, available: 0, reversed: 750 });
    expect((await promoter.get('/api/v1/me/commissions')).body.items[0]).toMatchObject({
      status: 'reversed',
      reversedAmount: 750,
    });
    await passReturnWindow();
    expect((await earnings(promoter)).available).toBe(0);
    await reconciles();
  });
});

describe('commission rules', () => {
  it('a merchant sets rules only for its own products, within the limit; the operator sets defaults', async () => {
    const mine = await shop(t);
    const theirs = await shop(t);
    const foreign = await mine.owner.put('/api/v1/merchant/commission-rules', {
      scope: 'product',
      target: theirs.productId,
      rateBp: 1000,
    });
    expect(foreign.body.type).toBe('rule-target-invalid');
    const greedy = await mine.owner.put('/api/v1/merchant/commission-rules', {
      scope: 'category',
      target: 'cat_skincare',
      rateBp: 4000,
      secondRateBp: 2000,
    });
    expect(greedy.body.type).toBe('rule-rate-too-high');

    const promoter = await buyer(t);
    const noRule = await promoter.post('/api/v1/affiliate-links', { productId: mine.productId });
    expect(noRule.body.type).toBe('product-not-promotable');
    const platform = await admin.put('/api/v1/admin/commission-rules', { scope: 'default', target: '*', rateBp: 500 });
    expect(platform.body).toMatchObject({ owner: 'platform', targetName: '全部商品', rateBp: 500 });
    const link = await promoter.post('/api/v1/affiliate-links', { productId: mine.productId });
    expect(link.body).toMatchObject({ rateBp: 500, estimatedCommission: 495 });
    const again = await promoter.post('/api/v1/affiliate-links', { productId: mine.productId });
    expect(again.body.code).toBe(link.body.code);
    expect((await admin.delete(`/api/v1/admin/commission-rules/${platform.body.id}`)).status).toBe(204);
    expect((await mine.owner.get('/api/v1/merchant/commission-rules')).body.defaults).toEqual([]);
  });
});
