import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { formatYuan } from '../../platform/money.ts';
import { ledgerEntries, ledgerJournals } from '../../platform/schema.ts';
import { accounts } from './accounts.ts';
import type { ParsedBill } from './bills.ts';
import { payments, refunds } from './schema.ts';

interface BillReconciliation {
  provider: string;
  /** The bill's business day, Asia/Shanghai (YYYY-MM-DD). */
  date: string;
  ok: boolean;
  matchedPayments: number;
  matchedRefunds: number;
  /** Fen: the provider's service fees of the day (not in our ledger: the provider keeps them). */
  fees: number;
  problems: string[];
}

/**
 * Compares one day's bill with what we recorded: every payment and refund the provider lists must be in our books
 * for the same amount (and the capture journal must hold it), and everything we booked for that provider that day
 * must be in the bill. The bill's own footer totals must match its rows.
 */
export async function reconcileBill(db: Db, bill: ParsedBill, date: string): Promise<BillReconciliation> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`bill date must be YYYY-MM-DD, got "${date}"`);
  const from = new Date(`${date}T00:00:00+08:00`);
  const to = new Date(from.getTime() + 24 * 3600_000);
  const problems: string[] = [];

  if (bill.declared.payments !== bill.counted.payments)
    problems.push(
      `账单合计收款 ${formatYuan(bill.declared.payments)}，明细合计 ${formatYuan(bill.counted.payments)}（文件不完整或被改动）`,
    );
  if (bill.declared.refunds !== bill.counted.refunds)
    problems.push(
      `账单合计支出/退款 ${formatYuan(bill.declared.refunds)}，明细合计 ${formatYuan(bill.counted.refunds)}（文件不完整或被改动）`,
    );
  if (bill.declared.count !== undefined && bill.declared.count !== bill.counted.count)
    problems.push(`账单声明 ${bill.declared.count} 笔，实有 ${bill.counted.count} 笔`);

  const billed = bill.lines.filter((l) => l.kind === 'payment');
  const billedRefunds = bill.lines.filter((l) => l.kind === 'refund');
  const ids = [...new Set([...billed, ...billedRefunds].map((l) => l.paymentId))];
  const [known, paidThatDay] = await Promise.all([
    ids.length === 0 ? [] : db.select().from(payments).where(inArray(payments.id, ids)),
    db
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.provider, bill.provider),
          inArray(payments.status, ['succeeded', 'duplicate']),
          gte(payments.paidAt, from),
          lt(payments.paidAt, to),
        ),
      ),
  ]);
  const byId = new Map(known.map((p) => [p.id, p]));
  const captured = await capturedInLedger(db, bill.provider, ids);

  let matchedPayments = 0;
  for (const line of billed) {
    const p = byId.get(line.paymentId);
    if (!p || p.provider !== bill.provider) {
      problems.push(
        `账单收款 ${line.paymentId}（渠道单号 ${line.providerTradeNo}）${formatYuan(line.amount)}：系统中没有这笔支付`,
      );
    } else if (p.status !== 'succeeded' && p.status !== 'duplicate') {
      problems.push(
        `账单收款 ${p.id} ${formatYuan(line.amount)}：系统中状态为 ${p.status}，未入账（请查询渠道后补单）`,
      );
    } else if (p.amount !== line.amount) {
      problems.push(`支付单 ${p.id} 系统金额 ${formatYuan(p.amount)}，账单 ${formatYuan(line.amount)}`);
    } else if (captured.get(p.id) !== line.amount) {
      problems.push(
        `支付单 ${p.id} 账单 ${formatYuan(line.amount)}，总账收款凭证 ${formatYuan(captured.get(p.id) ?? 0)}`,
      );
    } else matchedPayments += 1;
  }
  const billedIds = new Set(billed.map((l) => l.paymentId));
  for (const p of paidThatDay)
    if (!billedIds.has(p.id)) problems.push(`支付单 ${p.id} 系统已收款 ${formatYuan(p.amount)}，当日账单中没有`);

  // Refunds: by our refund id where the bill carries it (WeChat Pay), else per payment (Alipay 账务明细).
  const ours = await db
    .select({ r: refunds, provider: payments.provider })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(
      and(
        eq(payments.provider, bill.provider),
        eq(refunds.status, 'completed'),
        gte(refunds.completedAt, from),
        lt(refunds.completedAt, to),
      ),
    );
  let matchedRefunds = 0;
  const byRefundId = billedRefunds.every((l) => l.refundId);
  const key = (paymentId: string, refundId: string | undefined) => (byRefundId ? `${refundId}` : paymentId);
  const billedSums = new Map<string, number>();
  for (const l of billedRefunds)
    billedSums.set(key(l.paymentId, l.refundId), (billedSums.get(key(l.paymentId, l.refundId)) ?? 0) + l.amount);
  const ourSums = new Map<string, number>();
  for (const { r } of ours) ourSums.set(key(r.paymentId, r.id), (ourSums.get(key(r.paymentId, r.id)) ?? 0) + r.amount);
  for (const [k, amount] of billedSums) {
    const mine = ourSums.get(k);
    if (mine === undefined) problems.push(`账单退款 ${k} ${formatYuan(amount)}：系统当日没有已完成的对应退款`);
    else if (mine !== amount) problems.push(`退款 ${k} 系统 ${formatYuan(mine)}，账单 ${formatYuan(amount)}`);
    else matchedRefunds += 1;
  }
  for (const [k, amount] of ourSums)
    if (!billedSums.has(k)) problems.push(`退款 ${k} 系统已完成 ${formatYuan(amount)}，当日账单中没有`);

  return {
    provider: bill.provider,
    date,
    ok: problems.length === 0,
    matchedPayments,
    matchedRefunds,
    fees: bill.lines.filter((l) => l.kind === 'fee').reduce((a, l) => a + l.amount, 0),
    problems,
  };
}

/** payment id → what its capture journal debited to the provider's account. */
async function capturedInLedger(db: Db, provider: string, paymentIds: string[]): Promise<Map<string, number>> {
  if (paymentIds.length === 0) return new Map();
  const rows = await db
    .select({ refId: ledgerJournals.refId, amount: ledgerEntries.amount })
    .from(ledgerJournals)
    .innerJoin(ledgerEntries, eq(ledgerEntries.journalId, ledgerJournals.id))
    .where(
      and(
        eq(ledgerJournals.kind, 'payment.captured'),
        inArray(ledgerJournals.refId, paymentIds),
        eq(ledgerEntries.account, accounts.provider(provider)),
      ),
    );
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.refId, (out.get(r.refId) ?? 0) + Number(r.amount));
  return out;
}
