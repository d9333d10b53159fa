import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { orders } from './schema.ts';

/** Paid orders of a shop still waiting to be shipped: the merchant dashboard's to-do count. */
export async function ordersAwaitingShipment(db: Db, merchantId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.merchantId, merchantId), eq(orders.status, 'paid')));
  return row?.n ?? 0;
}

/**
 * A buyer's orders still under way — unpaid, waiting for shipment, or on the road: an account cannot be cancelled
 * while money or goods are in flight. A received order (delivered) is done for the buyer.
 */
export async function openOrdersOfBuyer(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.userId, userId), inArray(orders.status, ['pending_payment', 'paid', 'shipped'])));
  return row?.n ?? 0;
}
