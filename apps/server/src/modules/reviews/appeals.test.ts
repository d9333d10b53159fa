import { describe, expect, it } from 'vitest';
import { operator, product, staffWithRoles } from '../../../test/factories.ts';
import { deliveredOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { buyer, HANGZHOU, merchant } from '../../../test/order-factories.ts';
import { leafHash, verifyInclusion } from '../transparency/api.ts';

// 评价申诉: a review held by the screening and removed by an operator is appealed once by its author; an operator
// reinstates it (public, counted) or upholds the removal; each step is a verifiable log entry; the author is told.

const t = await createTestApp();
const anon = new Client(t);
const op = await operator(t);
const hex = (s: string) => Buffer.from(s, 'hex');

let doorNo = 0;
async function heldReview(content = '商家说五星好评返现5元，东西还行吧。') {
  const m = await merchant(t);
  const p = await product(t, m.owner, m.merchantId);
  const o = await deliveredOrder(t, {
    merchant: m,
    product: p,
    buyer: await buyer(t, { ...HANGZHOU, detail: `文二路 ${++doorNo} 号` }),
  });
  const res = await o.buyer.post('/api/v1/reviews', {
    orderLineId: o.lineIds[0]!,
    ratings: { quality: 4, logistics: 4, service: 4 },
    content,
    images: [],
    anonymous: false,
  });
  expect(res.status).toBe(201);
  await t.drain();
  return { reviewId: res.body.id as string, author: o.buyer, merchant: m, productId: p.productId };
}

async function removed(content?: string) {
  const h = await heldReview(content);
  const res = await op.post(`/api/v1/admin/review-flags/${h.reviewId}/decision`, {
    decision: 'remove',
    note: '诱导好评',
  });
  expect(res.status).toBe(200);
  await t.runJobs();
  return h;
}

async function entriesOf(kind: string, subjectId: string) {
  const res = await anon.get(`/api/v1/transparency/entries?kind=${kind}&subjectId=${subjectId}`);
  expect(res.status).toBe(200);
  return res.body.items as { leafIndex: number; leafData: string }[];
}

/** What the author does from 我的评价: fetch the entry's proof and walk it to the signed root. */
async function provable(e: { leafIndex: number }): Promise<boolean> {
  const proof = (await anon.get(`/api/v1/transparency/entries/${e.leafIndex}/proof`)).body;
  return verifyInclusion(
    e.leafIndex,
    proof.treeHead.treeSize,
    leafHash(proof.entry.leafData),
    proof.path.map(hex),
    hex(proof.treeHead.rootHash),
  );
}

describe('appeals of held reviews', () => {
  it('shows a held review as 审核中 with its reason, and refuses an appeal before the hold is confirmed', async () => {
    const h = await heldReview();
    const mine = await h.author.get(`/api/v1/me/reviews/${h.reviewId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.moderation).toMatchObject({
      state: 'held',
      reasons: ['评价里出现了“好评返现”一类的字样'],
      canAppeal: false,
      appeal: null,
    });
    // The list says the same.
    const list = await h.author.get('/api/v1/me/reviews');
    expect(list.body.items[0].moderation.state).toBe('held');
    const early = await h.author.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason: '这是我自己的真实购买体验' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: 'not-removed', title: '只有审核后未展示的评价可以申诉' });
  });

  it('lets the author appeal a removal once: validation in Chinese, two concurrent appeals → one wins', async () => {
    const h = await removed();
    expect(t.sms.noticesFor(h.author.phone).at(-1)).toContain('可在 我的-我的评价 中申诉一次');
    expect((await h.author.get(`/api/v1/me/reviews/${h.reviewId}`)).body.moderation).toMatchObject({
      state: 'removed',
      canAppeal: true,
    });

    const short = await h.author.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason: '冤枉' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('申诉理由至少 5 个字');
    const long = await h.author.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason: '真'.repeat(301) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain('申诉理由最多 300 个字');

    const size = (await anon.get('/api/v1/transparency/head')).body.treeSize as number;
    const reason = '返现是商家私信说的，我没有拿，评价内容是真实体验';
    const both = await Promise.all([
      h.author.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason }),
      h.author.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason: `${reason}。` }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const lost = both.find((r) => r.status === 409)!;
    expect(lost.body).toMatchObject({ type: 'already-appealed', title: '这条评价已经申诉过了，每条评价只能申诉一次' });
    const third = await h.author.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason: '再申诉一次试试看' });
    expect(third.status).toBe(409);
    // Exactly one appeal entry was logged, with no words of the author and no person.
    expect((await anon.get('/api/v1/transparency/head')).body.treeSize).toBe(size + 1);
    const [filed] = await entriesOf('review-appeal', h.reviewId);
    expect(JSON.parse(filed!.leafData).payload).toEqual({
      productId: h.productId,
      removedAt: t.clock.now().toISOString(),
    });
    for (const secret of ['返现是商家', h.author.userId]) expect(filed!.leafData).not.toContain(secret);
    expect(await provable(filed!)).toBe(true);

    const appeal = (await h.author.get(`/api/v1/me/reviews/${h.reviewId}`)).body.moderation;
    expect(appeal).toMatchObject({ state: 'appealed', canAppeal: false });
    expect(Date.parse(appeal.appeal.dueBy) - Date.parse(appeal.appeal.appealedAt)).toBe(48 * 3_600_000);
  });

  it('refuses other people: another buyer gets 404, staff without 内容审核 get 403', async () => {
    const h = await removed();
    const stranger = await buyer(t);
    expect((await stranger.get(`/api/v1/me/reviews/${h.reviewId}`)).status).toBe(404);
    const foreign = await stranger.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason: '帮朋友申诉一下这条评价' });
    expect(foreign.status).toBe(404);
    expect((await anon.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason: '匿名申诉这条评价' })).status).toBe(401);
    expect(
      (await h.author.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason: '这是我自己的真实购买体验' })).status,
    ).toBe(201);

    const analyst = await staffWithRoles(t, ['analyst'], '数据分析');
    const reviewer = await staffWithRoles(t, ['reviewer'], '审核');
    const decide = { decision: 'reinstate', note: '核实为真实购买' };
    for (const who of [h.merchant.owner, analyst, h.author]) {
      expect((await who.get('/api/v1/admin/review-appeals')).status).toBe(403);
      expect((await who.post(`/api/v1/admin/review-appeals/${h.reviewId}/decision`, decide)).status).toBe(403);
    }
    const queue = await reviewer.get('/api/v1/admin/review-appeals');
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((a: { reviewId: string }) => a.reviewId === h.reviewId);
    expect(item).toMatchObject({
      content: '商家说五星好评返现5元，东西还行吧。',
      reason: '这是我自己的真实购买体验',
      removalNote: '诱导好评',
      status: 'pending',
    });
    expect(item.signals.map((s: { code: string }) => s.code)).toEqual(['reward-marker']);
    expect(queue.body.counts.pending).toBeGreaterThanOrEqual(1);
    const noNote = await reviewer.post(`/api/v1/admin/review-appeals/${h.reviewId}/decision`, {
      decision: 'reinstate',
      note: '',
    });
    expect(noNote.status).toBe(400);
    expect(JSON.stringify(noNote.body)).toContain('请填写处理说明');
  });

  it('reinstates: the review is public, counts in the score and 已售 again, logged and told to the author', async () => {
    const h = await removed('东西不错，商家说好评返现但我没要，是真心推荐。');
    const path = `/api/v1/products/${h.productId}`;
    expect((await anon.get(path)).body).toMatchObject({ salesCount: 0, rating: { count: 0 } });
    await h.author.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason: '我没有拿返现，评价是真实体验' });
    t.clock.advance(5 * 3_600_000);
    const res = await op.post(`/api/v1/admin/review-appeals/${h.reviewId}/decision`, {
      decision: 'reinstate',
      note: '核实订单真实，未领取返现',
    });
    expect(res.body).toEqual({ reviewId: h.reviewId, status: 'reinstated' });
    await t.runJobs();

    const list = await anon.get(`${path}/reviews`);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([h.reviewId]);
    expect((await anon.get(`${path}/reviews/summary`)).body).toMatchObject({ count: 1, underReview: 0 });
    expect((await anon.get(path)).body).toMatchObject({ salesCount: 1, rating: { average: 4, count: 1 } });
    expect((await anon.get(`/api/v1/reviews/${h.reviewId}`)).body.id).toBe(h.reviewId);
    // Redelivered events add nothing twice.
    await t.drain();
    expect((await anon.get(path)).body).toMatchObject({ salesCount: 1, rating: { count: 1 } });

    const mine = (await h.author.get(`/api/v1/me/reviews/${h.reviewId}`)).body.moderation;
    expect(mine).toMatchObject({ state: 'reinstated', appeal: { note: '核实订单真实，未领取返现' } });
    expect(t.sms.noticesFor(h.author.phone).at(-1)).toContain('申诉成功，评价已恢复展示');
    const [decision] = await entriesOf('review-appeal-decision', h.reviewId);
    const leaf = JSON.parse(decision!.leafData);
    expect(leaf.payload).toEqual({ appealedAt: mine.appeal.appealedAt, outcome: 'reinstated', productId: h.productId });
    expect(decision!.leafData).not.toContain('核实订单');
    expect(await provable(decision!)).toBe(true);
    // The author's whole story is in the log: the review, its removal, the appeal and the outcome.
    const all = await anon.get(`/api/v1/transparency/entries?subjectId=${h.reviewId}`);
    expect(all.body.items.map((e: { kind: string }) => e.kind)).toEqual([
      'review-appeal-decision',
      'review-appeal',
      'review-moderation',
      'review',
    ]);

    const again = await op.post(`/api/v1/admin/review-appeals/${h.reviewId}/decision`, {
      decision: 'uphold',
      note: '改变主意',
    });
    expect(again.status).toBe(409);
    expect(again.body.title).toBe('这条申诉已经处理过了');
  });

  it('upholds: the review stays out of the list and score, and the author sees why', async () => {
    const h = await removed();
    const path = `/api/v1/products/${h.productId}`;
    await h.author.post(`/api/v1/reviews/${h.reviewId}/appeal`, { reason: '我觉得这条评价没有问题' });
    const res = await op.post(`/api/v1/admin/review-appeals/${h.reviewId}/decision`, {
      decision: 'uphold',
      note: '评价内容包含好评返现信息',
    });
    expect(res.body.status).toBe('upheld');
    await t.runJobs();
    expect((await anon.get(`${path}/reviews`)).body.items).toEqual([]);
    expect((await anon.get(path)).body).toMatchObject({ salesCount: 0, rating: { count: 0 } });
    expect((await anon.get(`/api/v1/reviews/${h.reviewId}`)).body).toEqual({ held: true, id: h.reviewId });
    expect((await h.author.get(`/api/v1/me/reviews/${h.reviewId}`)).body.moderation).toMatchObject({
      state: 'upheld',
      canAppeal: false,
      appeal: { note: '评价内容包含好评返现信息' },
    });
    expect(t.sms.noticesFor(h.author.phone).at(-1)).toContain('申诉未通过');
    const [decision] = await entriesOf('review-appeal-decision', h.reviewId);
    expect(JSON.parse(decision!.leafData).payload.outcome).toBe('upheld');
    expect(await provable(decision!)).toBe(true);
    const upheld = await op.get('/api/v1/admin/review-appeals?status=upheld');
    expect(upheld.body.items.map((a: { reviewId: string }) => a.reviewId)).toContain(h.reviewId);
  });
});
