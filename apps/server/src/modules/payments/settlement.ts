import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { accountBalance, postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { ledgerEntries, ledgerJournals } from '../../platform/schema.ts';
import { accounts } from './accounts.ts';
import { paymentOrders, payments, refunds } from './schema.ts';

export interface OrderCompleted {
  orderId: string;
  merchantId: string;
  payAmount: number;
  refundedAmount: number;
  completedAt: string;
}

/**
 * A completed order's money becomes the merchant's to withdraw: what was credited to them for it, less the
 * refunds already taken back, moves from pending to available. Posted once per order (journal kind + refId).
 */
export async function settleOrder(db: Db, event: OrderCompleted, at: Date, log: Logger): Promise<void> {
  const [coverage] = await db
    .select({ paymentId: paymentOrders.paymentId, amount: paymentOrders.amount, merchantId: paymentOrders.merchantId })
    .from(paymentOrders)
    .innerJoin(payments, eq(payments.id, paymentOrders.paymentId))
    .where(
      and(
        eq(paymentOrders.orderId, event.orderId),
        eq(paymentOrders.outcome, 'paid'),
        eq(payments.status, 'succeeded'),
      ),
    );
  if (!coverage) return;
  // Same lock as refunds take: a refund completing at this moment is either counted here or debits available.
  await db
    .select({ orderId: paymentOrders.orderId })
    .from(paymentOrders)
    .where(and(eq(paymentOrders.paymentId, coverage.paymentId), eq(paymentOrders.orderId, event.orderId)))
    .for('update');
  const pendingAccount = accounts.pending(coverage.merchantId);
  const [taken] = await db
    .select({ total: sql<string>`coalesce(sum(${refunds.amount}), 0)` })
    .from(refunds)
    .where(
      and(
        eq(refunds.orderId, event.orderId),
        eq(refunds.status, 'completed'),
        eq(refunds.debitAccount, pendingAccount),
      ),
    );
  const amount = coverage.amount - Number(taken?.total ?? 0);
  const reported = event.payAmount - event.refundedAmount;
  if (amount !== reported) {
    // The ledger is the source of truth for money; reconciliation surfaces the difference to an operator.
    log.warn({ orderId: event.orderId, ledger: amount, reported }, 'settlement amount differs from the order totals');
  }
  await postJournal(db, {
    kind: 'settlement',
    refId: event.orderId,
    memo: `订单 ${event.orderId} 确认完成，${formatYuan(amount)} 转为可提现`,
    at,
    lines: [
      { account: pendingAccount, amount },
      { account: accounts.available(coverage.merchantId), amount: -amount },
    ],
  });
}

const KIND_LABEL: Record<string, string> = {
  'payment.captured': '订单收款',
  refund: '退款',
  settlement: '结算入账',
  // Posted by distribution on the merchant's accounts (docs/DISTRIBUTION.md).
  'commission.recorded': '推广佣金',
  'commission.reversed': '推广佣金退回',
  'commission.settled': '推广佣金结算',
  // Posted by coupons when a platform coupon lowered the buyer's price (docs/COUPONS.md "Who pays").
  'coupon.subsidy': '平台券补贴',
  'coupon.subsidy-reversed': '平台券补贴退回',
  'coupon.subsidy-settled': '平台券补贴结算',
  // Posted by points when points paid part of the order: the platform funds them (docs/POINTS.md "Who pays").
  'points.subsidy': '积分抵扣补贴',
  'points.subsidy-reversed': '积分抵扣补贴退回',
  'points.subsidy-settled': '积分抵扣补贴结算',
  // Posted by content when a course names a creator (docs/CONTENT.md "Creator revenue share").
  'content.creator-share': '课程创作者分成',
  'content.creator-share-reversed': '课程创作者分成退回',
  'content.creator-share-settled': '课程创作者分成结算',
  // Posted by charity when a pledged product sells (docs/POINTS.md "Charity products").
  'charity.donation': '公益商品捐赠',
  'charity.donation-reversed': '公益商品捐赠退回',
  'charity.donation-settled': '公益商品捐赠结算',
};

export interface FinanceEntry {
  entryId: string;
  kind: string;
  kindLabel: string;
  refId: string;
  memo: string | null;
  account: 'pending' | 'available';
  /** Positive: the merchant is owed more; negative: less. */
  amount: number;
  createdAt: string;
}

/** The merchant's balances (positive = owed to them) and their newest ledger entries. */
export async function merchantFinance(
  ctx: Ctx,
): Promise<{ merchantId: string; pending: number; available: number; recent: FinanceEntry[] }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'finance.read');
  const [pending, available] = await Promise.all([
    accountBalance(ctx.db, accounts.pending(merchantId)),
    accountBalance(ctx.db, accounts.available(merchantId)),
  ]);
  const recent = await merchantEntries(ctx.db, merchantId, undefined, 20);
  return { merchantId, pending: -pending, available: -available, recent: recent.items };
}

export async function listMerchantEntries(
  ctx: Ctx,
  query: { cursor?: string; limit?: number },
): Promise<{ items: FinanceEntry[]; nextCursor: string | null }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'finance.read');
  return merchantEntries(ctx.db, merchantId, query.cursor, query.limit ?? 20);
}

async function merchantEntries(db: Db, merchantId: string, cursor: string | undefined, limit: number) {
  const names = [accounts.pending(merchantId), accounts.available(merchantId)];
  const rows = await db
    .select({
      entryId: ledgerEntries.id,
      account: ledgerEntries.account,
      amount: ledgerEntries.amount,
      createdAt: ledgerEntries.createdAt,
      kind: ledgerJournals.kind,
      refId: ledgerJournals.refId,
      memo: ledgerJournals.memo,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerJournals, eq(ledgerJournals.id, ledgerEntries.journalId))
    .where(and(inArray(ledgerEntries.account, names), cursor ? lt(ledgerEntries.id, cursor) : undefined))
    .orderBy(desc(ledgerEntries.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({
    entryId: r.entryId,
    kind: r.kind,
    kindLabel: KIND_LABEL[r.kind] ?? r.kind,
    refId: r.refId,
    memo: r.memo,
    account: r.account.endsWith(':pending') ? ('pending' as const) : ('available' as const),
    amount: -r.amount,
    createdAt: r.createdAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.entryId : null };
}
