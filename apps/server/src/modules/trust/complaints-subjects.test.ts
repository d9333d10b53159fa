import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { liveSession } from '../../../test/live-factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { merchantsWithCreditInputs } from './credit.ts';

// Complaints about a live room and a post (笔记), besides orders: the live room's shop answers first, a creator's own
// post goes to the platform alone; the same 2 h SLA; one open complaint per person per subject.

const t = await createTestApp();
const ops = await operator(t);
const HOUR = 3_600_000;
const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((c) => c.id);

describe('complaints about live rooms and posts', () => {
  it('a live-room complaint reaches the host’s shop and escalates at 2 h; a second open one is refused', async () => {
    const { shop, id: sessionId } = await liveSession(t);
    const viewer = await signIn(t);
    const body = { liveSessionId: sessionId, category: 'counterfeit', description: '主播说是专柜正品，但没有任何授权' };
    const filed = await viewer.post('/api/v1/complaints', body);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({
      subjectType: 'live-session',
      subjectId: sessionId,
      subjectTitle: '春季护肤专场',
      merchantId: shop.merchantId,
      orderId: null,
    });
    const id = filed.body.id as string;
    expect(ids(await shop.owner.get('/api/v1/merchant/complaints'))).toEqual([id]);

    const again = await viewer.post('/api/v1/complaints', { ...body, description: '再投诉一次这个直播间' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: 'complaint-open', title: '已有处理中的投诉' });
    expect((await viewer.post('/api/v1/complaints', { ...body, liveSessionId: 'lss_missing' })).status).toBe(404);
    expect((await viewer.post('/api/v1/complaints', { ...body, postId: 'pst_1' })).status).toBe(400);

    t.clock.advance(2 * HOUR - 60_000);
    await t.runJobs();
    expect((await viewer.get(`/api/v1/complaints/${id}`)).body.escalatedAt).toBeNull();
    t.clock.advance(60_000);
    await t.runJobs();
    const late = (await ops.get(`/api/v1/complaints/${id}`)).body;
    expect(late.escalatedAt).not.toBeNull();
    expect(late.history.map((h: { action: string }) => h.action)).toEqual(['filed', 'escalated']);

    // Once resolved, the same person may complain about the same room again.
    await ops.post(`/api/v1/admin/complaints/${id}/actions`, {
      action: 'resolve',
      outcome: 'upheld',
      message: '直播间宣称无依据，投诉成立',
    });
    expect((await viewer.post('/api/v1/complaints', body)).status).toBe(201);
  });

  it('a complaint about a creator’s own post has no shop: the platform’s queue, its SLA and daily jobs handle it', async () => {
    const creator = await signIn(t);
    const post = await creator.post('/api/v1/posts', {
      kind: 'image_text',
      title: '三天瘦十斤的秘诀',
      body: '每天只喝这个茶就能瘦',
      images: ['/media/u/ab/med_tea.jpg'],
      productIds: [],
    });
    expect(post.status, JSON.stringify(post.body)).toBe(201);
    const reader = await signIn(t);
    const filed = await reader.post('/api/v1/complaints', {
      postId: post.body.id,
      category: 'other',
      description: '笔记宣传减肥效果，误导读者',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ subjectType: 'post', subjectTitle: '三天瘦十斤的秘诀', merchantId: null });
    const id = filed.body.id as string;
    expect(ids(await ops.get('/api/v1/admin/complaints'))).toContain(id);
    expect((await creator.get(`/api/v1/complaints/${id}`)).status).toBe(404);

    // The SLA job escalates it; a day later the daily run (patrol + credit of every known shop) passes without error.
    t.clock.advance(26 * HOUR);
    await t.runJobs();
    expect((await reader.get(`/api/v1/complaints/${id}`)).body.escalatedAt).not.toBeNull();
    expect(await merchantsWithCreditInputs(t.deps.database.db)).not.toContain(null);
    const resolved = await ops.post(`/api/v1/admin/complaints/${id}/actions`, {
      action: 'resolve',
      outcome: 'upheld',
      message: '笔记含虚假功效宣传，已处理',
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'upheld', merchantId: null });
  });
});
