import { eq, inArray, sql } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { balancesByPrefix, checkLedgerBalance } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { ledgerEntries, ledgerJournals } from '../../platform/schema.ts';
import { getCheckoutForPayment } from '../orders/api.ts';
import { accounts } from './accounts.ts';
import { paymentOrders, payments, refunds } from './schema.ts';

interface ReconciliationCheck {
  code: string;
  name: string;
  ok: boolean;
  expected: number;
  actual: number;
  detail: string;
}

export interface ReconciliationReport {
  ok: boolean;
  checkedAt: string;
  checks: ReconciliationCheck[];
  problems: string[];
}

const MAX_LISTED = 20;

/**
 * Checks that the ledger balances and agrees with what the payments module recorded and what the orders module
 * says each order cost: every journal and the whole ledger sum to zero; money captured and refunded matches the
 * provider account; every paid order was credited its payAmount; every refund was posted once for its amount.
 */
export async function reconcile(db: Db, at: Date): Promise<ReconciliationReport> {
  const checks: ReconciliationCheck[] = [];
  const problems: string[] = [];
  const check = (
    code: string,
    name: string,
    expected: number,
    actual: number,
    mismatches: string[],
    summary: string,
    show: (n: number) => string = formatYuan,
  ) => {
    const ok = expected === actual && mismatches.length === 0;
    const totals = expected === actual ? [] : [`合计应为 ${show(expected)}，实为 ${show(actual)}`];
    const shown = [...totals, ...mismatches].slice(0, MAX_LISTED);
    problems.push(...shown.map((m) => `${name}：${m}`));
    if (totals.length + mismatches.length > shown.length)
      problems.push(`${name}：另有 ${totals.length + mismatches.length - shown.length} 处不符未列出`);
    checks.push({ code, name, ok, expected, actual, detail: ok ? summary : shown.join('；') });
  };

  // 1. Double entry.
  const ledger = await checkLedgerBalance(db);
  check(
    'journals-balanced',
    '每笔记账凭证借贷相等',
    0,
    ledger.unbalanced.length,
    ledger.unbalanced.map((u) => `凭证 ${u.journalId} 借贷差额 ${formatYuan(u.sum)}`),
    `${ledger.journals} 笔凭证均借贷平衡`,
    (n) => `${n} 笔不平衡凭证`,
  );
  check('ledger-total-zero', '总账借贷合计为零', 0, ledger.total, [], '总账合计 ¥0.00');

  // 2. Provider side: what was captured and refunded there.
  const captured = await db
    .select()
    .from(payments)
    .where(inArray(payments.status, ['succeeded', 'duplicate']));
  const capturedTotal = captured.reduce((a, p) => a + p.amount, 0);
  const byJournal = await entriesByJournal(db, ['payment.captured', 'refund']);
  const providerDebits = sumWhere(byJournal, (k, acc) => k === 'payment.captured' && acc.startsWith('provider:'));
  const capturedMissing = captured.filter(
    (p) => byJournal.get(`payment.captured|${p.id}`)?.get(accounts.provider(p.provider)) !== p.amount,
  );
  check(
    'captures-posted',
    '已收款支付 = 渠道账户借方',
    capturedTotal,
    providerDebits,
    capturedMissing.map(
      (p) =>
        `支付单 ${p.id} 收款 ${formatYuan(p.amount)}，入账 ${formatYuan(byJournal.get(`payment.captured|${p.id}`)?.get(accounts.provider(p.provider)) ?? 0)}`,
    ),
    `${captured.length} 笔收款共 ${formatYuan(capturedTotal)}`,
  );

  const allRefunds = await db.select().from(refunds);
  const completed = allRefunds.filter((r) => r.status === 'completed');
  const refundedTotal = completed.reduce((a, r) => a + r.amount, 0);
  const providerCredits = -sumWhere(byJournal, (k, acc) => k === 'refund' && acc.startsWith('provider:'));
  const refundMismatches = allRefunds.flatMap((r) => {
    const posted = byJournal.get(`refund|${r.id}`);
    const debit = [...(posted?.entries() ?? [])]
      .filter(([acc]) => !acc.startsWith('provider:'))
      .reduce((a, [, v]) => a + v, 0);
    if (r.status === 'completed' && debit !== r.amount)
      return [`退款 ${r.id}（订单 ${r.orderId}）${formatYuan(r.amount)}，入账 ${formatYuan(debit)}`];
    if (r.status === 'pending' && posted) return [`退款 ${r.id} 尚未完成却已入账`];
    return [];
  });
  check(
    'refunds-posted',
    '已完成退款 = 渠道账户贷方',
    refundedTotal,
    providerCredits,
    refundMismatches,
    `${completed.length} 笔退款共 ${formatYuan(refundedTotal)}`,
  );

  const providerBalance = (await balancesByPrefix(db, 'provider:')).reduce((a, b) => a + b.balance, 0);
  check(
    'provider-balance',
    '渠道账户余额 = 收款 − 退款',
    capturedTotal - refundedTotal,
    providerBalance,
    [],
    `渠道账户余额 ${formatYuan(providerBalance)}`,
  );

  // 3. Orders: each paid order credited its merchant exactly its payAmount, as the orders module reports it.
  const coverage =
    captured.length === 0
      ? []
      : await db
          .select()
          .from(paymentOrders)
          .where(
            inArray(
              paymentOrders.paymentId,
              captured.map((p) => p.id),
            ),
          );
  const orderMismatches: string[] = [];
  let expectedCredits = 0;
  let actualCredits = 0;
  for (const p of captured.filter((x) => x.status === 'succeeded')) {
    const checkout = await getCheckoutForPayment(db, p.checkoutId);
    const posted = byJournal.get(`payment.captured|${p.id}`);
    const paid = coverage.filter((c) => c.paymentId === p.id && c.outcome === 'paid');
    const perMerchant = new Map<string, number>();
    for (const c of paid) {
      const order = checkout?.orders.find((o) => o.orderId === c.orderId);
      if (!order) orderMismatches.push(`订单 ${c.orderId} 已收款，但订单模块查不到它`);
      else if (order.payAmount !== c.amount)
        orderMismatches.push(`订单 ${c.orderId} 实付 ${formatYuan(order.payAmount)}，收款记为 ${formatYuan(c.amount)}`);
      else if (order.status === 'pending_payment' || order.status === 'cancelled')
        orderMismatches.push(`订单 ${c.orderId} 已收款，但订单状态为 ${order.status}`);
      expectedCredits += order?.payAmount ?? 0;
      perMerchant.set(c.merchantId, (perMerchant.get(c.merchantId) ?? 0) + (order?.payAmount ?? c.amount));
    }
    for (const [merchantId, expected] of perMerchant) {
      const credit = -(posted?.get(accounts.pending(merchantId)) ?? 0);
      actualCredits += credit;
      if (credit !== expected)
        orderMismatches.push(
          `支付单 ${p.id} 应计入商家 ${merchantId} 待结算 ${formatYuan(expected)}，实际 ${formatYuan(credit)}`,
        );
    }
  }
  check(
    'orders-credited',
    '已支付订单的商家待结算入账 = 订单实付',
    expectedCredits,
    actualCredits,
    orderMismatches,
    `${coverage.filter((c) => c.outcome === 'paid').length} 个已支付订单均按实付金额入账`,
  );

  // 4. Refunds per order: never more than was paid; the ledger holds exactly the recorded ones.
  const overRefunded: string[] = [];
  for (const c of coverage) {
    const asked = allRefunds
      .filter((r) => r.paymentId === c.paymentId && r.orderId === c.orderId)
      .reduce((a, r) => a + r.amount, 0);
    if (asked > c.amount)
      overRefunded.push(`订单 ${c.orderId} 实付 ${formatYuan(c.amount)}，退款合计 ${formatYuan(asked)}`);
  }
  const perOrderLedger = new Map<string, number>();
  const perOrderRecorded = new Map<string, number>();
  for (const r of completed) {
    perOrderRecorded.set(r.orderId, (perOrderRecorded.get(r.orderId) ?? 0) + r.amount);
    const debit = [...(byJournal.get(`refund|${r.id}`)?.entries() ?? [])]
      .filter(([acc]) => !acc.startsWith('provider:'))
      .reduce((a, [, v]) => a + v, 0);
    perOrderLedger.set(r.orderId, (perOrderLedger.get(r.orderId) ?? 0) + debit);
  }
  const perOrderMismatch = [...perOrderRecorded]
    .filter(([o, v]) => perOrderLedger.get(o) !== v)
    .map(([o, v]) => `订单 ${o} 记录退款 ${formatYuan(v)}，账上 ${formatYuan(perOrderLedger.get(o) ?? 0)}`);
  check(
    'refunds-per-order',
    '每个订单的退款：账上 = 记录，且不超过实付',
    refundedTotal,
    [...perOrderLedger.values()].reduce((a, b) => a + b, 0),
    [...overRefunded, ...perOrderMismatch],
    `${perOrderRecorded.size} 个订单的退款账实相符`,
  );

  // 5. Suspense holds exactly the late money not yet sent back.
  const lateIn = coverage.filter((c) => c.outcome === 'not_payable').reduce((a, c) => a + c.amount, 0);
  const lateOut = completed.filter((r) => r.source === 'late_payment').reduce((a, r) => a + r.amount, 0);
  const suspense = -(await balancesByPrefix(db, accounts.suspense)).reduce((a, b) => a + b.balance, 0);
  check(
    'suspense',
    '挂账（迟到付款）余额 = 待退回金额',
    lateIn - lateOut,
    suspense,
    [],
    lateIn - lateOut === 0 ? '迟到付款均已退回' : `${formatYuan(lateIn - lateOut)} 迟到付款退款处理中`,
  );

  return { ok: checks.every((c) => c.ok), checkedAt: at.toISOString(), checks, problems };
}

/** The operator's view of the same checks. */
export async function runReconciliation(ctx: Ctx): Promise<ReconciliationReport> {
  requireOperator(ctx.actor);
  return reconcile(ctx.db, ctx.now());
}

/** `kind|refId` → account → sum, for the journals of the given kinds. */
async function entriesByJournal(db: Db, kinds: string[]): Promise<Map<string, Map<string, number>>> {
  const rows = await db
    .select({
      kind: ledgerJournals.kind,
      refId: ledgerJournals.refId,
      account: ledgerEntries.account,
      total: sql<string>`sum(${ledgerEntries.amount})`,
    })
    .from(ledgerJournals)
    .innerJoin(ledgerEntries, eq(ledgerEntries.journalId, ledgerJournals.id))
    .where(inArray(ledgerJournals.kind, kinds))
    .groupBy(ledgerJournals.kind, ledgerJournals.refId, ledgerEntries.account);
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = `${r.kind}|${r.refId}`;
    const m = out.get(key) ?? new Map<string, number>();
    m.set(r.account, Number(r.total));
    out.set(key, m);
  }
  return out;
}

function sumWhere(
  byJournal: Map<string, Map<string, number>>,
  pick: (kind: string, account: string) => boolean,
): number {
  let total = 0;
  for (const [key, m] of byJournal) {
    const kind = key.slice(0, key.indexOf('|'));
    for (const [acc, v] of m) if (pick(kind, acc)) total += v;
  }
  return total;
}
