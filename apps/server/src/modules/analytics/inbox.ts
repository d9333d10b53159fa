import { sql } from 'drizzle-orm';
import { bulkInsert } from '../../platform/bulk.ts';
import type { Db } from '../../platform/db.ts';
import { type BehaviourEvent, EVENT_COLUMNS } from './event-model.ts';
import { analyticsInbox } from './schema.ts';

/**
 * Every transaction that writes the inbox holds this lock (shared) until it ends; the loader takes it
 * exclusively for an instant to learn a sequence number below which every row is committed (loader.ts).
 */
export const INBOX_WRITE_LOCK = 727_275;
const holdInboxWriteLock = `select pg_advisory_xact_lock_shared(${INBOX_WRITE_LOCK})`;

/**
 * Writes events to the landing table in the caller's transaction. An id seen before is ignored, so a shop that
 * retries a batch, a replayed beacon or a redelivered domain event is counted once. Returns how many were new.
 */
export async function appendToInbox(db: Db, events: readonly BehaviourEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  // A savepoint inside the caller's transaction, or a transaction of its own: the lock must outlive the insert.
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(holdInboxWriteLock));
    return insertRows(tx, events);
  });
}

async function insertRows(db: Db, events: readonly BehaviourEvent[]): Promise<number> {
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
