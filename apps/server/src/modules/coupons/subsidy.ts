import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { formatYuan } from '../../platform/money.ts';
import {
  merchantAccounts,
  postSubsidy,
  settleSubsidies,
  type Subsidy,
  type SubsidyStore,
  syncReversals,
} from '../../platform/subsidy.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import { couponRedemptions, coupons, couponSubsidies, couponTemplates } from './schema.ts';

// A platform coupon (merchantId null) is the platform's marketing cost, not the merchant's: the buyer pays less,
// and the platform makes up the difference to the merchant. A merchant's own coupon is its own cost and needs none.
// Rule (docs/COUPONS.md "Who pays"): posted when the order is paid, reversed in proportion to the item money
// refunded, and moved from pending to available when the order completes — the shared machinery in
// platform/subsidy.ts, which points spent at checkout use too; this file says which coupons and keeps their rows.

export const subsidyAccounts = {
  platform: 'platform:marketing:coupons',
  ...merchantAccounts,
} as const;

type SubsidyRow = typeof couponSubsidies.$inferSelect;

const couponStore: SubsidyStore<SubsidyRow & Subsidy> = {
  program: { kind: 'coupon.subsidy', platformAccount: subsidyAccounts.platform, label: '平台券补贴' },
  async locked(db, orderId, { unsettledOnly }) {
    const rows = await db
      .select()
      .from(couponSubsidies)
      .where(and(eq(couponSubsidies.orderId, orderId), unsettledOnly ? isNull(couponSubsidies.settledAt) : undefined))
      .orderBy(asc(couponSubsidies.couponId))
      .for('update');
    return rows.map((r) => ({ ...r, refId: `${r.couponId}:${r.orderId}` }));
  },
  async setReversed(db, s, target) {
    await db
      .update(couponSubsidies)
      .set({ reversedAmount: target })
      .where(
        and(
          eq(couponSubsidies.couponId, s.couponId),
          eq(couponSubsidies.orderId, s.orderId),
          eq(couponSubsidies.reversedAmount, s.reversedAmount),
        ),
      );
  },
  async setSettled(db, s, at) {
    await db
      .update(couponSubsidies)
      .set({ settledAt: at })
      .where(
        and(
          eq(couponSubsidies.couponId, s.couponId),
          eq(couponSubsidies.orderId, s.orderId),
          isNull(couponSubsidies.settledAt),
        ),
      );
  },
};

/** order.paid: one subsidy per platform coupon on the order, each posted once as a balanced journal. */
export async function recordCouponSubsidies(db: Db, orderId: string, at: Date): Promise<SubsidyRow[]> {
  const platformShares = await db
    .select({ r: couponRedemptions, name: couponTemplates.name })
    .from(couponRedemptions)
    .innerJoin(coupons, eq(coupons.id, couponRedemptions.couponId))
    .innerJoin(couponTemplates, eq(couponTemplates.id, couponRedemptions.templateId))
    .where(and(eq(couponRedemptions.orderId, orderId), isNull(coupons.merchantId)));
  const recorded: SubsidyRow[] = [];
  for (const { r, name } of platformShares) {
    if (r.amount <= 0) continue;
    const [row] = await db
      .insert(couponSubsidies)
      .values({
        couponId: r.couponId,
        orderId,
        templateId: r.templateId,
        merchantId: r.merchantId,
        amount: r.amount,
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) continue;
    await postSubsidy(db, couponStore.program, {
      refId: `${row.couponId}:${orderId}`,
      merchantId: row.merchantId,
      amount: row.amount,
      memo: `订单 ${orderId} 使用平台券「${name}」，平台补贴商家 ${formatYuan(row.amount)}`,
      at,
    });
    recorded.push(row);
  }
  // A refund that landed before order.paid was handled is taken into account at once.
  if (recorded.length > 0) await syncSubsidyReversals(db, orderId, `paid:${orderId}`, at);
  return recorded;
}

/** refund.completed, aftersale.completed, order.closed: the subsidies follow the item money refunded (cumulative). */
export async function syncSubsidyReversals(db: Db, orderId: string, triggerId: string, at: Date): Promise<void> {
  await syncReversals(db, couponStore, orderId, await getOrderForAfterSale(db, orderId), triggerId, at);
}

/** order.completed: what is left of each subsidy becomes the merchant's to withdraw. */
export async function settleCouponSubsidies(db: Db, orderId: string, triggerId: string, at: Date): Promise<void> {
  await settleSubsidies(db, couponStore, orderId, await getOrderForAfterSale(db, orderId), triggerId, at);
}

/** The platform's subsidies on one order (for tests, order views and reconciliation). */
export async function subsidiesOf(db: Db, orderId: string): Promise<SubsidyRow[]> {
  return db
    .select()
    .from(couponSubsidies)
    .where(eq(couponSubsidies.orderId, orderId))
    .orderBy(asc(couponSubsidies.couponId));
}
