import { and, gt, lte, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { addDays, shanghaiDay, shanghaiDayStart } from './rules.ts';
import { pointsLots } from './schema.ts';
import { movePoints, pointsAccount } from './wallet.ts';

export const EXPIRE_JOB = 'points.expire-lots';
/** The daily run, a few minutes after midnight Beijing time (keyed by day so it is enqueued once). */
const RUN_AFTER_MIDNIGHT_MS = 5 * 60_000;

const nextExpiryRun = (now: Date): Date =>
  new Date(shanghaiDayStart(addDays(shanghaiDay(now), 1)).getTime() + RUN_AFTER_MIDNIGHT_MS);

export async function scheduleExpiry(deps: Deps, db: Db, now: Date): Promise<void> {
  const runAt = nextExpiryRun(now);
  await deps.jobs.enqueue(db, EXPIRE_JOB, {}, { runAt, key: `${EXPIRE_JOB}:${shanghaiDay(runAt)}` });
}

/**
 * Expires every lot whose date has passed: per user and expiry date one journal from the user's account to
 * `points:expired`. The FIFO spend order (soonest expiry first) means exactly the lapsed lots are consumed.
 */
export async function expireDueLots(db: Db, at: Date): Promise<{ users: number; points: number }> {
  const due = await db
    .select({
      userId: pointsLots.userId,
      expiresAt: pointsLots.expiresAt,
      points: sql<string>`sum(${pointsLots.remaining})`,
    })
    .from(pointsLots)
    .where(and(lte(pointsLots.expiresAt, at), gt(pointsLots.remaining, 0)))
    .groupBy(pointsLots.userId, pointsLots.expiresAt)
    .orderBy(pointsLots.userId, pointsLots.expiresAt);
  let points = 0;
  const users = new Set<string>();
  for (const d of due) {
    const n = Number(d.points);
    const moved = await movePoints(db, {
      kind: 'points.expired',
      refId: `${d.userId}:${d.expiresAt.toISOString()}:${at.toISOString()}`,
      memo: `积分过期（${shanghaiDay(new Date(d.expiresAt.getTime() - 1))} 到期）`,
      at,
      from: { userId: d.userId },
      to: { account: pointsAccount.expired },
      points: n,
    });
    if (!moved.ok) throw new Error(`expire ${d.userId}: ${moved.type}`);
    points += n;
    users.add(d.userId);
  }
  return { users: users.size, points };
}
