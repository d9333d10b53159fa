import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { requireOperator, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import {
  requestCompensationTransfer,
  requestGuaranteeRefund,
  stuckTransferCount,
  transfersByRefIds,
} from '../payments/api.ts';
import { appendEntry } from '../transparency/api.ts';
import { caseHistory, recordStep } from './case-events.ts';
import { recomputeCredit } from './credit.ts';
import { recoverForClaimInTx } from './deposits.ts';
import { CLAIM_REASONS, CLAIM_STATUSES, compensationClaims } from './schema.ts';
import { compensationPayable, payTenfoldInTx, recoverLiveFirst, tenfoldFor, tenfoldTransferRef } from './tenfold.ts';

/** 先行赔付 is paid (or refused with a reason) within 24 hours of the claim (issue 17). */
const CLAIM_PAY_HOURS = 24;
export const CLAIM_SLA_JOB = 'trust.claim-sla';
const CLAIMABLE = ['paid', 'shipped', 'delivered', 'completed'];
const REASON_LABELS: Record<(typeof CLAIM_REASONS)[number], string> = {
  'not-as-described': '货不对板',
  counterfeit: '疑似假货',
  'merchant-unresponsive': '商家不处理售后',
  'lost-in-delivery': '快递丢件',
};

const refuse = refusals({
  'order-not-claimable': [409, '该订单状态不能申请先行赔付'],
  'claim-open': [409, '这笔订单已有处理中的先行赔付申请'],
  'amount-exceeds-paid': [422, '申请金额超过订单可退金额'],
  'claim-decided': [409, '该申请已处理'],
  'order-not-paid': [409, '该订单没有可退的付款'],
  'refund-exceeds-paid': [409, '赔付金额超过订单实付金额'],
});

type Row = typeof compensationClaims.$inferSelect;
export interface ClaimView {
  id: string;
  orderId: string;
  merchantId: string;
  reason: (typeof CLAIM_REASONS)[number];
  description: string;
  images: string[];
  requested: number;
  /** 假一赔十: the compensation paid besides the refund (ten times the live-room lines), when the claim qualifies. */
  tenfold: number | null;
  /** When the tenfold compensation reached the consumer's account (null until the provider paid it). */
  tenfoldPaidAt: string | null;
  approved: number | null;
  recovered: number | null;
  status: (typeof CLAIM_STATUSES)[number];
  payBy: string;
  overdue: boolean;
  decidedAt: string | null;
  paidAt: string | null;
  createdAt: string;
  history: Awaited<ReturnType<typeof caseHistory>>;
}

async function viewOf(db: Db, r: Row, now: Date, forOperator: boolean): Promise<ClaimView> {
  const transfer = r.tenfold
    ? (await transfersByRefIds(db, [tenfoldTransferRef(r.id)])).get(tenfoldTransferRef(r.id))
    : undefined;
  return {
    id: r.id,
    orderId: r.orderId,
    merchantId: r.merchantId,
    reason: r.reason,
    description: r.description,
    images: r.images,
    requested: r.requested,
    tenfold: r.tenfold,
    tenfoldPaidAt: transfer?.completedAt ?? null,
    approved: r.approved,
    recovered: forOperator ? r.recovered : null,
    status: r.status,
    payBy: r.payBy.toISOString(),
    overdue: r.status === 'pending' && now >= r.payBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    paidAt: r.paidAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    history: await caseHistory(db, r.id, forOperator),
  };
}

/** A consumer asks the platform to pay first for a problem with one of their paid orders. */
export async function claimCompensation(
  ctx: Ctx,
  input: {
    orderId: string;
    reason: (typeof CLAIM_REASONS)[number];
    amount: number;
    description: string;
    images: string[];
  },
): Promise<Result<ClaimView>> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  const id = newId('clm');
  const payBy = new Date(now.getTime() + CLAIM_PAY_HOURS * 3_600_000);
  const filed = await atomically(ctx, async (db) => {
    const order = await getOrderForAfterSale(db, input.orderId);
    if (!order || order.userId !== user.userId) throw notFound('订单', input.orderId);
    if (!CLAIMABLE.includes(order.status)) return refuse('order-not-claimable');
    const refundable = order.payAmount - order.refundedAmount;
    if (input.amount > refundable) return refuse('amount-exceeds-paid', `这笔订单最多可申请 ${formatYuan(refundable)}`);
    const [open] = await db
      .select({ id: compensationClaims.id })
      .from(compensationClaims)
      .where(
        and(eq(compensationClaims.orderId, order.orderId), inArray(compensationClaims.status, ['pending', 'paying'])),
      );
    if (open) return refuse('claim-open');
    const [row] = await db
      .insert(compensationClaims)
      .values({
        id,
        userId: user.userId,
        merchantId: order.merchantId,
        orderId: order.orderId,
        reason: input.reason,
        description: input.description.trim(),
        images: input.images,
        requested: input.amount,
        tenfold: await tenfoldFor(db, order.orderId, input.reason),
        status: 'pending',
        payBy,
        createdAt: now,
      })
      .returning();
    await recordStep(db, { caseId: id, action: 'claimed', by: 'consumer', actorId: user.userId, at: now });
    await ctx.deps.jobs.enqueue(db, CLAIM_SLA_JOB, { claimId: id }, { runAt: payBy, key: `clm:${id}` });
    await emit(db, 'trust.claim-filed', { claimId: id, merchantId: order.merchantId, orderId: order.orderId });
    return ok(row!);
  });
  return filed.ok ? ok(await viewOf(ctx.db, filed.value, now, false)) : filed;
}

/** The SLA job at `payBy`: a claim still undecided is escalated (recorded, and flagged on the dashboard as overdue). */
export async function escalateClaimIfDue(deps: Deps, db: Db, claimId: string): Promise<void> {
  const now = deps.clock.now();
  const [row] = await db.select().from(compensationClaims).where(eq(compensationClaims.id, claimId));
  if (!row || row.status !== 'pending' || row.payBy > now) return;
  const note = `${CLAIM_PAY_HOURS} 小时内未处理，已升级至平台主管`;
  await recordStep(db, { caseId: claimId, action: 'escalated', by: 'system', actorId: 'system', note, at: now });
  await emit(db, 'trust.claim-escalated', { claimId, merchantId: row.merchantId });
}

/**
 * The operator's decision. Approval, in one transaction: the guarantee fund pays the buyer back along the order's
 * payment (payments' refund path, executed by its job), the same amount is recovered from the merchant's deposit
 * (then settled balance), each step recorded, and the merchant's credit recomputed — each compensation costs credit.
 */
export async function decideClaim(
  ctx: Ctx,
  id: string,
  input: { decision: 'approve' | 'reject'; note: string; amount?: number | undefined },
): Promise<Result<ClaimView>> {
  const operator = requireOperator(ctx.actor);
  const now = ctx.now();
  const done = await atomically(ctx, async (db) => {
    const [row] = await db.select().from(compensationClaims).where(eq(compensationClaims.id, id)).for('update');
    if (!row) throw notFound('先行赔付申请', id);
    if (row.status !== 'pending') return refuse('claim-decided');
    const step = { caseId: id, by: 'operator' as const, actorId: operator.userId, note: input.note, at: now };
    if (input.decision === 'reject') {
      await db
        .update(compensationClaims)
        .set({ status: 'rejected', decidedAt: now })
        .where(eq(compensationClaims.id, id));
      await recordStep(db, { ...step, action: 'rejected' });
      await logDecision(db, row, 'rejected', 0, now);
      return ok(true);
    }
    const amount = Math.min(input.amount ?? row.requested, row.requested);
    const refund = await requestGuaranteeRefund(db, {
      orderId: row.orderId,
      merchantId: row.merchantId,
      amount,
      refId: `claim:${id}`,
      reason: `先行赔付（${REASON_LABELS[row.reason]}）`,
      at: now,
    });
    if (!refund.ok) return refuse(refund.type, refund.detail);
    const owed = { merchantId: row.merchantId, claimId: id, at: now };
    if (row.tenfold) {
      await payTenfoldInTx(db, { id, userId: row.userId, tenfold: row.tenfold }, now);
      // Beyond what was paid, so not a refund: a transfer to the consumer's own account settles what is owed.
      await requestCompensationTransfer(ctx.deps, db, {
        refId: tenfoldTransferRef(id),
        userId: row.userId,
        amount: row.tenfold,
        memo: `假一赔十（理赔单 ${id}）`,
        debitAccount: compensationPayable(row.userId),
        at: now,
        orderId: row.orderId,
      });
    }
    const recovered = row.tenfold
      ? await recoverLiveFirst(db, { ...owed, amount: amount + row.tenfold })
      : await recoverForClaimInTx(db, { ...owed, amount });
    const total = amount + (row.tenfold ?? 0);
    await db
      .update(compensationClaims)
      .set({ status: 'paying', approved: amount, recovered, refundId: refund.value.refundId, decidedAt: now })
      .where(eq(compensationClaims.id, id));
    const paid = row.tenfold
      ? `退款 ${formatYuan(amount)} + 假一赔十 ${formatYuan(row.tenfold)}`
      : `赔付 ${formatYuan(amount)}`;
    await recordStep(db, { ...step, action: 'approved', note: `${input.note}（${paid}）` });
    await recordStep(db, {
      ...step,
      action: 'recovered',
      by: 'system',
      actorId: 'system',
      note: `已从${row.tenfold ? '直播保证金、' : ''}商家保证金/余额追偿 ${formatYuan(recovered)}${recovered < total ? `，${formatYuan(total - recovered)} 由保障金承担` : ''}`,
    });
    await logDecision(db, row, 'approved', amount, now);
    await recomputeCredit(db, row.merchantId, now);
    await emit(db, 'trust.claim-approved', {
      claimId: id,
      merchantId: row.merchantId,
      amount,
      tenfold: row.tenfold,
      recovered,
    });
    return ok(true);
  });
  if (!done.ok) return done;
  const [row] = await ctx.db.select().from(compensationClaims).where(eq(compensationClaims.id, id));
  return ok(await viewOf(ctx.db, row!, now, true));
}

/**
 * The decision goes into the public transparency log (docs/TRANSPARENCY.md, kind `compensation-decision`): what was
 * decided, how much, on which ground and how fast — never who claimed, the order, the description or the operator's
 * note (free text that may name people).
 */
async function logDecision(db: Db, row: Row, decision: 'approved' | 'rejected', amount: number, at: Date) {
  await appendEntry(
    db,
    {
      kind: 'compensation-decision',
      subjectId: row.id,
      payload: {
        decision,
        amount,
        requested: row.requested,
        reason: row.reason,
        merchantId: row.merchantId,
        claimedAt: row.createdAt.toISOString(),
      },
    },
    at,
  );
}

/** refund.guarantee-completed: the money is back with the consumer; the claim is paid. */
export async function onGuaranteeRefundCompleted(db: Db, refId: string, at: Date): Promise<void> {
  if (!refId.startsWith('claim:')) return;
  const id = refId.slice('claim:'.length);
  const moved = await db
    .update(compensationClaims)
    .set({ status: 'paid', paidAt: at })
    .where(and(eq(compensationClaims.id, id), eq(compensationClaims.status, 'paying')))
    .returning({ id: compensationClaims.id });
  if (moved.length === 0) return;
  await recordStep(db, { caseId: id, action: 'paid', by: 'system', actorId: 'system', note: '赔付款已原路退回', at });
  const [row] = await db.select().from(compensationClaims).where(eq(compensationClaims.id, id));
  await appendEntry(
    db,
    {
      kind: 'compensation-paid',
      subjectId: id,
      payload: { amount: row!.approved ?? 0, merchantId: row!.merchantId, claimedAt: row!.createdAt.toISOString() },
    },
    at,
  );
}

export async function listMyClaims(ctx: Ctx): Promise<{ items: ClaimView[] }> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(compensationClaims)
    .where(eq(compensationClaims.userId, user.userId))
    .orderBy(desc(compensationClaims.createdAt))
    .limit(50);
  return { items: await Promise.all(rows.map((r) => viewOf(ctx.db, r, ctx.now(), false))) };
}

export async function getClaim(ctx: Ctx, id: string): Promise<ClaimView> {
  const user = requireUser(ctx.actor);
  const operator = user.roles.includes('operator');
  const [row] = await ctx.db.select().from(compensationClaims).where(eq(compensationClaims.id, id));
  if (!row || (row.userId !== user.userId && !operator)) throw notFound('先行赔付申请', id);
  return viewOf(ctx.db, row, ctx.now(), operator);
}

/** The operators' dashboard of claims: pending ones by age (nearest 24 h deadline first). */
export async function listClaimQueue(
  ctx: Ctx,
  query: { status: (typeof CLAIM_STATUSES)[number] },
): Promise<{ items: ClaimView[]; stuckTransfers: number }> {
  requireOperator(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(compensationClaims)
    .where(eq(compensationClaims.status, query.status))
    .orderBy(query.status === 'pending' ? asc(compensationClaims.payBy) : desc(compensationClaims.decidedAt))
    .limit(100);
  return {
    items: await Promise.all(rows.map((r) => viewOf(ctx.db, r, ctx.now(), true))),
    // 假一赔十 payouts the provider refused or has not paid past the threshold: the desk sees them beside the timers.
    stuckTransfers: await stuckTransferCount(ctx.db, ctx.now()),
  };
}
