import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** A database handle or an open transaction: both run the same queries. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** SQL statements sent since start; the checkout benchmark reads it. */
  stats: { statements: number };
  /** Applies committed migrations; on PostgreSQL under an advisory lock so several processes can start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

// Parse int8 as JS numbers: money is fen and fits well inside 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(opts: {
  url?: string;
  dataDir?: string;
  pglite?: PGlite;
  poolSize?: number;
}): Promise<Database> {
  const stats = { statements: 0 };
  const logger = { logQuery: () => void stats.statements++ };
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 20 });
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
    return { db, kind: 'postgres', stats, migrate, close: () => pool.end() };
  }
  let client = opts.pglite;
  if (!client) {
    if (opts.dataDir && opts.dataDir !== 'memory://') mkdirSync(opts.dataDir, { recursive: true });
    client = await PGlite.create(opts.dataDir ? { dataDir: opts.dataDir } : {});
  }
  const db = drizzlePglite(client, { logger }) as unknown as Db;
  const owned = client;
  const migrate = () => migratePglite(drizzlePglite(owned), { migrationsFolder });
  return { db, kind: 'pglite', stats, migrate, close: () => owned.close() };
}
