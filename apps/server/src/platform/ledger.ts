import { eq, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { newId } from './ids.ts';
import { ledgerEntries, ledgerJournals } from './schema.ts';

/**
 * Double-entry ledger. Account names are paths: `provider:sandbox`, `merchant:mer_…:pending`.
 * Debits are positive, credits negative; every journal sums to zero.
 */
export interface JournalInput {
  kind: string;
  refId: string;
  memo?: string;
  at: Date;
  lines: { account: string; amount: number }[];
  /** Unit of the amounts: 'CNY' fen by default; 'PTS' for points journals (see docs/POINTS.md). */
  currency?: string;
}

/** Posts a balanced journal in the caller's transaction. Returns false when (kind, refId) was already posted. */
export async function postJournal(db: Db, input: JournalInput): Promise<boolean> {
  const lines = input.lines.filter((l) => l.amount !== 0);
  const sum = lines.reduce((a, l) => a + l.amount, 0);
  if (sum !== 0 || lines.some((l) => !Number.isSafeInteger(l.amount))) {
    throw new Error(`unbalanced journal ${input.kind}/${input.refId}: sum ${sum}`);
  }
  // The journal and its entries in one statement: the entries are inserted only if the journal row was (a
  // retried (kind, refId) inserts neither), and the foreign key is checked at the end of the statement.
  const journalId = newId('jrn');
  const result = await db.execute(sql`
    with journal as (
      insert into ${ledgerJournals} (id, kind, ref_id, memo, created_at)
      values (${journalId}, ${input.kind}, ${input.refId}, ${input.memo ?? null}, ${input.at.toISOString()}::timestamptz)
      on conflict do nothing
      returning id
    ), entries as (
      insert into ${ledgerEntries} (id, journal_id, account, amount, currency, created_at)
      select e.id, journal.id, e.account, e.amount, ${input.currency ?? 'CNY'}, ${input.at.toISOString()}::timestamptz
      from journal, unnest(${sql.param(lines.map(() => newId('ent')))}::text[],
        ${sql.param(lines.map((l) => l.account))}::text[], ${sql.param(lines.map((l) => l.amount))}::bigint[])
        as e(id, account, amount)
      returning 1
    )
    select count(*)::int as posted from journal`);
  return (result as { rows: { posted: number }[] }).rows[0]!.posted > 0;
}

export async function accountBalance(db: Db, account: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.account, account));
  return Number(row?.total ?? 0);
}

/** Sum by account whose name starts with `prefix` (e.g. every `merchant:` account). */
export async function balancesByPrefix(db: Db, prefix: string): Promise<{ account: string; balance: number }[]> {
  const rows = await db
    .select({ account: ledgerEntries.account, balance: sql<string>`sum(${ledgerEntries.amount})` })
    .from(ledgerEntries)
    .where(sql`${ledgerEntries.account} like ${prefix + '%'}`)
    .groupBy(ledgerEntries.account)
    .orderBy(ledgerEntries.account);
  return rows.map((r) => ({ account: r.account, balance: Number(r.balance) }));
}

/** Journals whose entries do not sum to zero, and the grand total (must be zero). */
export async function checkLedgerBalance(
  db: Db,
): Promise<{ total: number; unbalanced: { journalId: string; sum: number }[]; journals: number }> {
  const unbalanced = await db
    .select({ journalId: ledgerEntries.journalId, sum: sql<string>`sum(${ledgerEntries.amount})` })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.journalId)
    .having(sql`sum(${ledgerEntries.amount}) <> 0`);
  const [tot] = await db.select({ total: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)` }).from(ledgerEntries);
  const [cnt] = await db.select({ n: sql<number>`count(*)::int` }).from(ledgerJournals);
  return {
    total: Number(tot?.total ?? 0),
    unbalanced: unbalanced.map((u) => ({ journalId: u.journalId, sum: Number(u.sum) })),
    journals: cnt?.n ?? 0,
  };
}
