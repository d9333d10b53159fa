import { allocate, formatYuan } from '../../platform/money.ts';
import type { MerchantItems } from '../orders/api.ts';
import type { CouponKind, CouponScope } from './schema.ts';

// Pure coupon rules: what a coupon takes off a set of items, why it cannot be used, and the best combination.

export interface WalletCoupon {
  id: string;
  templateId: string;
  name: string;
  merchantId: string | null;
  kind: CouponKind;
  thresholdAmount: number;
  discountAmount: number;
  percentOff: number | null;
  maxDiscount: number | null;
  scope: CouponScope;
  productIds: string[];
  categoryIds: string[];
  firstOrderOnly: boolean;
  validFrom: Date;
  validUntil: Date;
}

export interface BuyerFacts {
  now: Date;
  /** The buyer has a paid order (per the coupons module's own order.paid records). */
  hasPaidOrder: boolean;
}

/** One coupon's share of the discount on one merchant's items. */
interface CouponShare {
  couponId: string;
  label: string;
  merchantId: string;
  amount: number;
}

export type Evaluation = { usable: true; amount: number; shares: CouponShare[] } | { usable: false; reason: string };

/** The short Chinese name shoppers know: 满200减30, 8.5折, 无门槛减10. */
export function couponLabel(
  c: Pick<WalletCoupon, 'kind' | 'thresholdAmount' | 'discountAmount' | 'percentOff' | 'maxDiscount'>,
): string {
  const yuan = (fen: number) => String(fen / 100);
  if (c.kind === 'percent') {
    const rate = (100 - (c.percentOff ?? 0)) / 10;
    const head = c.thresholdAmount > 0 ? `满${yuan(c.thresholdAmount)}享${rate}折` : `${rate}折`;
    return c.maxDiscount !== null ? `${head}（最高减${yuan(c.maxDiscount)}）` : head;
  }
  if (c.kind === 'threshold') return `满${yuan(c.thresholdAmount)}减${yuan(c.discountAmount)}`;
  return `无门槛减${yuan(c.discountAmount)}`;
}

const appliesToLine = (c: WalletCoupon, line: { productId: string; categoryId: string; merchantId: string }) => {
  if (c.merchantId !== null && c.merchantId !== line.merchantId) return false;
  if (c.scope === 'products') return c.productIds.includes(line.productId);
  if (c.scope === 'category') return c.categoryIds.includes(line.categoryId);
  return true;
};

/** Items amount (list price × qty) the coupon applies to, per merchant. */
function eligibleAmounts(c: WalletCoupon, groups: readonly MerchantItems[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of groups) {
    const amount = g.lines.filter((l) => appliesToLine(c, l)).reduce((a, l) => a + l.unitPrice * l.qty, 0);
    if (amount > 0) out.set(g.merchantId, amount);
  }
  return out;
}

/** What the coupon takes off `eligible` fen of items; never more than the items. */
function discountOn(c: WalletCoupon, eligible: number): number {
  const raw =
    c.kind === 'percent'
      ? Math.min(Math.floor((eligible * (c.percentOff ?? 0)) / 100), c.maxDiscount ?? Number.MAX_SAFE_INTEGER)
      : c.discountAmount;
  return Math.max(0, Math.min(raw, eligible));
}

/** Whether the coupon can be used on these items now, and if so its discount split by merchant (largest remainder). */
export function evaluate(c: WalletCoupon, groups: readonly MerchantItems[], facts: BuyerFacts): Evaluation {
  if (facts.now < c.validFrom) return { usable: false, reason: `${c.validFrom.toISOString().slice(0, 10)} 起可用` };
  if (facts.now >= c.validUntil) return { usable: false, reason: '已过期' };
  if (c.firstOrderOnly && facts.hasPaidOrder) return { usable: false, reason: '仅限首单使用' };
  const eligible = eligibleAmounts(c, groups);
  const total = [...eligible.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return { usable: false, reason: '所选商品不适用' };
  if (total < c.thresholdAmount)
    return {
      usable: false,
      reason: `适用商品满 ${formatYuan(c.thresholdAmount)} 可用，还差 ${formatYuan(c.thresholdAmount - total)}`,
    };
  const amount = discountOn(c, total);
  const merchants = [...eligible.keys()];
  const split = allocate(
    amount,
    merchants.map((m) => eligible.get(m)!),
  );
  const label = `${c.merchantId === null ? '平台券' : '店铺券'} ${couponLabel(c)}`;
  return {
    usable: true,
    amount,
    shares: merchants
      .map((merchantId, i) => ({ couponId: c.id, label, merchantId, amount: split[i]! }))
      .filter((s) => s.amount > 0),
  };
}

export interface CouponChoice {
  applied: { coupon: WalletCoupon; amount: number; shares: CouponShare[] }[];
  /** Every coupon considered, with what it would take off alone or why it cannot be used. */
  options: { coupon: WalletCoupon; evaluation: Evaluation; selected: boolean }[];
}

const better = (a: { amount: number; coupon: WalletCoupon }, b: { amount: number; coupon: WalletCoupon }) =>
  a.amount !== b.amount ? a.amount > b.amount : a.coupon.validUntil < b.coupon.validUntil; // ties: the one expiring first

/**
 * At most one merchant coupon per merchant plus one platform coupon. With `wanted` the buyer's picks are used
 * (picks that cannot be used, or a second coupon for the same merchant, are left out and say why); without it
 * the largest discount is suggested in each slot.
 */
export function chooseCoupons(
  wallet: readonly WalletCoupon[],
  groups: readonly MerchantItems[],
  facts: BuyerFacts,
  wanted?: readonly string[],
): CouponChoice {
  const evaluated = wallet.map((coupon) => ({ coupon, evaluation: evaluate(coupon, groups, facts) }));
  const chosen = new Map<string, { coupon: WalletCoupon; amount: number; shares: CouponShare[] }>();
  const slotOf = (c: WalletCoupon) => c.merchantId ?? 'platform';
  const slotTaken = new Set<string>();
  for (const { coupon, evaluation } of evaluated) {
    if (!evaluation.usable) continue;
    const candidate = { coupon, amount: evaluation.amount, shares: evaluation.shares };
    const slot = slotOf(coupon);
    if (wanted) {
      if (!wanted.includes(coupon.id) || slotTaken.has(slot)) continue;
      slotTaken.add(slot);
      chosen.set(slot, candidate);
    } else {
      const current = chosen.get(slot);
      if (!current || better(candidate, current)) chosen.set(slot, candidate);
    }
  }
  const selectedIds = new Set([...chosen.values()].map((c) => c.coupon.id));
  return {
    applied: [...chosen.values()],
    options: evaluated.map(({ coupon, evaluation }) => {
      if (wanted?.includes(coupon.id) && evaluation.usable && !selectedIds.has(coupon.id)) {
        const reason = coupon.merchantId === null ? '每单只能使用一张平台券' : '每个店铺只能使用一张店铺券';
        return { coupon, evaluation: { usable: false as const, reason }, selected: false };
      }
      return { coupon, evaluation, selected: selectedIds.has(coupon.id) };
    }),
  };
}
