import { describe, expect, it } from 'vitest';
import type { MerchantItems } from '../orders/api.ts';
import { chooseCoupons, couponLabel, evaluate, type WalletCoupon } from './rules.ts';

const now = new Date('2026-06-01T00:00:00Z');
const facts = { now, hasPaidOrder: false };
const coupon = (over: Partial<WalletCoupon>): WalletCoupon => ({
  id: 'cpn_1',
  templateId: 'cpt_1',
  name: '券',
  merchantId: 'mer_a',
  kind: 'threshold',
  thresholdAmount: 10000,
  discountAmount: 1000,
  percentOff: null,
  maxDiscount: null,
  scope: 'shop',
  productIds: [],
  categoryIds: [],
  firstOrderOnly: false,
  validFrom: new Date('2026-05-01T00:00:00Z'),
  validUntil: new Date('2026-07-01T00:00:00Z'),
  ...over,
});
const group = (merchantId: string, ...lines: [string, number, number][]): MerchantItems => ({
  merchantId,
  lines: lines.map(([productId, unitPrice, qty]) => ({
    skuId: `sku_${productId}`,
    productId,
    merchantId,
    categoryId: 'cat_x',
    unitPrice,
    qty,
  })),
  itemsAmount: lines.reduce((a, [, p, q]) => a + p * q, 0),
});

describe('coupon rules', () => {
  it('names coupons the way shoppers read them', () => {
    expect(couponLabel(coupon({}))).toBe('满100减10');
    expect(couponLabel(coupon({ kind: 'no_threshold', thresholdAmount: 0, discountAmount: 550 }))).toBe('无门槛减5.5');
    expect(couponLabel(coupon({ kind: 'percent', thresholdAmount: 0, percentOff: 12, maxDiscount: null }))).toBe(
      '8.8折',
    );
    expect(couponLabel(coupon({ kind: 'percent', thresholdAmount: 5000, percentOff: 50, maxDiscount: 2000 }))).toBe(
      '满50享5折（最高减20）',
    );
  });

  it('counts only the items in scope toward the threshold', () => {
    const c = coupon({ scope: 'products', productIds: ['p1'] });
    expect(evaluate(c, [group('mer_a', ['p1', 6000, 1], ['p2', 9000, 1])], facts)).toMatchObject({
      usable: false,
      reason: '适用商品满 ¥100.00 可用，还差 ¥40.00',
    });
    expect(evaluate(c, [group('mer_a', ['p1', 6000, 2])], facts)).toMatchObject({ usable: true, amount: 1000 });
  });

  it('refuses outside the validity window and after a first order', () => {
    expect(evaluate(coupon({ validUntil: now }), [group('mer_a', ['p', 20000, 1])], facts)).toMatchObject({
      reason: '已过期',
    });
    expect(
      evaluate(coupon({ validFrom: new Date('2026-06-02T00:00:00Z') }), [group('mer_a', ['p', 20000, 1])], facts),
    ).toMatchObject({
      reason: '2026-06-02 起可用',
    });
    expect(
      evaluate(coupon({ firstOrderOnly: true }), [group('mer_a', ['p', 20000, 1])], { now, hasPaidOrder: true }),
    ).toMatchObject({ reason: '仅限首单使用' });
  });

  it('splits a platform coupon across shops by their eligible items, to the fen', () => {
    const c = coupon({ merchantId: null, kind: 'no_threshold', thresholdAmount: 0, discountAmount: 1000 });
    const r = evaluate(c, [group('mer_a', ['p1', 3333, 1]), group('mer_b', ['p2', 6667, 1])], facts);
    expect(r.usable && r.shares.map((s) => [s.merchantId, s.amount])).toEqual([
      ['mer_a', 333],
      ['mer_b', 667],
    ]);
  });

  it('suggests the biggest discount per shop and one platform coupon', () => {
    const groups = [group('mer_a', ['p1', 20000, 1]), group('mer_b', ['p2', 5000, 1])];
    const wallet = [
      coupon({ id: 'a_small', discountAmount: 500 }),
      coupon({ id: 'a_big', discountAmount: 2000 }),
      coupon({ id: 'b_none', merchantId: 'mer_b' }), // ¥50 does not reach ¥100
      coupon({ id: 'p_pct', merchantId: null, kind: 'percent', thresholdAmount: 0, percentOff: 10 }),
      coupon({ id: 'p_flat', merchantId: null, kind: 'no_threshold', thresholdAmount: 0, discountAmount: 2000 }),
    ];
    const best = chooseCoupons(wallet, groups, facts);
    expect(best.applied.map((a) => [a.coupon.id, a.amount])).toEqual([
      ['a_big', 2000],
      ['p_pct', 2500],
    ]);
    const picked = chooseCoupons(wallet, groups, facts, ['a_small', 'a_big', 'p_flat']);
    expect(picked.applied.map((a) => a.coupon.id)).toEqual(['a_small', 'p_flat']);
    expect(picked.options.find((o) => o.coupon.id === 'a_big')).toMatchObject({
      selected: false,
      evaluation: { usable: false, reason: '每个店铺只能使用一张店铺券' },
    });
  });
});
