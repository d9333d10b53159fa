import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { shop, signIn } from '../../../test/order-factories.ts';

const t = await createTestApp();
const anon = new Client(t);
const ops = await operator(t);
const s = await shop(t, { name: '山野小店', title: '羊毛针织开衫', price: 25900 });

async function publish(author: Awaited<ReturnType<typeof signIn>>, title: string, body = '日常分享') {
  const res = await author.post('/api/v1/posts', {
    kind: 'image_text',
    title,
    body,
    images: ['/media/u/ab/med_look.jpg'],
    productIds: [s.productId],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((p) => p.id);

describe('content management (内容管理)', () => {
  it('lists every post newest first, searches title and body, filters by author (id or phone) and status, and pages', async () => {
    const alice = await signIn(t);
    const bob = await signIn(t);
    const a1 = await publish(alice, '秋天的开衫', '软糯 100%_羊毛');
    t.clock.advance(1000);
    const b1 = await publish(bob, '通勤穿搭');
    t.clock.advance(1000);
    const held = (
      await bob.post('/api/v1/posts', {
        kind: 'image_text',
        title: '同款问我',
        body: '加微信',
        images: ['/media/u/ab/med_x.jpg'],
        productIds: [],
      })
    ).body.id;

    expect(ids(await ops.get('/api/v1/admin/posts?limit=3'))).toEqual([held, b1, a1]);
    expect(ids(await ops.get(`/api/v1/admin/posts?q=${encodeURIComponent('开衫')}`))).toEqual([a1]);
    // LIKE wildcards in the search are literal.
    expect(ids(await ops.get(`/api/v1/admin/posts?q=${encodeURIComponent('0%_羊')}`))).toEqual([a1]);
    expect(ids(await ops.get(`/api/v1/admin/posts?q=${encodeURIComponent('%')}`))).toEqual([a1]);
    expect(ids(await ops.get(`/api/v1/admin/posts?author=${bob.userId}`))).toEqual([held, b1]);
    expect(ids(await ops.get(`/api/v1/admin/posts?author=${alice.phone}`))).toEqual([a1]);
    expect(ids(await ops.get('/api/v1/admin/posts?author=13900000000'))).toEqual([]);
    expect(ids(await ops.get(`/api/v1/admin/posts?status=pending_review&author=${bob.userId}`))).toEqual([held]);

    const p1 = await ops.get(`/api/v1/admin/posts?limit=1&author=${bob.userId}`);
    expect(p1.body.nextCursor).not.toBeNull();
    const p2 = await ops.get(`/api/v1/admin/posts?limit=1&author=${bob.userId}&cursor=${p1.body.nextCursor}`);
    expect([...ids(p1), ...ids(p2)]).toEqual([held, b1]);
    expect(p2.body.nextCursor).toBeNull();
    expect(p2.body.items[0]).toMatchObject({
      title: '通勤穿搭',
      status: 'published',
      author: { id: bob.userId },
      lastDecision: null,
    });

    expect((await ops.get('/api/v1/admin/posts?status=hidden')).status).toBe(400);
    expect((await alice.get('/api/v1/admin/posts')).status).toBe(403);
  });

  it('hides and restores a post with a reason, recorded as moderation’s decision', async () => {
    const author = await signIn(t);
    const id = await publish(author, '要被下架的笔记');
    const noReason = await ops.post(`/api/v1/admin/posts/${id}/visibility`, { action: 'hide', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect((await anon.get(`/api/v1/posts/${id}`)).status).toBe(200);

    const hidden = await ops.post(`/api/v1/admin/posts/${id}/visibility`, {
      action: 'hide',
      reason: '虚假宣传，功效夸大',
    });
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(200);
    expect(hidden.body).toMatchObject({
      status: 'removed',
      decision: { action: 'hide', reason: '虚假宣传，功效夸大', operatorId: ops.userId },
    });
    await t.drain();
    expect((await anon.get(`/api/v1/posts/${id}`)).status).toBe(404);
    expect(
      (await anon.get('/api/v1/feeds/discover?limit=50')).body.items.map((p: { id: string }) => p.id),
    ).not.toContain(id);
    expect(
      (await ops.post(`/api/v1/admin/posts/${id}/visibility`, { action: 'hide', reason: '再次下架' })).body,
    ).toMatchObject({ status: 409, type: 'already-hidden' });

    const listed = await ops.get(`/api/v1/admin/posts?author=${author.userId}&status=removed`);
    expect(listed.body.items[0]).toMatchObject({ id, lastDecision: { action: 'hide', reason: '虚假宣传，功效夸大' } });

    t.clock.advance(1000);
    const restored = await ops.post(`/api/v1/admin/posts/${id}/visibility`, { action: 'restore', reason: '申诉成立' });
    expect(restored.body).toMatchObject({ status: 'published', decision: { action: 'restore' } });
    await t.drain();
    expect((await anon.get(`/api/v1/posts/${id}`)).status).toBe(200);
    expect((await ops.get(`/api/v1/admin/posts?author=${author.userId}`)).body.items[0].lastDecision).toMatchObject({
      action: 'restore',
      reason: '申诉成立',
    });
    expect(
      (await ops.post(`/api/v1/admin/posts/${id}/visibility`, { action: 'restore', reason: '再恢复' })).body.type,
    ).toBe('not-hidden');
  });

  it('restores a post a report took down, refuses deleted posts and non-operators', async () => {
    const author = await signIn(t);
    const id = await publish(author, '被举报的笔记');
    const report = await (
      await signIn(t)
    ).post('/api/v1/reports', { subjectType: 'post', subjectId: id, reason: 'spam' });
    await ops.post(`/api/v1/admin/reports/${report.body.id}/resolve`, { action: 'remove' });
    await t.drain();
    expect((await anon.get(`/api/v1/posts/${id}`)).status).toBe(404);
    expect(
      (await author.post(`/api/v1/admin/posts/${id}/visibility`, { action: 'restore', reason: '我要恢复' })).status,
    ).toBe(403);
    expect(
      (await ops.post(`/api/v1/admin/posts/${id}/visibility`, { action: 'restore', reason: '误判' })).body.status,
    ).toBe('published');

    const gone = await publish(author, '作者删掉的');
    await author.delete(`/api/v1/posts/${gone}`);
    expect(
      (await ops.post(`/api/v1/admin/posts/${gone}/visibility`, { action: 'hide', reason: '违规' })).body.type,
    ).toBe('post-deleted');
    expect(
      (await ops.post('/api/v1/admin/posts/pst_missing/visibility', { action: 'hide', reason: '违规' })).status,
    ).toBe(404);
  });
});
