import { eq, getTableColumns, getTableName, or, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Deps } from '../deps.ts';
import type { Db } from './db.ts';
import { FieldCrypto } from './field-crypto.ts';
import { definePort } from './port.ts';

/**
 * Personal-data declarations (docs/PRIVACY.md): each module states, next to its schema, which of its tables hold
 * data about a person, why, for how long, and what account erasure does to them. The privacy module reads these
 * declarations through each module's api.ts to show the inventory, build "download my data" archives and erase
 * cancelled accounts — so no module ever reads or writes another's tables.
 */

/** personal: identifies or describes a person; sensitive: PIPL Art. 28 (financial accounts, identity, precise location, minors). */
type PersonalClass = 'personal' | 'sensitive';

/** Who a request is about: their user id, and their phone for tables keyed by phone (login codes). */
export interface DataSubject {
  userId: string;
  phone: string;
}

/** What erasure does to the person's rows: delete them, keep them as they are, or overwrite the named columns. */
export type Erasure =
  | { kind: 'delete' }
  | { kind: 'keep'; why: string }
  | { kind: 'anonymise'; set: Record<string, unknown> | ((who: DataSubject) => Record<string, unknown>); why: string };

export interface PersonalTable {
  table: PgTable;
  /** Columns holding the person's user id: a row is theirs when any of them equals it. */
  by?: PgColumn[];
  /** Blind indexes of the person's phone number (a sealed phone column is found by its index, never by value). */
  byPhone?: { index: PgColumn; context: string }[];
  /**
   * Columns sealed at rest (platform/field-crypto.ts): the archive shows them opened. A JSON column is opened one
   * level deep (an address snapshot whose recipient, phone and detail are sealed).
   */
  sealed?: PgColumn[];
  /** Why it is collected, in the words the privacy centre shows. */
  purpose: string;
  /** The personal and sensitive columns (SQL names); every other column is internal (ids, states, times). */
  classes: Record<string, PersonalClass>;
  /** How long it is kept, in words. */
  retention: string;
  erase: Erasure;
}

/** One table of the inventory, as the privacy centre and docs/PRIVACY.md show it. */
export interface InventoryEntry {
  module: string;
  table: string;
  purpose: string;
  columns: { name: string; class: PersonalClass }[];
  retention: string;
  erasure: 'delete' | 'keep' | 'anonymise';
  erasureNote: string | null;
}

/** What a module provides to the privacy module (through its api.ts). */
export interface PersonalData {
  module: string;
  inventory: InventoryEntry[];
  /**
   * Erasure that cannot run inside a transaction (it copies out of PostgreSQL into an analytics engine): the
   * privacy module runs it after the erasure job has committed, with the pool as `db`.
   */
  afterCommit?: true;
  /** Every row about the person, per table. `db` is the caller's transaction (a job's), or the pool. */
  collect(deps: Deps, db: Db, who: DataSubject): Promise<Record<string, unknown[]>>;
  /** Applies each table's erasure in `db`; returns the rows touched per table. Safe to run twice. */
  erase(deps: Deps, db: Db, who: DataSubject): Promise<Record<string, number>>;
}

/** How long kinds of data are kept (docs/PRIVACY.md "Retention"), in the words the privacy centre shows. */
export const RETAIN = {
  account: '账号存续期间；注销后删除',
  login: '验证码 5 分钟、登录会话 30 天内有效；注销时删除',
  trade: '交易完成之日起三年（《电子商务法》第 31 条）；注销后仅以匿名编号保留',
  content: '公开期间；注销后以“匿名用户”署名保留，本人可先行删除',
  behaviour: '账号存续期间（行为事件另有 ANALYTICS_RETENTION_DAYS 上限）；注销时删除',
  preference: '直到本人修改；注销时删除',
} as const;

export const DELETE: Erasure = { kind: 'delete' };
/** Trade and accounting records: the law keeps them; after erasure the account they name is anonymous. */
export const KEEP_FOR_BOOKS: Erasure = {
  kind: 'keep',
  why: '交易、退款与账务记录须依法留存并保持账目平衡；注销后其中的账号已匿名，记录不再能识别到本人',
};
/** Public contributions others reply to or rely on: kept, signed 匿名用户 once the account is anonymised. */
export const KEEP_AS_ANONYMOUS: Erasure = {
  kind: 'keep',
  why: '公开内容保留以免他人的回复与评价失去上下文，署名显示为“匿名用户”',
};

const erasureWhy = (e: Erasure) => (e.kind === 'delete' ? null : e.why);

export function inventoryOf(module: string, tables: PersonalTable[]): InventoryEntry[] {
  return tables.map((t) => ({
    module,
    table: getTableName(t.table),
    purpose: t.purpose,
    columns: Object.entries(t.classes).map(([name, cls]) => ({ name, class: cls })),
    retention: t.retention,
    erasure: t.erase.kind,
    erasureNote: erasureWhy(t.erase),
  }));
}

/** A row with its sealed columns opened, for the person's own archive. */
function openSealed(deps: Deps, t: PersonalTable, row: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.entries(getTableColumns(t.table))
    .filter(([, c]) => t.sealed!.includes(c))
    .map(([k]) => k);
  const open = (v: unknown): unknown =>
    typeof v === 'string' && FieldCrypto.isSealed(v) ? deps.fieldCrypto.open(v) : v;
  const out = { ...row };
  for (const k of keys) {
    const v = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).map(([f, x]) => [f, open(x)]))
        : open(v);
  }
  return out;
}

function whereSubject(deps: Deps, t: PersonalTable, who: DataSubject): SQL {
  const conds = [
    ...(t.by ?? []).map((c) => eq(c, who.userId)),
    ...(t.byPhone ?? []).map((p) => eq(p.index, who.phone ? deps.fieldCrypto.blindIndex(p.context, who.phone) : '')),
  ];
  if (conds.length === 0) throw new Error(`${getTableName(t.table)}: a personal table needs a subject column`);
  return conds.length === 1 ? conds[0]! : or(...conds)!;
}

/**
 * A module's declaration made usable: export reads every row matching the subject columns; erasure runs the tables
 * in reverse order (children are declared after their parents, so deletes never break a foreign key), all in one
 * transaction per module.
 */
export function personalData(module: string, tables: PersonalTable[]): PersonalData {
  for (const t of tables) {
    const names = new Set(Object.values(getTableColumns(t.table)).map((c) => c.name));
    for (const col of Object.keys(t.classes)) {
      if (!names.has(col)) throw new Error(`${getTableName(t.table)}.${col}: no such column`);
    }
  }
  return {
    module,
    inventory: inventoryOf(module, tables),
    async collect(deps, db, who) {
      const out: Record<string, unknown[]> = {};
      for (const t of tables) {
        const rows = await db
          .select()
          .from(t.table)
          .where(whereSubject(deps, t, who));
        out[getTableName(t.table)] = t.sealed?.length ? rows.map((r) => openSealed(deps, t, r)) : rows;
      }
      return out;
    },
    async erase(deps, db, who) {
      return db.transaction(async (tx) => {
        const touched: Record<string, number> = {};
        for (const t of [...tables].reverse()) {
          const name = getTableName(t.table);
          if (t.erase.kind === 'keep') continue;
          const rows =
            t.erase.kind === 'delete'
              ? await tx
                  .delete(t.table)
                  .where(whereSubject(deps, t, who))
                  .returning()
              : await tx
                  .update(t.table)
                  .set(typeof t.erase.set === 'function' ? t.erase.set(who) : t.erase.set)
                  .where(whereSubject(deps, t, who))
                  .returning();
          touched[name] = rows.length;
        }
        return touched;
      });
    },
  };
}

/**
 * Records a consent change made on a module's own settings page (账号设置's 营销消息, 推荐设置) in the privacy
 * module's consent history, in the caller's transaction. The switches live in lifecycle and discovery, which sit
 * below privacy; privacy provides the recorder when wired (platform/port.ts).
 */
export type ConsentRecorder = (
  db: Db,
  change: { userId: string; purpose: 'marketing' | 'personalisation'; granted: boolean; at: Date },
) => Promise<void>;
export const consentRecorder = definePort<ConsentRecorder>('consent recorder', 'privacy/events.ts');
