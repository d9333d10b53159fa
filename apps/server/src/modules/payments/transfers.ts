import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import {
  type PaymentProvider,
  ProviderUnavailable,
  type TransferOutcome,
  TransferRefused,
} from '../../platform/payment-provider.ts';
import { jobs } from '../../platform/schema.ts';
import { accounts } from './accounts.ts';
import { compensationTransfers, paymentOrders, payments } from './schema.ts';

export const EXECUTE_TRANSFER_JOB = 'payments.execute-transfer';

export interface TransferView {
  transferId: string;
  amount: number;
  status: 'pending' | 'completed' | 'failed';
  requestedAt: string;
  completedAt: string | null;
}

type Row = typeof compensationTransfers.$inferSelect;
const viewOf = (r: Row): TransferView => ({
  transferId: r.id,
  amount: r.amount,
  status: r.status,
  requestedAt: r.requestedAt.toISOString(),
  completedAt: r.completedAt?.toISOString() ?? null,
});

/** An unknown outcome (provider down, batch processing) is asked again with back-off, at most every hour. */
const MAX_RETRY_DELAY_MINUTES = 60;

/**
 * Pays a consumer compensation beyond a refund (假一赔十), in the caller's transaction: the transfer and the job
 * that asks the provider commit together. Asking again with the same `refId` returns the first transfer. With
 * `orderId`, the money goes to the account that paid that order, through the provider it was paid with.
 */
export async function requestCompensationTransfer(
  deps: Pick<Deps, 'payments'>,
  db: Db,
  input: {
    refId: string;
    userId: string;
    amount: number;
    memo: string;
    debitAccount: string;
    at: Date;
    orderId?: string;
  },
): Promise<TransferView> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new Error(`transfer amount must be a positive integer, got ${input.amount}`);
  const payer = input.orderId ? await payerPaymentOf(db, input.orderId) : undefined;
  const paidWith = payer ? deps.payments.get(payer.provider) : undefined;
  const id = newId('trf');
  const [row] = await db
    .insert(compensationTransfers)
    .values({
      id,
      refId: input.refId,
      userId: input.userId,
      amount: input.amount,
      memo: input.memo,
      debitAccount: input.debitAccount,
      provider: paidWith?.transfer ? paidWith.name : compensationProvider(deps).name,
      orderId: input.orderId ?? null,
      payeeAccount: paidWith?.transfer ? (payer?.payerAccount ?? null) : null,
      status: 'pending',
      requestedAt: input.at,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const [prior] = await db.select().from(compensationTransfers).where(eq(compensationTransfers.refId, input.refId));
    return viewOf(prior!);
  }
  await enqueueTransferJob(db, id, `transfer:${id}`, input.at);
  return viewOf(row);
}

// The same job row JobQueue.enqueue would write, so it commits with the caller's transaction (as refunds do).
async function enqueueTransferJob(db: Db, transferId: string, key: string, runAt: Date): Promise<void> {
  await db
    .insert(jobs)
    .values({
      id: newId('job'),
      name: EXECUTE_TRANSFER_JOB,
      key,
      payload: { transferId },
      runAt,
      createdAt: runAt,
    })
    .onConflictDoNothing();
}

async function payerPaymentOf(db: Db, orderId: string) {
  const [row] = await db
    .select({ provider: payments.provider, payerAccount: payments.payerAccount })
    .from(paymentOrders)
    .innerJoin(payments, eq(payments.id, paymentOrders.paymentId))
    .where(and(eq(paymentOrders.orderId, orderId), eq(payments.status, 'succeeded')));
  return row;
}

/** The provider's request number: letters and digits only (WeChat's out_batch_no), new after each refusal. */
export const transferRequestNo = (t: Pick<Row, 'id' | 'generation'>): string =>
  `${t.id.replace(/[^0-9A-Za-z]/g, '')}${t.generation > 0 ? `R${t.generation}` : ''}`;

/**
 * The job: the provider pays (idempotent there by the request number), then the transfer completes and its journal
 * posts in one transaction — the liability it settles is debited, the provider account credited. A refusal fails
 * the transfer (no money moved; an operator retries or pays by hand); an unknown outcome or a batch still
 * processing is asked again later with the same number, the error kept for the operators' list.
 */
export async function executeTransfer(deps: Deps, db: Db, transferId: string): Promise<void> {
  const [t] = await db
    .select()
    .from(compensationTransfers)
    .where(eq(compensationTransfers.id, transferId))
    .for('update');
  if (!t || t.status !== 'pending') return;
  const now = deps.clock.now();
  const attempt = { attempts: t.attempts + 1, lastAttemptAt: now };
  const provider = deps.payments.get(t.provider);
  let outcome: TransferOutcome;
  try {
    if (!provider?.transfer) throw new TransferRefused('NOT_SUPPORTED', `支付渠道 ${t.provider} 不支持转账`);
    outcome = await provider.transfer({
      requestNo: transferRequestNo(t),
      userId: t.userId,
      amount: t.amount,
      memo: t.memo,
      payeeAccount: deps.fieldCrypto.openOrNull(t.payeeAccount) ?? undefined,
    });
  } catch (err) {
    if (err instanceof TransferRefused) {
      await db
        .update(compensationTransfers)
        .set({ ...attempt, status: 'failed', failedAt: now, lastError: `${err.message}（${err.code}）` })
        .where(eq(compensationTransfers.id, transferId));
      await emit(db, 'compensation.transfer-failed', { transferId, refId: t.refId, code: err.code });
      return;
    }
    const message = err instanceof ProviderUnavailable ? err.message : `渠道无应答：${String(err)}`.slice(0, 300);
    await db
      .update(compensationTransfers)
      .set({ ...attempt, lastError: message })
      .where(eq(compensationTransfers.id, transferId));
    await askAgainLater(db, t.id, attempt.attempts, now);
    return;
  }
  if (outcome.status === 'processing') {
    await db
      .update(compensationTransfers)
      .set({ ...attempt, lastError: null, providerTransferRef: outcome.providerTransferRef })
      .where(eq(compensationTransfers.id, transferId));
    await askAgainLater(db, t.id, attempt.attempts, now);
    return;
  }
  await db
    .update(compensationTransfers)
    .set({
      ...attempt,
      status: 'completed',
      completedAt: now,
      lastError: null,
      providerTransferRef: outcome.providerTransferRef,
    })
    .where(eq(compensationTransfers.id, transferId));
  await postJournal(db, {
    kind: 'compensation-transfer',
    refId: transferId,
    memo: `赔付转账 ${formatYuan(t.amount)}：${t.memo}`,
    at: now,
    lines: [
      { account: t.debitAccount, amount: t.amount },
      { account: accounts.provider(t.provider), amount: -t.amount },
    ],
  });
  await emit(db, 'compensation.transferred', {
    transferId,
    refId: t.refId,
    amount: t.amount,
    completedAt: now.toISOString(),
  });
}

async function askAgainLater(db: Db, transferId: string, attempts: number, now: Date): Promise<void> {
  const minutes = Math.min(2 ** (attempts - 1), MAX_RETRY_DELAY_MINUTES);
  await enqueueTransferJob(
    db,
    transferId,
    `transfer:${transferId}:${attempts}`,
    new Date(now.getTime() + minutes * 60_000),
  );
}

/** Transfers by the callers' references (trust shows the 假一赔十 payout of each claim). */
export async function transfersByRefIds(db: Db, refIds: string[]): Promise<Map<string, TransferView>> {
  if (refIds.length === 0) return new Map();
  const rows = await db.select().from(compensationTransfers).where(inArray(compensationTransfers.refId, refIds));
  return new Map(rows.map((r) => [r.refId, viewOf(r)]));
}

/** The provider that pays compensation: the first configured one that can transfer to a consumer's account. */
function compensationProvider(deps: Pick<Deps, 'payments'>): PaymentProvider {
  const provider = deps.payments.list().find((p) => p.transfer !== undefined);
  if (!provider) throw new Error('no configured payment provider can transfer compensation to consumers');
  return provider;
}
