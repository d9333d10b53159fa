import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { merchant } from '../../../test/order-factories.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { getMerchantCreditScore } from '../catalog/api.ts';
import { computeCredit, CREDIT_RULES } from './credit.ts';

const t = await createTestApp();
const ops = await operator(t);
const db = t.deps.database.db;
const HOUR = 3_600_000;

/** Feeds the events other modules publish, as they would, and dispatches them. */
async function happen(type: string, payload: Record<string, unknown>) {
  await db.transaction((tx) => emit(tx, type, payload));
  await t.drain();
}

describe('credit score formula', () => {
  it('adds up each component with its cap, from events, penalties and ratings', async () => {
    const { merchantId, owner } = await merchant(t);
    const paidAt = t.clock.now();
    // 20 paid orders; 4 shipped after 72 h (20 % late → −4), 16 within a day.
    for (let i = 0; i < 20; i++) {
      const orderId = newId('ord');
      await happen('order.paid', { orderId, merchantId, userId: 'u', paidAt: paidAt.toISOString(), payAmount: 100 });
      const shippedAt = new Date(paidAt.getTime() + (i < 4 ? 72 : 20) * HOUR);
      await happen('order.shipped', { orderId, merchantId, userId: 'u', shippedAt: shippedAt.toISOString() });
    }
    // 3 after-sales of 20 orders: 15 %, 10 points above the free 5 % → −10.
    for (let i = 0; i < 3; i++)
      await happen('aftersale.requested', { afterSaleId: newId('as'), merchantId, orderId: 'o' });
    // Ratings 5, 3, 3, 3 → mean 3.5, one star under 4.5 → −5. A follow-up review (no rating) is not counted.
    for (const rating of [5, 3, 3, 3])
      await happen('review.published', { reviewId: newId('rev'), merchantId, rating, isFollowUp: false });
    await happen('review.published', { reviewId: newId('rev'), merchantId, rating: null, isFollowUp: true });
    // Penalties: a suspension (10) and two warnings (2 each) → −14.
    const url = `/api/v1/admin/merchants/${merchantId}/penalties`;
    await ops.post(url, { kind: 'warning', reason: '发货慢' });
    await ops.post(url, { kind: 'warning', reason: '发货仍然慢' });
    await ops.post(url, { kind: 'suspension', reason: '屡次警告未整改' });

    const b = await computeCredit(db, merchantId, t.clock.now());
    const points = Object.fromEntries(b.components.map((c) => [c.key, c.points]));
    expect(points).toEqual({
      'after-sale': -10,
      complaint: 0,
      compensation: 0,
      shipping: -4,
      review: -5,
      patrol: 0,
      penalty: -14,
    });
    expect(b.score).toBe(67);
    expect(await getMerchantCreditScore(db, merchantId)).toBe(67);
    const seen = (await owner.get('/api/v1/merchant/credit')).body;
    expect(seen).toMatchObject({ score: 67, minLiveScore: 60 });
    expect(seen.components.find((c: { key: string }) => c.key === 'shipping').measure).toContain(
      '超过 48 小时发货 4 单',
    );

    // Caps: 20 more warnings take no more than the penalty cap.
    for (let i = 0; i < 20; i++) await ops.post(url, { kind: 'warning', reason: `第 ${i + 3} 次警告` });
    const capped = await computeCredit(db, merchantId, t.clock.now());
    expect(capped.components.find((c) => c.key === 'penalty')!.points).toBe(-CREDIT_RULES.penalty.cap);
    // A year later the record and the rates have aged out.
    t.clock.advanceDays(366);
    expect((await computeCredit(db, merchantId, t.clock.now())).score).toBe(100);
    // Other shops' staff cannot read it.
    const other = await merchant(t, '别家店');
    expect((await other.owner.get(`/api/v1/admin/merchants/${merchantId}/credit`)).status).toBe(403);
  });
});
