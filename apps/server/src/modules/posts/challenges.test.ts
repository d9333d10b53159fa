import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { signIn } from '../../../test/order-factories.ts';

const t = await createTestApp();
const ops = await operator(t);
const at = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString();
const put = (name: string, body: Record<string, unknown>) =>
  ops.request('PUT', `/api/v1/admin/challenges/${encodeURIComponent(name)}`, body);

describe('topic challenges (话题挑战赛)', () => {
  it('operators create, edit and page through challenges, newest start first, with their state and posts', async () => {
    expect((await put('早春通勤', { description: '已结束的一场', startsAt: at(-20), endsAt: at(-10) })).status).toBe(
      200,
    );
    expect((await put('晒出你的穿搭', { description: '晒穿搭', startsAt: at(-1), endsAt: at(6) })).status).toBe(200);
    expect((await put('年货开箱', { description: '下周开始', startsAt: at(7), endsAt: at(14) })).status).toBe(200);
    const author = await signIn(t);
    const post = await author.post('/api/v1/posts', {
      kind: 'image_text',
      title: '今日穿搭',
      body: '通勤也要好看 #晒出你的穿搭#',
      images: ['/media/u/ab/med_look.jpg'],
      productIds: [],
      topics: ['晒出你的穿搭'],
    });
    expect(post.status, JSON.stringify(post.body)).toBe(201);

    const first = await ops.get('/api/v1/admin/challenges?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: any) => [c.name, c.state, c.postCount])).toEqual([
      ['年货开箱', 'upcoming', 0],
      ['晒出你的穿搭', 'running', 1],
    ]);
    const second = await ops.get(`/api/v1/admin/challenges?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ name: '早春通勤', state: 'ended' }], nextCursor: null });

    // Editing keeps one challenge under the name, with the new description and dates.
    expect((await put('年货开箱', { description: '提前开始', startsAt: at(-2), endsAt: at(3) })).status).toBe(200);
    const edited = (await ops.get('/api/v1/admin/challenges')).body.items;
    expect(edited.map((c: any) => c.name)).toEqual(['晒出你的穿搭', '年货开箱', '早春通勤']);
    expect(edited[1]).toMatchObject({ description: '提前开始', startsAt: at(-2), endsAt: at(3), state: 'running' });
  });

  it('refuses an end time not after the start, with a Chinese problem, and changes nothing', async () => {
    expect((await put('开学季', { description: '原样', startsAt: at(1), endsAt: at(8) })).status).toBe(200);
    const before = (await ops.get('/api/v1/admin/challenges')).body.items.find((c: any) => c.name === '开学季');
    for (const endsAt of [at(1), at(0)]) {
      const res = await put('开学季', { description: '改坏了', startsAt: at(1), endsAt });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        type: 'challenge-invalid-window',
        title: '挑战赛时间不合理',
        detail: '结束时间须晚于开始时间',
      });
    }
    const fresh = await put('新话题', { description: '', startsAt: at(2), endsAt: at(2) });
    expect(fresh.status).toBe(422);
    const after = (await ops.get('/api/v1/admin/challenges')).body.items;
    expect(after.find((c: any) => c.name === '开学季')).toEqual(before);
    expect(after.some((c: any) => c.name === '新话题')).toBe(false);
  });

  it('is for operators only', async () => {
    const someone = await signIn(t);
    expect((await someone.get('/api/v1/admin/challenges')).status).toBe(403);
    expect(
      (
        await someone.request('PUT', `/api/v1/admin/challenges/${encodeURIComponent('偷偷')}`, {
          description: '',
          startsAt: at(1),
          endsAt: at(2),
        })
      ).status,
    ).toBe(403);
  });
});
