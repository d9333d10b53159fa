import { eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import type { PaymentProvider } from '../../platform/payment-provider.ts';
import { jobs } from '../../platform/schema.ts';
import { accounts } from './accounts.ts';
import { compensationTransfers } from './schema.ts';

export const EXECUTE_TRANSFER_JOB = 'payments.execute-transfer';

export interface TransferView {
  transferId: string;
  amount: number;
  status: 'pending' | 'completed';
  requestedAt: string;
  completedAt: string | null;
}

const viewOf = (r: typeof compensationTransfers.$inferSelect): TransferView => ({
  transferId: r.id,
  amount: r.amount,
  status: r.status,
  requestedAt: r.requestedAt.toISOString(),
  completedAt: r.completedAt?.toISOString() ?? null,
});

/**
 * Pays a consumer compensation beyond a refund (假一赔十), in the caller's transaction: the transfer and the job
 * that asks the provider commit together. Asking again with the same `refId` returns the first transfer.
 */
export async function requestCompensationTransfer(
  deps: Pick<Deps, 'payments'>,
  db: Db,
  input: { refId: string; userId: string; amount: number; memo: string; debitAccount: string; at: Date },
): Promise<TransferView> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new Error(`transfer amount must be a positive integer, got ${input.amount}`);
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
      provider: compensationProvider(deps).name,
      status: 'pending',
      requestedAt: input.at,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const [prior] = await db.select().from(compensationTransfers).where(eq(compensationTransfers.refId, input.refId));
    return viewOf(prior!);
  }
  // The same job row JobQueue.enqueue would write, so it commits with the transfer (as refunds do).
  await db
    .insert(jobs)
    .values({
      id: newId('job'),
      name: EXECUTE_TRANSFER_JOB,
      key: `transfer:${id}`,
      payload: { transferId: id },
      runAt: input.at,
      createdAt: input.at,
    })
    .onConflictDoNothing();
  return viewOf(row);
}

/**
 * The job: the provider pays (idempotent there by transfer id), then the transfer completes and its journal posts
 * in one transaction — the liability it settles is debited, the provider account credited. A failure retries.
 */
export async function executeTransfer(deps: Deps, db: Db, transferId: string): Promise<void> {
  const [t] = await db
    .select()
    .from(compensationTransfers)
    .where(eq(compensationTransfers.id, transferId))
    .for('update');
  if (!t || t.status === 'completed') return;
  const provider = deps.payments.get(t.provider);
  if (!provider?.transfer) throw new Error(`payment provider ${t.provider} cannot transfer compensation`);
  const { providerTransferRef } = await provider.transfer({
    transferId,
    userId: t.userId,
    amount: t.amount,
    memo: t.memo,
  });
  const now = deps.clock.now();
  await db
    .update(compensationTransfers)
    .set({ status: 'completed', completedAt: now, providerTransferRef })
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
