import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db.ts';

/**
 * Inserts many rows as one `insert … select * from unnest($1::text[], $2::bigint[], …)`: one array parameter per
 * column instead of one parameter per value. Building a 200-row VALUES list costs Drizzle ~0.4 ms per row, which
 * made SQL text the bottleneck of a flash-sale batch; arrays cost microseconds and the statement text never changes.
 * Columns are the keys of the first row; every row must have the same keys (use null for "no value").
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  opts: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(bulkInsertSql(table, rows, opts));
}

/** The statement `bulkInsert` runs, to be combined with others by `insertTogether`. `rows` must not be empty. */
export function bulkInsertSql<T extends PgTable>(
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  opts: { onConflictDoNothing?: boolean; after?: string; returning?: string } = {},
): SQL {
  const columns = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
  const keys = Object.keys(rows[0]!);
  const parts = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`bulkInsert: ${getTableName(table)} has no column ${key}`);
    const type = column.getSQLType();
    const values = rows.map((r) => encode((r as Record<string, unknown>)[key], type));
    return { name: sql.identifier(column.name), array: sql`${sql.param(values)}::${sql.raw(type)}[]` };
  });
  // `after`: the name of a one-row CTE the caller defines that must run before any row is produced — e.g. taking a
  // lock before the rows draw their sequence values. Every row is joined to it, so none exists before it has run.
  return sql`insert into ${table} (${sql.join(
    parts.map((p) => p.name),
    sql`, `,
  )}) ${opts.after ? sql.raw(`select u.* from ${opts.after}, `) : sql`select * from `}unnest(${sql.join(
    parts.map((p) => p.array),
    sql`, `,
  )})${opts.after ? sql.raw(' u') : sql``}${opts.onConflictDoNothing ? sql` on conflict do nothing` : sql``}${opts.returning ? sql.raw(` returning ${opts.returning}`) : sql``}`;
}

/**
 * Runs several inserts as one statement (data-modifying CTEs): one round trip for an order, its lines, its
 * timeline and its event. Foreign keys are checked at the end of the statement, so the inserts may refer to each
 * other; none can read another's rows.
 */
export async function insertTogether(db: Db, inserts: readonly SQL[]): Promise<void> {
  if (inserts.length === 0) return;
  if (inserts.length === 1) {
    await db.execute(inserts[0]!);
    return;
  }
  await db.execute(
    sql`with ${sql.join(
      inserts.map((insert, i) => sql`${sql.raw(`w${i}`)} as (${insert})`),
      sql`, `,
    )} select 1`,
  );
}

function encode(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'jsonb' || type === 'json') return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}
