import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { publicProfiles } from '../accounts/api.ts';
import { loadSession, requireHost } from './access.ts';
import { publishToRoom } from './channel.ts';
import { sessionTotals } from './totals.ts';
import { livePks, liveSessions, type PK_METRICS } from './schema.ts';

export const FINISH_PK_JOB = 'live.finish-pk';
const finishKey = (pkId: string) => `${FINISH_PK_JOB}:${pkId}`;
/** An invitation nobody answers lapses after this long, so it does not block either room. */
const PK_INVITE_SECONDS = 120;

const refuse = refusals({
  'session-not-live': '直播未在进行中，不能发起 PK',
  'pk-opponent-invalid': [422, '对方直播间不存在或未在直播'],
  'pk-busy': '有一方正在 PK 或有待回应的 PK 邀请',
  'pk-invite-expired': 'PK 邀请已失效',
});

type Metric = (typeof PK_METRICS)[number];
type PkRow = typeof livePks.$inferSelect;

interface PkSide {
  sessionId: string;
  title: string;
  hostNickname: string;
  hostAvatarUrl: string | null;
  /** GMV (fen) or likes gained since the PK started. */
  score: number;
}
export interface PkDto {
  id: string;
  status: 'invited' | 'running' | 'finished' | 'declined';
  metric: Metric;
  durationSeconds: number;
  invitedAt: string;
  startedAt: string | null;
  endsAt: string | null;
  finishedAt: string | null;
  winner: 'a' | 'b' | 'draw' | null;
  a: PkSide;
  b: PkSide;
}

const isLapsed = (pk: PkRow, now: Date) =>
  pk.status === 'invited' && now.getTime() - pk.createdAt.getTime() >= PK_INVITE_SECONDS * 1000;

/** Room A's host invites room B; both must be live and neither already in a PK or a pending invitation. */
export async function invitePk(
  ctx: Ctx,
  sessionId: string,
  input: { opponentSessionId: string; metric: Metric; durationSeconds: number },
): Promise<Result<PkDto>> {
  const user = requireUser(ctx.actor);
  const result = await atomically(ctx, async (tx) => {
    const { session } = await requireHost(ctx, sessionId, tx);
    if (session.status !== 'live') return refuse('session-not-live');
    if (input.opponentSessionId === sessionId) return refuse('pk-opponent-invalid', '不能和自己的直播间 PK');
    const rooms = await lockRooms(tx, [sessionId, input.opponentSessionId]);
    if (rooms.find((r) => r.id === input.opponentSessionId)?.status !== 'live') return refuse('pk-opponent-invalid');
    const now = ctx.now();
    if (await busy(tx, [sessionId, input.opponentSessionId], now)) return refuse('pk-busy');
    const [row] = await tx
      .insert(livePks)
      .values({
        id: newId('lpk'),
        sessionA: sessionId,
        sessionB: input.opponentSessionId,
        metric: input.metric,
        durationSeconds: input.durationSeconds,
        status: 'invited',
        createdBy: user.userId,
        createdAt: now,
      })
      .returning();
    return ok(await toDto(tx, row!));
  });
  if (result.ok) await publishBoth(ctx.deps, result.value);
  return result;
}

/** Room B's host (or merchant) accepts — the scores start from both rooms' current totals — or declines. */
export async function respondPk(ctx: Ctx, pkId: string, accept: boolean): Promise<Result<PkDto>> {
  const user = requireUser(ctx.actor);
  const [found] = await ctx.db.select().from(livePks).where(eq(livePks.id, pkId));
  if (!found) throw notFound('PK', pkId);
  const result = await atomically(ctx, async (tx) => {
    await requireHost(ctx, found.sessionB, tx);
    const rooms = await lockRooms(tx, [found.sessionA, found.sessionB]);
    const [pk] = await tx.select().from(livePks).where(eq(livePks.id, pkId)).for('update');
    const now = ctx.now();
    if (pk!.status !== 'invited' || isLapsed(pk!, now)) return refuse('pk-invite-expired');
    if (!accept) {
      const [row] = await tx
        .update(livePks)
        .set({ status: 'declined', respondedBy: user.userId, respondedAt: now })
        .where(eq(livePks.id, pkId))
        .returning();
      return ok(await toDto(tx, row!));
    }
    if (rooms.some((r) => r.status !== 'live')) return refuse('session-not-live');
    const [totalsA, totalsB] = [await sessionTotals(tx, pk!.sessionA), await sessionTotals(tx, pk!.sessionB)];
    const endsAt = new Date(now.getTime() + pk!.durationSeconds * 1000);
    const [row] = await tx
      .update(livePks)
      .set({
        status: 'running',
        baseA: totalsA[pk!.metric],
        baseB: totalsB[pk!.metric],
        startedAt: now,
        endsAt,
        respondedBy: user.userId,
        respondedAt: now,
      })
      .where(eq(livePks.id, pkId))
      .returning();
    await ctx.deps.jobs.enqueue(tx, FINISH_PK_JOB, { pkId }, { runAt: endsAt, key: finishKey(pkId) });
    return ok(await toDto(tx, row!));
  });
  if (result.ok) await publishBoth(ctx.deps, result.value);
  return result;
}

/**
 * The metrics flush calls this for the rooms it just flushed: running PKs of those rooms publish their scores to
 * both rooms, and those whose time is up are finished (the job at endsAt finishes them in a quiet room). `db` is the
 * caller's transaction when it has one (an event subscriber: the scores then include what it just wrote, and PGlite's
 * single connection is never asked for a second one while the transaction holds it — that would wait forever), else
 * `deps.database.db`.
 */
export async function refreshPkFor(deps: Deps, sessionIds: string[], db: Db): Promise<void> {
  if (sessionIds.length === 0) return;
  const running = await db
    .select()
    .from(livePks)
    .where(
      and(
        eq(livePks.status, 'running'),
        or(inArray(livePks.sessionA, sessionIds), inArray(livePks.sessionB, sessionIds)),
      ),
    );
  const now = deps.clock.now();
  for (const pk of running) {
    if (now >= pk.endsAt!) {
      const finished = await db.transaction((tx) => finishIn(tx, pk.id, now));
      if (finished) await publishBoth(deps, finished);
    } else {
      await publishBoth(deps, await toDto(db, pk));
    }
  }
}

/** The job at endsAt; published from the job's transaction (jobs have no after-commit hook; finishing is idempotent). */
export async function finishDuePk(deps: Deps, tx: Db, pkId: string): Promise<void> {
  const finished = await finishIn(tx, pkId, deps.clock.now());
  if (finished) await publishBoth(deps, finished);
}

/** Final scores from the totals at the end; the winner is the higher score, equal scores a draw. Null if already done. */
async function finishIn(tx: Db, pkId: string, now: Date): Promise<PkDto | null> {
  const [pk] = await tx.select().from(livePks).where(eq(livePks.id, pkId)).for('update');
  if (!pk || pk.status !== 'running') return null;
  const { a, b } = await scores(tx, pk);
  const winner = a > b ? 'a' : b > a ? 'b' : 'draw';
  const [row] = await tx
    .update(livePks)
    .set({ status: 'finished', scoreA: a, scoreB: b, winner, finishedAt: now < pk.endsAt! ? now : pk.endsAt })
    .where(eq(livePks.id, pkId))
    .returning();
  return toDto(tx, row!);
}

/** The room's current or last PK (a lapsed or declined invitation is not shown), for the snapshot on connect. */
export async function latestPk(db: Db, sessionId: string, now: Date = new Date()): Promise<PkDto | null> {
  const [row] = await db
    .select()
    .from(livePks)
    .where(
      and(
        or(eq(livePks.sessionA, sessionId), eq(livePks.sessionB, sessionId)),
        inArray(livePks.status, ['invited', 'running', 'finished']),
      ),
    )
    .orderBy(desc(livePks.createdAt))
    .limit(1);
  if (!row || isLapsed(row, now)) return null;
  return toDto(db, row);
}

async function lockRooms(tx: Db, ids: string[]) {
  // Both rooms' rows, in id order, so two hosts inviting each other at once cannot deadlock or double-book.
  const rows = await tx
    .select({ id: liveSessions.id, status: liveSessions.status })
    .from(liveSessions)
    .where(inArray(liveSessions.id, ids))
    .orderBy(asc(liveSessions.id))
    .for('update');
  return rows;
}

async function busy(tx: Db, ids: string[], now: Date): Promise<boolean> {
  const open = await tx
    .select()
    .from(livePks)
    .where(
      and(
        inArray(livePks.status, ['invited', 'running']),
        or(inArray(livePks.sessionA, ids), inArray(livePks.sessionB, ids)),
      ),
    );
  return open.some((pk) => !isLapsed(pk, now));
}

async function scores(db: Db, pk: PkRow): Promise<{ a: number; b: number }> {
  if (pk.status === 'finished') return { a: pk.scoreA ?? 0, b: pk.scoreB ?? 0 };
  if (pk.status !== 'running') return { a: 0, b: 0 };
  const [ta, tb] = [await sessionTotals(db, pk.sessionA), await sessionTotals(db, pk.sessionB)];
  return { a: Math.max(0, ta[pk.metric] - pk.baseA), b: Math.max(0, tb[pk.metric] - pk.baseB) };
}

async function toDto(db: Db, pk: PkRow): Promise<PkDto> {
  const [sa, sb] = [await loadSession(db, pk.sessionA), await loadSession(db, pk.sessionB)];
  const hosts = await publicProfiles(db, [sa.hostUserId, sb.hostUserId]);
  const { a, b } = await scores(db, pk);
  const side = (s: typeof sa, score: number): PkSide => ({
    sessionId: s.id,
    title: s.title,
    hostNickname: hosts.get(s.hostUserId)?.nickname ?? '主播',
    hostAvatarUrl: hosts.get(s.hostUserId)?.avatarUrl ?? null,
    score,
  });
  return {
    id: pk.id,
    status: pk.status,
    metric: pk.metric,
    durationSeconds: pk.durationSeconds,
    invitedAt: pk.createdAt.toISOString(),
    startedAt: pk.startedAt?.toISOString() ?? null,
    endsAt: pk.endsAt?.toISOString() ?? null,
    finishedAt: pk.finishedAt?.toISOString() ?? null,
    winner: pk.winner,
    a: side(sa, a),
    b: side(sb, b),
  };
}

async function publishBoth(deps: Deps, pk: PkDto): Promise<void> {
  await publishToRoom(deps, pk.a.sessionId, { type: 'pk', pk });
  await publishToRoom(deps, pk.b.sessionId, { type: 'pk', pk });
}
