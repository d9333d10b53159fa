import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/auth.ts';
import { type Ctx, systemCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { publicProfiles } from '../accounts/api.ts';
import { issueToUsers } from '../coupons/api.ts';
import { moderate } from '../moderation/api.ts';
import { type LiveSession, loadSession, requireAbility } from './access.ts';
import { publishToRoom } from './channel.ts';
import { commitmentOf, drawWinners, maskNickname, VERIFY_TEXT } from './lottery-draw.ts';
import { liveLotteries, liveLotteryEntries, liveRoles } from './schema.ts';
import { publishThrottled } from './throttle.ts';

export const DRAW_LOTTERY_JOB = 'live.draw-lottery';
const drawKey = (lotteryId: string) => `${DRAW_LOTTERY_JOB}:${lotteryId}`;

const refuse = refusals({
  'session-not-live': '直播未在进行中，不能发起抽奖',
  'lottery-running': '本场已有一个进行中的抽奖，请先开奖',
  'lottery-text-rejected': [422, '口令或奖品名称包含违规内容'],
  'lottery-prize-invalid': [422, '奖品设置有误'],
  'lottery-not-closed': '参与时间还没结束，不能开奖',
});

interface LotteryPrize {
  kind: 'coupon';
  templateId: string;
  /** What viewers see, e.g. 「满 99 减 20 券」. */
  title: string;
}
export interface LotteryInput {
  keyword: string;
  prize: LotteryPrize;
  winnersCount: number;
  durationSeconds: number;
}
export interface LotteryDto {
  id: string;
  sessionId: string;
  keyword: string;
  prize: LotteryPrize;
  winnersCount: number;
  status: 'open' | 'drawn' | 'cancelled';
  opensAt: string;
  closesAt: string;
  drawnAt: string | null;
  seedCommitment: string;
  /** Revealed by the draw. */
  seed: string | null;
  entrantsCount: number;
  winners: { userId: string; nickname: string }[];
  prizeNote: string | null;
  /** For the signed-in viewer asking (absent in room broadcasts). */
  entered?: boolean | undefined;
  won?: boolean | undefined;
}
export interface LotteryDetailDto extends LotteryDto {
  entrants: { userId: string; nickname: string }[];
  verify: string;
}

type LotteryRow = typeof liveLotteries.$inferSelect;

/** A host or controller opens a lottery: the seed is drawn now and only its commitment is shown until the draw. */
export async function openLottery(ctx: Ctx, sessionId: string, input: LotteryInput): Promise<Result<LotteryDto>> {
  const user = requireUser(ctx.actor);
  const result = await atomically(ctx, async (tx) => {
    const { session } = await requireAbility(ctx, sessionId, 'run', tx);
    if (session.status !== 'live') return refuse('session-not-live');
    const now = ctx.now();
    const id = newId('llt');
    const checked = await moderate(tx, {
      subjectType: 'live_lottery',
      subjectId: id,
      authorId: user.userId,
      text: `${input.keyword} ${input.prize.title}`,
      at: now,
    });
    if (checked.verdict !== 'approved') return refuse('lottery-text-rejected');
    const prizeProblem = await checkPrize(ctx, tx, session, input.prize);
    if (prizeProblem) return refuse('lottery-prize-invalid', prizeProblem);
    const seed = randomBytes(32).toString('hex');
    const closesAt = new Date(now.getTime() + input.durationSeconds * 1000);
    const [row] = await tx
      .insert(liveLotteries)
      .values({
        id,
        sessionId,
        keyword: input.keyword,
        prize: input.prize,
        winnersCount: input.winnersCount,
        opensAt: now,
        closesAt,
        seedCommitment: commitmentOf(seed),
        seed,
        status: 'open',
        createdBy: user.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return refuse('lottery-running');
    await ctx.deps.jobs.enqueue(tx, DRAW_LOTTERY_JOB, { lotteryId: id }, { runAt: closesAt, key: drawKey(id) });
    return ok(await toDto(tx, row));
  });
  if (result.ok) await publishToRoom(ctx.deps, sessionId, { type: 'lottery', lottery: result.value });
  return result;
}

/**
 * The prize must be a coupon template of the session's merchant that may be issued to chosen users. Issuing to
 * nobody runs exactly those checks in the coupons module and changes nothing.
 */
async function checkPrize(ctx: Ctx, tx: Db, session: LiveSession, prize: LotteryPrize): Promise<string | undefined> {
  try {
    const probe = await issueToUsers(
      systemCtx(ctx.deps, 'live.lottery', tx),
      { kind: 'merchant', merchantId: session.merchantId },
      prize.templateId,
      { userIds: [] },
    );
    return probe.ok ? undefined : (probe.detail ?? probe.title);
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return err.detail ?? err.title;
    throw err;
  }
}

/**
 * Called by the chat use-case in its transaction for every accepted message. The lottery row is read FOR SHARE,
 * so an entry either commits before the draw reads the entrants or sees the lottery drawn and stays out: the
 * published entrant list is always the one the winners were drawn from. One entry per user (the first message).
 */
export async function enterLotteryFromChat(
  db: Db,
  sessionId: string,
  userId: string,
  messageId: string,
  text: string,
  at: Date,
): Promise<string | undefined> {
  const [lottery] = await db
    .select()
    .from(liveLotteries)
    .where(and(eq(liveLotteries.sessionId, sessionId), eq(liveLotteries.status, 'open')))
    .for('share');
  if (!lottery || at < lottery.opensAt || at >= lottery.closesAt) return undefined;
  if (!text.toLowerCase().includes(lottery.keyword.toLowerCase())) return undefined;
  if (await isRoomStaff(db, sessionId, userId)) return undefined;
  const [entry] = await db
    .insert(liveLotteryEntries)
    .values({ lotteryId: lottery.id, userId, messageId, enteredAt: at })
    .onConflictDoNothing()
    .returning({ lotteryId: liveLotteryEntries.lotteryId });
  return entry?.lotteryId;
}

/** After an entry commits: the room sees the entrant count move (throttled per lottery; the last entry always shows). */
export function publishEntrants(deps: Deps, lotteryId: string, sessionId: string): void {
  publishThrottled(deps, `lottery:${lotteryId}`, async () => {
    const db = deps.database.db;
    const [row] = await db.select().from(liveLotteries).where(eq(liveLotteries.id, lotteryId));
    if (row) await publishToRoom(deps, sessionId, { type: 'lottery', lottery: await toDto(db, row) });
  });
}

/** The host and the room's assistants run the lottery; they cannot enter it. */
async function isRoomStaff(db: Db, sessionId: string, userId: string): Promise<boolean> {
  const session = await loadSession(db, sessionId);
  if (session.hostUserId === userId) return true;
  const [role] = await db
    .select({ userId: liveRoles.userId })
    .from(liveRoles)
    .where(and(eq(liveRoles.sessionId, sessionId), eq(liveRoles.userId, userId)));
  return role !== undefined;
}

/** The host draws once the window has closed (the job draws at closesAt otherwise). Drawing twice changes nothing. */
export async function drawLottery(ctx: Ctx, lotteryId: string): Promise<Result<LotteryDto>> {
  const [found] = await ctx.db
    .select({ sessionId: liveLotteries.sessionId })
    .from(liveLotteries)
    .where(eq(liveLotteries.id, lotteryId));
  if (!found) throw notFound('抽奖', lotteryId);
  const result = await atomically(ctx, async (tx) => {
    await requireAbility(ctx, found.sessionId, 'run', tx);
    const [lottery] = await tx.select().from(liveLotteries).where(eq(liveLotteries.id, lotteryId)).for('update');
    if (lottery!.status === 'open' && ctx.now() < lottery!.closesAt)
      return refuse('lottery-not-closed', `${lottery!.closesAt.toISOString()} 后可开奖`);
    const drawn = await drawIn(ctx.deps, tx, lottery!, ctx.now());
    await ctx.deps.jobs.cancel(tx, drawKey(lotteryId));
    return ok(await toDto(tx, drawn));
  });
  if (result.ok) await publishToRoom(ctx.deps, found.sessionId, { type: 'lottery', lottery: result.value });
  return result;
}

/** The job at closesAt. The draw is a function of the stored seed and the closed entrant list, so a retry repeats it exactly. */
export async function drawDueLottery(deps: Deps, tx: Db, lotteryId: string): Promise<void> {
  const [lottery] = await tx.select().from(liveLotteries).where(eq(liveLotteries.id, lotteryId)).for('update');
  if (!lottery || lottery.status !== 'open') return;
  const drawn = await drawIn(deps, tx, lottery, deps.clock.now());
  // Published from inside the job's transaction (jobs have no after-commit hook); a failed commit reruns the job,
  // which draws the same winners from the same seed and entrants.
  await publishToRoom(deps, drawn.sessionId, { type: 'lottery', lottery: await toDto(tx, drawn) });
}

async function drawIn(deps: Deps, tx: Db, lottery: LotteryRow, now: Date): Promise<LotteryRow> {
  if (lottery.status !== 'open') return lottery;
  const entries = await tx
    .select({ userId: liveLotteryEntries.userId })
    .from(liveLotteryEntries)
    .where(eq(liveLotteryEntries.lotteryId, lottery.id));
  const winners = drawWinners(
    lottery.seed,
    entries.map((e) => e.userId),
    lottery.winnersCount,
  );
  const prize = lottery.prize as LotteryPrize;
  const { merchantId } = await loadSession(tx, lottery.sessionId);
  const missed: string[] = [];
  for (const userId of winners) {
    // One winner at a time: each issue is its own savepoint, so a winner at the template's per-user limit
    // does not cost the others their coupon.
    const issued = await issueToUsers(
      systemCtx(deps, 'live.lottery', tx),
      { kind: 'merchant', merchantId },
      prize.templateId,
      { userIds: [userId] },
    ).catch((err: unknown) => ({ ok: false as const, title: err instanceof AppError ? err.title : '发放失败' }));
    const got = issued.ok && issued.value.issued === 1;
    if (!got) missed.push(issued.ok ? '已达到该券每人限领数量' : issued.title);
    await tx
      .update(liveLotteryEntries)
      .set({ won: true, prizeRef: got ? `coupon-template:${prize.templateId}` : null })
      .where(and(eq(liveLotteryEntries.lotteryId, lottery.id), eq(liveLotteryEntries.userId, userId)));
  }
  const prizeNote =
    missed.length > 0 ? `${missed.length} 位中奖者未能发放奖品：${[...new Set(missed)].join('；')}` : null;
  const [drawn] = await tx
    .update(liveLotteries)
    .set({ status: 'drawn', drawnAt: now, prizeNote })
    .where(eq(liveLotteries.id, lottery.id))
    .returning();
  return drawn!;
}

/** Public: the commitment, then after the draw the seed, every entrant and the winners, with the recipe to re-check. */
export async function getLottery(ctx: Ctx, lotteryId: string): Promise<LotteryDetailDto> {
  const [row] = await ctx.db.select().from(liveLotteries).where(eq(liveLotteries.id, lotteryId));
  if (!row) throw notFound('抽奖', lotteryId);
  const entries = await ctx.db
    .select({ userId: liveLotteryEntries.userId })
    .from(liveLotteryEntries)
    .where(eq(liveLotteryEntries.lotteryId, lotteryId))
    .orderBy(asc(liveLotteryEntries.enteredAt), asc(liveLotteryEntries.userId));
  const names = await publicProfiles(
    ctx.db,
    entries.map((e) => e.userId),
  );
  const viewer = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return {
    ...(await toDto(ctx.db, row, viewer)),
    entrants: entries.map((e) => ({
      userId: e.userId,
      nickname: maskNickname(names.get(e.userId)?.nickname ?? '用户'),
    })),
    verify: VERIFY_TEXT,
  };
}

/** The room's latest lottery (open, or the last one drawn), for the snapshot a socket gets on connect. */
export async function latestLottery(db: Db, sessionId: string, viewer: string | null): Promise<LotteryDto | null> {
  const [row] = await db
    .select()
    .from(liveLotteries)
    .where(and(eq(liveLotteries.sessionId, sessionId), inArray(liveLotteries.status, ['open', 'drawn'])))
    .orderBy(desc(liveLotteries.opensAt))
    .limit(1);
  return row ? toDto(db, row, viewer) : null;
}

async function toDto(db: Db, row: LotteryRow, viewer: string | null = null): Promise<LotteryDto> {
  const ofThis = eq(liveLotteryEntries.lotteryId, row.id);
  const [counted] = await db.select({ n: count() }).from(liveLotteryEntries).where(ofThis);
  const winnerIds = (
    await db
      .select({ userId: liveLotteryEntries.userId })
      .from(liveLotteryEntries)
      .where(and(ofThis, eq(liveLotteryEntries.won, true)))
  ).map((w) => w.userId);
  const names = await publicProfiles(db, winnerIds);
  const [mine] = viewer
    ? await db
        .select({ won: liveLotteryEntries.won })
        .from(liveLotteryEntries)
        .where(and(ofThis, eq(liveLotteryEntries.userId, viewer)))
    : [];
  const drawn = row.status === 'drawn';
  return {
    id: row.id,
    sessionId: row.sessionId,
    keyword: row.keyword,
    prize: row.prize as LotteryPrize,
    winnersCount: row.winnersCount,
    status: row.status,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    drawnAt: row.drawnAt?.toISOString() ?? null,
    seedCommitment: row.seedCommitment,
    seed: drawn ? row.seed : null,
    entrantsCount: counted?.n ?? 0,
    // In the order drawn, so the first listed had the smallest ticket.
    winners: drawn
      ? drawWinners(row.seed, winnerIds, winnerIds.length).map((userId) => ({
          userId,
          nickname: maskNickname(names.get(userId)?.nickname ?? '用户'),
        }))
      : [],
    prizeNote: row.prizeNote,
    ...(viewer ? { entered: mine !== undefined, won: mine?.won ?? false } : {}),
  };
}
