import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { accountBalance } from '../../platform/ledger.ts';
import { accounts } from './accounts.ts';
import { commissions, type CommissionStatus, withdrawals } from './schema.ts';
import { MIN_WITHDRAWAL_FEN } from './withdrawals.ts';

export interface EarningsSummary {
  /** Recorded on paid orders, waiting for the return window (net of refunds so far). */
  pending: number;
  /** Settled commission and invitation rewards, not yet withdrawn. */
  available: number;
  /** Held for withdrawals being paid out. */
  withdrawing: number;
  /** Paid out so far (before tax), and the tax withheld from it. */
  withdrawn: number;
  withheld: number;
  /** Commission taken back because of refunds. */
  reversed: number;
  orders: number;
  minWithdrawal: number;
}

/** The promoter's money, straight from the ledger. */
export async function myEarnings(ctx: Ctx): Promise<EarningsSummary> {
  const user = requireUser(ctx.actor);
  const [pending, available, withdrawing] = await Promise.all([
    accountBalance(ctx.db, accounts.promoterPending(user.userId)),
    accountBalance(ctx.db, accounts.promoterAvailable(user.userId)),
    accountBalance(ctx.db, accounts.promoterWithdrawing(user.userId)),
  ]);
  const [c] = await ctx.db
    .select({
      reversed: sql<string>`coalesce(sum(${commissions.reversedAmount}), 0)`,
      orders: sql<number>`count(distinct ${commissions.orderId})::int`,
    })
    .from(commissions)
    .where(eq(commissions.promoterId, user.userId));
  const [w] = await ctx.db
    .select({
      amount: sql<string>`coalesce(sum(${withdrawals.amount}), 0)`,
      withheld: sql<string>`coalesce(sum(${withdrawals.withheld}), 0)`,
    })
    .from(withdrawals)
    .where(and(eq(withdrawals.userId, user.userId), eq(withdrawals.status, 'paid')));
  return {
    pending: -pending,
    available: -available,
    withdrawing: -withdrawing,
    withdrawn: Number(w?.amount ?? 0),
    withheld: Number(w?.withheld ?? 0),
    reversed: Number(c?.reversed ?? 0),
    orders: c?.orders ?? 0,
    minWithdrawal: MIN_WITHDRAWAL_FEN,
  };
}

export interface CommissionView {
  id: string;
  orderId: string;
  productId: string;
  productTitle: string;
  level: number;
  rateBp: number;
  baseAmount: number;
  amount: number;
  reversedAmount: number;
  status: CommissionStatus;
  createdAt: string;
  settledAt: string | null;
}

export async function listMyCommissions(
  ctx: Ctx,
  query: { cursor?: string | undefined; limit?: number | undefined; status?: CommissionStatus | undefined },
): Promise<{ items: CommissionView[]; nextCursor: string | null }> {
  const user = requireUser(ctx.actor);
  const limit = query.limit ?? 20;
  const rows = await ctx.db
    .select()
    .from(commissions)
    .where(
      and(
        eq(commissions.promoterId, user.userId),
        query.status ? eq(commissions.status, query.status) : undefined,
        query.cursor ? lt(commissions.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(commissions.id))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  return { items: shown.map(commissionView), nextCursor: rows.length > limit ? shown[shown.length - 1]!.id : null };
}

const commissionView = (r: typeof commissions.$inferSelect): CommissionView => ({
  id: r.id,
  orderId: r.orderId,
  productId: r.productId,
  productTitle: r.productTitle,
  level: r.level,
  rateBp: r.rateBp,
  baseAmount: r.baseAmount,
  amount: r.amount,
  reversedAmount: r.reversedAmount,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  settledAt: r.settledAt?.toISOString() ?? null,
});
