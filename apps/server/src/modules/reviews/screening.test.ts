import { describe, expect, it } from 'vitest';
import { operator, product } from '../../../test/factories.ts';
import { deliveredOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { buyer, HANGZHOU, merchant } from '../../../test/order-factories.ts';

const t = await createTestApp();
const anon = new Client(t);

const review = (orderLineId: string, content: string, stars = 5) => ({
  orderLineId,
  ratings: { quality: stars, logistics: stars, service: stars },
  content,
  images: [],
  anonymous: false,
});

async function shopWithProduct() {
  const m = await merchant(t);
  const p = await product(t, m.owner, m.merchantId);
  return { merchant: m, product: p };
}

let doorNo = 0;
/** A buyer at an address of their own, unless the test wants a shared one. */
const buyerAt = (detail = `文三路 ${++doorNo} 号`) => buyer(t, { ...HANGZHOU, detail });

async function publish(
  s: Awaited<ReturnType<typeof shopWithProduct>>,
  content: string,
  deviceId?: string,
  opts: { detail?: string; payerAccount?: string; buyer?: Awaited<ReturnType<typeof buyerAt>>; stars?: number } = {},
) {
  const o = await deliveredOrder(t, {
    merchant: s.merchant,
    product: s.product,
    buyer: opts.buyer ?? (await buyerAt(opts.detail)),
    ...(opts.payerAccount ? { payerAccount: opts.payerAccount } : {}),
  });
  const buyer = deviceId ? o.buyer.withHeaders({ 'x-device-id': deviceId }) : o.buyer;
  const res = await buyer.post('/api/v1/reviews', review(o.lineIds[0]!, content, opts.stars));
  expect(res.status).toBe(201);
  await t.drain();
  return res.body.id as string;
}

describe('fake-review screening', () => {
  it('holds every review of a device shared by three buyers, out of the public list and score', async () => {
    const s = await shopWithProduct();
    const honest = await publish(s, '尺码合适，面料比想象中厚实，洗了一次没有缩水。');
    const fakes = [
      await publish(s, '物流很快，包装完好，好评。', 'device-farm-1'),
      await publish(s, '颜色很正，穿着舒服。', 'device-farm-1'),
    ];
    // Two buyers on one device is a family; the third makes a pattern, and the earlier two join it.
    let list = await anon.get(`/api/v1/products/${s.product.productId}/reviews`);
    expect(list.body.items).toHaveLength(3);
    fakes.push(await publish(s, '做工精细，值得购买。', 'device-farm-1'));

    list = await anon.get(`/api/v1/products/${s.product.productId}/reviews`);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([honest]);
    const summary = await anon.get(`/api/v1/products/${s.product.productId}/reviews/summary`);
    expect(summary.body).toMatchObject({ count: 1, underReview: 3 });
    expect((await anon.get(`/api/v1/reviews/${fakes[0]}`)).body).toEqual({ held: true, id: fakes[0] });
    // The product's own score (kept by the catalog) leaves them out too.
    expect((await anon.get(`/api/v1/products/${s.product.productId}`)).body.rating).toEqual({ average: 5, count: 1 });

    const op = await operator(t);
    const queue = await op.get('/api/v1/admin/review-flags');
    const mine = queue.body.items.filter((f: { productId: string }) => f.productId === s.product.productId);
    expect(mine.map((f: { reviewId: string }) => f.reviewId).sort()).toEqual([...fakes].sort());
    expect(mine[0].signals[0]).toMatchObject({ code: 'shared-device', label: '同一设备的多个买家' });
    expect(mine[0].signals[0].detail).toContain('3 个买家');
  });

  it('lets an operator clear a review back into the score or remove it, once, and logs the decision', async () => {
    const s = await shopWithProduct();
    const bribed = await publish(s, '商家说五星好评返现5元，东西还行吧。');
    const copied = [
      await publish(s, '宝贝收到了，质量非常好，跟卖家描述的完全一致，物流也很快！'),
      await publish(s, '宝贝收到了，质量非常好，和卖家描述的完全一致，物流也很快！！'),
    ];
    const op = await operator(t);
    const queue = (await op.get('/api/v1/admin/review-flags')).body.items.filter(
      (f: { productId: string }) => f.productId === s.product.productId,
    );
    const byId = new Map(queue.map((f: { reviewId: string; signals: { code: string }[] }) => [f.reviewId, f]));
    expect((byId.get(bribed) as { signals: { code: string }[] }).signals.map((x) => x.code)).toEqual(['reward-marker']);
    for (const id of copied)
      expect((byId.get(id) as { signals: { code: string }[] }).signals.map((x) => x.code)).toContain('near-duplicate');

    expect(
      (await s.merchant.owner.post(`/api/v1/admin/review-flags/${bribed}/decision`, { decision: 'clear' })).status,
    ).toBe(403);
    const cleared = await op.post(`/api/v1/admin/review-flags/${copied[0]}/decision`, {
      decision: 'clear',
      note: '老顾客',
    });
    expect(cleared.body).toEqual({ reviewId: copied[0], status: 'cleared' });
    const again = await op.post(`/api/v1/admin/review-flags/${copied[0]}/decision`, { decision: 'remove' });
    expect(again.status).toBe(409);
    expect(again.body.title).toBe('这条评价已经处理过了');
    await op.post(`/api/v1/admin/review-flags/${bribed}/decision`, { decision: 'remove', note: '诱导好评' });

    const summary = await anon.get(`/api/v1/products/${s.product.productId}/reviews/summary`);
    expect(summary.body).toMatchObject({ count: 1, underReview: 1 });
    await t.drain();
    expect((await anon.get(`/api/v1/products/${s.product.productId}`)).body.rating).toMatchObject({ count: 1 });
    const logged = await anon.get(`/api/v1/transparency/entries?kind=review-moderation&subjectId=${bribed}`);
    expect(JSON.parse(logged.body.items[0].leafData).payload).toMatchObject({
      decision: 'removed',
      signals: 'reward-marker',
    });
  });

  it('holds three buyers paid by one account, takes the removed fake sale out of 已售, and keeps offices apart', async () => {
    const s = await shopWithProduct();
    const path = `/api/v1/products/${s.product.productId}`;
    const colleagues = [
      await buyerAt('文三路 477 号 8 楼'),
      await buyerAt('文三路477号8楼'),
      await buyerAt('文三路 477 号 8 楼'),
    ];
    const ringBuyers = [await buyerAt(), await buyerAt(), await buyerAt()];
    // Four stars for the office: six five-star reviews right after delivery would be a burst of their own.
    // Accounts eight days old: six new accounts praising one shop would be a burst of its own.
    t.clock.advanceDays(8);
    const office = [];
    for (const [i, text] of [
      '同事推荐的，用着不错。',
      '办公室一起买的，质量可以。',
      '第二次买了，还是那个味道。',
    ].entries())
      office.push(await publish(s, text, undefined, { buyer: colleagues[i]!, stars: 4 }));
    const ring = [];
    for (const [i, text] of ['很好用，推荐购买。', '包装精美，送人合适。', '性价比高，会回购。'].entries())
      ring.push(await publish(s, text, undefined, { payerAccount: 'wx-openid-ring-7', buyer: ringBuyers[i]! }));
    expect((await anon.get(path)).body.salesCount).toBe(6);

    const op = await operator(t);
    const queue = (await op.get('/api/v1/admin/review-flags')).body.items.filter(
      (f: { productId: string }) => f.productId === s.product.productId,
    );
    // One shared office address is a weak signal on its own; one wallet behind three "buyers" is not.
    expect(queue.map((f: { reviewId: string }) => f.reviewId).sort()).toEqual([...ring].sort());
    expect(queue[0].signals.map((x: { code: string }) => x.code)).toEqual(['shared-payer']);
    expect(queue[0].signals[0].label).toBe('多个买家由同一支付账户付款');

    await op.post(`/api/v1/admin/review-flags/${ring[0]}/decision`, { decision: 'remove', note: '刷单' });
    await op.post(`/api/v1/admin/review-flags/${ring[1]}/decision`, { decision: 'clear', note: '核实为真实购买' });
    await t.drain();
    const after = (await anon.get(path)).body;
    expect(after.salesCount).toBe(5);
    expect(after.rating).toMatchObject({ count: 4 });
    // Redelivered, the event does not take the sale out twice.
    await t.drain();
    expect((await anon.get(path)).body.salesCount).toBe(5);
  });

  it('refuses a review from the shop’s own staff, who bought from their own shop', async () => {
    const s = await shopWithProduct();
    const o = await deliveredOrder(t, { merchant: s.merchant, product: s.product, buyer: await buyerAt() });
    // The shop's owner buys through the staff account: the review is blocked outright, not screened.
    const address = await s.merchant.owner.post('/api/v1/me/addresses', { ...HANGZHOU, detail: '文三路 900 号' });
    expect(address.status).toBe(201);
    const own = await deliveredOrder(t, {
      merchant: s.merchant,
      product: s.product,
      buyer: Object.assign(s.merchant.owner, { addressId: address.body.id as string }),
    });
    const res = await own.buyer.post('/api/v1/reviews', review(own.lineIds[0]!, '自家的东西，质量没得说。'));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ type: 'staff-self-review', title: '本店员工不能评价自家商品' });
    expect((await o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!, '收到了，挺好。'))).status).toBe(201);
  });

  it('holds a burst of praise from accounts registered days before', async () => {
    const s = await shopWithProduct();
    const burst = [];
    for (const text of ['质量很好，推荐。', '很满意的一次购物。', '东西不错，好评。', '物流快，东西好。', '非常喜欢。'])
      burst.push(await publish(s, text, undefined, { stars: 4 }));
    const op = await operator(t);
    const queue = (await op.get('/api/v1/admin/review-flags')).body.items.filter(
      (f: { productId: string }) => f.productId === s.product.productId,
    );
    expect(queue.map((f: { reviewId: string }) => f.reviewId).sort()).toEqual([...burst].sort());
    // Four stars, not five: the burst of new accounts alone is what holds them.
    expect(queue[0].signals).toMatchObject([{ code: 'new-account-burst', label: '新注册账号集中评价本店' }]);
  });
});
