import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AnalyticsEngine } from '../../platform/analytics/engine.ts';
import type { Database } from '../../platform/db.ts';
import type { Deps } from '../../deps.ts';
import { type BehaviourEvent, EVENT_COLUMNS, eventsTableDdl } from './event-model.ts';
import { csvChunks, INBOX_WRITE_LOCK } from './inbox.ts';
import { recentCopy, recentIsStale, refreshRecentEvents } from './recent.ts';

const STREAM = 'events';
/**
 * Rows per page: one COPY out of the database and one engine transaction each. Large pages amortise the engine's
 * per-transaction cost (≈ 45 MB of CSV at 200k rows); two pages are in memory at a time (one read ahead).
 */
const PAGE = 200_000;
/**
 * Each page is stored sorted by event type, then time: the funnel and the 大屏 filter on both, and sorted pages let
 * the embedded engine skip row groups of other types (docs/PERFORMANCE.md, "Analytics": −24 % of the funnel's CPU
 * at 10M). ClickHouse's table is ordered by (type, ts, id) by itself.
 */
const EVENTS_SORT = 'type, ts';

/**
 * The loader's position: the last inbox `seq` copied into the engine, saved in the engine with the rows it
 * covers (one DuckDB transaction), so a restart resumes exactly there — nothing repeated, nothing skipped.
 */
interface Position {
  after: number;
}

/** A `seq` below which every inbox row is committed; only `committedHorizon` makes one. */
export interface Horizon {
  readonly seq: number;
  readonly [horizonBrand]: true;
}
declare const horizonBrand: unique symbol;

/**
 * Column list of the CSV: the columns as they are. Timestamps come out in ISO form in UTC
 * (`2026-12-06 03:37:41.613+00`, `Database.copyOut` pins DateStyle and TimeZone), which DuckDB and ClickHouse
 * both read unambiguously; formatting them with `to_char` cost PostgreSQL three times as much per row.
 */
const selectList = EVENT_COLUMNS.map(([column]) => column).join(', ');

interface Page {
  /** Rows in the page (0 for a stretch of `seq` with no committed row, e.g. rolled-back writes). */
  n: number;
  csv: Uint8Array;
  /** Where the loader stands once this page is in the engine. */
  position: Position;
}

export class EventLoader {
  private readonly database: Database;
  private readonly engine: AnalyticsEngine;
  private readonly log: Logger | undefined;
  private readonly pageSize: number;
  private readonly now: () => Date;
  private ready: Promise<void> | undefined;
  private running: Promise<number> | undefined;

  /** `now`: the clock that decides which days the recent-events table (recent.ts) holds. */
  constructor(
    database: Database,
    engine: AnalyticsEngine,
    opts: { log?: Logger; pageSize?: number; now?: () => Date } = {},
  ) {
    this.database = database;
    this.engine = engine;
    this.log = opts.log;
    this.pageSize = opts.pageSize ?? PAGE;
    this.now = opts.now ?? (() => new Date());
  }

  /** Copies every committed inbox row not yet in the engine; returns how many rows it copied. */
  load(): Promise<number> {
    return this.serialised(async () => {
      const horizon = await this.committedHorizon();
      return horizon === undefined ? 0 : this.copyUpTo(horizon.seq);
    });
  }

  /**
   * `load` in two steps, for a process that itself writes the inbox in large transactions (bulk loads, the
   * benchmark): it takes the horizon between two of its transactions — an instant, while no writer holds the
   * lock — and the copy then runs while its next transaction does. Same guarantees as `load`.
   */
  loadUpTo(horizon: Horizon): Promise<number> {
    return this.serialised(() => this.copyUpTo(horizon.seq));
  }

  /** One load at a time per process: a second caller waits for the running one and then runs its own. */
  private serialised(work: () => Promise<number>): Promise<number> {
    const previous = this.running ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(work);
    this.running = next;
    return next;
  }

  private async copyUpTo(horizon: number): Promise<number> {
    this.ready ??= this.engine.ensure(eventsTableDdl(this.engine));
    await this.ready;
    const start = parse(await this.engine.watermark(STREAM));
    let copied = 0;
    const recent = await recentCopy(this.engine);
    let next = start.after < horizon ? this.readPage(start.after, horizon) : undefined;
    while (next) {
      const page = await next;
      // Read the next page out of the database while the engine appends this one. If the append fails, the
      // page read ahead is dropped (its position was never saved) and the next load reads it again.
      next = page.position.after < horizon ? this.readPage(page.position.after, horizon) : undefined;
      next?.catch(() => undefined);
      await this.engine.appendCsv(
        'events',
        page.csv,
        { stream: STREAM, value: JSON.stringify(page.position) },
        { also: recent, sortBy: EVENTS_SORT },
      );
      copied += page.n;
      this.log?.debug({ copied, position: page.position }, 'analytics: loaded a page of events');
    }
    // A new day (or a first load): the recent table starts from a later midnight, rebuilt once from `events`.
    if (await recentIsStale(this.engine, this.now())) await this.refreshRecent();
    return copied;
  }

  /** Rebuilds the recent-events table from the engine's events (after a load, or a privacy erasure). */
  refreshRecent(): Promise<void> {
    return refreshRecentEvents(this.engine, this.now());
  }

  private async readPage(after: number, horizon: number): Promise<Page> {
    const bounds = await this.pageBounds(after, horizon);
    if (bounds.n === 0) return { n: 0, csv: new Uint8Array(), position: { after: horizon } };
    const csv = await this.database.copyOut(
      `SELECT ${selectList} FROM analytics_inbox WHERE seq > ${after} AND seq <= ${bounds.last} ORDER BY seq`,
    );
    return { n: bounds.n, csv, position: { after: bounds.last } };
  }

  /**
   * The highest `seq` below which every inbox row is committed. Writers hold the inbox lock (shared) from
   * before they draw a `seq` until they commit; taking it exclusively waits for the writers in flight, and the
   * sequence read then is a horizon no later commit can fall under. Advisory locks are per database, so other
   * databases on the server (and other tests) never hold the loader back; a writer that keeps its transaction
   * open longer than the timeout only postpones this round.
   */
  async committedHorizon(): Promise<Horizon | undefined> {
    try {
      const seq = await this.database.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local lock_timeout = '500ms'`));
        await tx.execute(sql.raw(`select pg_advisory_xact_lock(${INBOX_WRITE_LOCK})`));
        const result = await tx.execute(sql.raw(`select last_value, is_called from analytics_inbox_seq_seq`));
        const row = (result as { rows: { last_value: string | number; is_called: boolean }[] }).rows[0];
        return row?.is_called ? Number(row.last_value) : 0;
      });
      return { seq } as Horizon;
    } catch (err) {
      this.log?.debug({ err }, 'analytics: inbox writers busy; loading next round');
      return undefined;
    }
  }

  /**
   * Deletes inbox rows the engine already has that are older than `keepDays`: the inbox is a queue, not a store.
   */
  async pruneInbox(now: Date, keepDays: number): Promise<number> {
    const pos = parse(await this.engine.watermark(STREAM));
    const cutoff = new Date(now.getTime() - keepDays * 86_400_000);
    const deleted = await this.database.db.execute(
      sql`delete from analytics_inbox where seq <= ${pos.after} and received_at < ${cutoff}`,
    );
    const counts = deleted as { rowCount?: number | null; affectedRows?: number };
    return counts.rowCount ?? counts.affectedRows ?? 0;
  }

  private async pageBounds(after: number, horizon: number): Promise<{ n: number; last: number }> {
    const result = await this.database.db.execute(
      sql.raw(
        `SELECT count(*)::int AS n, max(seq) AS last FROM (SELECT seq FROM analytics_inbox WHERE seq > ${after} AND seq <= ${horizon} ORDER BY seq LIMIT ${this.pageSize}) page`,
      ),
    );
    const row = (result as { rows: { n: number; last: number | string | null }[] }).rows[0];
    return { n: row?.n ?? 0, last: Number(row?.last ?? 0) };
  }
}

function parse(value: string | undefined): Position {
  if (!value) return { after: 0 };
  const p = JSON.parse(value) as Partial<Position>;
  return { after: Number(p.after ?? 0) };
}

/**
 * Bulk path for generated history that never passes through the inbox (the first-start demo history,
 * docs/ANALYTICS.md "Demo history"): the rows go straight into the engine in the loader's CSV format, together
 * with `marker` — a watermark of its own stream, saved in the same engine transaction — so the caller can resume
 * after a crash without repeating rows. The inbox and the loader's position are untouched: rows that never enter
 * the inbox can never be loaded a second time. Callers give fresh ids.
 */
export async function loadHistoryIntoEngine(
  engine: AnalyticsEngine,
  events: readonly BehaviourEvent[],
  marker: { stream: string; value: string },
): Promise<void> {
  if (marker.stream === STREAM) throw new Error(`the ${STREAM} watermark belongs to the loader`);
  await engine.ensure(eventsTableDdl(engine));
  await engine.appendCsv('events', Buffer.concat([...csvChunks(events)]), marker, {
    also: await recentCopy(engine),
    sortBy: EVENTS_SORT,
  });
}

/** A history stream's marker (see `loadHistoryIntoEngine`), or undefined before its first chunk. */
export function historyMarker(engine: AnalyticsEngine, stream: string): Promise<string | undefined> {
  return engine.watermark(stream);
}

const loaders = new WeakMap<Deps, EventLoader>();
/** One loader per engine: the periodic task and on-demand loads (tests, the 大屏's freshness) share it. */
export function analyticsLoader(deps: Deps): EventLoader {
  let loader = loaders.get(deps);
  if (!loader) {
    loader = new EventLoader(deps.database, deps.analytics, { log: deps.log, now: () => deps.clock.now() });
    loaders.set(deps, loader);
  }
  return loader;
}
