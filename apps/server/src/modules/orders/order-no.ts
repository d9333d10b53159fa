import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { orderNoCounters } from './schema.ts';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar day of an instant as YYYYMMDD (China has no daylight saving, so +8h is exact). */
function beijingDay(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Takes the next order number of `at`'s Beijing day; call inside the transaction that inserts the order. */
export async function nextOrderNo(tx: Db, at: Date): Promise<string> {
  const day = beijingDay(at);
  const [row] = await tx
    .insert(orderNoCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: orderNoCounters.day, set: { last: sql`${orderNoCounters.last} + 1` } })
    .returning({ last: orderNoCounters.last });
  return `${day}${String(row!.last).padStart(6, '0')}`;
}
