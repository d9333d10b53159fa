import { and, count, eq } from 'drizzle-orm';
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
