import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { product } from '../../../test/factories.ts';
import { deliveredOrder, type OrderFixture, sandboxPaidOrder, shippedOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { merchant, signIn } from '../../../test/order-factories.ts';

const t = await createTestApp();
const anon = new Client(t);

const stars = (quality: number, logistics = quality, service = quality) => ({ quality, logistics, service });
const review = (orderLineId: string, extra: Record<string, unknown> = {}) => ({
  orderLineId,
  ratings: stars(5),
  content: '面霜很滋润，吸收也快，会回购。',
  images: ['/media/u/abc/review-1.jpg'],
  anonymous: false,
  ...extra,
});

describe('who may review, and when', () => {
  it('refuses strangers and anonymous callers, and the buyer before delivery', async () => {
    const shipped = await shippedOrder(t);
    const line = shipped.lineIds[0]!;
    expect((await anon.post('/api/v1/reviews', review(line))).status).toBe(401);
    const stranger = await signIn(t);
    const res = await stranger.post('/api/v1/reviews', review(line));
    expect(res.status).toBe(404);
    expect(res.body.title).toBe('订单商品不存在');
    // The merchant cannot write a review of its own goods in the buyer's name either.
    expect((await shipped.owner.post('/api/v1/reviews', review(line))).status).toBe(404);
    const early = await shipped.buyer.post('/api/v1/reviews', review(line));
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: 'order-not-delivered', title: '确认收货后才能评价' });

    const paid = await sandboxPaidOrder(t);
    expect((await paid.buyer.post('/api/v1/reviews', review(paid.lineIds[0]!))).body.type).toBe('order-not-delivered');
  });

  it('lets the buyer of a delivered line review it once', async () => {
    const o = await deliveredOrder(t);
    const first = await o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ productId: o.productId, seq: 1 });
    expect(first.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const again = await o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!, { content: '再评一次试试看' }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: 'already-reviewed', title: '这件商品已经评价过了' });
  });

  it('validates text, images and stars with field errors', async () => {
    const o = await deliveredOrder(t);
    const line = o.lineIds[0]!;
    const short = await o.buyer.post('/api/v1/reviews', review(line, { content: '不错' }));
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toMatchObject({ field: 'body.content', message: '评价内容至少 5 个字' });
    const long = await o.buyer.post('/api/v1/reviews', review(line, { content: '好'.repeat(501) }));
    expect(long.body.errors[0].message).toBe('评价内容最多 500 个字');
    const external = await o.buyer.post(
      '/api/v1/reviews',
      review(line, { images: ['https://evil.example.com/a.jpg'] }),
    );
    expect(external.status).toBe(400);
    expect(external.body.errors[0].field).toBe('body.images.0');
    const tooMany = await o.buyer.post(
      '/api/v1/reviews',
      review(line, { images: Array.from({ length: 10 }, (_, i) => `/media/u/x/${i}.jpg`) }),
    );
    expect(tooMany.body.errors[0].message).toBe('最多上传 9 张图片');
    expect((await o.buyer.post('/api/v1/reviews', review(line, { ratings: stars(6) }))).status).toBe(400);
    // Stars only: no text needed.
    const starsOnly = await o.buyer.post(
      '/api/v1/reviews',
      review(line, { content: '', images: [], ratings: stars(4, 5, 3) }),
    );
    expect(starsOnly.status).toBe(201);
  });
});

describe('follow-ups and merchant replies', () => {
  it('allows one follow-up by the author, within 180 days of delivery', async () => {
    const o = await deliveredOrder(t);
    const { body: first } = await o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!));
    const stranger = await signIn(t);
    expect(
      (await stranger.post(`/api/v1/reviews/${first.id}/follow-up`, { content: '用了一个月，效果不错。' })).status,
    ).toBe(404);
    expect((await o.buyer.post(`/api/v1/reviews/${first.id}/follow-up`, { content: '' })).status).toBe(400);
    t.clock.advanceDays(20);
    const follow = await o.buyer.post(`/api/v1/reviews/${first.id}/follow-up`, {
      content: '用了一个月，皮肤稳定了很多。',
      images: ['/media/u/abc/after.jpg'],
    });
    expect(follow.status).toBe(201);
    expect(follow.body.seq).toBe(2);
    const twice = await o.buyer.post(`/api/v1/reviews/${first.id}/follow-up`, { content: '再追评一次可以吗' });
    expect(twice.status).toBe(409);
    expect(twice.body.type).toBe('already-followed-up');

    const mine = await o.buyer.get('/api/v1/me/reviews');
    const item = mine.body.items.find((i: { id: string }) => i.id === first.id);
    expect(item).toMatchObject({
      orderId: o.orderId,
      canFollowUp: false,
      product: { title: '玻尿酸保湿面霜 50ml' },
      followUp: { content: '用了一个月，皮肤稳定了很多。', daysLater: 20 },
    });

    const late = await deliveredOrder(t);
    const { body: lateReview } = await late.buyer.post('/api/v1/reviews', review(late.lineIds[0]!));
    expect((await late.buyer.get('/api/v1/me/reviews')).body.items[0].canFollowUp).toBe(true);
    t.clock.advanceDays(181);
    // Sessions last 30 days: sign in again after half a year.
    const lateBuyer = await signIn(t, late.buyer.phone);
    const expired = await lateBuyer.post(`/api/v1/reviews/${lateReview.id}/follow-up`, {
      content: '半年后再来追评一下',
    });
    expect(expired.status).toBe(409);
    expect(expired.body.type).toBe('follow-up-expired');
  });

  it('lets only the line merchant reply, once, and shows the reply publicly', async () => {
    const o = await deliveredOrder(t);
    const { body: rev } = await o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!));
    const pending = await o.owner.get('/api/v1/merchant/reviews?replied=false');
    expect(pending.body.items.map((i: { id: string }) => i.id)).toContain(rev.id);

    const other = await merchant(t, '隔壁小店');
    const foreign = await other.owner.post(`/api/v1/merchant/reviews/${rev.id}/reply`, { content: '谢谢亲的支持！' });
    expect(foreign.status).toBe(404);
    expect((await o.buyer.post(`/api/v1/merchant/reviews/${rev.id}/reply`, { content: '自己回复自己' })).status).toBe(
      403,
    );

    const reply = await o.owner.post(`/api/v1/merchant/reviews/${rev.id}/reply`, {
      content: '谢谢亲的支持，期待再次光临！',
    });
    expect(reply.status).toBe(201);
    const again = await o.owner.post(`/api/v1/merchant/reviews/${rev.id}/reply`, { content: '再回复一次' });
    expect(again.body.type).toBe('already-replied');

    const list = await anon.get(`/api/v1/products/${o.productId}/reviews`);
    expect(list.body.items[0]).toMatchObject({
      id: rev.id,
      reply: { content: '谢谢亲的支持，期待再次光临！' },
      specText: '标准装',
    });
    expect(
      (await o.owner.get('/api/v1/merchant/reviews?replied=false')).body.items.map((i: { id: string }) => i.id),
    ).not.toContain(rev.id);
    expect((await o.owner.get('/api/v1/merchant/reviews?replied=true')).body.items[0]).toMatchObject({
      id: rev.id,
      kind: 'initial',
      product: { title: '玻尿酸保湿面霜 50ml' },
    });
  });
});

describe('public product reviews', () => {
  it('lists reviews with names, masks anonymous authors, filters, pages and summarises', async () => {
    const m = await merchant(t, '评价测试店');
    const p = await product(t, m.owner, m.merchantId);
    const write = async (ratings: ReturnType<typeof stars>, extra: Record<string, unknown> = {}) => {
      const o = await deliveredOrder(t, { merchant: m, product: p });
      await o.buyer.patch('/api/v1/me', { nickname: '爱吃草莓的小鹿' });
      const res = await o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!, { ratings, ...extra }));
      expect(res.status).toBe(201);
      t.clock.advanceMinutes(1);
      return { ...o, reviewId: res.body.id as string };
    };
    const a = await write(stars(5), { images: [] });
    // Distinct words per buyer: the same sentence from two buyers of one product is held as a likely copy.
    const b = await write(stars(4, 5, 4), { anonymous: true, content: '第二次买了，包装很用心，吸收挺快。' });
    const c = await write(stars(1, 2, 1), { content: '收到就漏了，差评。', images: [] });
    await write(stars(3), { content: '', images: [] });
    t.clock.advanceDays(7);
    expect(
      (
        await a.buyer.post(`/api/v1/reviews/${a.reviewId}/follow-up`, {
          content: '一周后追评：依然好用',
          images: ['/media/u/a/b.jpg'],
        })
      ).status,
    ).toBe(201);

    const all = await anon.get(`/api/v1/products/${p.productId}/reviews`);
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(4);
    const byId = new Map(all.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(a.reviewId)).toMatchObject({
      rating: 5,
      author: { nickname: '爱吃草莓的小鹿', anonymous: false },
      followUp: { content: '一周后追评：依然好用', daysLater: 7, reply: null },
    });
    expect(byId.get(b.reviewId)).toMatchObject({
      rating: 4,
      author: { nickname: '爱***鹿', avatarUrl: null, anonymous: true },
    });
    expect(JSON.stringify(all.body)).not.toContain(b.buyer.userId);

    const ids = async (filter: string) =>
      (await anon.get(`/api/v1/products/${p.productId}/reviews?filter=${filter}`)).body.items.map(
        (i: { id: string }) => i.id,
      );
    expect(await ids('good')).toEqual([b.reviewId, a.reviewId]);
    expect(await ids('bad')).toEqual([c.reviewId]);
    expect(await ids('with_images')).toEqual([b.reviewId, a.reviewId]);

    const first = await anon.get(`/api/v1/products/${p.productId}/reviews?limit=3`);
    expect(first.body.items).toHaveLength(3);
    const second = await anon.get(`/api/v1/products/${p.productId}/reviews?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([a.reviewId]);
    expect(second.body.nextCursor).toBeNull();
    expect((await anon.get(`/api/v1/products/${p.productId}/reviews?cursor=garbage`)).status).toBe(400);

    const summary = await anon.get(`/api/v1/products/${p.productId}/reviews/summary`);
    expect(summary.body).toEqual({
      productId: p.productId,
      count: 4,
      averageRating: 3.3, // (5 + 4 + 1 + 3) / 4
      averages: { quality: 3.3, logistics: 3.8, service: 3.3 },
      goodRate: 0.5,
      counts: { good: 2, neutral: 1, bad: 1, withImages: 2, followUps: 1 },
      underReview: 0,
    });
    // The catalog keeps the product's rating from review.published; the follow-up is not a second vote.
    await t.drain();
    expect((await anon.get(`/api/v1/products/${p.productId}`)).body.rating).toEqual({ average: 3.3, count: 4 });
    const empty = await anon.get('/api/v1/products/prd_nothing/reviews/summary');
    expect(empty.body).toMatchObject({ count: 0, averageRating: null, goodRate: null });
  });
});

describe('tamper evidence', () => {
  it('verifies the chain and reports the first review changed behind the application', async () => {
    const m = await merchant(t, '链测试店');
    const p = await product(t, m.owner, m.merchantId);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const o = await deliveredOrder(t, { merchant: m, product: p });
      ids.push(
        (await o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!, { content: `第 ${i + 1} 条真实评价内容` }))).body
          .id,
      );
    }
    await m.owner.post(`/api/v1/merchant/reviews/${ids[0]}/reply`, { content: '感谢您的认可！' });
    const good = await anon.get(`/api/v1/products/${p.productId}/reviews/verify`);
    expect(good.body).toMatchObject({ ok: true, count: 3, firstBroken: null });
    expect(good.body.headHash).toMatch(/^[0-9a-f]{64}$/);

    const db = t.deps.database.db;
    await db.execute(sql`update review_replies set content = '本店商品全网最低价' where review_id = ${ids[0]}`);
    expect((await anon.get(`/api/v1/products/${p.productId}/reviews/verify`)).body.firstBroken).toMatchObject({
      reviewId: ids[0],
      reason: 'reply-changed',
    });
    await db.execute(sql`update review_replies set content = '感谢您的认可！' where review_id = ${ids[0]}`);

    await db.execute(
      sql`update reviews set rating = 5, rating_quality = 5, content = '商家改过的好评' where id = ${ids[1]}`,
    );
    const broken = await anon.get(`/api/v1/products/${p.productId}/reviews/verify`);
    expect(broken.body).toMatchObject({
      ok: false,
      count: 3,
      firstBroken: {
        reviewId: ids[1],
        seq: 2,
        reason: 'content-changed',
        message: '评价内容与发布时的哈希不一致（已被改动）',
      },
    });

    // Deleting a review leaves a gap the chain shows.
    await db.execute(sql`delete from reviews where id = ${ids[1]}`);
    expect((await anon.get(`/api/v1/products/${p.productId}/reviews/verify`)).body.firstBroken).toMatchObject({
      reviewId: ids[2],
      reason: 'seq-gap',
    });
  });
});

describe('concurrency', () => {
  it('accepts one of two simultaneous reviews of a line and keeps one unforked chain per product', async () => {
    const m = await merchant(t, '并发测试店');
    const p = await product(t, m.owner, m.merchantId);
    const orders: OrderFixture[] = [];
    for (let i = 0; i < 4; i++) orders.push(await deliveredOrder(t, { merchant: m, product: p }));
    const same = await Promise.all(
      [0, 1].map(() => orders[0]!.buyer.post('/api/v1/reviews', review(orders[0]!.lineIds[0]!))),
    );
    expect(same.map((r) => r.status).sort()).toEqual([201, 409]);
    const others = await Promise.all(
      orders.slice(1).map((o) => o.buyer.post('/api/v1/reviews', review(o.lineIds[0]!))),
    );
    expect(others.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(
      [...same, ...others]
        .filter((r) => r.status === 201)
        .map((r) => r.body.seq)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    expect((await anon.get(`/api/v1/products/${p.productId}/reviews/verify`)).body).toMatchObject({
      ok: true,
      count: 4,
    });
  });
});
