import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { signIn } from '../../../test/order-factories.ts';
import { moderate } from './service.ts';

const t = await createTestApp();
const ops = await operator(t);

const check = (subjectId: string, text: string, imageUrls: string[] = []) =>
  t.deps.database.db.transaction((db) =>
    moderate(db, { subjectType: 'chat', subjectId, authorId: 'usr_test', text, imageUrls, at: t.clock.now() }),
  );

describe('moderate()', () => {
  it('approves clean text, returning it sanitised, and queues nothing', async () => {
    const res = await check('msg_1', '<p>今天到货了</p>');
    expect(res).toEqual({ verdict: 'approved', text: '今天到货了', reasons: ['html-removed'] });
    const queue = await ops.get('/api/v1/admin/moderation/items');
    expect(queue.body.items.find((i: { subjectId: string }) => i.subjectId === 'msg_1')).toBeUndefined();
  });

  it('puts flagged items in the operator queue; the decision is announced to the owning module', async () => {
    const res = await check('msg_2', '想要的私聊我，加微信');
    expect(res.verdict).toBe('flagged');
    const queue = await ops.get('/api/v1/admin/moderation/items?status=pending');
    const item = queue.body.items.find((i: { subjectId: string }) => i.subjectId === 'msg_2');
    expect(item).toMatchObject({
      subjectType: 'chat',
      verdict: 'flagged',
      status: 'pending',
      reasonText: '含有需人工审核的词语',
    });
    expect(item.matchedWords).toEqual(expect.arrayContaining(['加微信', '私聊我']));

    const decided = await ops.post(`/api/v1/admin/moderation/items/${item.id}/decision`, {
      decision: 'reject',
      note: '引流',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'rejected', decisionNote: '引流' });
    const again = await ops.post(`/api/v1/admin/moderation/items/${item.id}/decision`, { decision: 'approve' });
    expect(again.body.type).toBe('already-decided');
  });

  it('records rejections without queueing them for review', async () => {
    expect((await check('msg_3', '代开发票，量大从优')).verdict).toBe('rejected');
    const pending = await ops.get('/api/v1/admin/moderation/items?status=pending');
    expect(pending.body.items.some((i: { subjectId: string }) => i.subjectId === 'msg_3')).toBe(false);
    const rejected = await ops.get('/api/v1/admin/moderation/items?status=rejected');
    expect(rejected.body.items.some((i: { subjectId: string }) => i.subjectId === 'msg_3')).toBe(true);
  });

  it('keeps the queue for operators only', async () => {
    const someone = await signIn(t);
    expect((await someone.get('/api/v1/admin/moderation/items')).status).toBe(403);
  });
});

describe('reports (举报)', () => {
  it('queues a report once per person; removing closes every report of that content', async () => {
    const a = await signIn(t);
    const b = await signIn(t);
    const body = { subjectType: 'post', subjectId: 'pst_reported', reason: 'false-ad', detail: '夸大宣传' };
    expect((await a.post('/api/v1/reports', body)).status).toBe(201);
    expect((await a.post('/api/v1/reports', body)).body.type).toBe('already-reported');
    expect((await b.post('/api/v1/reports', { ...body, reason: 'spam' })).status).toBe(201);
    const open = await ops.get('/api/v1/admin/reports?status=open');
    const mine = open.body.items.filter((r: { subjectId: string }) => r.subjectId === 'pst_reported');
    expect(mine).toHaveLength(2);
    const resolved = await ops.post(`/api/v1/admin/reports/${mine[0].id}/resolve`, { action: 'remove' });
    expect(resolved.body).toEqual({ resolved: 2, status: 'removed' });
    const after = await ops.get('/api/v1/admin/reports?status=open');
    expect(after.body.items.some((r: { subjectId: string }) => r.subjectId === 'pst_reported')).toBe(false);
  });
});
