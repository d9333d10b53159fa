import type { AlsoInto, AnalyticsEngine } from '../../platform/analytics/engine.ts';
import { WATERMARK_TABLE } from '../../platform/analytics/engine.ts';

/**
 * The last few days of events in a narrow table of their own, for the 大屏 (today against yesterday, refreshed
 * every few seconds). `events` is in load order, and a load can hold any day (a late device, a bulk import, the
 * benchmark's generator writes visitor by visitor): a filter on today then reads the time column of every event
 * ever loaded. This table holds the events since the Beijing midnight `RECENT_DAYS` days back, sorted by time —
 * a few hundred thousand rows at 10M events instead of all of them (docs/PERFORMANCE.md, "Analytics").
 *
 * Derived, never a source: each append to `events` copies its recent rows here in the same DuckDB transaction
 * (`recentCopy`), and it is rebuilt from `events` when a new day starts and after a privacy erasure or retention,
 * together with the time it covers from — restart-safe, and never holding a row `events` does not.
 * Embedded DuckDB only: ClickHouse's `events` is ordered by (type, ts) and prunes by itself.
 */
const RECENT_TABLE = 'events_recent';
const RECENT_DAYS = 2;
const STREAM = 'recent';
const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
/** The columns the 大屏 reads. */
const COLUMNS = 'type, ts, actor, channel, merchant_id, product_id, order_id, amount, qty';

export function recentTableDdl(): string {
  return `CREATE TABLE IF NOT EXISTS ${RECENT_TABLE} AS SELECT ${COLUMNS} FROM events LIMIT 0`;
}

/** Where the recent table should start for a clock reading: Beijing midnight `RECENT_DAYS` days before `now`. */
function recentSince(now: Date): Date {
  return new Date(Math.floor((now.getTime() + BEIJING) / DAY) * DAY - BEIJING - RECENT_DAYS * DAY);
}

/**
 * What an append to `events` must also copy into the recent table, or undefined when there is no current one
 * (ClickHouse, or not built yet: the loader then rebuilds it after its load).
 */
export async function recentCopy(engine: AnalyticsEngine): Promise<AlsoInto | undefined> {
  if (engine.kind !== 'duckdb') return undefined;
  const since = await engine.watermark(STREAM);
  if (since === undefined) return undefined;
  return { table: RECENT_TABLE, columns: COLUMNS, where: `ts >= TIMESTAMPTZ '${new Date(since).toISOString()}'` };
}

/** Rebuilds the recent table from `events` (needs both tables); skipped on ClickHouse. */
export async function refreshRecentEvents(engine: AnalyticsEngine, now: Date): Promise<void> {
  if (engine.kind !== 'duckdb') return;
  const since = recentSince(now).toISOString();
  await engine.runAtomically([
    `DELETE FROM ${RECENT_TABLE}`,
    `INSERT INTO ${RECENT_TABLE} SELECT ${COLUMNS} FROM events WHERE ts >= TIMESTAMPTZ '${since}' ORDER BY ts`,
    `INSERT INTO ${WATERMARK_TABLE} VALUES ('${STREAM}', '${since}', now()) ON CONFLICT (stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ]);
}

/** Whether the recent table is missing the rebuild a load at `now` would make (a new day, or never built). */
export async function recentIsStale(engine: AnalyticsEngine, now: Date): Promise<boolean> {
  if (engine.kind !== 'duckdb') return false;
  return (await engine.watermark(STREAM)) !== recentSince(now).toISOString();
}

/**
 * The table to read for events at or after `from`: the recent table when it covers that time, else `events`.
 * Both have the recent table's columns.
 */
export async function eventsTableFrom(engine: AnalyticsEngine, from: Date): Promise<string> {
  if (engine.kind !== 'duckdb') return 'events';
  const since = await engine.watermark(STREAM);
  return since !== undefined && new Date(since).getTime() <= from.getTime() ? RECENT_TABLE : 'events';
}
