import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop, signIn, type Buyer } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { newId } from '../../platform/ids.ts';
import { accountBalance, checkLedgerBalance } from '../../platform/ledger.ts';
import { accessFrom } from './rules.ts';

const t = await createTestApp();
type Shop = Awaited<ReturnType<typeof shop>>;

async function course(s: Shop, opts: Record<string, unknown> = {}) {
  const res = await s.owner.post('/api/v1/merchant/content/courses', {
    kind: 'course',
    title: '家常菜刀工 21 讲',
    summary: '从握刀到切丝',
    skuId: s.skuId,
    pricing: 'purchase',
    price: 9900,
    ...opts,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as string;
  const trial = await s.owner.post(`/api/v1/merchant/content/courses/${id}/lessons`, {
    title: '第 1 讲 怎样握刀',
    media: 'video',
    mediaUrl: '/media/u/lesson-1.mp4',
    durationSec: 600,
    trial: true,
  });
  const paid = await s.owner.post(`/api/v1/merchant/content/courses/${id}/lessons`, {
    title: '第 2 讲 土豆切丝',
    media: 'article',
    body: '先切片，再切丝。',
    trial: false,
  });
  expect([trial.status, paid.status]).toEqual([201, 201]);
  return { id, price: res.body.price as number, trialId: trial.body.id as string, paidId: paid.body.id as string };
}

async function buy(who: Buyer, c: { id: string; price: number }) {
  const res = await who.post(
    `/api/v1/content/courses/${c.id}/orders`,
    { expectedAmount: c.price },
    { idempotencyKey: newId('idem') },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await payThroughSandbox(t, who, res.body.checkoutId);
  return res.body.orderId as string;
}

const lessonStatus = async (who: Buyer, lessonId: string) =>
  (await who.get(`/api/v1/content/lessons/${lessonId}`)).status;
async function ledgerBalanced() {
  const ledger = await checkLedgerBalance(t.deps.database.db);
  expect([ledger.total, ledger.unbalanced]).toEqual([0, []]);
  // A fresh operator: the subscription test moves the clock past a 30-day session.
  const admin = await operator(t);
  const report = (await admin.get('/api/v1/admin/reconciliation')).body;
  expect(report.problems).toEqual([]);
}

describe('who may open a lesson', () => {
  it('not bought: trial only, and the paid lesson never carries its media; bought: all of it, with progress', async () => {
    const s = await shop(t, { price: 9900 });
    const c = await course(s);
    const me = await buyer(t);
    const page = (await me.get(`/api/v1/content/courses/${c.id}`)).body;
    expect(page.access.entitled).toBe(false);
    expect(page.lessons.map((l: any) => [l.title, l.locked, l.mediaUrl, l.body])).toEqual([
      ['第 1 讲 怎样握刀', false, '/media/u/lesson-1.mp4', ''],
      ['第 2 讲 土豆切丝', true, null, ''],
    ]);
    expect(await lessonStatus(me, c.trialId)).toBe(200);
    const locked = await me.get(`/api/v1/content/lessons/${c.paidId}`);
    expect([locked.status, locked.body.type]).toEqual([403, 'lesson-locked']);
    expect(
      (await me.put(`/api/v1/me/content/lessons/${c.paidId}/progress`, { positionSec: 0, completed: true })).status,
    ).toBe(403);

    await buy(me, c);
    const open = await me.get(`/api/v1/content/lessons/${c.paidId}`);
    expect([open.status, open.body.body]).toEqual([200, '先切片，再切丝。']);
    expect((await me.get(`/api/v1/content/courses/${c.id}`)).body.access).toMatchObject({
      entitled: true,
      reason: 'purchase',
    });
    await me.put(`/api/v1/me/content/lessons/${c.trialId}/progress`, { positionSec: 300, completed: false });
    await me.put(`/api/v1/me/content/lessons/${c.paidId}/progress`, { positionSec: 0, completed: true });
    const mine = (await me.get('/api/v1/me/content/courses')).body.items;
    expect(mine.map((m: any) => [m.id, m.lessonCount, m.completedLessons])).toEqual([[c.id, 2, 1]]);
    const lesson = (await me.get(`/api/v1/content/courses/${c.id}`)).body.lessons[0];
    expect(lesson.progress).toEqual({ positionSec: 300, completed: false });
    // Owned for good: a second purchase is refused.
    const again = await me.post(
      `/api/v1/content/courses/${c.id}/orders`,
      { expectedAmount: 9900 },
      { idempotencyKey: newId('idem') },
    );
    expect(again.body.type).toBe('already-owned');
    // Anonymous visitors see the outline but never a paid lesson.
    const anon = await t.app.inject({ method: 'GET', url: `/api/v1/content/lessons/${c.paidId}` });
    expect(anon.statusCode).toBe(403);
  });

  it('members of the free tier or above learn free; others do not', async () => {
    const s = await shop(t, { price: 9900 });
    const c = await course(s, { memberFreeFrom: 'gold' });
    const gold = await buyer(t);
    // ¥2,000 paid in the year makes a gold member (membership's growth value).
    const big = await shop(t, { price: 200_000 });
    const order = await placeOrder(t, gold, [{ skuId: big.skuId, qty: 1 }]);
    await payThroughSandbox(t, gold, order.checkoutId);
    expect((await gold.get('/api/v1/membership/me')).body.tier).toBe('gold');
    expect((await gold.get(`/api/v1/content/courses/${c.id}`)).body.access).toMatchObject({
      entitled: true,
      reason: 'member',
    });
    expect(await lessonStatus(gold, c.paidId)).toBe(200);
    expect(await lessonStatus(await buyer(t), c.paidId)).toBe(403);
  });

  it('buying the bundled product grants the course', async () => {
    const knife = await shop(t, { title: '中式菜刀', price: 19_900 });
    const c = await course(knife, { bundleProductIds: [knife.productId], skuId: (await courseSku(knife)).skuId });
    const me = await buyer(t);
    expect(await lessonStatus(me, c.paidId)).toBe(403);
    const order = await placeOrder(t, me, [{ skuId: knife.skuId, qty: 1 }]);
    await payThroughSandbox(t, me, order.checkoutId);
    expect((await me.get(`/api/v1/content/courses/${c.id}`)).body.access).toMatchObject({
      entitled: true,
      reason: 'bundle',
    });
    expect(await lessonStatus(me, c.paidId)).toBe(200);
    // Another shop's product cannot be bundled.
    const other = await shop(t);
    const foreign = await knife.owner.post('/api/v1/merchant/content/courses', {
      kind: 'course',
      title: '借别家商品',
      skuId: knife.skuId,
      pricing: 'purchase',
      price: 100,
      bundleProductIds: [other.productId],
    });
    expect([foreign.status, foreign.body.type]).toEqual([422, 'invalid-course']);
  });

  it('a monthly subscription opens the column for 30 days, renewals run on, and a lapsed one is locked', async () => {
    const s = await shop(t, { price: 1990 });
    const c = await course(s, { kind: 'column', pricing: 'subscription', price: 1990 });
    const me = await buyer(t);
    await buy(me, c);
    const first = (await me.get(`/api/v1/content/courses/${c.id}`)).body.access;
    expect(first.reason).toBe('subscription');
    t.clock.advanceDays(20);
    await buy(me, c); // renewed early: the new month starts where the first ends
    const renewed = (await me.get(`/api/v1/content/courses/${c.id}`)).body.access;
    expect(new Date(renewed.expiresAt).getTime() - new Date(first.expiresAt).getTime()).toBe(30 * 86_400_000);
    t.clock.advanceDays(41);
    const again = await signIn(t, me.phone); // the session from day 0 has ended
    const lapsed = await again.get(`/api/v1/content/lessons/${c.paidId}`);
    expect([lapsed.status, lapsed.body.detail]).toEqual([403, '订阅已到期，续订后可继续学习']);
    expect((await again.get(`/api/v1/content/courses/${c.id}`)).body.access).toMatchObject({
      entitled: false,
      lapsed: true,
    });
    expect(await lessonStatus(me, c.trialId)).toBe(200);
  });

  it('the access rule itself: running grants win, then the tier, else locked', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    const sub = (end: string) => ({
      source: 'subscription' as const,
      status: 'active' as const,
      startsAt: null,
      expiresAt: new Date(end),
    });
    expect(accessFrom([], 'diamond', 'gold', now).reason).toBe('member');
    expect(accessFrom([], 'silver', 'gold', now).entitled).toBe(false);
    expect(accessFrom([sub('2026-12-01T00:00:00Z')], null, null, now)).toMatchObject({ entitled: false, lapsed: true });
    expect(accessFrom([{ ...sub('2027-01-01T00:00:00Z'), status: 'revoked' }], null, null, now).entitled).toBe(false);
  });
});

/** A separate SKU for the course itself, so the knife (the bundled product) is not the course's own product. */
async function courseSku(s: Shop) {
  const { product } = await import('../../../test/factories.ts');
  const p = await product(t, s.owner, s.merchantId, {
    title: '刀工课程',
    specs: [{ name: '规格', values: ['课程'] }],
    skus: [{ specValues: { 规格: '课程' }, price: 9900, stock: 100000 }],
  });
  return { skuId: p.skuIds[0]! };
}

describe('creator revenue share', () => {
  it('is recorded on payment, reversed in full with the course on refund, and settled when the window passes', async () => {
    const s = await shop(t, { price: 9900 });
    const creator = await buyer(t);
    const c = await course(s, { creatorUserId: creator.userId, creatorShareBp: 3000 });
    const earnings = async () => (await creator.get('/api/v1/me/content/earnings')).body;

    const refunded = await buyer(t);
    const refundedOrder = await buy(refunded, c);
    expect(await earnings()).toMatchObject({ pending: 2970, available: 0 });
    const order = (await refunded.get(`/api/v1/orders/${refundedOrder}`)).body;
    const req = await refunded.post('/api/v1/after-sales', {
      orderId: refundedOrder,
      lineId: order.lines[0].id,
      qty: 1,
      type: 'refund_only',
      reasonCode: 'no_reason',
      description: '不想学了',
      images: [],
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect((await s.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`)).status).toBe(200);
    await t.runJobs();
    await t.drain();
    expect(await earnings()).toMatchObject({ pending: 0, available: 0 });
    expect((await earnings()).items[0]).toMatchObject({ amount: 2970, reversedAmount: 2970, status: 'reversed' });
    expect(await lessonStatus(refunded, c.paidId)).toBe(403);
    await ledgerBalanced();

    const kept = await buyer(t);
    const keptOrder = await buy(kept, c);
    t.clock.advanceDays(8);
    await t.runJobs();
    await t.drain();
    expect((await kept.get(`/api/v1/orders/${keptOrder}`)).body.status).toBe('completed');
    expect(await earnings()).toMatchObject({ pending: 0, available: 2970 });
    const finance = (await s.owner.get('/api/v1/merchant/finance')).body;
    expect(finance).toMatchObject({ pending: 0, available: 9900 - 2970 });
    expect(await accountBalance(t.deps.database.db, `creator:${creator.userId}:available`)).toBe(-2970);
    expect(await lessonStatus(kept, c.paidId)).toBe(200);
    const sales = (await s.owner.get('/api/v1/merchant/content/courses')).body.items[0];
    expect(sales.stats).toEqual({ purchases: 1, bundled: 0, creatorShare: 2970, creatorShareReversed: 2970 });
    await ledgerBalanced();
  });
});
