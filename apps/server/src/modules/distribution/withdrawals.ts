import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { sealBackfill, sealColumns } from '../../platform/seal-backfill.ts';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { accountBalance, postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { accounts } from './accounts.ts';
import { payoutProvider } from './payout-provider.ts';
import { payoutAccounts, withdrawals } from './schema.ts';
import { shanghaiMonth, withholdingFor } from './tax.ts';

export const MIN_WITHDRAWAL_FEN = 1000;
const MAX_WITHDRAWAL_FEN = 5_000_000;
export const EXECUTE_PAYOUT_JOB = 'distribution.execute-payout';

const refuse = refusals({
  'payout-account-missing': [422, '请先绑定收款账户'],
  'withdrawal-below-minimum': [422, `单笔提现不能低于 ${formatYuan(MIN_WITHDRAWAL_FEN)}`],
  'withdrawal-above-maximum': [422, `单笔提现不能超过 ${formatYuan(MAX_WITHDRAWAL_FEN)}`],
  'insufficient-balance': '可提现余额不足',
});

export interface PayoutAccountView {
  provider: string;
  holderName: string;
  maskedAccount: string;
  updatedAt: string;
}

export async function getPayoutAccount(ctx: Ctx): Promise<{ account: PayoutAccountView | null }> {
  const user = requireUser(ctx.actor);
  const [row] = await ctx.db.select().from(payoutAccounts).where(eq(payoutAccounts.userId, user.userId));
  return { account: row ? accountView(ctx.deps, row) : null };
}

/** Binds (or replaces) where withdrawals go. The provider tokenises the number; only a masked copy is kept. */
export async function setPayoutAccount(
  ctx: Ctx,
  input: { holderName: string; accountNo: string },
): Promise<PayoutAccountView> {
  const user = requireUser(ctx.actor);
  const registered = await payoutProvider.registerAccount(input);
  const values = {
    provider: payoutProvider.name,
    providerAccountRef: registered.accountRef,
    holderName: ctx.deps.fieldCrypto.seal(input.holderName),
    maskedAccount: registered.masked,
    updatedAt: ctx.now(),
  };
  const [row] = await ctx.db
    .insert(payoutAccounts)
    .values({ userId: user.userId, ...values })
    .onConflictDoUpdate({ target: payoutAccounts.userId, set: values })
    .returning();
  return accountView(ctx.deps, row!);
}

export interface WithdrawalView {
  id: string;
  amount: number;
  withheld: number;
  net: number;
  status: 'processing' | 'paid' | 'failed';
  maskedAccount: string;
  failureReason: string | null;
  requestedAt: string;
  finishedAt: string | null;
}

/**
 * Withdraws from the available balance: the amount is held at once (so it cannot be spent twice), income tax is
 * withheld on the month's running total, and a job pays the net out through the provider. Idempotency-Key honoured.
 */
export async function requestWithdrawal(ctx: Ctx, input: { amount: number }): Promise<Result<WithdrawalView>> {
  const user = requireUser(ctx.actor);
  if (input.amount < MIN_WITHDRAWAL_FEN) return refuse('withdrawal-below-minimum');
  if (input.amount > MAX_WITHDRAWAL_FEN) return refuse('withdrawal-above-maximum');
  return idempotent(ctx, 'distribution.withdraw', input, async (tx) => {
    // The account row serialises one person's withdrawals: balance and monthly total are read under it.
    const [account] = await tx
      .select()
      .from(payoutAccounts)
      .where(eq(payoutAccounts.userId, user.userId))
      .for('update');
    if (!account) return refuse('payout-account-missing');
    const available = -(await accountBalance(tx, accounts.promoterAvailable(user.userId)));
    if (available < input.amount) return refuse('insufficient-balance', `当前可提现 ${formatYuan(available)}`);
    const now = ctx.now();
    const taxMonth = shanghaiMonth(now);
    const [month] = await tx
      .select({ total: sql<string>`coalesce(sum(${withdrawals.amount}), 0)` })
      .from(withdrawals)
      .where(
        and(
          eq(withdrawals.userId, user.userId),
          eq(withdrawals.taxMonth, taxMonth),
          inArray(withdrawals.status, ['processing', 'paid']),
        ),
      );
    const withheld = withholdingFor(Number(month?.total ?? 0), input.amount);
    const id = newId('wdr');
    const [row] = await tx
      .insert(withdrawals)
      .values({
        id,
        userId: user.userId,
        amount: input.amount,
        withheld,
        net: input.amount - withheld,
        taxMonth,
        status: 'processing',
        provider: account.provider,
        providerAccountRef: account.providerAccountRef,
        maskedAccount: account.maskedAccount,
        requestedAt: now,
      })
      .returning();
    await postJournal(tx, {
      kind: 'withdrawal.requested',
      refId: id,
      memo: `提现 ${formatYuan(input.amount)}（代扣个税 ${formatYuan(withheld)}）`,
      at: now,
      lines: [
        { account: accounts.promoterAvailable(user.userId), amount: input.amount },
        { account: accounts.promoterWithdrawing(user.userId), amount: -input.amount },
      ],
    });
    await ctx.deps.jobs.enqueue(
      tx,
      EXECUTE_PAYOUT_JOB,
      { withdrawalId: id },
      { runAt: now, key: `${EXECUTE_PAYOUT_JOB}:${id}` },
    );
    return ok(withdrawalView(row!));
  });
}

/** The job: pays the net out (idempotent at the provider by withdrawal id). A refusal returns the money to available. */
export async function executePayout(deps: Deps, db: Db, withdrawalId: string): Promise<void> {
  const [w] = await db
    .select()
    .from(withdrawals)
    .where(and(eq(withdrawals.id, withdrawalId), eq(withdrawals.status, 'processing')))
    .for('update');
  if (!w) return;
  const outcome = await payoutProvider.transfer({ payoutId: w.id, accountRef: w.providerAccountRef, amount: w.net });
  const now = deps.clock.now();
  await db
    .update(withdrawals)
    .set(
      outcome.ok
        ? { status: 'paid', providerPayoutRef: outcome.payoutRef, finishedAt: now }
        : { status: 'failed', failureReason: outcome.reason, finishedAt: now },
    )
    .where(eq(withdrawals.id, w.id));
  const held = accounts.promoterWithdrawing(w.userId);
  await postJournal(db, {
    kind: outcome.ok ? 'withdrawal.paid' : 'withdrawal.failed',
    refId: w.id,
    memo: outcome.ok
      ? `提现到账 ${formatYuan(w.net)}，代扣个税 ${formatYuan(w.withheld)}`
      : `提现失败，${formatYuan(w.amount)} 退回可提现余额`,
    at: now,
    lines: outcome.ok
      ? [
          { account: held, amount: w.amount },
          { account: accounts.payout(w.provider), amount: -w.net },
          { account: accounts.taxWithheld, amount: -w.withheld },
        ]
      : [
          { account: held, amount: w.amount },
          { account: accounts.promoterAvailable(w.userId), amount: -w.amount },
        ],
  });
  await emit(db, outcome.ok ? 'withdrawal.paid' : 'withdrawal.failed', {
    withdrawalId: w.id,
    userId: w.userId,
    amount: w.amount,
    net: w.net,
  });
}

export async function listMyWithdrawals(
  ctx: Ctx,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: WithdrawalView[]; nextCursor: string | null }> {
  const user = requireUser(ctx.actor);
  const limit = query.limit ?? 20;
  const rows = await ctx.db
    .select()
    .from(withdrawals)
    .where(and(eq(withdrawals.userId, user.userId), query.cursor ? lt(withdrawals.id, query.cursor) : undefined))
    .orderBy(desc(withdrawals.id))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  return { items: shown.map(withdrawalView), nextCursor: rows.length > limit ? shown[shown.length - 1]!.id : null };
}

const accountView = (deps: Pick<Deps, 'fieldCrypto'>, r: typeof payoutAccounts.$inferSelect): PayoutAccountView => ({
  provider: r.provider,
  holderName: [...deps.fieldCrypto.open(r.holderName)].map((c, i) => (i === 0 ? c : '*')).join(''),
  maskedAccount: r.maskedAccount,
  updatedAt: r.updatedAt.toISOString(),
});

const withdrawalView = (r: typeof withdrawals.$inferSelect): WithdrawalView => ({
  id: r.id,
  amount: r.amount,
  withheld: r.withheld,
  net: r.net,
  status: r.status,
  maskedAccount: r.maskedAccount,
  failureReason: r.failureReason,
  requestedAt: r.requestedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** Start-up backfill: seals holder names of payout accounts written before sealing. */
export const sealPlainHolderNames = (deps: Deps): Promise<number> =>
  sealBackfill(
    deps.database.db,
    sealColumns(deps.fieldCrypto, {
      table: payoutAccounts,
      key: payoutAccounts.userId,
      columns: { holderName: payoutAccounts.holderName },
    }),
  );
