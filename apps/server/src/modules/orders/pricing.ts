import { allocate } from '../../platform/money.ts';
import { DEFAULT_SHIPPING_TEMPLATE, shippingFeeFor, type ShippingTemplate } from '../logistics/api.ts';

/**
 * The one pricing engine: cart, quote and checkout all price through `priceLines`, so what the buyer is shown is
 * exactly what is charged. Pure: everything it needs (prices, templates, discount hooks) is passed in.
 */

export interface PricingLine {
  skuId: string;
  productId: string;
  merchantId: string;
  categoryId: string;
  unitPrice: number;
  qty: number;
  /** Grams per unit, for weight-based shipping templates (0 or absent: not set). */
  weightGrams?: number;
}

export interface MerchantItems {
  merchantId: string;
  lines: readonly PricingLine[];
  itemsAmount: number;
}

export interface PricingContext {
  userId: string | null;
  /** The delivery province, when an address is chosen (remote-area fees depend on it). */
  province: string | null;
  templates: ReadonlyMap<string, ShippingTemplate>;
}

export interface AppliedDiscount {
  source: 'member' | 'coupon' | 'points';
  label: string;
  amount: number;
  couponId?: string;
}

/** Member price benefit for one merchant's items (e.g. a tier's percentage off). */
export interface MemberDiscountHook {
  discountFor(items: MerchantItems, ctx: PricingContext): { label: string; amount: number } | null;
  /** A tier benefit: the base shipping fee is waived (remote-area extras still apply). */
  freeShipping?(items: MerchantItems, ctx: PricingContext): boolean;
}

/** Points paying for part of the items, after member and coupon discounts; shared across merchants by what is left. */
export interface PointsHook {
  deductionFor(itemsAmount: number, remaining: number): { label: string; amount: number } | null;
}

/** Coupons the buyer applies; `merchantId: null` is a platform coupon shared across merchants by their items. */
export interface CouponHook {
  discountsFor(
    groups: readonly MerchantItems[],
    ctx: PricingContext,
  ): { couponId: string; label: string; merchantId: string | null; amount: number }[];
}

export interface PricingHooks {
  member: MemberDiscountHook;
  coupons: CouponHook;
  points?: PointsHook;
}

const noMemberDiscount: MemberDiscountHook = { discountFor: () => null };
const noCoupons: CouponHook = { discountsFor: () => [] };
export const NO_DISCOUNTS: PricingHooks = { member: noMemberDiscount, coupons: noCoupons };

interface PricedLine extends PricingLine {
  lineAmount: number;
  discountAmount: number;
  payAmount: number;
}

interface PricedMerchant {
  merchantId: string;
  lines: PricedLine[];
  itemsAmount: number;
  discountAmount: number;
  shippingFee: number;
  /** The merchant's template does not deliver to the chosen province. */
  undeliverable: boolean;
  payAmount: number;
  discounts: AppliedDiscount[];
}

export interface PriceQuote {
  merchants: PricedMerchant[];
  itemsAmount: number;
  discountAmount: number;
  shippingFee: number;
  payAmount: number;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const clamp = (amount: number, max: number) => Math.max(0, Math.min(Math.floor(amount), max));

/**
 * Prices lines into one quote, grouped per merchant in the order merchants first appear. Discounts never exceed
 * the items they apply to (shipping is never discounted), and every order-level discount is spread over the lines
 * by largest remainder, so lines always sum exactly to their merchant's totals and those to the quote's.
 */
export function priceLines(
  lines: readonly PricingLine[],
  ctx: PricingContext,
  hooks: PricingHooks = NO_DISCOUNTS,
): PriceQuote {
  for (const l of lines) {
    if (!Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0)
      throw new Error(`priceLines: bad unit price ${l.unitPrice} for ${l.skuId}`);
    if (!Number.isSafeInteger(l.qty) || l.qty < 1) throw new Error(`priceLines: bad quantity ${l.qty} for ${l.skuId}`);
  }
  const byMerchant = new Map<string, PricingLine[]>();
  for (const l of lines) byMerchant.set(l.merchantId, [...(byMerchant.get(l.merchantId) ?? []), l]);
  const groups: MerchantItems[] = [...byMerchant].map(([merchantId, ls]) => ({
    merchantId,
    lines: ls,
    itemsAmount: sum(ls.map((l) => l.unitPrice * l.qty)),
  }));

  const discounts = new Map<string, AppliedDiscount[]>(groups.map((g) => [g.merchantId, []]));
  const remaining = new Map<string, number>(groups.map((g) => [g.merchantId, g.itemsAmount]));
  const take = (merchantId: string, d: AppliedDiscount) => {
    if (d.amount <= 0) return;
    discounts.get(merchantId)!.push(d);
    remaining.set(merchantId, remaining.get(merchantId)! - d.amount);
  };

  for (const g of groups) {
    const member = hooks.member.discountFor(g, ctx);
    if (member)
      take(g.merchantId, {
        source: 'member',
        label: member.label,
        amount: clamp(member.amount, remaining.get(g.merchantId)!),
      });
  }
  for (const c of hooks.coupons.discountsFor(groups, ctx)) {
    if (c.merchantId !== null) {
      if (!remaining.has(c.merchantId)) continue;
      take(c.merchantId, {
        source: 'coupon',
        couponId: c.couponId,
        label: c.label,
        amount: clamp(c.amount, remaining.get(c.merchantId)!),
      });
      continue;
    }
    // A platform coupon: each merchant's share is proportional to what is left of its items, and never more.
    const left = groups.map((g) => remaining.get(g.merchantId)!);
    const shares = allocate(clamp(c.amount, sum(left)), left);
    groups.forEach((g, i) =>
      take(g.merchantId, { source: 'coupon', couponId: c.couponId, label: c.label, amount: shares[i]! }),
    );
  }

  const unpaid = groups.map((g) => remaining.get(g.merchantId)!);
  const points = hooks.points?.deductionFor(sum(groups.map((g) => g.itemsAmount)), sum(unpaid));
  if (points) {
    const shares = allocate(clamp(points.amount, sum(unpaid)), unpaid);
    groups.forEach((g, i) => take(g.merchantId, { source: 'points', label: points.label, amount: shares[i]! }));
  }

  const merchants = groups.map((g): PricedMerchant => {
    const applied = discounts.get(g.merchantId)!;
    const discountAmount = sum(applied.map((d) => d.amount));
    const lineAmounts = g.lines.map((l) => l.unitPrice * l.qty);
    const lineDiscounts = allocate(discountAmount, lineAmounts);
    const priced = g.lines.map((l, i) => ({
      ...l,
      lineAmount: lineAmounts[i]!,
      discountAmount: lineDiscounts[i]!,
      payAmount: lineAmounts[i]! - lineDiscounts[i]!,
    }));
    const fee = shippingFeeFor(ctx.templates.get(g.merchantId) ?? DEFAULT_SHIPPING_TEMPLATE, {
      itemsAmount: g.itemsAmount,
      units: sum(g.lines.map((l) => l.qty)),
      weightGrams: sum(g.lines.map((l) => (l.weightGrams ?? 0) * l.qty)),
      province: ctx.province,
      memberFree: hooks.member.freeShipping?.(g, ctx) ?? false,
    });
    // A province the template does not deliver to prices at 0 and is flagged; checkout refuses it.
    const shippingFee = fee ?? 0;
    return {
      merchantId: g.merchantId,
      lines: priced,
      itemsAmount: g.itemsAmount,
      discountAmount,
      shippingFee,
      undeliverable: fee === null,
      payAmount: g.itemsAmount - discountAmount + shippingFee,
      discounts: applied,
    };
  });

  return {
    merchants,
    itemsAmount: sum(merchants.map((m) => m.itemsAmount)),
    discountAmount: sum(merchants.map((m) => m.discountAmount)),
    shippingFee: sum(merchants.map((m) => m.shippingFee)),
    payAmount: sum(merchants.map((m) => m.payAmount)),
  };
}
