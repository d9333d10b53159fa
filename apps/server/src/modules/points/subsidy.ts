import { and, eq, isNull } from 'drizzle-orm';
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
import { pointsOrders, pointsSubsidies } from './schema.ts';

// Points are the platform's currency: points spent at checkout lower what the buyer pays, and the platform makes
// the merchant whole in cash (1 point = 1 fen). Same rule as platform coupons (platform/subsidy.ts): posted when the
// order is paid, reversed in proportion to the item money refunded, settled pending → available on completion.
// The points themselves come back to the buyer separately (order-points.ts, ⌊used·R/P⌋ in PTS).

export const pointsSubsidyAccounts = {
  platform: 'platform:marketing:points',
  ...merchantAccounts,
} as const;

type SubsidyRow = typeof pointsSubsidies.$inferSelect;

const pointsStore: SubsidyStore<SubsidyRow & Subsidy> = {
  program: { kind: 'points.subsidy', platformAccount: pointsSubsidyAccounts.platform, label: '积分抵扣补贴' },
  async locked(db, orderId, { unsettledOnly }) {
    const rows = await db
      .select()
      .from(pointsSubsidies)
      .where(and(eq(pointsSubsidies.orderId, orderId), unsettledOnly ? isNull(pointsSubsidies.settledAt) : undefined))
      .for('update');
    return rows.map((r) => ({ ...r, refId: r.orderId }));
  },
  async setReversed(db, s, target) {
    await db
      .update(pointsSubsidies)
      .set({ reversedAmount: target })
      .where(and(eq(pointsSubsidies.orderId, s.orderId), eq(pointsSubsidies.reversedAmount, s.reversedAmount)));
  },
  async setSettled(db, s, at) {
    await db
      .update(pointsSubsidies)
      .set({ settledAt: at })
      .where(and(eq(pointsSubsidies.orderId, s.orderId), isNull(pointsSubsidies.settledAt)));
  },
};

/** order.paid: the cash value of the points spent on the order, owed to its merchant; posted once. */
export async function recordPointsSubsidy(
  db: Db,
  input: { orderId: string; merchantId: string; at: Date },
): Promise<SubsidyRow | undefined> {
  const [spent] = await db
    .select({ used: pointsOrders.used })
    .from(pointsOrders)
    .where(eq(pointsOrders.orderId, input.orderId));
  if (!spent || spent.used <= 0) return undefined;
  const [row] = await db
    .insert(pointsSubsidies)
    .values({ orderId: input.orderId, merchantId: input.merchantId, amount: spent.used, createdAt: input.at })
    .onConflictDoNothing()
    .returning();
  if (!row) return undefined;
  await postSubsidy(db, pointsStore.program, {
    refId: row.orderId,
    merchantId: row.merchantId,
    amount: row.amount,
    memo: `订单 ${row.orderId} 使用 ${row.amount} 积分抵扣，平台补贴商家 ${formatYuan(row.amount)}`,
    at: input.at,
  });
  // A refund that landed before order.paid was handled is taken into account at once.
  await syncPointsSubsidy(db, row.orderId, `paid:${row.orderId}`, input.at);
  return row;
}

/** refund.completed, aftersale.completed, order.closed: the subsidy follows the item money refunded (cumulative). */
export async function syncPointsSubsidy(db: Db, orderId: string, triggerId: string, at: Date): Promise<void> {
  await syncReversals(db, pointsStore, orderId, await getOrderForAfterSale(db, orderId), triggerId, at);
}

/** order.completed: what is left becomes the merchant's to withdraw, beside the order's own settlement. */
export async function settlePointsSubsidy(db: Db, orderId: string, triggerId: string, at: Date): Promise<void> {
  await settleSubsidies(db, pointsStore, orderId, await getOrderForAfterSale(db, orderId), triggerId, at);
}

/** The platform's points subsidy on one order (for tests, order views and reconciliation). */
export async function pointsSubsidyOf(db: Db, orderId: string): Promise<SubsidyRow | undefined> {
  const [row] = await db.select().from(pointsSubsidies).where(eq(pointsSubsidies.orderId, orderId));
  return row;
}
