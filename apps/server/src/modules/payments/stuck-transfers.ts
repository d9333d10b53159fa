import { and, asc, eq, lte, ne, or, sql } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { jobs } from '../../platform/schema.ts';
import { compensationTransfers } from './schema.ts';
import { EXECUTE_TRANSFER_JOB, transferRequestNo } from './transfers.ts';

/** A transfer still pending this long after it was asked for needs a person (WeChat batches settle in minutes). */
const STUCK_TRANSFER_MINUTES = 30;
/** Paid by hand from the platform's bank account, outside any provider. */
export const MANUAL_PAYOUTS_ACCOUNT = 'bank:manual-payouts';

const refuse = refusals({
  'transfer-completed': [409, '该转账已完成'],
});

export interface StuckTransfer {
  transferId: string;
  refId: string;
  userId: string;
  amount: number;
  provider: string;
  status: 'pending' | 'failed';
  requestNo: string;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  requestedAt: string;
  /** Minutes since it was asked for. */
  ageMinutes: number;
}

type Row = typeof compensationTransfers.$inferSelect;

const stuckWhere = (now: Date) =>
  or(
    eq(compensationTransfers.status, 'failed'),
    and(
      eq(compensationTransfers.status, 'pending'),
      lte(compensationTransfers.requestedAt, new Date(now.getTime() - STUCK_TRANSFER_MINUTES * 60_000)),
    ),
  );

const stuckViewOf = (r: Row, now: Date): StuckTransfer => ({
  transferId: r.id,
  refId: r.refId,
  userId: r.userId,
  amount: r.amount,
  provider: r.provider,
  status: r.status === 'failed' ? 'failed' : 'pending',
  requestNo: transferRequestNo(r),
  attempts: r.attempts,
  lastError: r.lastError,
  lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
  requestedAt: r.requestedAt.toISOString(),
  ageMinutes: Math.floor((now.getTime() - r.requestedAt.getTime()) / 60_000),
});

/** Compensation transfers that failed or are pending past the threshold, oldest first. */
export async function listStuckTransfers(ctx: Ctx): Promise<{ items: StuckTransfer[]; thresholdMinutes: number }> {
  requireOperator(ctx.actor);
  const now = ctx.now();
  const rows = await ctx.db
    .select()
    .from(compensationTransfers)
    .where(and(ne(compensationTransfers.status, 'completed'), stuckWhere(now)))
    .orderBy(asc(compensationTransfers.requestedAt))
    .limit(200);
  return { items: rows.map((r) => stuckViewOf(r, now)), thresholdMinutes: STUCK_TRANSFER_MINUTES };
}

/** How many transfers are stuck (the 先行赔付 dashboard counts them). */
export async function stuckTransferCount(db: Db, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(compensationTransfers)
    .where(and(ne(compensationTransfers.status, 'completed'), stuckWhere(now)));
  return row?.n ?? 0;
}

async function lockOpen(tx: Db, id: string): Promise<Result<Row, 'transfer-completed'>> {
  const [row] = await tx.select().from(compensationTransfers).where(eq(compensationTransfers.id, id)).for('update');
  if (!row) throw notFound('转账', id);
  if (row.status === 'completed') return refuse('transfer-completed');
  return ok(row);
}

/**
 * Asks the provider again now. A pending transfer (outcome unknown) keeps its request number, so the provider
 * answers the first request instead of paying twice; a refused one gets a new number (the old one paid nothing).
 */
export async function retryTransfer(ctx: Ctx, id: string): Promise<Result<StuckTransfer>> {
  requireOperator(ctx.actor);
  return idempotent(ctx, 'payments.transfer-retry', { id }, async (tx) => {
    const open = await lockOpen(tx, id);
    if (!open.ok) return open;
    const now = ctx.now();
    const [row] = await tx
      .update(compensationTransfers)
      .set(
        open.value.status === 'failed'
          ? { status: 'pending', generation: open.value.generation + 1, failedAt: null }
          : { status: 'pending' },
      )
      .where(eq(compensationTransfers.id, id))
      .returning();
    await tx
      .insert(jobs)
      .values({
        id: newId('job'),
        name: EXECUTE_TRANSFER_JOB,
        key: `transfer:${id}:retry:${open.value.attempts}`,
        payload: { transferId: id },
        runAt: now,
        createdAt: now,
      })
      .onConflictDoNothing();
    return ok(stuckViewOf(row!, now));
  });
}

/**
 * The platform paid the consumer outside the provider (a bank transfer): the transfer completes with the operator's
 * note, and the liability it settles is debited against the platform's bank account instead of the provider's.
 */
export async function markTransferPaidManually(
  ctx: Ctx,
  id: string,
  input: { note: string },
): Promise<Result<{ transferId: string; completedAt: string }>> {
  const operator = requireOperator(ctx.actor);
  return idempotent(ctx, 'payments.transfer-manual', { id, ...input }, async (tx) => {
    const open = await lockOpen(tx, id);
    if (!open.ok) return open;
    const t = open.value;
    const now = ctx.now();
    await tx
      .update(compensationTransfers)
      .set({ status: 'completed', completedAt: now, manualNote: input.note, manualBy: operator.userId })
      .where(eq(compensationTransfers.id, id));
    await postJournal(tx, {
      kind: 'compensation-transfer-manual',
      refId: id,
      memo: `人工打款 ${formatYuan(t.amount)}：${t.memo}（${input.note}）`,
      at: now,
      lines: [
        { account: t.debitAccount, amount: t.amount },
        { account: MANUAL_PAYOUTS_ACCOUNT, amount: -t.amount },
      ],
    });
    await emit(tx, 'compensation.transferred', {
      transferId: id,
      refId: t.refId,
      amount: t.amount,
      completedAt: now.toISOString(),
      manual: true,
    });
    return ok({ transferId: id, completedAt: now.toISOString() });
  });
}
