import { describe, expect, it } from 'vitest';
import { detectSignals, minHash, type ReviewFacts, shingles, similarity } from './fraud.ts';

const at = (min: number) => new Date(Date.UTC(2026, 5, 1, 12, min));
const facts = (over: Partial<ReviewFacts>): ReviewFacts => ({
  id: 'r0',
  userId: 'u0',
  merchantId: 'm1',
  rating: 5,
  content: '东西不错',
  createdAt: at(0),
  deliveredAt: null,
  ipHash: null,
  deviceHash: null,
  refundedAt: null,
  ...over,
});

describe('fake-review signals', () => {
  it('estimates text similarity with MinHash close to the true Jaccard', () => {
    const a = shingles('宝贝收到了，质量非常好，跟卖家描述的完全一致');
    const b = shingles('宝贝收到了，质量非常好，和卖家描述的完全一致');
    const c = shingles('尺码偏小一码，建议买大一号，面料还可以');
    expect(similarity(minHash(a), minHash(b))).toBeGreaterThan(0.6);
    expect(similarity(minHash(a), minHash(c))).toBeLessThan(0.2);
  });

  it('sees a five-star burst right after delivery, and not five stars spread over a day', () => {
    const burst = Array.from({ length: 5 }, (_, i) =>
      facts({ id: `r${i}`, userId: `u${i}`, content: `第${i}条`, createdAt: at(i * 5), deliveredAt: at(i * 5 - 10) }),
    );
    expect(detectSignals(burst[0]!, burst.slice(1), ['m1']).map((s) => s.code)).toEqual(['five-star-burst']);
    const spread = burst.map((r, i) => ({ ...r, createdAt: at(i * 300), deliveredAt: at(i * 300 - 10) }));
    expect(detectSignals(spread[0]!, spread.slice(1), ['m1'])).toEqual([]);
  });

  it('weighs a refund after the review and a reviewer who only reviews one shop', () => {
    const r = facts({ refundedAt: at(60) });
    const codes = detectSignals(r, [], ['m1', 'm1', 'm1']).map((s) => s.code);
    expect(codes).toEqual(['single-merchant', 'refunded-after-review']);
    expect(detectSignals(facts({ refundedAt: at(60) }), [], ['m1', 'm2', 'm1']).map((s) => s.code)).toEqual([
      'refunded-after-review',
    ]);
  });
});
