import { eq } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { notFound } from '../../platform/errors.ts';
import { merchants } from './schema.ts';

/**
 * The merchant's credit score (0–100): the one stored score, shown on the admin merchants page and read by other
 * modules (live's go-live gate). The trust module computes it (docs/TRUST.md, "Credit score") and stores it here
 * through recordComputedCreditScore; operators can still override it by hand until the next recomputation.
 */
export async function getMerchantCreditScore(db: Db, merchantId: string): Promise<number | null> {
  const [row] = await db.select({ score: merchants.creditScore }).from(merchants).where(eq(merchants.id, merchantId));
  return row?.score ?? null;
}

export async function setMerchantCreditScore(
  ctx: Ctx,
  merchantId: string,
  score: number,
): Promise<{ merchantId: string; score: number }> {
  const operator = requireOperator(ctx.actor);
  await ctx.tx(async (tx) => {
    const [row] = await tx
      .update(merchants)
      .set({ creditScore: score })
      .where(eq(merchants.id, merchantId))
      .returning({ id: merchants.id });
    if (!row) throw notFound('商家', merchantId);
    await emit(tx, 'merchant.credit-score-set', { merchantId, score, by: operator.userId });
  });
  return { merchantId, score };
}

/**
 * The trust module's computed score, written in the caller's transaction (the event that changed it — a compensation,
 * a penalty — and the new score commit together). Unchanged scores write nothing and emit nothing.
 */
export async function recordComputedCreditScore(db: Db, merchantId: string, score: number): Promise<void> {
  const [row] = await db
    .select({ score: merchants.creditScore })
    .from(merchants)
    .where(eq(merchants.id, merchantId))
    .for('update');
  // Facts can name a merchant the catalog no longer (or never) had; there is then no row to keep the score on.
  if (!row || row.score === score) return;
  await db.update(merchants).set({ creditScore: score }).where(eq(merchants.id, merchantId));
  await emit(db, 'merchant.credit-score-set', { merchantId, score, by: 'trust.credit', previous: row.score });
}
