// The naive reference the flash sale is measured against, at the same concurrency on the same database: each
// purchase is its own transaction with one guarded decrement of a single stock row and one order insert.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const DDL = `
  create table if not exists bench_naive_stock (id int primary key, stock int not null check (stock >= 0));
  create table if not exists bench_naive_orders (id bigserial primary key, user_no int not null, created_at timestamptz not null default now());
  truncate bench_naive_orders;
  delete from bench_naive_stock;
`;

interface Runner {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  transaction<T>(fn: (q: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function postgresRunner(url: string, connections: number): Promise<Runner> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  return {
    query: (text, params) => pool.query(text, params),
    async transaction(fn) {
      const c = await pool.connect();
      try {
        await c.query('begin');
        const out = await fn((text, params) => c.query(text, params));
        await c.query('commit');
        return out;
      } catch (err) {
        await c.query('rollback');
        throw err;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}

async function pgliteRunner(dataDir: string): Promise<Runner> {
  const db = await PGlite.create({ dataDir: path.join(dataDir, 'pglite') });
  return {
    query: (text, params) => db.query(text, params),
    transaction: (fn) => db.transaction((tx) => fn((text, params) => tx.query(text, params))),
    close: () => db.close(),
  };
}

export async function measureNaiveBaseline(opts: {
  url?: string | undefined;
  dataDir?: string | undefined;
  stock: number;
  buyers: number;
  connections: number;
}): Promise<{ perSec: number; sold: number; oversold: number }> {
  const db = opts.url ? await postgresRunner(opts.url, opts.connections) : await pgliteRunner(opts.dataDir!);
  try {
    for (const stmt of DDL.split(';')
      .map((s) => s.trim())
      .filter(Boolean))
      await db.query(stmt);
    await db.query('insert into bench_naive_stock (id, stock) values (1, $1)', [opts.stock]);
    let next = 0;
    let sold = 0;
    let lastWin = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: opts.connections }, async () => {
        for (let i = next++; i < opts.buyers; i = next++) {
          const won = await db.transaction(async (q) => {
            const r = await q(
              'update bench_naive_stock set stock = stock - 1 where id = 1 and stock >= 1 returning stock',
            );
            if (r.rows.length === 0) return false;
            await q('insert into bench_naive_orders (user_no) values ($1)', [i]);
            return true;
          });
          if (won) {
            sold++;
            lastWin = performance.now();
          }
        }
      }),
    );
    const orders = Number(
      ((await db.query('select count(*)::int as n from bench_naive_orders')).rows[0] as { n: number }).n,
    );
    return {
      perSec: sold / Math.max(0.001, (lastWin - started) / 1000),
      sold,
      oversold: Math.max(0, orders - opts.stock),
    };
  } finally {
    await db.close();
  }
}
