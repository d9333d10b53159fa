// Seals what was written before a column was sealed (docs/PRIVACY.md "Encryption at rest"). Modules run it at start,
// before any route serves. Rows are walked in key order in batches of 500, so each is read once however large the
// table. Restart-safe and idempotent: a sealed row no longer matches `plain`, and each update names the plain value
// it replaces (`unchanged`), so two processes starting together seal a row once.
import { and, asc, eq, gt, isNull, notLike, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from './db.ts';
import type { FieldCrypto } from './field-crypto.ts';

const BATCH = 500;
/** What a sealed value starts with (`ev1.<data key id>.…`). */
const SEALED_LIKE = 'ev1.%';

type Row = Record<string, unknown>;

export interface SealBackfill<R extends Row> {
  table: PgTable;
  /** A unique text column the walk follows. */
  key: PgColumn;
  /** What each row reads, by name. */
  read: Record<keyof R & string, PgColumn>;
  /** The rows still to seal. */
  plain: SQL;
  /** The new values of a row. */
  seal(row: R): Row;
  /** The update's guard: the row still holds the values read. */
  unchanged(row: R): SQL;
}

/** Runs a backfill to the end; returns how many rows it sealed. */
export async function sealBackfill<R extends Row>(db: Db, b: SealBackfill<R>): Promise<number> {
  let sealed = 0;
  let after = '';
  for (;;) {
    const rows = (await db
      .select({ ...b.read, backfillKey: b.key })
      .from(b.table)
      .where(and(gt(b.key, after), b.plain))
      .orderBy(asc(b.key))
      .limit(BATCH)) as (R & { backfillKey: string })[];
    if (rows.length === 0) return sealed;
    after = rows.at(-1)!.backfillKey;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        const done = await tx
          .update(b.table)
          .set(b.seal(r) as PgUpdateSetSource<PgTable>)
          .where(and(eq(b.key, r.backfillKey), b.unchanged(r)))
          .returning({ key: b.key });
        sealed += done.length;
      }
    });
  }
}

/**
 * The common case: plain text columns sealed one for one (null stays null; a row half sealed is completed), plus
 * what `also` derives from the plain values (blind indexes). `skip` leaves rows out (erased accounts).
 */
export function sealColumns<C extends Record<string, PgColumn>>(
  crypto: FieldCrypto,
  spec: {
    table: PgTable;
    key: PgColumn;
    /** Named by the table's own property names (`{ phone: users.phone }`): the update sets them by those names. */
    columns: C;
    skip?: SQL;
    also?: (plain: { [K in keyof C]: string | null }) => Row;
  },
): SealBackfill<{ [K in keyof C]: string | null }> {
  type R = { [K in keyof C]: string | null };
  const entries = Object.entries(spec.columns) as [keyof C & string, PgColumn][];
  const stillPlain = or(...entries.map(([, c]) => notLike(c, SEALED_LIKE)))!;
  return {
    table: spec.table,
    key: spec.key,
    read: spec.columns,
    plain: spec.skip ? and(stillPlain, spec.skip)! : stillPlain,
    seal(row) {
      const plain = Object.fromEntries(entries.map(([k]) => [k, crypto.openOrNull(row[k])])) as R;
      const out: Row = {};
      for (const [k] of entries) out[k] = crypto.sealOrNull(plain[k]);
      return { ...out, ...spec.also?.(plain) };
    },
    unchanged: (row) => and(...entries.map(([k, c]) => (row[k] === null ? isNull(c) : eq(c, row[k]))))!,
  };
}

type Json = Record<string, unknown>;

/** Seals the named string fields of a JSON value (an address snapshot); a field already sealed is sealed afresh. */
export function sealFields<T extends object>(crypto: FieldCrypto, value: T, fields: readonly string[]): T {
  const plain = openFields(crypto, value, fields);
  const out = { ...plain } as Json;
  for (const f of fields) if (typeof out[f] === 'string') out[f] = crypto.seal(out[f]);
  return out as T;
}

/** The JSON value with its sealed fields opened; plain old values read as they are. */
export function openFields<T extends object>(crypto: FieldCrypto, value: T, fields: readonly string[]): T {
  const out = { ...value } as Json;
  for (const f of fields) if (typeof out[f] === 'string') out[f] = crypto.open(out[f]);
  return out as T;
}

/**
 * Sealed fields inside a JSON column. `marker` names the field that tells a row apart: plain and non-empty means
 * unsealed (null values and erased ones, whose marker is empty, are skipped). `also` derives blind indexes.
 */
export function sealJson<T extends object>(
  crypto: FieldCrypto,
  spec: {
    table: PgTable;
    key: PgColumn;
    /** The column and its property name on the table. */
    column: PgColumn;
    name: string;
    fields: readonly string[];
    marker: string;
    also?: (plain: T) => Row;
  },
): SealBackfill<Record<string, T>> {
  const marker = sql`${spec.column}->>${spec.marker}`;
  return {
    table: spec.table,
    key: spec.key,
    read: { [spec.name]: spec.column },
    plain: sql`${marker} <> '' and ${marker} not like ${SEALED_LIKE}`,
    seal: (r) => {
      const value = r[spec.name]!;
      return {
        [spec.name]: sealFields(crypto, value, spec.fields),
        ...spec.also?.(openFields(crypto, value, spec.fields)),
      };
    },
    unchanged: (r) => sql`${marker} = ${(r[spec.name] as Json)[spec.marker] as string}`,
  };
}
