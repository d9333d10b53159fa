import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { nextPhone } from '../../../test/http.ts';
import { buyer, type Buyer, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { createUser } from '../accounts/api.ts';
import { getLineAttributions } from '../attribution/api.ts';

// A purchase from a promoter-creator's post pays the creator commission under the ordinary distribution rules.
const t = await createTestApp();
const db = t.deps.database.db;
const s = await shop(t, { name: '山野小店', title: '羊毛针织开衫', price: 20_000, stock: 50 });
const other = await shop(t, { title: '亚麻围巾', price: 5_000, stock: 10 });
for (const p of [s, other]) {
  const rule = await p.owner.put('/api/v1/merchant/commission-rules', {
    scope: 'product',
    target: p.productId,
    rateBp: 1000,
    capAmount: null,
    secondRateBp: 0,
  });
  expect(rule.status, JSON.stringify(rule.body)).toBe(200);
}

/** A creator who has opened 分享赚 (a link for some other product) is a promoter; one who has not is not. */
async function creator(promoter: boolean) {
  const me = await buyer(t);
  if (promoter) expect((await me.post('/api/v1/affiliate-links', { productId: other.productId })).status).toBe(200);
  const res = await me.post('/api/v1/posts', {
    kind: 'image_text',
    title: '开衫上身',
    body: '很软',
    images: ['/media/u/ab/med_look.jpg'],
    productIds: [s.productId],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { me, postId: res.body.id as string };
}

/** Opens the product from the post (through a share link when given), buys one and pays. */
async function buyFromPost(postId: string, opts: { who?: Buyer; shareToken?: string } = {}) {
  const me = opts.who ?? (await buyer(t));
  const click = await me.post(`/api/v1/posts/${postId}/product-clicks`, {
    productId: s.productId,
    ...(opts.shareToken ? { shareToken: opts.shareToken } : {}),
  });
  expect(click.status, JSON.stringify(click.body)).toBe(200);
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
  await payThroughSandbox(t, me, checkout.checkoutId);
  await t.drain();
  const order = checkout.orders[0]!;
  const lineId = order.lines[0]!.id;
  return { me, orderId: order.id, attribution: (await getLineAttributions(db, [lineId])).get(lineId)! };
}

const earnings = async (who: Buyer) => (await who.get('/api/v1/me/earnings')).body;
const centreRow = async (who: Buyer, postId: string) =>
  (await who.get('/api/v1/creator/overview')).body.posts.find((p: { id: string }) => p.id === postId);

async function reconciles() {
  const phone = nextPhone();
  await createUser(t.deps, db, { phone, now: t.clock.now(), roles: ['consumer', 'operator'], nickname: '平台运营' });
  const admin = await signIn(t, phone);
  for (const path of ['/api/v1/admin/reconciliation', '/api/v1/admin/distribution/reconciliation']) {
    const report = (await admin.get(path)).body;
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
  }
}

describe('commission from a promoter-creator’s post', () => {
  it('is pending for the creator when a follower buys, shows per post in the creator centre, and settles after the window', async () => {
    const { me: author, postId } = await creator(true);
    const follower = await buyer(t);
    expect((await follower.put(`/api/v1/follows/user/${author.userId}`, { on: true })).body).toEqual({
      following: true,
    });
    const o = await buyFromPost(postId, { who: follower });

    // The touch carried the creator's own link for this product, made for them on the way (the same one 分享赚 makes).
    const links = (await author.get('/api/v1/me/affiliate-links')).body.items as { code: string; productId: string }[];
    const made = links.find((l) => l.productId === s.productId);
    expect(o.attribution).toMatchObject({
      source: 'post',
      postId,
      creatorId: author.userId,
      affiliateCode: made!.code,
    });
    expect(await earnings(author)).toMatchObject({ pending: 2_000, available: 0 });
    expect(await centreRow(author, postId)).toMatchObject({
      orders: 1,
      gmv: 20_000,
      commission: 2_000,
      commissionSettled: 0,
    });
    await reconciles();

    expect(
      (
        await s.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
          carrier: '顺丰速运',
          trackingNo: 'SF1234567890123',
        })
      ).status,
    ).toBe(200);
    expect((await follower.post(`/api/v1/orders/${o.orderId}/confirm-receipt`)).status).toBe(200);
    await t.drain();
    t.clock.advanceDays(8);
    await t.runJobs();
    await t.drain();
    expect(await earnings(author)).toMatchObject({ pending: 0, available: 2_000 });
    expect(await centreRow(author, postId)).toMatchObject({ commission: 2_000, commissionSettled: 2_000 });
    await reconciles();
  });

  it('earns the creator nothing on their own purchase from their post, though the post is still credited', async () => {
    const { me: author, postId } = await creator(true);
    const o = await buyFromPost(postId, { who: author });
    expect(o.attribution).toMatchObject({ source: 'post', postId, creatorId: author.userId, affiliateCode: null });
    expect(await earnings(author)).toMatchObject({ pending: 0, available: 0 });
    expect(await centreRow(author, postId)).toMatchObject({ orders: 1, gmv: 20_000, commission: 0 });
  });

  it('pays a creator who is not a promoter nothing, and the post keeps its attribution', async () => {
    const { me: author, postId } = await creator(false);
    const o = await buyFromPost(postId);
    expect(o.attribution).toMatchObject({ source: 'post', postId, creatorId: author.userId, affiliateCode: null });
    expect(await earnings(author)).toMatchObject({ pending: 0 });
    expect((await author.get('/api/v1/me/affiliate-links')).body.items).toEqual([]);
    expect(await centreRow(author, postId)).toMatchObject({ orders: 1, gmv: 20_000, commission: 0 });
  });
});

describe('commission from a shared post', () => {
  it('goes to the sharer when the sharer is a promoter, else to the promoter-creator', async () => {
    const { me: author, postId } = await creator(true);
    const promoterSharer = await buyer(t);
    expect((await promoterSharer.post('/api/v1/affiliate-links', { productId: other.productId })).status).toBe(200);
    const plainSharer = await buyer(t);
    const shareOf = async (who: Buyer) =>
      (await who.post('/api/v1/attribution/share-links', { postId })).body.token as string;

    const viaPromoter = await buyFromPost(postId, { shareToken: await shareOf(promoterSharer) });
    expect(viaPromoter.attribution).toMatchObject({
      source: 'share',
      sharerId: promoterSharer.userId,
      creatorId: author.userId,
    });
    expect(await earnings(promoterSharer)).toMatchObject({ pending: 2_000 });
    expect(await earnings(author)).toMatchObject({ pending: 0 });

    const viaPlain = await buyFromPost(postId, { shareToken: await shareOf(plainSharer) });
    expect(viaPlain.attribution).toMatchObject({
      source: 'share',
      sharerId: plainSharer.userId,
      creatorId: author.userId,
    });
    expect(await earnings(plainSharer)).toMatchObject({ pending: 0 });
    expect(await earnings(author)).toMatchObject({ pending: 2_000 });

    // Both orders count for the post; only the creator's own commission is shown to the creator.
    expect(await centreRow(author, postId)).toMatchObject({ orders: 2, gmv: 40_000, commission: 2_000 });
    await reconciles();
  });
});
