import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { buyer, type Buyer, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';

const t = await createTestApp();
const anon = new Client(t);
const s = await shop(t, { name: '山野小店', title: '羊毛针织开衫', price: 20_000, stock: 50 });
const rule = await s.owner.put('/api/v1/merchant/commission-rules', {
  scope: 'product',
  target: s.productId,
  rateBp: 1000,
  capAmount: null,
  secondRateBp: 0,
});
expect(rule.status, JSON.stringify(rule.body)).toBe(200);

async function publish(author: Awaited<ReturnType<typeof signIn>>) {
  const res = await author.post('/api/v1/posts', {
    kind: 'image_text',
    title: '开衫上身',
    body: '很软',
    images: ['/media/u/ab/med_look.jpg'],
    productIds: [s.productId],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Opens the product from the post (with a promoter's code when given), buys one and pays. */
async function buyFromPost(postId: string, affiliateCode?: string) {
  const me: Buyer = await buyer(t);
  const touch = affiliateCode
    ? await me.post('/api/v1/attribution/touches', { kind: 'affiliate', productId: s.productId, affiliateCode, postId })
    : await me.post(`/api/v1/posts/${postId}/product-clicks`, { productId: s.productId });
  expect(touch.status, JSON.stringify(touch.body)).toBeLessThan(300);
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
  await payThroughSandbox(t, me, checkout.checkoutId);
  await t.drain();
}

describe('creator centre commission', () => {
  it('shows the creator’s own commission on the lines attributed to each post, beside orders and GMV', async () => {
    const creator = await signIn(t);
    const postId = await publish(creator);
    const quiet = await publish(creator);
    const link = await creator.post('/api/v1/affiliate-links', { productId: s.productId });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    const stranger = await buyer(t);
    const otherLink = await stranger.post('/api/v1/affiliate-links', { productId: s.productId });

    await buyFromPost(postId, link.body.code); // the creator's own code: 10% of ¥200 is theirs
    await buyFromPost(postId); // a plain post click: the creator is a promoter, so their code rides on the touch
    await buyFromPost(postId, otherLink.body.code); // someone else's code: their commission, not the creator's

    const centre = (await creator.get('/api/v1/creator/overview')).body;
    expect(centre.posts.find((p: { id: string }) => p.id === postId)).toMatchObject({
      orders: 3,
      gmv: 60_000,
      commission: 4_000,
      commissionSettled: 0,
    });
    expect(centre.posts.find((p: { id: string }) => p.id === quiet)).toMatchObject({ orders: 0, commission: 0 });
    expect(centre.totals).toMatchObject({ orders: 3, gmv: 60_000, commission: 4_000 });
  });
});

describe('views', () => {
  it('counts a signed-out visitor once a day by browser id, and not at all when it cannot be recognised', async () => {
    const author = await signIn(t);
    const postId = await publish(author);
    const views = async () =>
      (await author.get('/api/v1/creator/overview')).body.posts.find((p: { id: string }) => p.id === postId).views;
    const visitor = anon.withHeaders({ 'x-device-id': 'a1b2c3d4e5f60718293a4b5c' });

    expect((await visitor.get(`/api/v1/posts/${postId}`)).body.viewCount).toBe(1);
    expect((await visitor.get(`/api/v1/posts/${postId}`)).body.viewCount).toBe(1);
    await anon.withHeaders({ 'x-device-id': 'ffeeddccbbaa998877665544' }).get(`/api/v1/posts/${postId}`);
    // The shop's no-storage fallback, and a bare request, are not counted; the bare one is given a visitor cookie.
    await anon.withHeaders({ 'x-device-id': 'no-storage' }).get(`/api/v1/posts/${postId}`);
    const bare = await anon.get(`/api/v1/posts/${postId}`);
    const cookie = bare.headers['set-cookie'] as string;
    expect(cookie).toMatch(/^hw_vid=[A-Za-z0-9_-]{24}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/);
    expect(await views()).toBe(2);
    // Next time the cookie is the visitor's id.
    const returning = anon.withHeaders({ cookie: cookie.split(';')[0]! });
    await returning.get(`/api/v1/posts/${postId}`);
    await returning.get(`/api/v1/posts/${postId}`);
    expect(await views()).toBe(3);
    // A new Beijing day counts the same browser again; a signed-in reader counts by account.
    t.clock.advance(86_400_000);
    await visitor.get(`/api/v1/posts/${postId}`);
    await (await signIn(t)).get(`/api/v1/posts/${postId}`);
    expect(await views()).toBe(5);
  });
});
