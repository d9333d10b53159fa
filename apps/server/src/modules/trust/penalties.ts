import { desc, eq } from 'drizzle-orm';
import { canSeeMerchant, actingMerchant, requireOperator } from '../../platform/auth.ts';
import { makeCtx, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { forbidden, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { setMerchantStatus } from '../catalog/api.ts';
import { deductInTx } from './deposits.ts';
import { merchantPenalties, PENALTY_KINDS } from './schema.ts';

type PenaltyKind = (typeof PENALTY_KINDS)[number];

const refuse = refusals({
  'amount-required': [422, '扣除保证金须填写金额'],
});

export interface PenaltyView {
  id: string;
  merchantId: string;
  kind: PenaltyKind;
  reason: string;
  amount: number | null;
  at: string;
}

/**
 * An operator's penalty, recorded with its reason in the same transaction as its effect: a warning is only the record,
 * a suspension stops the shop through the catalog, a deduction moves deposit money to the guarantee fund.
 */
export async function imposePenalty(
  ctx: Ctx,
  merchantId: string,
  input: { kind: PenaltyKind; reason: string; amount?: number | undefined },
): Promise<Result<PenaltyView>> {
  const operator = requireOperator(ctx.actor);
  if (input.kind === 'deposit-deduction' && !input.amount) return refuse('amount-required');
  const now = ctx.now();
  const id = newId('pen');
  const reason = input.reason.trim();
  const amount = input.kind === 'deposit-deduction' ? (input.amount ?? 0) : null;
  const done = await idempotent(ctx, 'trust.penalty', { merchantId, ...input }, async (db) => {
    if (input.kind === 'suspension') {
      await setMerchantStatus(makeCtx(ctx.deps, ctx.actor, { db }), merchantId, 'suspended');
    } else if (input.kind === 'deposit-deduction') {
      const deducted = await deductInTx(db, {
        merchantId,
        amount: amount ?? 0,
        reason: `处罚扣除：${reason}`,
        actorId: operator.userId,
        at: now,
      });
      if (!deducted.ok) return deducted;
    }
    await db
      .insert(merchantPenalties)
      .values({ id, merchantId, kind: input.kind, reason, amount, actorId: operator.userId, at: now });
    await emit(db, 'trust.penalty-imposed', { penaltyId: id, merchantId, kind: input.kind, amount });
    return ok({ id, merchantId, kind: input.kind, reason, amount, at: now.toISOString() });
  });
  return done;
}

async function penaltiesOf(db: Db, merchantId: string): Promise<{ items: PenaltyView[] }> {
  const rows = await db
    .select()
    .from(merchantPenalties)
    .where(eq(merchantPenalties.merchantId, merchantId))
    .orderBy(desc(merchantPenalties.at), desc(merchantPenalties.id))
    .limit(200);
  return {
    items: rows.map((r) => ({
      id: r.id,
      merchantId: r.merchantId,
      kind: r.kind,
      reason: r.reason,
      amount: r.amount,
      at: r.at.toISOString(),
    })),
  };
}

/** A merchant's penalty record: for operators, and for the shop's own staff. */
export async function listPenalties(ctx: Ctx, merchantId: string): Promise<{ items: PenaltyView[] }> {
  if (!canSeeMerchant(ctx.actor, merchantId)) throw forbidden('只能查看本店的处罚记录');
  return penaltiesOf(ctx.db, merchantId);
}

export async function listOwnPenalties(ctx: Ctx): Promise<{ items: PenaltyView[] }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint);
  return penaltiesOf(ctx.db, merchantId);
}
