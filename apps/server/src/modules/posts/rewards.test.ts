import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { deliveredOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { signIn } from '../../../test/order-factories.ts';
import { checkLedgerBalance } from '../../platform/ledger.ts';

// 晒单返现 is paid in points through the points module's awardPoints, exactly once per order line.

const t = await createTestApp();
const db = t.deps.database.db;
const ops = await operator(t);

const photoPost = (orderLineId: string, body = '收到啦，质感很好 #晒单#') => ({
  kind: 'image_text',
  title: '晒一下新买的',
  body,
  images: ['/media/u/ab/med_photo.jpg'],
  orderLineId,
});

const balance = async (who: { get: (p: string) => Promise<{ body: { balance: number } }> }) =>
  (await who.get('/api/v1/points/me')).body.balance;
const awards = async (who: {
  get: (p: string) => Promise<{ body: { items: { kind: string; memo: string; points: number }[] } }>;
}) => (await who.get('/api/v1/points/history?limit=50')).body.items.filter((h) => h.kind === 'points.award');

describe('晒单返现 in points', () => {
  it('credits 50 points once for a delivered order’s photo post, however often the post is shown again', async () => {
    const o = await deliveredOrder(t);
    const before = await balance(o.buyer);
    const res = await o.buyer.post('/api/v1/posts', photoPost(o.lineIds[0]!));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await balance(o.buyer)).toBe(before + 50);

    // An edit that publishes the post again does not pay again.
    const edit = await o.buyer.patch(`/api/v1/posts/${res.body.id}`, {
      title: '晒一下新买的（更新）',
      body: '用了一周',
      images: ['/media/u/ab/med_photo.jpg'],
      topics: [],
    });
    expect(edit.body.status).toBe('published');
    // A second post for the same line is refused; nothing is paid for the attempt.
    expect((await o.buyer.post('/api/v1/posts', photoPost(o.lineIds[0]!))).body.type).toBe('order-line-already-shown');
    await t.drain();
    expect(await balance(o.buyer)).toBe(before + 50);
    expect(await awards(o.buyer)).toEqual([expect.objectContaining({ label: '奖励', memo: '晒单返现', points: 50 })]);
    expect((await o.buyer.get('/api/v1/creator/rewards')).body).toEqual([
      expect.objectContaining({ postId: res.body.id, points: 50, status: 'awarded' }),
    ]);
  });

  it('pays a flagged photo post only when an operator approves it', async () => {
    const o = await deliveredOrder(t);
    const before = await balance(o.buyer);
    const held = await o.buyer.post('/api/v1/posts', photoPost(o.lineIds[0]!, '想要同款的加微信问我'));
    expect(held.body.status).toBe('pending_review');
    expect(await balance(o.buyer)).toBe(before);
    const queue = await ops.get('/api/v1/admin/moderation/items?status=pending&limit=100');
    const item = queue.body.items.find((i: { subjectId: string }) => i.subjectId === held.body.id);
    await ops.post(`/api/v1/admin/moderation/items/${item.id}/decision`, { decision: 'approve' });
    await t.drain();
    expect(await balance(o.buyer)).toBe(before + 50);
    expect(await awards(o.buyer)).toHaveLength(1);
  });

  it('pays nothing for a line that is not the author’s delivered purchase', async () => {
    const o = await deliveredOrder(t);
    const stranger = await signIn(t);
    expect((await stranger.post('/api/v1/posts', photoPost(o.lineIds[0]!))).body.type).toBe('order-line-not-eligible');
    expect(await balance(stranger)).toBe(0);
  });

  it('leaves the ledger balanced and the points projections in agreement', async () => {
    const ledger = await checkLedgerBalance(db);
    expect(ledger.unbalanced).toEqual([]);
    expect(ledger.total).toBe(0);
    // The operators' points ledger page reconciles the projections against the ledger.
    expect((await ops.get('/api/v1/admin/points/stats')).body.reconciliation).toMatchObject({ ok: true });
  });
});
