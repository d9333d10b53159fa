import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { deliveredOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { shop, signIn } from '../../../test/order-factories.ts';

const t = await createTestApp();
const anon = new Client(t);
const ops = await operator(t);
const s = await shop(t, { name: '山野小店', title: '羊毛针织开衫', price: 25900 });

const post = (extra: Record<string, unknown> = {}) => ({
  kind: 'image_text',
  title: '秋天的第一件开衫',
  body: '软糯不扎，配牛仔裤很好看 #晒出你的穿搭#',
  images: ['/media/u/ab/med_look.jpg'],
  productIds: [s.productId],
  ...extra,
});

describe('publishing', () => {
  it('publishes an image-text post with tagged products and topics; anyone can read it', async () => {
    const me = await signIn(t);
    const res = await me.post('/api/v1/posts', post());
    expect(res.body).toMatchObject({ status: 'published' });
    const detail = await anon.get(`/api/v1/posts/${res.body.id}`);
    expect(detail.body).toMatchObject({
      title: '秋天的第一件开衫',
      topics: ['晒出你的穿搭'],
      sponsor: null,
      isVideo: false,
    });
    expect(detail.body.products[0]).toMatchObject({
      id: s.productId,
      title: '羊毛针织开衫',
      minPrice: 25900,
      available: true,
    });
    const topic = await anon.get(`/api/v1/topics/${encodeURIComponent('晒出你的穿搭')}`);
    expect(topic.body.posts.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it('needs a video with a poster for a video post, and listed products', async () => {
    const me = await signIn(t);
    expect((await me.post('/api/v1/posts', post({ kind: 'video', images: [] }))).body.type).toBe('video-required');
    const video = await me.post(
      '/api/v1/posts',
      post({
        kind: 'video',
        images: [],
        videoUrl: '/media/u/ab/med_clip.mp4',
        posterUrl: '/media/u/ab/med_poster.jpg',
      }),
    );
    expect(video.status).toBe(201);
    expect((await anon.get(`/api/v1/posts/${video.body.id}`)).body).toMatchObject({
      isVideo: true,
      coverUrl: '/media/u/ab/med_poster.jpg',
      videoUrl: '/media/u/ab/med_clip.mp4',
    });
    expect((await me.post('/api/v1/posts', post({ productIds: ['prd_missing'] }))).body.type).toBe(
      'product-unavailable',
    );
    expect((await me.post('/api/v1/posts', post({ images: ['https://elsewhere.example.com/a.jpg'] }))).status).toBe(
      400,
    );
  });

  it('holds a flagged post for review (author-only) and refuses a rejected one', async () => {
    const me = await signIn(t);
    const held = await me.post('/api/v1/posts', post({ body: '想要同款的加微信问我' }));
    expect(held.body.status).toBe('pending_review');
    expect((await anon.get(`/api/v1/posts/${held.body.id}`)).status).toBe(404);
    expect((await me.get(`/api/v1/posts/${held.body.id}`)).body.status).toBe('pending_review');
    const refused = await me.post('/api/v1/posts', post({ body: '网赌稳赚' }));
    expect(refused.status).toBe(422);
    // 稳赚 is also a guaranteed-return claim under 广告法, so both reasons are named.
    expect(refused.body).toMatchObject({ type: 'content-rejected', detail: expect.stringContaining('含有违禁词') });

    const queue = await ops.get('/api/v1/admin/moderation/items?status=pending');
    const item = queue.body.items.find((i: { subjectId: string }) => i.subjectId === held.body.id);
    await ops.post(`/api/v1/admin/moderation/items/${item.id}/decision`, { decision: 'approve' });
    await t.drain();
    expect((await anon.get(`/api/v1/posts/${held.body.id}`)).body.status).toBe('published');
  });

  it('takes a post down when an operator upholds a report', async () => {
    const me = await signIn(t);
    const { id } = (await me.post('/api/v1/posts', post())).body;
    const reporter = await signIn(t);
    const report = await reporter.post('/api/v1/reports', { subjectType: 'post', subjectId: id, reason: 'false-ad' });
    await ops.post(`/api/v1/admin/reports/${report.body.id}/resolve`, { action: 'remove' });
    await t.drain();
    expect((await anon.get(`/api/v1/posts/${id}`)).status).toBe(404);
  });
});

describe('sponsored content', () => {
  it('labels a post 「广告」 once its brand records the partnership; the creator cannot remove it', async () => {
    const creator = await signIn(t);
    const { id } = (await creator.post('/api/v1/posts', post())).body;
    const deal = await s.owner.post('/api/v1/merchant/partnerships', {
      creatorId: creator.userId,
      title: '秋季新品推广',
      feeAmount: 200000,
      postId: id,
    });
    expect(deal.status).toBe(201);
    expect((await anon.get(`/api/v1/posts/${id}`)).body.sponsor).toEqual({
      label: '广告',
      merchantId: s.merchantId,
      brandName: '山野小店',
    });
    const edit = await creator.patch(`/api/v1/posts/${id}`, {
      title: '自己买的开衫',
      body: '不是广告',
      images: ['/media/u/ab/med_look.jpg'],
      topics: [],
      sponsor: null,
      partnershipId: null,
    });
    expect(edit.status).toBe(200);
    const after = await anon.get(`/api/v1/posts/${id}`);
    expect(after.body.title).toBe('自己买的开衫');
    expect(after.body.sponsor?.label).toBe('广告');
    const feed = await anon.get('/api/v1/feeds/discover?limit=50');
    expect(feed.body.items.find((p: { id: string }) => p.id === id).sponsor.label).toBe('广告');
  });

  it('lets the creator attach their own partnership when composing, not someone else’s', async () => {
    const creator = await signIn(t);
    const other = await signIn(t);
    const deal = await s.owner.post('/api/v1/merchant/partnerships', {
      creatorId: creator.userId,
      title: '开衫种草',
      feeAmount: 50000,
    });
    expect((await other.post('/api/v1/posts', post({ partnershipId: deal.body.id }))).body.type).toBe(
      'partnership-not-yours',
    );
    const mine = await creator.post('/api/v1/posts', post({ partnershipId: deal.body.id }));
    expect((await anon.get(`/api/v1/posts/${mine.body.id}`)).body.sponsor.brandName).toBe('山野小店');
  });
});

describe('interactions and feeds', () => {
  it('counts likes once, nests replies two levels, and shows followed people newest first', async () => {
    const author = await signIn(t);
    const fan = await signIn(t);
    const first = (await author.post('/api/v1/posts', post({ title: '第一篇' }))).body.id;
    t.clock.advance(60_000);
    const second = (await author.post('/api/v1/posts', post({ title: '第二篇' }))).body.id;
    expect((await fan.get('/api/v1/feeds/following')).body.items).toEqual([]);
    expect((await fan.put(`/api/v1/follows/user/${author.userId}`, { on: true })).body.following).toBe(true);
    expect((await author.put(`/api/v1/follows/user/${author.userId}`, { on: true })).body.type).toBe(
      'cannot-follow-self',
    );
    const feed = await fan.get('/api/v1/feeds/following');
    expect(feed.body.items.map((p: { id: string }) => p.id)).toEqual([second, first]);

    await fan.put(`/api/v1/posts/${first}/like`, { on: true });
    expect((await fan.put(`/api/v1/posts/${first}/like`, { on: true })).body).toEqual({ liked: true, likeCount: 1 });
    expect((await fan.put(`/api/v1/posts/${first}/favourite`, { on: true })).body.favouriteCount).toBe(1);

    const top = await fan.post(`/api/v1/posts/${first}/comments`, { body: '求尺码' });
    const reply = await author.post(`/api/v1/posts/${first}/comments`, { body: '160 穿 S', parentId: top.body.id });
    await fan.post(`/api/v1/posts/${first}/comments`, { body: '谢谢', parentId: reply.body.id });
    const comments = await anon.get(`/api/v1/posts/${first}/comments`);
    expect(comments.body.items).toHaveLength(1);
    expect(comments.body.items[0]).toMatchObject({ body: '求尺码', replyCount: 2 });
    expect(
      comments.body.items[0].replies.map((r: { body: string; replyTo: { id: string } }) => [r.body, r.replyTo.id]),
    ).toEqual([
      ['160 穿 S', fan.userId],
      ['谢谢', author.userId],
    ]);
    const detail = await fan.get(`/api/v1/posts/${first}`);
    expect(detail.body).toMatchObject({
      commentCount: 3,
      likeCount: 1,
      liked: true,
      favourited: true,
      followingAuthor: true,
    });
    const profile = await anon.get(`/api/v1/users/${author.userId}/profile`);
    expect(profile.body).toMatchObject({ followers: 1, postCount: 2, likesReceived: 1 });
  });

  it('keeps the like counter exact under parallel taps', async () => {
    const author = await signIn(t);
    const { id } = (await author.post('/api/v1/posts', post())).body;
    const fans = await Promise.all(Array.from({ length: 6 }, () => signIn(t)));
    await Promise.all([...fans, fans[0]!, fans[0]!].map((f) => f.put(`/api/v1/posts/${id}/like`, { on: true })));
    expect((await anon.get(`/api/v1/posts/${id}`)).body.likeCount).toBe(6);
    await Promise.all([fans[1]!, fans[1]!, fans[2]!].map((f) => f.put(`/api/v1/posts/${id}/like`, { on: false })));
    expect((await anon.get(`/api/v1/posts/${id}`)).body.likeCount).toBe(4);
  });

  it('shows followers of a shop the posts tagging its products', async () => {
    const fan = await signIn(t);
    const creator = await signIn(t);
    const { id } = (await creator.post('/api/v1/posts', post())).body;
    await fan.put(`/api/v1/follows/merchant/${s.merchantId}`, { on: true });
    expect((await fan.get('/api/v1/feeds/following')).body.items.map((p: { id: string }) => p.id)).toContain(id);
  });

  it('ranks the discovery feed by freshness and engagement, and pages without repeats', async () => {
    const a = await signIn(t);
    const old = (await a.post('/api/v1/posts', post({ title: '旧但很火' }))).body.id;
    for (let i = 0; i < 3; i++) await (await signIn(t)).put(`/api/v1/posts/${old}/like`, { on: true });
    t.clock.advance(10 * 86_400_000);
    const fresh = (await a.post('/api/v1/posts', post({ title: '刚发的' }))).body.id;
    const feed = await anon.get('/api/v1/feeds/discover?limit=50');
    const ids = feed.body.items.map((p: { id: string }) => p.id);
    expect(ids.indexOf(fresh)).toBeLessThan(ids.indexOf(old));
    const p1 = await anon.get('/api/v1/feeds/discover?limit=3');
    const p2 = await anon.get(`/api/v1/feeds/discover?limit=3&cursor=${p1.body.nextCursor}`);
    const seen = [...p1.body.items, ...p2.body.items].map((p: { id: string }) => p.id);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('incentives and drafting', () => {
  it('rewards an order-photo post (晒单返现) once, only for the author’s own delivered line', async () => {
    const o = await deliveredOrder(t);
    const stranger = await signIn(t);
    const body = post({ productIds: [], orderLineId: o.lineIds[0] });
    expect((await stranger.post('/api/v1/posts', body)).body.type).toBe('order-line-not-eligible');
    const shown = await o.buyer.post('/api/v1/posts', body);
    expect(shown.status).toBe(201);
    expect((await anon.get(`/api/v1/posts/${shown.body.id}`)).body).toMatchObject({
      verifiedPurchase: true,
      products: [{ id: o.productId }],
    });
    expect((await o.buyer.post('/api/v1/posts', body)).body.type).toBe('order-line-already-shown');
    expect((await o.buyer.get('/api/v1/creator/rewards')).body).toEqual([
      expect.objectContaining({ kind: 'order_photo_post', points: 50, postId: shown.body.id }),
    ]);
  });

  it('drafts a post and product copy from the product’s own attributes', async () => {
    const me = await signIn(t);
    const draft = await me.post('/api/v1/posts/drafts', { productId: s.productId, style: 'outfit' });
    expect(draft.body.title).toContain('羊毛针织开衫');
    expect(draft.body.body).toContain('259');
    expect(draft.body.topics).toContain('晒出你的穿搭');
    const copy = await s.owner.post(`/api/v1/merchant/products/${s.productId}/copy-draft`, {});
    expect(copy.body.title).toContain('羊毛针织开衫');
    expect(copy.body.description).toContain('259');
  });
});
