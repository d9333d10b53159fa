import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { orderNoCounters, orders } from './schema.ts';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar day of an instant as YYYYMMDD (China has no daylight saving, so +8h is exact). */
function beijingDay(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * Takes `count` consecutive order numbers of `at`'s Beijing day in one statement (a flash-sale batch places
 * hundreds of orders at once); call inside the transaction that inserts the orders.
 */
export async function nextOrderNos(tx: Db, at: Date, count: number): Promise<string[]> {
  const day = beijingDay(at);
  const [row] = await tx
    .insert(orderNoCounters)
    .values({ day, last: count })
    .onConflictDoUpdate({ target: orderNoCounters.day, set: { last: sql`${orderNoCounters.last} + ${count}` } })
    .returning({ last: orderNoCounters.last });
  const first = row!.last - count + 1;
  return Array.from({ length: count }, (_, i) => `${day}${String(first + i).padStart(6, '0')}`);
}

/** The human order numbers of the given orders, by id (ids that are not orders are left out). */
export async function orderNosOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: orders.id, orderNo: orders.orderNo })
    .from(orders)
    .where(inArray(orders.id, unique));
  return new Map(rows.map((r) => [r.id, r.orderNo]));
}
