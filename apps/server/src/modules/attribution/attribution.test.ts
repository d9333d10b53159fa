import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, payCheckout, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { getLineAttributions } from './service.ts';

const t = await createTestApp();
const db = t.deps.database.db;
const attributed: any[] = [];
t.deps.events.subscribe('order.attributed', 'test.capture', async (_db, e) => void attributed.push(e.payload));

async function postTagging(productId: string) {
  const creator = await signIn(t);
  const res = await creator.post('/api/v1/posts', {
    kind: 'image_text',
    title: '通勤包里常备的面霜',
    body: '秋冬干皮救星 #好物分享#',
    images: ['/media/u/ab/med_cover.jpg'],
    productIds: [productId],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { creator, postId: res.body.id as string };
}

async function buy(who: Awaited<ReturnType<typeof buyer>>, skuId: string) {
  const checkout = await placeOrder(t, who, [{ skuId, qty: 1 }]);
  await payCheckout(t, checkout.checkoutId);
  const lineId = checkout.orders[0]!.lines[0]!.id;
  return {
    lineId,
    orderId: checkout.orders[0]!.id,
    attribution: (await getLineAttributions(db, [lineId])).get(lineId)!,
  };
}

describe('attribution of order lines', () => {
  it('credits the sharer and the creator when a friend buys through a shared post', async () => {
    const s = await shop(t, { price: 8800 });
    const { creator, postId } = await postTagging(s.productId);
    const sharer = await signIn(t);
    const link = await sharer.post('/api/v1/attribution/share-links', { postId });
    expect(link.status).toBe(201);
    expect(link.body.path).toBe(`/posts/${postId}?share=${link.body.token}`);

    const friend = await buyer(t);
    const click = await friend.post(`/api/v1/posts/${postId}/product-clicks`, {
      productId: s.productId,
      shareToken: link.body.token,
    });
    expect(click.status).toBe(200);
    const { orderId, attribution } = await buy(friend, s.skuId);
    expect(attribution).toMatchObject({
      source: 'share',
      firstSource: 'share',
      postId,
      creatorId: creator.userId,
      sharerId: sharer.userId,
      userId: friend.userId,
      productId: s.productId,
    });
    const event = attributed.find((e) => e.orderId === orderId);
    expect(event.lines[0]).toMatchObject({ source: 'share', sharerId: sharer.userId, creatorId: creator.userId });

    // The creator centre shows the paid order and its amount against the post.
    const centre = await creator.get('/api/v1/creator/overview');
    expect(centre.body.posts.find((p: { id: string }) => p.id === postId)).toMatchObject({
      orders: 1,
      gmv: 8800,
      productClicks: 1,
    });
    expect(centre.body.recentOrders[0]).toMatchObject({ orderId, source: 'share', status: 'paid', payAmount: 8800 });
  });

  it('records the first and the last touch; an order without any touch is direct', async () => {
    const s = await shop(t);
    const { postId } = await postTagging(s.productId);
    const me = await buyer(t);
    expect((await me.post('/api/v1/attribution/touches', { kind: 'search', productId: s.productId })).status).toBe(201);
    t.clock.advance(60_000);
    await me.post(`/api/v1/posts/${postId}/product-clicks`, { productId: s.productId });
    const { attribution } = await buy(me, s.skuId);
    expect(attribution).toMatchObject({ source: 'post', firstSource: 'search', postId });
    expect(attribution.lastTouchAt!.getTime() - attribution.firstTouchAt!.getTime()).toBe(60_000);

    const direct = await buy(await buyer(t), s.skuId);
    expect(direct.attribution).toMatchObject({
      source: 'direct',
      firstSource: 'direct',
      postId: null,
      creatorId: null,
      firstTouchAt: null,
    });
  });

  it('forgets touches older than the window (7 days)', async () => {
    const s = await shop(t);
    const { postId } = await postTagging(s.productId);
    const me = await buyer(t);
    await me.post(`/api/v1/posts/${postId}/product-clicks`, { productId: s.productId });
    t.clock.advance(7 * 86_400_000 + 1000);
    expect((await buy(me, s.skuId)).attribution.source).toBe('direct');
  });

  it('takes the creator from the post and the sharer from the token, never from the caller', async () => {
    const s = await shop(t);
    const { creator, postId } = await postTagging(s.productId);
    const me = await buyer(t);
    const forged = await me.post('/api/v1/attribution/touches', {
      kind: 'post',
      postId,
      productId: s.productId,
      creatorId: me.userId,
    });
    expect(forged.status).toBe(201);
    expect(
      (await me.post('/api/v1/attribution/touches', { kind: 'share', shareToken: 'nope', productId: s.productId })).body
        .type,
    ).toBe('share-link-invalid');
    // Opening your own share link credits nobody as sharer.
    const own = await me.post('/api/v1/attribution/share-links', { postId });
    expect(
      (
        await me.post('/api/v1/attribution/touches', {
          kind: 'share',
          shareToken: own.body.token,
          productId: s.productId,
        })
      ).body.recorded,
    ).toBe(false);
    const { attribution } = await buy(me, s.skuId);
    expect(attribution).toMatchObject({ source: 'post', creatorId: creator.userId, sharerId: null });
  });
});
