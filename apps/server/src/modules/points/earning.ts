import { and, eq, gt, gte, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import {
  addDays,
  REVIEW_POINTS,
  SHARE_POINTS,
  SHARES_REWARDED_PER_DAY,
  shanghaiDay,
  SIGN_IN_POINTS,
  STREAK_BONUS_EVERY,
  STREAK_BONUS_POINTS,
} from './rules.ts';
import { pointsShares, pointsSignIns } from './schema.ts';
import { lockWallet, movePoints, pointsAccount } from './wallet.ts';

const refuse = refusals({
  'already-signed-in': '今天已经签到过了',
});

/** Points for the n-th consecutive day: the daily points, plus the bonus on every 7th day. */
const signInPointsFor = (streak: number): number =>
  SIGN_IN_POINTS + (streak % STREAK_BONUS_EVERY === 0 ? STREAK_BONUS_POINTS : 0);

export interface SignedIn {
  day: string;
  streak: number;
  points: number;
  balance: number;
}

/** Daily sign-in: once per Asia/Shanghai day; the streak continues when yesterday was signed too. */
export async function signIn(ctx: Ctx): Promise<Result<SignedIn>> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  const today = shanghaiDay(now);
  return atomically(ctx, async (tx) => {
    await lockWallet(tx, user.userId, now);
    const recent = await tx
      .select({ day: pointsSignIns.day, streak: pointsSignIns.streak })
      .from(pointsSignIns)
      .where(and(eq(pointsSignIns.userId, user.userId), gte(pointsSignIns.day, addDays(today, -1))));
    if (recent.some((r) => r.day === today)) return refuse('already-signed-in');
    const streak = (recent.find((r) => r.day === addDays(today, -1))?.streak ?? 0) + 1;
    const points = signInPointsFor(streak);
    await tx.insert(pointsSignIns).values({ userId: user.userId, day: today, streak, points, createdAt: now });
    const moved = await movePoints(tx, {
      kind: 'points.sign-in',
      refId: `${user.userId}:${today}`,
      memo: streak % STREAK_BONUS_EVERY === 0 ? `签到（连续 ${streak} 天，含连签奖励）` : `签到（连续 ${streak} 天）`,
      at: now,
      from: { account: pointsAccount.issued },
      to: { userId: user.userId },
      points,
    });
    if (!moved.ok) return moved;
    const balance = await lockWallet(tx, user.userId, now);
    return ok({ day: today, streak, points, balance });
  });
}

export interface SignInCalendar {
  today: string;
  signedToday: boolean;
  /** The streak as of today: today's if signed, else yesterday's (still alive), else 0. */
  streak: number;
  /** Points the next sign-in earns. */
  nextPoints: number;
  days: { day: string; points: number; streak: number }[];
  rules: { dailyPoints: number; bonusEvery: number; bonusPoints: number };
}

/** The sign-in days of the current month (Asia/Shanghai) and the live streak. */
export async function signInCalendar(ctx: Ctx): Promise<SignInCalendar> {
  const user = requireUser(ctx.actor);
  const today = shanghaiDay(ctx.now());
  const from = [today.slice(0, 8) + '01', addDays(today, -1)].sort()[0]!;
  const rows = await ctx.db
    .select({ day: pointsSignIns.day, points: pointsSignIns.points, streak: pointsSignIns.streak })
    .from(pointsSignIns)
    .where(and(eq(pointsSignIns.userId, user.userId), gte(pointsSignIns.day, from)))
    .orderBy(pointsSignIns.day);
  const todayRow = rows.find((r) => r.day === today);
  const yesterday = rows.find((r) => r.day === addDays(today, -1));
  const streak = todayRow?.streak ?? yesterday?.streak ?? 0;
  return {
    today,
    signedToday: todayRow !== undefined,
    streak,
    nextPoints: signInPointsFor(streak + 1),
    days: rows.filter((r) => r.day.slice(0, 7) === today.slice(0, 7)),
    rules: { dailyPoints: SIGN_IN_POINTS, bonusEvery: STREAK_BONUS_EVERY, bonusPoints: STREAK_BONUS_POINTS },
  };
}

export const SHARE_TARGETS = ['product', 'post', 'live', 'community', 'groupbuy'] as const;
export type ShareTarget = (typeof SHARE_TARGETS)[number];

export interface ShareRewarded {
  points: number;
  rewardedToday: number;
  dailyCap: number;
  /** Why nothing was earned, when nothing was. */
  note: 'rewarded' | 'already-shared-today' | 'daily-cap-reached';
}

/**
 * The shop reports a share. The first shares of distinct things each day earn points, up to the daily cap;
 * sharing the same thing again the same day earns nothing, so the reward cannot be farmed by repetition.
 */
export async function recordShare(
  ctx: Ctx,
  input: { targetType: ShareTarget; targetId: string },
): Promise<Result<ShareRewarded>> {
  const user = requireUser(ctx.actor);
  return atomically<ShareRewarded>(ctx, async (tx) =>
    rewardShare(tx, { userId: user.userId, ...input, at: ctx.now() }),
  );
}

/**
 * The share rule, for the route above and for share.created (a share link made in attribution): both count
 * against the same daily cap, and the same target reported both ways is rewarded once.
 */
export async function rewardShare(
  db: Db,
  input: { userId: string; targetType: ShareTarget; targetId: string; at: Date },
): Promise<Result<ShareRewarded>> {
  const { userId, at } = input;
  const today = shanghaiDay(at);
  const target = `${input.targetType}:${input.targetId}`;
  await lockWallet(db, userId, at);
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(pointsShares)
    .where(and(eq(pointsShares.userId, userId), eq(pointsShares.day, today), gt(pointsShares.points, 0)));
  const points = n < SHARES_REWARDED_PER_DAY ? SHARE_POINTS : 0;
  const inserted = await db
    .insert(pointsShares)
    .values({ userId, day: today, target, points, createdAt: at })
    .onConflictDoNothing()
    .returning({ day: pointsShares.day });
  if (inserted.length === 0)
    return ok({ points: 0, rewardedToday: n, dailyCap: SHARES_REWARDED_PER_DAY, note: 'already-shared-today' });
  if (points === 0)
    return ok({ points: 0, rewardedToday: n, dailyCap: SHARES_REWARDED_PER_DAY, note: 'daily-cap-reached' });
  const moved = await movePoints(db, {
    kind: 'points.share',
    refId: `${userId}:${today}:${target}`,
    memo: '分享奖励',
    at,
    from: { account: pointsAccount.issued },
    to: { userId },
    points,
  });
  if (!moved.ok) return moved;
  return ok({ points, rewardedToday: n + 1, dailyCap: SHARES_REWARDED_PER_DAY, note: 'rewarded' });
}

/** review.published: a first review (never a follow-up) of a delivered order line earns points once. */
export async function rewardReview(
  db: Db,
  input: { reviewId: string; userId: string; isFollowUp: boolean; at: Date },
): Promise<void> {
  if (input.isFollowUp) return;
  const moved = await movePoints(db, {
    kind: 'points.review',
    refId: input.reviewId,
    memo: '评价奖励',
    at: input.at,
    from: { account: pointsAccount.issued },
    to: { userId: input.userId },
    points: REVIEW_POINTS,
  });
  if (!moved.ok) throw new Error(`review reward ${input.reviewId}: ${moved.type}`);
}

/** Today's rewarded shares, for the points centre. */
export async function sharesToday(db: Db, userId: string, at: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(pointsShares)
    .where(and(eq(pointsShares.userId, userId), eq(pointsShares.day, shanghaiDay(at)), gt(pointsShares.points, 0)));
  return row?.n ?? 0;
}
