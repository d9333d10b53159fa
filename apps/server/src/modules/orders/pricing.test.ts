import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../platform/money.ts';
import { DEFAULT_SHIPPING_TEMPLATE, type ShippingTemplate } from '../logistics/api.ts';
import {
  type CouponHook,
  type MemberDiscountHook,
  NO_DISCOUNTS,
  priceLines,
  type PricingContext,
  type PricingLine,
} from './pricing.ts';

const line = (
  merchantId: string,
  unitPrice: number,
  qty: number,
  skuId = `sku_${merchantId}_${unitPrice}_${qty}`,
): PricingLine => ({
  skuId,
  productId: `prd_${skuId}`,
  merchantId,
  categoryId: 'cat_skincare',
  unitPrice,
  qty,
});
const ctx = (templates: Record<string, ShippingTemplate> = {}, province: string | null = null): PricingContext => ({
  userId: 'usr_1',
  province,
  templates: new Map(Object.entries(templates)),
});

describe('shipping fee (the template rules themselves: logistics/templates.test.ts)', () => {
  const remote: ShippingTemplate = {
    ...DEFAULT_SHIPPING_TEMPLATE,
    defaultRule: { firstUnits: 1, firstFee: 1000, extraUnits: 1, extraFee: 0 },
    freeThreshold: 20000,
    remoteProvinces: ['新疆', '西藏'],
    remoteExtraFee: 1500,
  };

  it('uses the merchant template for that merchant only, on its own items amount', () => {
    const q = priceLines(
      [line('m1', 5000, 1), line('m2', 5000, 1), line('m2', 6000, 1)],
      ctx({ m1: remote }, '新疆维吾尔自治区'),
    );
    expect(q.merchants.map((m) => [m.merchantId, m.itemsAmount, m.shippingFee])).toEqual([
      ['m1', 5000, 2500],
      ['m2', 11000, 0],
    ]);
    expect(q.payAmount).toBe(5000 + 2500 + 11000);
  });
});

describe('discount hooks', () => {
  const tenPercent: MemberDiscountHook = {
    discountFor: (g) => ({ label: '会员 9 折', amount: Math.round(g.itemsAmount / 10) }),
  };

  it('prices with no discount by default', () => {
    const q = priceLines([line('m1', 3333, 3)], ctx(), NO_DISCOUNTS);
    expect(q.merchants[0]!.lines[0]).toMatchObject({ lineAmount: 9999, discountAmount: 0, payAmount: 9999 });
    expect(q.discountAmount).toBe(0);
  });

  it('spreads an order-level discount over lines by largest remainder', () => {
    const coupon: CouponHook = {
      discountsFor: () => [{ couponId: 'cpn_1', label: '满减', merchantId: 'm1', amount: 100 }],
    };
    const q = priceLines([line('m1', 100, 1), line('m1', 100, 1), line('m1', 100, 1)], ctx(), {
      member: NO_DISCOUNTS.member,
      coupons: coupon,
    });
    expect(q.merchants[0]!.lines.map((l) => l.discountAmount)).toEqual([34, 33, 33]);
    expect(q.merchants[0]!.discounts).toEqual([{ source: 'coupon', couponId: 'cpn_1', label: '满减', amount: 100 }]);
  });

  it('caps discounts at the items amount and never discounts shipping', () => {
    const huge: CouponHook = {
      discountsFor: () => [{ couponId: 'cpn_x', label: '大额券', merchantId: null, amount: 1_000_000 }],
    };
    const q = priceLines([line('m1', 1000, 1), line('m2', 3000, 1)], ctx(), { member: tenPercent, coupons: huge });
    expect(q.merchants.map((m) => [m.discountAmount, m.shippingFee, m.payAmount])).toEqual([
      [1000, 800, 800],
      [3000, 800, 800],
    ]);
  });

  it('shares a platform coupon across merchants in proportion to their items', () => {
    const platform: CouponHook = {
      discountsFor: () => [{ couponId: 'cpn_p', label: '平台券', merchantId: null, amount: 1000 }],
    };
    const q = priceLines([line('m1', 10000, 1), line('m2', 30000, 1)], ctx(), {
      member: NO_DISCOUNTS.member,
      coupons: platform,
    });
    expect(q.merchants.map((m) => m.discountAmount)).toEqual([250, 750]);
  });
});

// --- properties ---

const arbLines = fc
  .array(
    fc.record({
      merchant: fc.integer({ min: 0, max: 3 }),
      unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
      qty: fc.integer({ min: 1, max: 999 }),
    }),
    {
      minLength: 1,
      maxLength: 20,
    },
  )
  .map((xs) => xs.map((x, i) => line(`m${x.merchant}`, x.unitPrice, x.qty, `sku_${i}`)));
const arbTemplate = fc.record({
  chargeBy: fc.constant('pieces' as const),
  defaultRule: fc.record({
    firstUnits: fc.integer({ min: 1, max: 3 }),
    firstFee: fc.integer({ min: 0, max: 5000 }),
    extraUnits: fc.integer({ min: 1, max: 3 }),
    extraFee: fc.integer({ min: 0, max: 2000 }),
  }),
  regions: fc.constant<ShippingTemplate['regions']>([]),
  freeThreshold: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
  remoteProvinces: fc.constantFrom<string[]>([], ['新疆'], ['新疆', '西藏']),
  remoteMode: fc.constant('surcharge' as const),
  remoteExtraFee: fc.integer({ min: 0, max: 5000 }),
});
const arbHooks = fc.record({
  memberRate: fc.integer({ min: 0, max: 100 }),
  coupons: fc.array(
    fc.record({
      merchant: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
      amount: fc.integer({ min: -500, max: 2_000_000 }),
    }),
    { maxLength: 4 },
  ),
});

describe('pricing properties', () => {
  it('lines sum to merchant totals, merchants to the quote; nothing is negative; discounts never exceed items', () => {
    fc.assert(
      fc.property(
        arbLines,
        fc.dictionary(fc.constantFrom('m0', 'm1', 'm2', 'm3'), arbTemplate),
        fc.constantFrom(null, '新疆维吾尔自治区', '浙江省'),
        arbHooks,
        (lines, templates, province, h) => {
          const q = priceLines(lines, ctx(templates, province), {
            member: {
              discountFor: (g) => ({ label: '会员价', amount: Math.floor((g.itemsAmount * h.memberRate) / 100) }),
            },
            coupons: {
              discountsFor: () =>
                h.coupons.map((c, i) => ({
                  couponId: `cpn_${i}`,
                  label: '券',
                  merchantId: c.merchant === null ? null : `m${c.merchant}`,
                  amount: c.amount,
                })),
            },
          });
          let items = 0;
          let discount = 0;
          let shipping = 0;
          let pay = 0;
          for (const m of q.merchants) {
            for (const l of m.lines) {
              expect(l.lineAmount).toBe(l.unitPrice * l.qty);
              expect(l.discountAmount).toBeGreaterThanOrEqual(0);
              expect(l.discountAmount).toBeLessThanOrEqual(l.lineAmount);
              expect(l.payAmount).toBe(l.lineAmount - l.discountAmount);
            }
            expect(m.itemsAmount).toBe(m.lines.reduce((a, l) => a + l.lineAmount, 0));
            expect(m.discountAmount).toBe(m.lines.reduce((a, l) => a + l.discountAmount, 0));
            expect(m.discountAmount).toBe(m.discounts.reduce((a, d) => a + d.amount, 0));
            expect(m.discountAmount).toBeLessThanOrEqual(m.itemsAmount);
            expect(m.shippingFee).toBeGreaterThanOrEqual(0);
            expect(m.payAmount).toBe(m.lines.reduce((a, l) => a + l.payAmount, 0) + m.shippingFee);
            expect(m.payAmount).toBeGreaterThanOrEqual(0);
            items += m.itemsAmount;
            discount += m.discountAmount;
            shipping += m.shippingFee;
            pay += m.payAmount;
          }
          expect([q.itemsAmount, q.discountAmount, q.shippingFee, q.payAmount]).toEqual([
            items,
            discount,
            shipping,
            pay,
          ]);
          expect(q.merchants.reduce((a, m) => a + m.lines.length, 0)).toBe(lines.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('allocation is exact and each share is within one fen of its proportional value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const shares = allocate(total, weights);
          const sumW = weights.reduce((a, b) => a + b, 0);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          shares.forEach((s, i) => {
            const exact = (total * weights[i]!) / sumW;
            expect(s).toBeGreaterThanOrEqual(Math.floor(exact));
            expect(s).toBeLessThanOrEqual(Math.ceil(exact));
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
