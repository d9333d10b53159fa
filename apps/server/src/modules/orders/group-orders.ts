import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { cancelUnpaidOrder } from './fulfilment.ts';
import { orders } from './schema.ts';

// The orders surface for campaign modules that place single orders at their own price (group buy, bargain):
// they place through placeOrder/quoteCheckout with CampaignTerms (campaign-terms.ts) and use these helpers.

/** Lets held orders ship (the group filled). Returns the ids actually released. */
export async function releaseShipHold(db: Db, orderIds: string[], hold: string): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .update(orders)
    .set({ shipHold: null })
    .where(and(inArray(orders.id, orderIds), eq(orders.shipHold, hold)))
    .returning({ id: orders.id });
  return rows.map((r) => r.id);
}

/** Cancels a campaign order that is still unpaid (its campaign ended); false when it was paid or cancelled already. */
export function cancelUnpaidCampaignOrder(db: Db, deps: Deps, orderId: string, reason: string): Promise<boolean> {
  return cancelUnpaidOrder(db, deps, orderId, reason);
}

/** Whether the user has ever paid for an order: 新人 (new-user) offers are for those who have not. */
export async function hasPaidOrder(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`1` })
    .from(orders)
    .where(and(eq(orders.userId, userId), isNotNull(orders.paidAt)))
    .limit(1);
  return row !== undefined;
}
