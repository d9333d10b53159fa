import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/** A database handle or an open transaction: both run the same queries. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** SQL statements sent since start; the checkout benchmark reads it. */
  stats: { statements: number };
  /** Applies committed migrations; on PostgreSQL under an advisory lock so several processes can start at once. */
  migrate(): Promise<void>;
  /**
   * `COPY (<query>) TO STDOUT` as CSV bytes: bulk reads without building a JS object per row (the analytics
   * loader moves millions of rows this way). COPY takes no bind parameters: callers inline only validated literals.
   * Timestamps come out in ISO form in UTC (`2026-12-06 03:37:41.613+00`) whatever the server's or session's
   * DateStyle and TimeZone: both are pinned for the statement, so callers need no per-row `to_char`.
   */
  copyOut(query: string): Promise<Uint8Array>;
  /**
   * `COPY <table> (<columns>) FROM STDIN` with CSV bytes, in one transaction that first runs `before` (e.g. a
   * lock the table's readers rely on): bulk writes of generated rows (seed, benchmarks).
   */
  copyIn(table: string, columns: readonly string[], csv: CsvSource, before?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * CSV for `copyIn`: one buffer, or chunks — an (async) iterable is streamed to PostgreSQL while it is produced, so
 * the server parses one chunk while the caller builds the next.
 */
export type CsvSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Pins the text form of timestamps for one transaction (see `copyOut`). */
const ISO_UTC = [`set local datestyle = 'ISO, YMD'`, `set local timezone = 'UTC'`];

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

// Parse int8 as JS numbers: money is fen and fits well inside 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Every query a connection is given in one tick leaves in one socket write: node-postgres corks and uncorks the
 * socket around each query, so pipelined queries would otherwise cost one `writev` each — measured on this VM at
 * ~150 µs of client CPU per sequential query, ~70 µs pipelined 8 at a time, ~40 µs pipelined and corked together
 * (docs/PERFORMANCE.md). The outer cork holds the per-query writes until the tick ends.
 */
function corkPerTick(client: pg.PoolClient): void {
  const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let corked = false;
  const flush = () => {
    corked = false;
    stream.uncork();
  };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (!corked) {
      corked = true;
      stream.cork();
      process.nextTick(flush);
    }
    return query(...args);
  };
}

export async function openDatabase(opts: {
  url?: string;
  dataDir?: string;
  pglite?: PGlite;
  poolSize?: number;
}): Promise<Database> {
  const stats = { statements: 0 };
  const trace = process.env.SQL_TRACE ? new Map<string, number>() : undefined;
  if (trace)
    process.on('SIGTERM', () => {
      const lines = [...trace].sort((a, b) => b[1] - a[1]).map(([q, n]) => `${n}\t${q}`);
      writeFileSync(`${process.env.SQL_TRACE!}.${process.pid}`, lines.join('\n') + '\n');
    });
  const logger = {
    logQuery: (q: string) => {
      stats.statements++;
      if (trace) {
        const k = q.replace(/\s+/g, ' ').slice(0, 160);
        trace.set(k, (trace.get(k) ?? 0) + 1);
      }
    },
  };
  if (opts.url) {
    // Pipeline mode: a query goes out without waiting for the one before it to be answered, so the independent
    // reads a use-case issues together (Promise.all) cost one round trip; `corkPerTick` makes them one write.
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 20, pipeline: true });
    pool.on('connect', corkPerTick);
    // COPY streams keep a portal open across round trips, which pipeline mode refuses: a small pool of its own.
    let copyPool: pg.Pool | undefined;
    const copyConnection = () => {
      copyPool ??= new pg.Pool({ connectionString: opts.url, max: 2 });
      return copyPool.connect();
    };
    // An idle connection the server closed (restart, failover) is dropped from the pool, not a process crash.
    pool.on('error', (err) => console.error(`[db] idle PostgreSQL connection lost: ${err.message}`));
    const db = drizzlePg(pool, { logger }) as unknown as Db;
    const migrate = async () => {
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock(727274)');
        await migratePg(drizzlePg(conn), { migrationsFolder });
      } finally {
        await conn.query('select pg_advisory_unlock(727274)').catch(() => undefined);
        conn.release();
      }
    };
    const copyOut = async (query: string) => {
      const conn = await copyConnection();
      try {
        await conn.query('begin');
        for (const statement of ISO_UTC) await conn.query(statement);
        const chunks: Buffer[] = [];
        const stream = conn.query(copyTo(`COPY (${query}) TO STDOUT WITH (FORMAT csv, NULL '\\N')`));
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        await conn.query('commit');
        return Buffer.concat(chunks);
      } catch (err) {
        await conn.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    };
    const copyIn = async (table: string, columns: readonly string[], csv: CsvSource, before?: string) => {
      const conn = await copyConnection();
      try {
        await conn.query('begin');
        if (before) await conn.query(before);
        const sink = conn.query(
          copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, NULL '\\N')`),
        );
        await pipeline(csv instanceof Uint8Array ? Readable.from([csv]) : Readable.from(csv), sink);
        await conn.query('commit');
      } catch (err) {
        await conn.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    };
    const close = async () => {
      await Promise.all([pool.end(), copyPool?.end()]);
    };
    return { db, kind: 'postgres', stats, migrate, copyOut, copyIn, close };
  }
  let client = opts.pglite;
  if (!client) {
    if (opts.dataDir && opts.dataDir !== 'memory://') mkdirSync(opts.dataDir, { recursive: true });
    client = await PGlite.create(opts.dataDir ? { dataDir: opts.dataDir } : {});
  }
  const db = drizzlePglite(client, { logger }) as unknown as Db;
  const owned = client;
  const migrate = () => migratePglite(drizzlePglite(owned), { migrationsFolder });
  const copyOut = async (query: string) => {
    const result = await owned.transaction(async (tx) => {
      for (const statement of ISO_UTC) await tx.query(statement);
      return tx.query(`COPY (${query}) TO '/dev/blob' WITH (FORMAT csv, NULL '\\N')`);
    });
    return result.blob ? new Uint8Array(await result.blob.arrayBuffer()) : new Uint8Array();
  };
  const copyIn = async (table: string, columns: readonly string[], source: CsvSource, before?: string) => {
    // PGlite reads COPY input from one blob: gather the chunks first (it runs in this thread anyway).
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    if (source instanceof Uint8Array) chunks.push(source as Uint8Array<ArrayBuffer>);
    else for await (const chunk of source) chunks.push(chunk as Uint8Array<ArrayBuffer>);
    await owned.transaction(async (tx) => {
      if (before) await tx.query(before);
      await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv, NULL '\\N')`, [], {
        blob: new Blob(chunks),
      });
    });
  };
  return { db, kind: 'pglite', stats, migrate, copyOut, copyIn, close: () => owned.close() };
}
