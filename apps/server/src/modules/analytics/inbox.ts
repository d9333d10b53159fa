import { sql } from 'drizzle-orm';
import { bulkInsert } from '../../platform/bulk.ts';
import type { Db } from '../../platform/db.ts';
import { type BehaviourEvent, EVENT_COLUMNS } from './event-model.ts';
import { analyticsInbox } from './schema.ts';

/**
 * Writes events to the landing table in the caller's transaction. An id seen before is ignored, so a shop that
 * retries a batch, a replayed beacon or a redelivered domain event is counted once. Returns how many were new.
 */
export async function appendToInbox(db: Db, events: readonly BehaviourEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const before = await countInbox(db, events);
  const rows = events.map((e) => {
    const row: Record<string, unknown> = {};
    for (const [, key] of EVENT_COLUMNS) row[key] = e[key];
    return row as typeof analyticsInbox.$inferInsert;
  });
  // Many rows per statement, one array per column (platform/bulk.ts): the shop sends batches of up to 100.
  for (let i = 0; i < rows.length; i += 2000) {
    await bulkInsert(db, analyticsInbox, rows.slice(i, i + 2000), { onConflictDoNothing: true });
  }
  return events.length - before;
}

async function countInbox(db: Db, events: readonly BehaviourEvent[]): Promise<number> {
  if (events.length > 200) return 0;
  const ids = events.map((e) => e.id);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(analyticsInbox)
    .where(sql`${analyticsInbox.id} = any(${sql.param(ids)}::text[])`);
  return row?.n ?? 0;
}
