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
  accountCreatedAt: null,
  addressHash: null,
  payerHash: null,
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

  it('sees one payment account behind three buyers, and needs more than a shared office address', () => {
    const ring = Array.from({ length: 3 }, (_, i) =>
      facts({ id: `r${i}`, userId: `u${i}`, content: `第${i}条`, createdAt: at(i * 90), payerHash: 'p1' }),
    );
    const signals = detectSignals(ring[0]!, ring.slice(1), ['m1']);
    expect(signals.map((s) => [s.code, s.weight])).toEqual([['shared-payer', 3]]);
    expect(signals[0]!.related.sort()).toEqual(['r1', 'r2']);
    const office = ring.map((r) => ({ ...r, payerHash: null, addressHash: 'a1' }));
    expect(detectSignals(office[0]!, office.slice(1), ['m1']).map((s) => [s.code, s.weight])).toEqual([
      ['shared-address', 2],
    ]);
    const family = office.slice(0, 2);
    expect(detectSignals(family[0]!, family.slice(1), ['m1'])).toEqual([]);
  });

  it('sees five new accounts praising one shop within days, not old accounts nor new complainers', () => {
    const day = 86_400_000;
    const burst = Array.from({ length: 5 }, (_, i) =>
      facts({
        id: `r${i}`,
        userId: `u${i}`,
        content: `第${i}条`,
        createdAt: at(i * 600),
        accountCreatedAt: new Date(at(0).getTime() - 2 * day),
      }),
    );
    expect(detectSignals(burst[0]!, burst.slice(1), ['m1']).map((s) => s.code)).toEqual(['new-account-burst']);
    const old = burst.map((r) => ({ ...r, accountCreatedAt: new Date(at(0).getTime() - 40 * day) }));
    expect(detectSignals(old[0]!, old.slice(1), ['m1'])).toEqual([]);
    const unhappy = burst.map((r, i) => (i > 0 ? { ...r, rating: 2 } : r));
    expect(detectSignals(unhappy[0]!, unhappy.slice(1), ['m1'])).toEqual([]);
  });
});
