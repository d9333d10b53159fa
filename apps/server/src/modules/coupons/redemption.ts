import { and, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { emitMany } from '../../platform/events.ts';
import type { Db } from '../../platform/db.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import type { AppliedDiscount, CheckoutCouponsOffer } from '../orders/api.ts';
import { chooseCoupons, type CouponChoice, couponLabel, type WalletCoupon } from './rules.ts';
import { couponBuyers, couponRedemptions, coupons, couponTemplates } from './schema.ts';

// Coupons at checkout: which the buyer can use (the pricing hook), locking them to the orders placed, and giving
// them back when an order is cancelled or fully refunded.

const refuseCoupon = refusals({
  'coupon-unavailable': '优惠券不可用',
});

/** The buyer's usable wallet for one checkout, as a pricing hook. `couponIds` undefined: suggest the best. */
export async function couponsForCheckout(
  db: Db,
  userId: string,
  couponIds: readonly string[] | undefined,
  now: Date,
): Promise<CheckoutCouponsOffer> {
  const wallet = await loadWallet(db, userId, now);
  // Only a first-order coupon needs the buyer's history; most checkouts skip the query.
  const facts = { now, hasPaidOrder: wallet.some((c) => c.firstOrderOnly) ? await hasPaid(db, userId) : true };
  let choice: CouponChoice = { applied: [], options: [] };
  let merchantIds = new Set<string>();
  return {
    hook: {
      discountsFor(groups) {
        merchantIds = new Set(groups.map((g) => g.merchantId));
        const relevant = wallet.filter((c) => c.merchantId === null || merchantIds.has(c.merchantId));
        choice = chooseCoupons(relevant, groups, facts, couponIds);
        return choice.applied.flatMap((a) => a.shares);
      },
    },
    rejectedPick() {
      for (const id of couponIds ?? []) {
        const option = choice.options.find((o) => o.coupon.id === id);
        if (!option) return refuseCoupon('coupon-unavailable', '优惠券不存在、已使用或不适用于这些商品');
        if (!option.selected)
          return refuseCoupon(
            'coupon-unavailable',
            option.evaluation.usable ? '优惠券不可用' : `「${option.coupon.name}」${option.evaluation.reason}`,
          );
      }
      return ok(null);
    },
    summary(priced) {
      const taken = couponDiscounts(priced.merchants.flatMap((m) => m.discounts));
      return {
        appliedIds: choice.applied.map((a) => a.coupon.id),
        discountAmount: [...taken.values()].reduce((a, b) => a + b, 0),
        options: choice.options.map(({ coupon, evaluation, selected }) => ({
          id: coupon.id,
          templateId: coupon.templateId,
          name: coupon.name,
          label: couponLabel(coupon),
          merchantId: coupon.merchantId,
          validFrom: coupon.validFrom.toISOString(),
          validUntil: coupon.validUntil.toISOString(),
          firstOrderOnly: coupon.firstOrderOnly,
          usable: evaluation.usable,
          reason: evaluation.usable ? null : evaluation.reason,
          estimatedDiscount: selected ? (taken.get(coupon.id) ?? 0) : evaluation.usable ? evaluation.amount : null,
          selected,
        })),
      };
    },
  };
}

const couponDiscounts = (discounts: readonly AppliedDiscount[]) => {
  const out = new Map<string, number>();
  for (const d of discounts)
    if (d.source === 'coupon' && d.couponId) out.set(d.couponId, (out.get(d.couponId) ?? 0) + d.amount);
  return out;
};

/** The user's coupons that are available and not yet expired, with their template's rules. */
async function loadWallet(db: Db, userId: string, now: Date): Promise<WalletCoupon[]> {
  const rows = await db
    .select({ c: coupons, t: couponTemplates })
    .from(coupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId))
    .where(and(eq(coupons.userId, userId), eq(coupons.status, 'available'), gt(coupons.validUntil, now)))
    .orderBy(coupons.validUntil, coupons.id);
  return rows.map(({ c, t }) => ({
    id: c.id,
    templateId: t.id,
    name: t.name,
    merchantId: t.merchantId,
    kind: t.kind,
    thresholdAmount: t.thresholdAmount,
    discountAmount: t.discountAmount,
    percentOff: t.percentOff,
    maxDiscount: t.maxDiscount,
    scope: t.scope,
    productIds: t.productIds,
    categoryIds: t.categoryIds,
    firstOrderOnly: t.firstOrderOnly,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
  }));
}

export async function hasPaid(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: couponBuyers.userId })
    .from(couponBuyers)
    .where(eq(couponBuyers.userId, userId))
    .limit(1);
  return row !== undefined;
}

/**
 * Marks the coupons applied to the placed orders as used, in the checkout's transaction. Each is a guarded update
 * (still available, still valid, the buyer's own), so one coupon can never pay for two checkouts at once.
 */
export async function lockCheckoutCoupons(
  db: Db,
  input: {
    userId: string;
    checkoutId: string;
    at: Date;
    orders: { orderId: string; merchantId: string; discounts: readonly AppliedDiscount[] }[];
  },
): Promise<Result<{ couponIds: string[] }, 'coupon-unavailable'>> {
  const perOrder = input.orders.flatMap((o) =>
    [...couponDiscounts(o.discounts)].map(([couponId, amount]) => ({
      couponId,
      amount,
      orderId: o.orderId,
      merchantId: o.merchantId,
    })),
  );
  const couponIds = [...new Set(perOrder.map((r) => r.couponId))];
  if (couponIds.length === 0) return ok({ couponIds });
  const locked = await db
    .update(coupons)
    .set({ status: 'used', checkoutId: input.checkoutId, usedAt: input.at })
    .where(
      and(
        inArray(coupons.id, couponIds),
        eq(coupons.userId, input.userId),
        eq(coupons.status, 'available'),
        gt(coupons.validUntil, input.at),
      ),
    )
    .returning({ id: coupons.id, templateId: coupons.templateId });
  if (locked.length !== couponIds.length) return refuseCoupon('coupon-unavailable', '优惠券已被使用，请重新选择');
  const templateOf = new Map(locked.map((l) => [l.id, l.templateId]));
  await db.insert(couponRedemptions).values(
    perOrder.map((r) => ({
      ...r,
      templateId: templateOf.get(r.couponId)!,
      status: 'locked' as const,
      createdAt: input.at,
    })),
  );
  await emitMany(
    db,
    perOrder.map((r) => ({
      type: 'coupon.used',
      payload: { ...r, templateId: templateOf.get(r.couponId)!, userId: input.userId, usedAt: input.at.toISOString() },
    })),
  );
  return ok({ couponIds });
}

/** order.paid: remember the buyer paid (first-order rule, segments) and count the discount as redeemed. */
export async function recordPaidOrder(
  db: Db,
  input: { orderId: string; userId: string; merchantId: string; paidAt: Date },
): Promise<void> {
  await db
    .insert(couponBuyers)
    .values({
      userId: input.userId,
      merchantId: input.merchantId,
      paidOrders: 1,
      firstPaidAt: input.paidAt,
      lastPaidAt: input.paidAt,
    })
    .onConflictDoUpdate({
      target: [couponBuyers.userId, couponBuyers.merchantId],
      set: {
        paidOrders: sql`${couponBuyers.paidOrders} + 1`,
        lastPaidAt: sql`greatest(${couponBuyers.lastPaidAt}, excluded.last_paid_at)`,
      },
    });
  await db
    .update(couponRedemptions)
    .set({ status: 'paid' })
    .where(and(eq(couponRedemptions.orderId, input.orderId), eq(couponRedemptions.status, 'locked')));
}

/**
 * order.cancelled / order.closed: the order's coupon discounts are released; a coupon whose every order is released
 * goes back to the buyer — available while still valid, otherwise expired (returnedAt says it came back).
 */
export async function releaseOrderCoupons(db: Db, orderId: string, at: Date): Promise<string[]> {
  const released = await db
    .update(couponRedemptions)
    .set({ status: 'released', releasedAt: at })
    .where(and(eq(couponRedemptions.orderId, orderId), ne(couponRedemptions.status, 'released')))
    .returning({ couponId: couponRedemptions.couponId });
  const returned: string[] = [];
  for (const { couponId } of released) {
    const [stillUsed] = await db
      .select({ orderId: couponRedemptions.orderId })
      .from(couponRedemptions)
      .where(and(eq(couponRedemptions.couponId, couponId), ne(couponRedemptions.status, 'released')))
      .limit(1);
    if (stillUsed) continue;
    const back = await db
      .update(coupons)
      .set({
        status: sql`case when ${coupons.validUntil} > ${at} then 'available' else 'expired' end`,
        checkoutId: null,
        usedAt: null,
        returnedAt: at,
        returnCount: sql`${coupons.returnCount} + 1`,
      })
      .where(and(eq(coupons.id, couponId), eq(coupons.status, 'used')))
      .returning({ id: coupons.id });
    if (back.length > 0) returned.push(couponId);
  }
  return returned;
}
