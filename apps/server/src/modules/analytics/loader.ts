import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AnalyticsEngine } from '../../platform/analytics/engine.ts';
import type { Database } from '../../platform/db.ts';
import { EVENT_COLUMNS, eventsTableDdl } from './event-model.ts';

export const STREAM = 'events';
const PAGE = 50_000;

/**
 * Where the loader is: a window [lo, hi) of PostgreSQL transaction ids, and the last inbox row it copied inside
 * it. Every transaction below `hi` had finished when the window was opened (hi = the snapshot's xmin), so no
 * row can appear in the window later — a row committed late by a long transaction simply lands in a later
 * window. The position is saved in the engine with the rows it covers, so a restart resumes exactly there.
 */
interface Position {
  lo: string;
  hi: string | null;
  after: number;
}

const digits = (v: string): string => {
  if (!/^\d{1,20}$/.test(v)) throw new Error(`not a transaction id: ${v}`);
  return v;
};

/** Column list of the CSV: timestamps in UTC ISO form, which DuckDB and ClickHouse both read unambiguously. */
const selectList = EVENT_COLUMNS.map(([column, , kind]) =>
  kind === 'time' ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : column,
).join(', ');

export class EventLoader {
  private ready: Promise<void> | undefined;
  private running: Promise<number> | undefined;

  private readonly database: Database;
  private readonly engine: AnalyticsEngine;
  private readonly log: Logger | undefined;
  private readonly pageSize: number;
  constructor(database: Database, engine: AnalyticsEngine, opts: { log?: Logger; pageSize?: number } = {}) {
    this.database = database;
    this.engine = engine;
    this.log = opts.log;
    this.pageSize = opts.pageSize ?? PAGE;
  }

  /** Copies every committed inbox row not yet in the engine; returns how many rows it copied. */
  load(): Promise<number> {
    // One load at a time per process: a second caller waits for the running one and then runs its own.
    const previous = this.running ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => this.loadOnce());
    this.running = next;
    return next;
  }

  private async loadOnce(): Promise<number> {
    this.ready ??= this.engine.ensure(eventsTableDdl(this.engine));
    await this.ready;
    let pos = parse(await this.engine.watermark(STREAM));
    let copied = 0;
    for (;;) {
      if (pos.hi === null) {
        const hi = await this.snapshotXmin();
        if (BigInt(hi) <= BigInt(pos.lo)) return copied;
        const first = await this.firstSeqAtOrAbove(pos.lo, hi);
        pos = { lo: pos.lo, hi, after: first === null ? 0 : first - 1 };
        if (first === null) {
          // Nothing committed in the window: move past it without copying.
          await this.engine.appendCsv('events', new Uint8Array(), {
            stream: STREAM,
            value: format({ lo: hi, hi: null, after: 0 }),
          });
          return copied;
        }
      }
      const page = await this.pageBounds(pos);
      if (page.n === 0) {
        const closed = { lo: pos.hi!, hi: null, after: 0 };
        await this.engine.appendCsv('events', new Uint8Array(), { stream: STREAM, value: format(closed) });
        pos = closed;
        continue;
      }
      const csv = await this.database.copyOut(
        `SELECT ${selectList} FROM analytics_inbox WHERE ${this.window(pos)} AND seq <= ${page.last} ORDER BY seq`,
      );
      pos = { ...pos, after: page.last };
      await this.engine.appendCsv('events', csv, { stream: STREAM, value: format(pos) });
      copied += page.n;
      this.log?.debug({ copied, position: pos }, 'analytics: loaded a page of events');
    }
  }

  /**
   * Deletes inbox rows the engine already has that are older than `keepDays`: the inbox is a queue, not a store.
   * Only rows below the window the loader has finished are touched, whatever their age.
   */
  async pruneInbox(now: Date, keepDays: number): Promise<number> {
    const pos = parse(await this.engine.watermark(STREAM));
    const cutoff = new Date(now.getTime() - keepDays * 86_400_000);
    const deleted = await this.database.db.execute(
      sql`delete from analytics_inbox where tx < ${digits(pos.lo)}::xid8 and received_at < ${cutoff}`,
    );
    const counts = deleted as { rowCount?: number | null; affectedRows?: number };
    return counts.rowCount ?? counts.affectedRows ?? 0;
  }

  private window(pos: Position): string {
    return `tx >= '${digits(pos.lo)}'::xid8 AND tx < '${digits(pos.hi!)}'::xid8 AND seq > ${Math.trunc(pos.after)}`;
  }

  private async pageBounds(pos: Position): Promise<{ n: number; last: number }> {
    const rows = await this.rows<{ n: number; last: number | null }>(
      `SELECT count(*)::int AS n, max(seq) AS last FROM (SELECT seq FROM analytics_inbox WHERE ${this.window(pos)} ORDER BY seq LIMIT ${this.pageSize}) page`,
    );
    return { n: rows[0]?.n ?? 0, last: Number(rows[0]?.last ?? 0) };
  }

  private async firstSeqAtOrAbove(lo: string, hi: string): Promise<number | null> {
    const rows = await this.rows<{ first: number | null }>(
      `SELECT min(seq) AS first FROM analytics_inbox WHERE tx >= '${digits(lo)}'::xid8 AND tx < '${digits(hi)}'::xid8`,
    );
    return rows[0]?.first === null || rows[0]?.first === undefined ? null : Number(rows[0].first);
  }

  private async snapshotXmin(): Promise<string> {
    const rows = await this.rows<{ xmin: string }>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
    return digits(rows[0]!.xmin);
  }

  private async rows<T>(query: string): Promise<T[]> {
    const result = await this.database.db.execute(sql.raw(query));
    return (result as { rows: T[] }).rows;
  }
}

function parse(value: string | undefined): Position {
  if (!value) return { lo: '0', hi: null, after: 0 };
  return JSON.parse(value) as Position;
}
const format = (p: Position): string => JSON.stringify(p);
