import { eq, inArray, sql } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { balancesByPrefix, checkLedgerBalance } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { ledgerEntries, ledgerJournals } from '../../platform/schema.ts';
import { accounts } from './accounts.ts';
import { commissions, withdrawals } from './schema.ts';

export interface DistributionCheck {
  code: string;
  name: string;
  ok: boolean;
  expected: number;
  actual: number;
}

/**
 * Distribution's books against the ledger: every commission was posted for its amount and reversed exactly as far
 * as recorded; promoters' pending balances equal the unsettled commission; what is held equals the withdrawals in
 * flight; what went out and what was withheld equal the paid withdrawals; the whole ledger still sums to zero.
 */
async function reconcileDistribution(
  db: Db,
): Promise<{ ok: boolean; checks: DistributionCheck[]; problems: string[] }> {
  const checks: DistributionCheck[] = [];
  const problems: string[] = [];
  const check = (code: string, name: string, expected: number, actual: number) => {
    const ok = expected === actual;
    if (!ok) problems.push(`${name}：应为 ${formatYuan(expected)}，实为 ${formatYuan(actual)}`);
    checks.push({ code, name, ok, expected, actual });
  };
  const ledger = await checkLedgerBalance(db);
  check('ledger-balanced', '总账借贷平衡（不平衡凭证数 + 合计）', 0, ledger.unbalanced.length + Math.abs(ledger.total));

  const rows = await db.select().from(commissions);
  const posted = await promoterSums(db, ['commission.recorded', 'commission.reversed']);
  const recorded = rows.reduce((a, c) => a + c.amount, 0);
  const reversed = rows.reduce((a, c) => a + c.reversedAmount, 0);
  check('commissions-recorded', '佣金记录 = 入账佣金', recorded, -(posted.get('commission.recorded') ?? 0));
  check('commissions-reversed', '冲回记录 = 入账冲回', reversed, posted.get('commission.reversed') ?? 0);

  const unsettled = rows.filter((c) => c.status === 'pending').reduce((a, c) => a + c.amount - c.reversedAmount, 0);
  const pending = (await balancesByPrefix(db, 'promoter:'))
    .filter((b) => b.account.endsWith(':pending'))
    .reduce((a, b) => a - b.balance, 0);
  check('promoter-pending', '推广者待结算余额 = 未结算佣金', unsettled, pending);

  const all = await db
    .select()
    .from(withdrawals)
    .where(inArray(withdrawals.status, ['processing', 'paid']));
  const inFlight = all.filter((w) => w.status === 'processing').reduce((a, w) => a + w.amount, 0);
  const held = (await balancesByPrefix(db, 'promoter:'))
    .filter((b) => b.account.endsWith(':withdrawing'))
    .reduce((a, b) => a - b.balance, 0);
  check('withdrawals-held', '提现冻结 = 打款中的提现', inFlight, held);
  const paid = all.filter((w) => w.status === 'paid');
  const paidOut = -(await balancesByPrefix(db, 'payout:')).reduce((a, b) => a + b.balance, 0);
  check(
    'payouts',
    '已打款 = 已到账提现实发合计',
    paid.reduce((a, w) => a + w.net, 0),
    paidOut,
  );
  const [tax] = await db
    .select({ total: sql<string>`coalesce(sum(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.account, accounts.taxWithheld));
  check(
    'tax-withheld',
    '代扣个税 = 已到账提现代扣合计',
    paid.reduce((a, w) => a + w.withheld, 0),
    -Number(tax?.total ?? 0),
  );
  return { ok: checks.every((c) => c.ok), checks, problems };
}

export async function runDistributionReconciliation(ctx: Ctx) {
  requireOperator(ctx.actor);
  return reconcileDistribution(ctx.db);
}

/** Sum of the entries on promoter accounts per journal kind. */
async function promoterSums(db: Db, kinds: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ kind: ledgerJournals.kind, total: sql<string>`sum(${ledgerEntries.amount})` })
    .from(ledgerEntries)
    .innerJoin(ledgerJournals, eq(ledgerJournals.id, ledgerEntries.journalId))
    .where(sql`${ledgerJournals.kind} in ${kinds} and ${ledgerEntries.account} like 'promoter:%'`)
    .groupBy(ledgerJournals.kind);
  return new Map(rows.map((r) => [r.kind, Number(r.total)]));
}
