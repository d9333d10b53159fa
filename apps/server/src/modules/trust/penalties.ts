import { desc, eq } from 'drizzle-orm';
import { canSeeMerchant, actingMerchant, requireOperator } from '../../platform/auth.ts';
import { makeCtx, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { forbidden, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { delistForPenalty, setMerchantStatus } from '../catalog/api.ts';
import { appendEntry } from '../transparency/api.ts';
import { recomputeCredit } from './credit.ts';
import { deductInTx } from './deposits.ts';
import { closeFindingAsPenalised } from './patrol.ts';
import { merchantPenalties, PENALTY_KINDS } from './schema.ts';

type PenaltyKind = (typeof PENALTY_KINDS)[number];

const refuse = refusals({
  'amount-required': [422, '扣除保证金须填写金额'],
  'product-required': [422, '下架处罚须指定商品'],
  'product-not-listed': [409, '该商品不是本店在架商品'],
});

export interface PenaltyView {
  id: string;
  merchantId: string;
  kind: PenaltyKind;
  reason: string;
  amount: number | null;
  productId: string | null;
  findingId: string | null;
  at: string;
}

/**
 * An operator's penalty, recorded with its reason in the same transaction as its effect: a warning is only the record,
 * a suspension stops the shop through the catalog, a deduction moves deposit money to the guarantee fund.
 */
export async function imposePenalty(
  ctx: Ctx,
  merchantId: string,
  input: {
    kind: PenaltyKind;
    reason: string;
    amount?: number | undefined;
    productId?: string | undefined;
    findingId?: string | undefined;
  },
): Promise<Result<PenaltyView>> {
  const operator = requireOperator(ctx.actor);
  if (input.kind === 'deposit-deduction' && !input.amount) return refuse('amount-required');
  if (input.kind === 'delist' && !input.productId) return refuse('product-required');
  const now = ctx.now();
  const id = newId('pen');
  const reason = input.reason.trim();
  const amount = input.kind === 'deposit-deduction' ? (input.amount ?? 0) : null;
  const productId = input.kind === 'delist' ? (input.productId ?? null) : null;
  const findingId = input.findingId ?? null;
  const done = await idempotent(ctx, 'trust.penalty', { merchantId, ...input }, async (db) => {
    if (findingId) {
      const closed = await closeFindingAsPenalised(db, findingId, merchantId, now);
      if (!closed.ok) return closed;
    }
    if (input.kind === 'delist') {
      if (!(await delistForPenalty(db, { merchantId, productId: productId ?? '', at: now })))
        return refuse('product-not-listed');
    } else if (input.kind === 'suspension') {
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
    await db.insert(merchantPenalties).values({
      id,
      merchantId,
      kind: input.kind,
      reason,
      amount,
      productId,
      findingId,
      actorId: operator.userId,
      at: now,
    });
    // Penalties are public (docs/TRANSPARENCY.md, kind `penalty`): the shop, the kind, the stated reason and the
    // deduction; never the operator.
    await appendEntry(
      db,
      {
        kind: 'penalty',
        subjectId: id,
        payload: { merchantId, penaltyKind: input.kind, reason, deduction: amount, productId },
      },
      now,
    );
    await recomputeCredit(db, merchantId, now);
    await emit(db, 'trust.penalty-imposed', { penaltyId: id, merchantId, kind: input.kind, amount, productId });
    return ok({ id, merchantId, kind: input.kind, reason, amount, productId, findingId, at: now.toISOString() });
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
      productId: r.productId,
      findingId: r.findingId,
      at: r.at.toISOString(),
    })),
  };
}

/** A merchant's penalty record: for operators, and for the shop's own staff. */
export async function listPenalties(ctx: Ctx, merchantId: string): Promise<{ items: PenaltyView[] }> {
  if (!canSeeMerchant(ctx.actor, merchantId, 'finance.read')) throw forbidden('只能查看本店的处罚记录');
  return penaltiesOf(ctx.db, merchantId);
}

export async function listOwnPenalties(ctx: Ctx): Promise<{ items: PenaltyView[] }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'finance.read');
  return penaltiesOf(ctx.db, merchantId);
}
