import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { postJournal } from '../../platform/ledger.ts';
import { expiryFor } from './rules.ts';
import { pointsLots, pointsWallets } from './schema.ts';

/**
 * Every points movement is one balanced ledger journal (currency PTS) between two accounts, plus the projections
 * kept beside it: the wallet balance and the FIFO lots. Debits are positive: a user's account carries a credit
 * balance (what the platform owes them), `points:issued` the matching debit.
 */
export const pointsAccount = {
  user: (userId: string) => `points:user:${userId}`,
  issued: 'points:issued',
  redeemed: 'points:redeemed',
  expired: 'points:expired',
  charity: (projectId: string) => `points:charity:${projectId}`,
};

type Side = { userId: string } | { account: string };
export interface LotPiece {
  points: number;
  expiresAt: Date;
}

export interface Movement {
  kind: string;
  refId: string;
  memo: string;
  at: Date;
  from: Side;
  to: Side;
  points: number;
  /** Clawbacks may take a user below zero (the points were already spent); everything else is guarded. */
  allowNegative?: boolean;
  /** Lots to create for a receiving user; default one lot expiring by the policy, from `at`. */
  lots?: LotPiece[];
  /** The lot source to take from first (a clawback takes the order's own purchase points first). */
  sourceRef?: string;
}

const refuse = refusals({ 'insufficient-points': '积分不足' });

const accountOf = (s: Side) => ('userId' in s ? pointsAccount.user(s.userId) : s.account);

/**
 * Moves points once per (kind, refId): a repeat posts nothing and returns `posted: false`. A guarded spend that
 * finds too few points returns `insufficient-points`; callers run inside a transaction that a refusal rolls back.
 */
export async function movePoints(
  db: Db,
  m: Movement,
): Promise<Result<{ posted: boolean; pieces: LotPiece[] }, 'insufficient-points'>> {
  if (!Number.isSafeInteger(m.points) || m.points <= 0) throw new Error(`movePoints: bad amount ${m.points}`);
  const posted = await postJournal(db, {
    kind: m.kind,
    refId: m.refId,
    memo: m.memo,
    at: m.at,
    currency: 'PTS',
    lines: [
      { account: accountOf(m.from), amount: m.points },
      { account: accountOf(m.to), amount: -m.points },
    ],
  });
  if (!posted) return ok({ posted: false, pieces: [] });
  let pieces: LotPiece[] = m.lots ?? [{ points: m.points, expiresAt: expiryFor(m.at) }];
  if ('userId' in m.from) {
    const debited = await debitWallet(db, m.from.userId, m.points, m.at, m.allowNegative ?? false);
    if (!debited) return refuse('insufficient-points', '积分余额不足，请刷新后重试');
    const taken = await takeFromLots(db, m.from.userId, m.points, m.sourceRef, m.at);
    // Points moving between users keep the expiry of the lots they came from.
    if (!m.lots) pieces = taken;
  }
  if ('userId' in m.to) await creditWallet(db, m.to.userId, m.points, m.at, m.sourceRef ?? m.refId, pieces);
  return ok({ posted: true, pieces });
}

/** Serialises one user's points operations (daily caps, streaks) for the rest of the transaction. */
export async function lockWallet(db: Db, userId: string, at: Date): Promise<number> {
  await db.insert(pointsWallets).values({ userId, balance: 0, updatedAt: at }).onConflictDoNothing();
  const [row] = await db
    .select({ balance: pointsWallets.balance })
    .from(pointsWallets)
    .where(eq(pointsWallets.userId, userId))
    .for('update');
  return row?.balance ?? 0;
}

export async function walletBalance(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ balance: pointsWallets.balance })
    .from(pointsWallets)
    .where(eq(pointsWallets.userId, userId));
  return row?.balance ?? 0;
}

/** The next expiry: how many points lapse at the earliest date still ahead. */
export async function nextExpiry(db: Db, userId: string): Promise<{ points: number; expiresAt: string } | null> {
  const [row] = await db
    .select({ expiresAt: pointsLots.expiresAt, points: sql<string>`sum(${pointsLots.remaining})` })
    .from(pointsLots)
    .where(and(eq(pointsLots.userId, userId), gt(pointsLots.remaining, 0)))
    .groupBy(pointsLots.expiresAt)
    .orderBy(asc(pointsLots.expiresAt))
    .limit(1);
  return row ? { points: Number(row.points), expiresAt: row.expiresAt.toISOString() } : null;
}

async function debitWallet(db: Db, userId: string, points: number, at: Date, allowNegative: boolean): Promise<boolean> {
  await db.insert(pointsWallets).values({ userId, balance: 0, updatedAt: at }).onConflictDoNothing();
  const guard = allowNegative ? sql`true` : sql`${pointsWallets.balance} >= ${points}`;
  const rows = await db
    .update(pointsWallets)
    .set({ balance: sql`${pointsWallets.balance} - ${points}`, updatedAt: at })
    .where(and(eq(pointsWallets.userId, userId), guard))
    .returning({ balance: pointsWallets.balance });
  return rows.length > 0;
}

/** Credits the wallet; a user in debt (after a clawback) first pays it off, so only the rest becomes lots. */
async function creditWallet(
  db: Db,
  userId: string,
  points: number,
  at: Date,
  sourceRef: string,
  pieces: LotPiece[],
): Promise<void> {
  const [row] = await db
    .insert(pointsWallets)
    .values({ userId, balance: points, updatedAt: at })
    .onConflictDoUpdate({
      target: pointsWallets.userId,
      set: { balance: sql`${pointsWallets.balance} + ${points}`, updatedAt: at },
    })
    .returning({ balance: pointsWallets.balance });
  let debt = Math.max(0, points - row!.balance);
  // Debt is paid with the soonest-expiring pieces; the rest become lots.
  const sorted = [...pieces].sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
  const lots = [];
  for (const p of sorted) {
    const paid = Math.min(debt, p.points);
    debt -= paid;
    const remaining = p.points - paid;
    lots.push({
      id: newId('plot'),
      userId,
      sourceRef,
      amount: p.points,
      remaining,
      earnedAt: at,
      expiresAt: p.expiresAt,
    });
  }
  if (lots.length > 0) await db.insert(pointsLots).values(lots);
}

/** Takes points from the user's lots, the given source first, then the soonest to expire. */
async function takeFromLots(
  db: Db,
  userId: string,
  points: number,
  sourceRef: string | undefined,
  at: Date,
): Promise<LotPiece[]> {
  const lots = await db
    .select()
    .from(pointsLots)
    .where(and(eq(pointsLots.userId, userId), gt(pointsLots.remaining, 0)))
    .orderBy(desc(sql`(${pointsLots.sourceRef} = ${sourceRef ?? ''})`), asc(pointsLots.expiresAt), asc(pointsLots.id))
    .for('update');
  const pieces: LotPiece[] = [];
  let left = points;
  for (const lot of lots) {
    if (left <= 0) break;
    const take = Math.min(left, lot.remaining);
    await db
      .update(pointsLots)
      .set({ remaining: lot.remaining - take })
      .where(eq(pointsLots.id, lot.id));
    pieces.push({ points: take, expiresAt: lot.expiresAt });
    left -= take;
  }
  // A clawback past the lots leaves debt: those points have no lot and no expiry.
  if (left > 0) pieces.push({ points: left, expiresAt: expiryFor(at) });
  return pieces;
}
