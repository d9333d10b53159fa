import { desc, eq } from 'drizzle-orm';
import { actingMerchant, requireOperator } from '../../platform/auth.ts';
import { makeCtx, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { atomically, idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { accountBalance, postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { setMerchantStatus } from '../catalog/api.ts';
import { EXIT_HOLD_DAYS, ruleFor } from './rules.ts';
import { DEPOSIT_MOVEMENTS, depositMovements, merchantDeposits } from './schema.ts';

/**
 * The category deposit (类目保证金) on the ledger. The deposit account is a liability (credit balance): money the
 * platform holds for the merchant. Deductions for penalties go to the guarantee fund that pays 先行赔付; what is left
 * goes back to the merchant's available balance once it has exited and the after-sale window has closed.
 */
export const depositAccounts = {
  deposit: (merchantId: string) => `trust-deposit:${merchantId}`,
  merchantAvailable: (merchantId: string) => `merchant:${merchantId}:available`,
  /** Transfers received in the platform's bank account (an asset). */
  bankReceipts: 'bank:deposit-receipts',
  guaranteeFund: 'platform:guarantee-fund',
};

const refuse = refusals({
  'no-deposit-account': [409, '该商家没有保证金账户'],
  'deposit-closed': [409, '保证金已退还，账户已关闭'],
  'deposit-full': [409, '保证金已足额，无需补缴'],
  'insufficient-balance': [409, '店铺可用余额不足，无法补缴保证金'],
  'deduction-exceeds-deposit': [409, '扣除金额超过保证金余额'],
  'already-exiting': [409, '商家已在退出流程中'],
  'not-exiting': [409, '商家尚未申请退出，保证金不能退还'],
  'after-sale-window-open': [409, '售后期未结束，暂不能退还保证金'],
});

type Movement = (typeof DEPOSIT_MOVEMENTS)[number];

/** Called in the approval's transaction: the shop owes its category's deposit from the first day. */
export async function openDeposit(db: Db, input: { merchantId: string; categoryId: string; now: Date }): Promise<void> {
  const rule = ruleFor(input.categoryId);
  if (!rule) throw new Error(`no admission rule for ${input.categoryId}`);
  await db
    .insert(merchantDeposits)
    .values({
      merchantId: input.merchantId,
      categoryId: input.categoryId,
      required: rule.deposit,
      status: 'active',
      createdAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoNothing();
}

export interface DepositView {
  merchantId: string;
  categoryId: string;
  categoryName: string;
  required: number;
  held: number;
  shortfall: number;
  status: 'active' | 'exiting' | 'refunded';
  exitRequestedAt: string | null;
  refundableAt: string | null;
  movements: { id: string; kind: Movement; amount: number; reason: string; at: string }[];
}

async function lockDeposit(db: Db, merchantId: string) {
  const [row] = await db
    .select()
    .from(merchantDeposits)
    .where(eq(merchantDeposits.merchantId, merchantId))
    .for('update');
  return row;
}

const heldIn = async (db: Db, merchantId: string) => -(await accountBalance(db, depositAccounts.deposit(merchantId)));

async function move(
  db: Db,
  input: { merchantId: string; kind: Movement; amount: number; reason: string; actorId: string; at: Date },
  lines: { account: string; amount: number }[],
) {
  const id = newId('dmv');
  await postJournal(db, { kind: `trust.deposit-${input.kind}`, refId: id, memo: input.reason, at: input.at, lines });
  await db.insert(depositMovements).values({ id, ...input });
  await emit(db, `trust.deposit-${input.kind}`, { merchantId: input.merchantId, amount: input.amount, movementId: id });
}

async function loadDeposit(db: Db, merchantId: string): Promise<DepositView> {
  const [row] = await db.select().from(merchantDeposits).where(eq(merchantDeposits.merchantId, merchantId));
  if (!row) throw notFound('保证金账户', merchantId);
  const held = await heldIn(db, merchantId);
  const movements = await db
    .select()
    .from(depositMovements)
    .where(eq(depositMovements.merchantId, merchantId))
    .orderBy(desc(depositMovements.at), desc(depositMovements.id))
    .limit(100);
  return {
    merchantId,
    categoryId: row.categoryId,
    categoryName: ruleFor(row.categoryId)?.name ?? row.categoryId,
    required: row.required,
    held,
    shortfall: row.status === 'active' ? Math.max(0, row.required - held) : 0,
    status: row.status,
    exitRequestedAt: row.exitRequestedAt?.toISOString() ?? null,
    refundableAt: row.refundableAt?.toISOString() ?? null,
    movements: movements.map((m) => ({
      id: m.id,
      kind: m.kind,
      amount: m.amount,
      reason: m.reason,
      at: m.at.toISOString(),
    })),
  };
}

/** The shop's own deposit, for its staff. */
export async function getOwnDeposit(ctx: Ctx): Promise<DepositView> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'finance.read');
  return loadDeposit(ctx.db, merchantId);
}

export async function getMerchantDeposit(ctx: Ctx, merchantId: string): Promise<DepositView> {
  requireOperator(ctx.actor);
  return loadDeposit(ctx.db, merchantId);
}

/** The owner tops the deposit up to what its category requires, from the shop's settled balance. */
export async function payDepositFromBalance(ctx: Ctx): Promise<Result<DepositView>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'finance.pay');
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.userId : 'system';
  const paid = await idempotent(ctx, 'trust.deposit-from-balance', { merchantId }, async (db) => {
    const row = await lockDeposit(db, merchantId);
    if (!row) return refuse('no-deposit-account');
    if (row.status !== 'active') return refuse('deposit-closed');
    const amount = row.required - (await heldIn(db, merchantId));
    if (amount <= 0) return refuse('deposit-full');
    const available = -(await accountBalance(db, depositAccounts.merchantAvailable(merchantId)));
    if (available < amount)
      return refuse('insufficient-balance', `需补缴 ${formatYuan(amount)}，可用余额 ${formatYuan(available)}`);
    await move(
      db,
      { merchantId, kind: 'from-balance', amount, reason: '从店铺余额补缴保证金', actorId, at: ctx.now() },
      [
        { account: depositAccounts.merchantAvailable(merchantId), amount },
        { account: depositAccounts.deposit(merchantId), amount: -amount },
      ],
    );
    return ok(true);
  });
  return paid.ok ? ok(await loadDeposit(ctx.db, merchantId)) : paid;
}

/** The operator confirms a bank transfer (对公转账) of deposit money that arrived in the platform's account. */
export async function recordDepositTransfer(
  ctx: Ctx,
  merchantId: string,
  input: { amount: number; reference: string },
): Promise<Result<DepositView>> {
  const operator = requireOperator(ctx.actor);
  const done = await idempotent(ctx, 'trust.deposit-transfer', { merchantId, ...input }, async (db) => {
    const row = await lockDeposit(db, merchantId);
    if (!row) return refuse('no-deposit-account');
    if (row.status === 'refunded') return refuse('deposit-closed');
    const reason = `银行转账到账，流水号 ${input.reference}`;
    await move(
      db,
      { merchantId, kind: 'transfer-in', amount: input.amount, reason, actorId: operator.userId, at: ctx.now() },
      [
        { account: depositAccounts.bankReceipts, amount: input.amount },
        { account: depositAccounts.deposit(merchantId), amount: -input.amount },
      ],
    );
    return ok(true);
  });
  return done.ok ? ok(await loadDeposit(ctx.db, merchantId)) : done;
}

/**
 * A penalty deduction (扣除保证金), inside the penalty's transaction: the money moves to the guarantee fund that pays
 * 先行赔付, and the movement carries the penalty's reason.
 */
export async function deductInTx(
  db: Db,
  input: { merchantId: string; amount: number; reason: string; actorId: string; at: Date },
): Promise<Result<true>> {
  const { merchantId, amount } = input;
  const row = await lockDeposit(db, merchantId);
  if (!row) return refuse('no-deposit-account');
  if (row.status === 'refunded') return refuse('deposit-closed');
  const held = await heldIn(db, merchantId);
  if (amount > held)
    return refuse('deduction-exceeds-deposit', `保证金余额 ${formatYuan(held)}，拟扣除 ${formatYuan(amount)}`);
  await move(db, { ...input, kind: 'deduction', amount: -amount }, [
    { account: depositAccounts.deposit(merchantId), amount },
    { account: depositAccounts.guaranteeFund, amount: -amount },
  ]);
  return ok(true);
}

/**
 * 先行赔付 recovery, in the approval's transaction: what the guarantee fund paid out is taken back from the merchant —
 * first from the deposit, then from the shop's settled balance — as far as either holds. Returns what was recovered;
 * a shortfall stays a cost of the fund (recorded on the claim).
 */
export async function recoverForClaimInTx(
  db: Db,
  input: { merchantId: string; amount: number; claimId: string; at: Date },
): Promise<number> {
  const { merchantId } = input;
  let left = input.amount;
  const row = await lockDeposit(db, merchantId);
  if (row && row.status !== 'refunded') {
    const fromDeposit = Math.min(left, await heldIn(db, merchantId));
    if (fromDeposit > 0) {
      const reason = `先行赔付追偿（理赔单 ${input.claimId}）`;
      await move(db, { merchantId, kind: 'recovery', amount: -fromDeposit, reason, actorId: 'system', at: input.at }, [
        { account: depositAccounts.deposit(merchantId), amount: fromDeposit },
        { account: depositAccounts.guaranteeFund, amount: -fromDeposit },
      ]);
      left -= fromDeposit;
    }
  }
  const available = -(await accountBalance(db, depositAccounts.merchantAvailable(merchantId)));
  const fromBalance = Math.min(left, Math.max(0, available));
  if (fromBalance > 0) {
    await postJournal(db, {
      kind: 'trust.claim-recovery',
      refId: input.claimId,
      memo: `先行赔付追偿（理赔单 ${input.claimId}），从店铺余额扣回`,
      at: input.at,
      lines: [
        { account: depositAccounts.merchantAvailable(merchantId), amount: fromBalance },
        { account: depositAccounts.guaranteeFund, amount: -fromBalance },
      ],
    });
    left -= fromBalance;
  }
  return input.amount - left;
}

/**
 * Exit (退出/清退): the shop is suspended at once so it takes no new orders; its deposit stays until EXIT_HOLD_DAYS
 * later, when after-sales on its last orders can no longer start.
 */
export async function startMerchantExit(ctx: Ctx, merchantId: string, reason: string): Promise<Result<DepositView>> {
  const operator = requireOperator(ctx.actor);
  const now = ctx.now();
  const done = await atomically(ctx, async (db) => {
    const row = await lockDeposit(db, merchantId);
    if (!row) return refuse('no-deposit-account');
    if (row.status !== 'active') return refuse('already-exiting');
    const refundableAt = new Date(now.getTime() + EXIT_HOLD_DAYS * 86_400_000);
    await db
      .update(merchantDeposits)
      .set({ status: 'exiting', exitRequestedAt: now, refundableAt, updatedAt: now })
      .where(eq(merchantDeposits.merchantId, merchantId));
    await setMerchantStatus(makeCtx(ctx.deps, ctx.actor, { db }), merchantId, 'suspended');
    await emit(db, 'trust.merchant-exiting', {
      merchantId,
      by: operator.userId,
      reason,
      refundableAt: refundableAt.toISOString(),
    });
    return ok(true);
  });
  return done.ok ? ok(await loadDeposit(ctx.db, merchantId)) : done;
}

/** Returns what is left of the deposit to the merchant's available balance, once the after-sale window has closed. */
export async function refundDeposit(ctx: Ctx, merchantId: string): Promise<Result<DepositView>> {
  const operator = requireOperator(ctx.actor);
  const now = ctx.now();
  const done = await idempotent(ctx, 'trust.deposit-refund', { merchantId }, async (db) => {
    const row = await lockDeposit(db, merchantId);
    if (!row) return refuse('no-deposit-account');
    if (row.status === 'refunded') return refuse('deposit-closed');
    if (row.status !== 'exiting' || !row.refundableAt) return refuse('not-exiting');
    if (now < row.refundableAt)
      return refuse('after-sale-window-open', `可在 ${row.refundableAt.toISOString().slice(0, 10)} 之后退还`);
    const held = await heldIn(db, merchantId);
    if (held > 0) {
      await move(
        db,
        { merchantId, kind: 'refund', amount: -held, reason: '退出后退还保证金', actorId: operator.userId, at: now },
        [
          { account: depositAccounts.deposit(merchantId), amount: held },
          { account: depositAccounts.merchantAvailable(merchantId), amount: -held },
        ],
      );
    }
    await db
      .update(merchantDeposits)
      .set({ status: 'refunded', updatedAt: now })
      .where(eq(merchantDeposits.merchantId, merchantId));
    return ok(true);
  });
  return done.ok ? ok(await loadDeposit(ctx.db, merchantId)) : done;
}
