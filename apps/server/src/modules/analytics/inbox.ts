import { sql } from 'drizzle-orm';
import { bulkInsertSql } from '../../platform/bulk.ts';
import type { CsvSource, Database, Db } from '../../platform/db.ts';
import { type BehaviourEvent, EVENT_COLUMNS } from './event-model.ts';
import { analyticsInbox } from './schema.ts';

/**
 * Every transaction that writes the inbox holds this lock (shared) until it ends; the loader takes it
 * exclusively for an instant to learn a sequence number below which every row is committed (loader.ts).
 */
export const INBOX_WRITE_LOCK = 727_275;
const holdInboxWriteLock = `select pg_advisory_xact_lock_shared(${INBOX_WRITE_LOCK})`;

/**
 * Writes events to the landing table in the caller's transaction (or a statement of its own). An id seen before
 * is ignored, so a shop that retries a batch, a replayed beacon or a redelivered domain event is counted once.
 * Returns how many were new.
 *
 * One statement per (up to) 2,000 events: the shared inbox lock is taken in a CTE the rows are joined to, so it
 * is held before any row draws its `seq` and until the transaction ends (a statement outside a transaction is
 * its own) — the loader's horizon stays safe without a savepoint, a separate lock statement or a count of the ids
 * already there (5 statements per event before; docs/PERFORMANCE.md "Analytics").
 */
export async function appendToInbox(db: Db, events: readonly BehaviourEvent[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < events.length; i += 2000) added += await insertRows(db, events.slice(i, i + 2000));
  return added;
}

async function insertRows(db: Db, events: readonly BehaviourEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((e) => {
    const row: Record<string, unknown> = {};
    for (const [, key] of EVENT_COLUMNS) row[key] = e[key];
    return row as typeof analyticsInbox.$inferInsert;
  });
  // Many rows per statement, one array per column (platform/bulk.ts): the shop sends batches of up to 100.
  const insert = bulkInsertSql(analyticsInbox, rows, {
    onConflictDoNothing: true,
    after: 'inbox_lock',
    returning: '1',
  });
  const result = await db.execute(
    sql`with inbox_lock as materialized (${sql.raw(holdInboxWriteLock)}), added as (${insert}) select count(*)::int as n from added`,
  );
  return (result as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

const COLUMNS = EVENT_COLUMNS.map(([column]) => column);
const NEEDS_QUOTES = /[",\n\r\\]/;
const text = (v: string | null): string =>
  v === null ? '\\N' : NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
const int = (v: number | null): string => (v === null ? '\\N' : String(v));

/**
 * One CSV line of an event, in the inbox's column order (`EVENT_COLUMNS`; `\N` for null, timestamps in ISO UTC)
 * — the same format the loader copies into the engine, so `loadHistoryIntoEngine` can use it too. Spelled out
 * column by column: the demo history and the benchmark write millions of lines (inbox.test.ts checks the order).
 */
export function csvLine(e: BehaviourEvent): string {
  const ts = e.ts.toISOString();
  const receivedAt = e.receivedAt === e.ts ? ts : e.receivedAt.toISOString();
  return `${text(e.id)},${text(e.type)},${ts},${receivedAt},${text(e.actor)},${text(e.userPid)},${text(e.deviceId)},${text(e.sessionId)},${text(e.platform)},${text(e.channel)},${text(e.channelRef)},${text(e.merchantId)},${text(e.productId)},${text(e.categoryId)},${text(e.postId)},${text(e.liveId)},${text(e.communityId)},${text(e.orderId)},${int(e.amount)},${int(e.qty)},${text(e.query)},${int(e.results)},${text(e.slot)},${int(e.position)},${text(e.experiment)},${text(e.variant)},${text(e.province)},${text(e.payMethod)},${int(e.dwellMs)},${text(e.props)}\n`;
}

/** CSV of many events in chunks of `linesPerChunk` lines, each chunk one buffer: built lazily, streamed to COPY. */
export function* csvChunks(events: Iterable<BehaviourEvent>, linesPerChunk = 5_000): Generator<Uint8Array> {
  let lines: string[] = [];
  for (const e of events) {
    lines.push(csvLine(e));
    if (lines.length === linesPerChunk) {
      yield Buffer.from(lines.join(''));
      lines = [];
    }
  }
  if (lines.length > 0) yield Buffer.from(lines.join(''));
}

/**
 * Bulk path for many events at once (demo history, benchmarks): one COPY in a transaction that holds the inbox
 * lock like every writer, so the loader's horizon stays safe. `events` may be a generator: it is read once, as the
 * rows are sent (an empty one commits an empty COPY). Unlike `appendToInbox` it does not skip ids seen
 * before — a repeated id fails the whole COPY — so callers give fresh ids (the demo history's are its own).
 */
export async function copyIntoInbox(database: Database, events: Iterable<BehaviourEvent>): Promise<void> {
  // The CSV is built chunk by chunk as PostgreSQL reads it: the database parses one chunk while this builds the next.
  await copyCsvIntoInbox(database, csvChunks(events));
}

/** `copyIntoInbox` for rows already in the inbox's CSV format (`csvChunks`), e.g. a benchmark's spool file. */
export async function copyCsvIntoInbox(database: Database, csv: CsvSource): Promise<void> {
  await database.copyIn('analytics_inbox', COLUMNS, csv, holdInboxWriteLock);
}
