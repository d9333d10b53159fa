import { describe, expect, it } from 'vitest';
import { assess, type Thresholds } from './segments.ts';
import { twoProportionTest } from './uplift-stats.ts';

const th: Thresholds = { windowDays: 180, churnDays: 60, activeOrders: 2, loyalOrders: 4, loyalAmount: 30_000 };
const now = new Date('2026-11-20T02:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('segments', () => {
  it('classifies by frequency, value and recency', () => {
    expect(assess({ since: daysAgo(3), paidAt: [], amount: 0, interactions: 0 }, now, th).segment).toBe('new');
    expect(assess({ since: daysAgo(61), paidAt: [], amount: 0, interactions: 5 }, now, th).segment).toBe('churned');
    const two = { since: daysAgo(40), paidAt: [daysAgo(20), daysAgo(10)], amount: 20_000, interactions: 3 };
    expect(assess(two, now, th).segment).toBe('active');
    const four = { ...two, paidAt: [daysAgo(30), daysAgo(20), daysAgo(10), daysAgo(1)], amount: 40_000 };
    expect(assess(four, now, th).segment).toBe('loyal');
    // Four cheap orders are frequent but not valuable: active, not loyal.
    expect(assess({ ...four, amount: 10_000 }, now, th).segment).toBe('active');
    expect(assess({ ...four, paidAt: [daysAgo(90), daysAgo(80), daysAgo(70), daysAgo(61)] }, now, th).segment).toBe(
      'churned',
    );
  });

  it('scores health 0–100 and warns when a repeat buyer is overdue against their own rhythm', () => {
    const best = assess(
      { since: daysAgo(90), paidAt: [daysAgo(3), daysAgo(2), daysAgo(1), now], amount: 99_999, interactions: 50 },
      now,
      th,
    );
    expect(best.health).toBe(100);
    expect(best.churnWarning).toBe(false);
    const gone = assess({ since: daysAgo(200), paidAt: [], amount: 0, interactions: 0 }, now, th);
    expect(gone.health).toBe(0);
    // Bought every 5 days, silent for 10: warned, still active.
    const overdue = assess(
      { since: daysAgo(30), paidAt: [daysAgo(15), daysAgo(10)], amount: 20_000, interactions: 0 },
      now,
      th,
    );
    expect(overdue).toMatchObject({ segment: 'active', churnWarning: true });
    const onTime = assess(
      { since: daysAgo(30), paidAt: [daysAgo(25), daysAgo(5)], amount: 20_000, interactions: 0 },
      now,
      th,
    );
    expect(onTime.churnWarning).toBe(false);
  });
});

describe('uplift statistics', () => {
  it('gives the difference, its 95% interval and the two-sided p-value of known data', () => {
    const r = twoProportionTest({ n: 200, conversions: 60 }, { n: 200, conversions: 40 });
    expect(r.difference).toBeCloseTo(0.1, 10);
    expect(r.ci95![0]).toBeCloseTo(0.0157, 3);
    expect(r.ci95![1]).toBeCloseTo(0.1843, 3);
    expect(r.pValue).toBeCloseTo(0.0209, 3);
    expect(r.sufficient).toBe(true);
  });

  it('says the sample is too small rather than inventing significance', () => {
    const r = twoProportionTest({ n: 9, conversions: 1 }, { n: 1, conversions: 0 });
    expect(r.sufficient).toBe(false);
    expect(twoProportionTest({ n: 5, conversions: 1 }, { n: 0, conversions: 0 })).toMatchObject({
      difference: null,
      pValue: null,
      sufficient: false,
    });
  });
});
