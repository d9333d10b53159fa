import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { jobs, ledgerJournals } from '../../platform/schema.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import { accounts } from './accounts.ts';
import { paymentOrders, payments, refunds } from './schema.ts';

export const EXECUTE_REFUND_JOB = 'payments.execute-refund';

class RefundStillProcessing extends Error {
  constructor(refundId: string) {
    super(`refund ${refundId} is still processing at the provider; asking again later`);
  }
}

const refuse = refusals({
  'order-not-paid': [422, '该订单没有可退的付款'],
  'refund-exceeds-paid': [422, '退款金额超过订单实付金额'],
});
export type RefundRefusal = 'order-not-paid' | 'refund-exceeds-paid';

export interface RefundInput {
  orderId: string;
  merchantId: string;
  /** Fen, > 0. */
  amount: number;
  /** The caller's reference: asking again with it returns the first refund instead of refunding twice. */
  refId: string;
  reason: string;
  at: Date;
}

export interface RefundView {
  refundId: string;
  orderId: string;
  amount: number;
  reason: string;
  status: 'pending' | 'completed';
  requestedAt: string;
  completedAt: string | null;
}

type Coverage = typeof paymentOrders.$inferSelect;

/** What paid for an order: its share of a succeeded payment, if there is one. */
async function paidCoverage(db: Db, orderId: string): Promise<Coverage | undefined> {
  const [row] = await db
    .select()
    .from(paymentOrders)
    .innerJoin(payments, eq(payments.id, paymentOrders.paymentId))
    .where(
      and(eq(paymentOrders.orderId, orderId), eq(paymentOrders.outcome, 'paid'), eq(payments.status, 'succeeded')),
    );
  return row?.payment_orders;
}

/**
 * Refunds part of what the buyer paid for an order, in the caller's transaction. Guarded where the money moves:
 * the refunds of an order never add up to more than was paid for it. The provider call happens in a job
 * (enqueued in this same transaction), which then completes the refund and posts the ledger journal.
 */
export async function requestRefund(db: Db, input: RefundInput): Promise<Result<RefundView, RefundRefusal>> {
  const coverage = await paidCoverage(db, input.orderId);
  if (!coverage) return refuse('order-not-paid');
  if (coverage.merchantId !== input.merchantId) {
    throw new Error(`refund of ${input.orderId}: merchant ${input.merchantId} is not the order's merchant`);
  }
  return createRefund(db, { ...input, coverage, source: 'order' });
}

/** The platform's guarantee fund: 先行赔付 is paid back along the order's payment, by the platform, not the merchant. */
const GUARANTEE_FUND_ACCOUNT = 'platform:guarantee-fund';

/**
 * 先行赔付 (trust module): the platform pays the buyer back along the order's payment, debited to the guarantee fund
 * instead of the merchant. The same cap holds: with the order's other refunds, never more than was paid for it.
 * Completion publishes refund.guarantee-completed (not refund.completed: points, coupons and commissions follow
 * the merchant's refunds of goods, not a compensation).
 */
export async function requestGuaranteeRefund(db: Db, input: RefundInput): Promise<Result<RefundView, RefundRefusal>> {
  const coverage = await paidCoverage(db, input.orderId);
  if (!coverage) return refuse('order-not-paid');
  return createRefund(db, { ...input, coverage, source: 'guarantee_fund' });
}

/** Money that arrived for an order cancelled meanwhile goes straight back (from suspense). */
export async function refundLatePayment(db: Db, coverage: Coverage, at: Date): Promise<void> {
  const result = await createRefund(db, {
    coverage,
    orderId: coverage.orderId,
    merchantId: coverage.merchantId,
    amount: coverage.amount,
    refId: `late:${coverage.paymentId}:${coverage.orderId}`,
    reason: '订单已取消，付款原路退回',
    source: 'late_payment',
    at,
  });
  if (!result.ok) throw new Error(`late-payment refund of ${coverage.orderId} refused: ${result.type}`);
}

async function createRefund(
  db: Db,
  input: RefundInput & { coverage: Coverage; source: 'order' | 'late_payment' | 'guarantee_fund' },
): Promise<Result<RefundView, RefundRefusal>> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new Error(`refund amount must be a positive integer, got ${input.amount}`);
  // The coverage row is the lock every refund and settlement of this order takes first, so they serialise.
  const [locked] = await db
    .select()
    .from(paymentOrders)
    .where(and(eq(paymentOrders.paymentId, input.coverage.paymentId), eq(paymentOrders.orderId, input.orderId)))
    .for('update');
  if (!locked) throw new Error(`no payment of ${input.orderId}`);
  const [prior] = await db.select().from(refunds).where(eq(refunds.refId, input.refId));
  if (prior) return ok(viewOf(prior));
  const [sum] = await db
    .select({ total: sql<string>`coalesce(sum(${refunds.amount}), 0)` })
    .from(refunds)
    .where(and(eq(refunds.paymentId, locked.paymentId), eq(refunds.orderId, locked.orderId)));
  const already = Number(sum?.total ?? 0);
  if (already + input.amount > locked.amount) {
    return refuse(
      'refund-exceeds-paid',
      `该订单实付 ${formatYuan(locked.amount)}，已退 ${formatYuan(already)}，最多还能退 ${formatYuan(locked.amount - already)}`,
    );
  }
  const [payment] = await db
    .select({ userId: payments.userId })
    .from(payments)
    .where(eq(payments.id, locked.paymentId));
  const id = newId('rfd');
  const [row] = await db
    .insert(refunds)
    .values({
      id,
      refId: input.refId,
      paymentId: locked.paymentId,
      orderId: locked.orderId,
      merchantId: locked.merchantId,
      userId: payment!.userId,
      amount: input.amount,
      reason: input.reason,
      source: input.source,
      status: 'pending',
      requestedAt: input.at,
    })
    .returning();
  // requestRefund takes only a transaction (other modules call it inside theirs), so it writes the job row
  // JobQueue.enqueue would write: the refund and the work to execute it commit together or not at all.
  await db
    .insert(jobs)
    .values({
      id: newId('job'),
      name: EXECUTE_REFUND_JOB,
      key: `refund:${id}`,
      payload: { refundId: id },
      runAt: input.at,
      createdAt: input.at,
    })
    .onConflictDoNothing();
  await emit(db, 'refund.requested', {
    refundId: id,
    orderId: locked.orderId,
    merchantId: locked.merchantId,
    amount: input.amount,
    refId: input.refId,
  });
  return ok(viewOf(row!));
}

/**
 * The job: asks the provider to pay the money back (idempotent there by refund id), then completes the refund
 * and posts its journal in one transaction. A provider failure rolls back and the job retries.
 */
export async function executeRefund(deps: Deps, db: Db, refundId: string): Promise<void> {
  const [refund] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!refund || refund.status === 'completed') return;
  await db
    .select({ orderId: paymentOrders.orderId })
    .from(paymentOrders)
    .where(and(eq(paymentOrders.paymentId, refund.paymentId), eq(paymentOrders.orderId, refund.orderId)))
    .for('update');
  const [payment] = await db.select().from(payments).where(eq(payments.id, refund.paymentId));
  if (!payment) throw new Error(`refund ${refundId}: payment ${refund.paymentId} missing`);
  const provider = deps.payments.get(payment.provider);
  // A provider removed from PAYMENT_PROVIDERS still owes its refunds: the job fails visibly until it is back.
  if (!provider) throw new Error(`refund ${refundId}: payment provider ${payment.provider} is not configured`);
  const outcome = await provider.refund({
    paymentId: payment.id,
    providerRef: payment.providerRef,
    refundId,
    amount: refund.amount,
    chargeAmount: payment.amount,
    reason: refund.reason,
  });
  // Accepted but not yet paid out: the job runs again later and asks (the provider is idempotent by refund id).
  if (outcome.status === 'processing') throw new RefundStillProcessing(refundId);
  const { providerRefundRef } = outcome;
  const now = deps.clock.now();
  const debitAccount =
    refund.source === 'late_payment'
      ? accounts.suspense
      : refund.source === 'guarantee_fund'
        ? GUARANTEE_FUND_ACCOUNT
        : (await isSettled(db, refund.orderId))
          ? accounts.available(refund.merchantId)
          : accounts.pending(refund.merchantId);
  const done = await db
    .update(refunds)
    .set({ status: 'completed', completedAt: now, debitAccount, providerRefundRef })
    .where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')))
    .returning({ id: refunds.id });
  if (done.length === 0) return;
  await postJournal(db, {
    kind: 'refund',
    refId: refundId,
    memo: `退款 ${formatYuan(refund.amount)}：订单 ${refund.orderId}，${refund.reason}`,
    at: now,
    lines: [
      { account: debitAccount, amount: refund.amount },
      { account: accounts.provider(payment.provider), amount: -refund.amount },
    ],
  });
  await emit(db, refund.source === 'guarantee_fund' ? 'refund.guarantee-completed' : 'refund.completed', {
    refundId,
    orderId: refund.orderId,
    merchantId: refund.merchantId,
    amount: refund.amount,
    refId: refund.refId,
    source: refund.source,
    completedAt: now.toISOString(),
  });
}

async function isSettled(db: Db, orderId: string): Promise<boolean> {
  const [j] = await db
    .select({ id: ledgerJournals.id })
    .from(ledgerJournals)
    .where(and(eq(ledgerJournals.kind, 'settlement'), eq(ledgerJournals.refId, orderId)));
  return j !== undefined;
}

/** The refunds of the buyer's own order, newest first. */
export async function listOrderRefunds(ctx: Ctx, orderId: string): Promise<{ items: RefundView[] }> {
  const user = requireUser(ctx.actor);
  const order = await getOrderForAfterSale(ctx.db, orderId);
  if (!order || order.userId !== user.userId) throw notFound('订单', orderId);
  const rows = await ctx.db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(desc(refunds.id));
  return { items: rows.map(viewOf) };
}

/** Refunds by the callers' references (the after-sales module shows the refund of each request). */
export async function refundsByRefIds(db: Db, refIds: string[]): Promise<Map<string, RefundView>> {
  if (refIds.length === 0) return new Map();
  const rows = await db.select().from(refunds).where(inArray(refunds.refId, refIds));
  return new Map(rows.map((r) => [r.refId, viewOf(r)]));
}

const viewOf = (r: typeof refunds.$inferSelect): RefundView => ({
  refundId: r.id,
  orderId: r.orderId,
  amount: r.amount,
  reason: r.reason,
  status: r.status,
  requestedAt: r.requestedAt.toISOString(),
  completedAt: r.completedAt?.toISOString() ?? null,
});
