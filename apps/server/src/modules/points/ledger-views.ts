import { and, desc, eq, sql } from 'drizzle-orm';
import { requireOperator, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { accountBalance, balancesByPrefix } from '../../platform/ledger.ts';
import { ledgerEntries, ledgerJournals } from '../../platform/schema.ts';
import { pointsLots, pointsWallets } from './schema.ts';
import { pointsAccount } from './wallet.ts';

// Reads straight from the ledger (the truth): a user's history, the operator's totals, and the reconcile check
// that the projections (wallets, lots) agree with it.

const KIND_LABELS: Record<string, string> = {
  'points.sign-in': '签到',
  'points.share': '分享',
  'points.purchase': '购物',
  'points.purchase-reversal': '退款扣回',
  'points.review': '评价',
  'points.birthday': '生日礼',
  'points.award': '奖励',
  'points.order-deduction': '下单抵扣',
  'points.order-return': '抵扣退回',
  'points.gift': '好友赠送',
  'points.donation': '公益捐赠',
  'points.mall': '积分兑换',
  'points.mall-cancel': '兑换取消',
  'points.expired': '过期',
};

export interface HistoryEntryDto {
  id: string;
  kind: string;
  label: string;
  memo: string;
  /** Positive: points in; negative: points out. */
  points: number;
  at: string;
}

export async function pointsHistory(
  ctx: Ctx,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ items: HistoryEntryDto[]; nextCursor: string | null }> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select({
      id: ledgerEntries.id,
      amount: ledgerEntries.amount,
      kind: ledgerJournals.kind,
      memo: ledgerJournals.memo,
      at: ledgerJournals.createdAt,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerJournals, eq(ledgerJournals.id, ledgerEntries.journalId))
    .where(and(eq(ledgerEntries.account, pointsAccount.user(user.userId)), after(page.cursor)))
    .orderBy(desc(ledgerJournals.createdAt), desc(ledgerEntries.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    kind: r.kind,
    label: KIND_LABELS[r.kind] ?? '其他',
    memo: r.memo ?? '',
    // A user's account carries a credit balance: a credit (negative entry) is points in.
    points: -r.amount,
    at: r.at.toISOString(),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? `${last.at}|${last.id}` : null };
}

/** Keyset on (time, entry id), newest first: the cursor is the last item's `at|id`. */
function after(cursor: string | undefined) {
  const [at, id] = cursor?.split('|') ?? [];
  if (!at || !id || Number.isNaN(Date.parse(at))) return undefined;
  return sql`(${ledgerJournals.createdAt}, ${ledgerEntries.id}) < (${new Date(at).toISOString()}::timestamptz, ${id})`;
}

export interface PointsStatsDto {
  issued: number;
  outstanding: number;
  redeemed: number;
  expired: number;
  donated: number;
  holders: number;
  /** Points issued (net of take-backs) per earning kind, and spent per spending kind. */
  byKind: { kind: string; label: string; points: number }[];
  reconciliation: PointsReconciliation;
}

export async function pointsStats(ctx: Ctx): Promise<PointsStatsDto> {
  requireOperator(ctx.actor);
  const db = ctx.db;
  const users = await balancesByPrefix(db, 'points:user:');
  const charity = await balancesByPrefix(db, 'points:charity:');
  const kinds = await db
    .select({ kind: ledgerJournals.kind, points: sql<string>`sum(abs(${ledgerEntries.amount})) / 2` })
    .from(ledgerEntries)
    .innerJoin(ledgerJournals, eq(ledgerJournals.id, ledgerEntries.journalId))
    .where(sql`${ledgerEntries.currency} = 'PTS'`)
    .groupBy(ledgerJournals.kind);
  return {
    issued: await accountBalance(db, pointsAccount.issued),
    outstanding: -users.reduce((a, b) => a + b.balance, 0),
    redeemed: -(await accountBalance(db, pointsAccount.redeemed)),
    expired: -(await accountBalance(db, pointsAccount.expired)),
    donated: -charity.reduce((a, b) => a + b.balance, 0),
    holders: users.filter((u) => u.balance < 0).length,
    byKind: kinds
      .map((k) => ({ kind: k.kind, label: KIND_LABELS[k.kind] ?? k.kind, points: Number(k.points) }))
      .sort((a, b) => b.points - a.points),
    reconciliation: await reconcilePoints(db),
  };
}

export interface PointsReconciliation {
  ok: boolean;
  /** Σ of every points account: zero when every journal balanced. */
  ledgerTotal: number;
  /** Users whose wallet projection differs from their ledger account. */
  walletMismatches: { userId: string; wallet: number; ledger: number }[];
  /** Users whose unexpired lots do not add up to their positive balance. */
  lotMismatches: { userId: string; lots: number; balance: number }[];
}

/** The projections must agree with the ledger: wallet = −ledger balance, Σ lots.remaining = max(0, wallet). */
export async function reconcilePoints(db: Db): Promise<PointsReconciliation> {
  const all = await balancesByPrefix(db, 'points:');
  const ledgerTotal = all.reduce((a, b) => a + b.balance, 0);
  const ledger = new Map(
    all
      .filter((b) => b.account.startsWith('points:user:'))
      .map((b) => [b.account.slice('points:user:'.length), -b.balance]),
  );
  const wallets = await db.select({ userId: pointsWallets.userId, balance: pointsWallets.balance }).from(pointsWallets);
  const walletMismatches = wallets
    .filter((w) => (ledger.get(w.userId) ?? 0) !== w.balance)
    .map((w) => ({ userId: w.userId, wallet: w.balance, ledger: ledger.get(w.userId) ?? 0 }));
  const walletIds = new Set(wallets.map((w) => w.userId));
  for (const [userId, balance] of ledger) {
    if (!walletIds.has(userId)) walletMismatches.push({ userId, wallet: 0, ledger: balance });
  }
  const lots = await db
    .select({ userId: pointsLots.userId, remaining: sql<string>`sum(${pointsLots.remaining})` })
    .from(pointsLots)
    .groupBy(pointsLots.userId);
  const lotsBy = new Map(lots.map((l) => [l.userId, Number(l.remaining)]));
  const lotMismatches = wallets
    .filter((w) => (lotsBy.get(w.userId) ?? 0) !== Math.max(0, w.balance))
    .map((w) => ({ userId: w.userId, lots: lotsBy.get(w.userId) ?? 0, balance: w.balance }));
  return {
    ok: ledgerTotal === 0 && walletMismatches.length === 0 && lotMismatches.length === 0,
    ledgerTotal,
    walletMismatches,
    lotMismatches,
  };
}
