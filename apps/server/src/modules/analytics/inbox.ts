import { sql } from 'drizzle-orm';
import { bulkInsert } from '../../platform/bulk.ts';
import type { Database, Db } from '../../platform/db.ts';
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

const COLUMNS = EVENT_COLUMNS.map(([column]) => column);
const quoted = (v: string): string => (/[",\n\r\\]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * One CSV line of an event, in the inbox's column order (`\N` for null, timestamps in ISO UTC) — the same format
 * the loader copies into the engine, so `loadHistoryIntoEngine` can use it too.
 */
export function csvLine(e: BehaviourEvent): string {
  let line = '';
  for (let i = 0; i < EVENT_COLUMNS.length; i++) {
    const [, key, kind] = EVENT_COLUMNS[i]!;
    const v = e[key];
    const cell =
      v === null || v === undefined
        ? '\\N'
        : kind === 'time'
          ? (v as Date).toISOString()
          : kind === 'int'
            ? String(v)
            : quoted(String(v));
    line += i === 0 ? cell : `,${cell}`;
  }
  return `${line}\n`;
}

/**
 * Bulk path for many events at once (demo history, benchmarks): one COPY in a transaction that holds the inbox
 * lock like every writer, so the loader's horizon stays safe. Unlike `appendToInbox` it does not skip ids seen
 * before — a repeated id fails the whole COPY — so callers give fresh ids (the demo history's are its own).
 */
export async function copyIntoInbox(database: Database, events: readonly BehaviourEvent[]): Promise<void> {
  if (events.length === 0) return;
  let csv = '';
  for (const e of events) csv += csvLine(e);
  await database.copyIn('analytics_inbox', COLUMNS, new TextEncoder().encode(csv), holdInboxWriteLock);
}
