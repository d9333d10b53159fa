import { and, count, desc, eq, isNull, lte } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { moderate } from '../moderation/api.ts';
import { requireAbility } from './access.ts';
import { publishToRoom } from './channel.ts';
import { livePolls, livePollVotes, liveSessionProducts } from './schema.ts';
import { publishThrottled } from './throttle.ts';

export const CLOSE_POLL_JOB = 'live.close-poll';
const closeKey = (pollId: string) => `${CLOSE_POLL_JOB}:${pollId}`;

const refuse = refusals({
  'session-not-live': '直播未在进行中，不能发起投票',
  'poll-running': '本场已有一个进行中的投票，请先结束它',
  'poll-text-rejected': [422, '投票内容包含违规内容'],
  'poll-product-invalid': [422, '选项关联的商品不在本场直播的商品列表中'],
  'poll-closed': '投票已结束',
  'poll-option-invalid': [422, '没有这个选项'],
  'already-voted': '你已经投过票了，每人只能投一次',
});

interface PollOption {
  label: string;
  productId: string | null;
}
export interface PollInput {
  question: string;
  options: { label: string; productId?: string | undefined }[];
  durationSeconds: number;
}
export interface PollDto {
  id: string;
  sessionId: string;
  question: string;
  options: (PollOption & { votes: number })[];
  totalVotes: number;
  status: 'open' | 'closed';
  closesAt: string;
  closedAt: string | null;
  /** The signed-in viewer's choice (absent in room broadcasts). */
  myVote?: number | null | undefined;
}

type PollRow = typeof livePolls.$inferSelect;

/** 投票选品: a host or controller asks the room to choose; options may name products of the session. */
export async function openPoll(ctx: Ctx, sessionId: string, input: PollInput): Promise<Result<PollDto>> {
  const user = requireUser(ctx.actor);
  const result = await atomically(ctx, async (tx) => {
    const { session } = await requireAbility(ctx, sessionId, 'run', tx);
    if (session.status !== 'live') return refuse('session-not-live');
    const now = ctx.now();
    const id = newId('lpl');
    const text = [input.question, ...input.options.map((o) => o.label)].join('\n');
    const checked = await moderate(tx, {
      subjectType: 'live_poll',
      subjectId: id,
      authorId: user.userId,
      text,
      at: now,
    });
    if (checked.verdict !== 'approved') return refuse('poll-text-rejected');
    const wanted = input.options.flatMap((o) => (o.productId ? [o.productId] : []));
    if (wanted.length > 0) {
      const bag = await tx
        .select({ productId: liveSessionProducts.productId })
        .from(liveSessionProducts)
        .where(eq(liveSessionProducts.sessionId, sessionId));
      const inBag = new Set(bag.map((p) => p.productId));
      const missing = wanted.filter((p) => !inBag.has(p));
      if (missing.length > 0) return refuse('poll-product-invalid', missing.join('、'));
    }
    // A poll whose time ran out before its job closed it must not block the next one.
    await tx
      .update(livePolls)
      .set({ closedAt: livePolls.closesAt })
      .where(and(eq(livePolls.sessionId, sessionId), isNull(livePolls.closedAt), lte(livePolls.closesAt, now)));
    const closesAt = new Date(now.getTime() + input.durationSeconds * 1000);
    const options: PollOption[] = input.options.map((o) => ({ label: o.label, productId: o.productId ?? null }));
    const [row] = await tx
      .insert(livePolls)
      .values({ id, sessionId, question: input.question, options, closesAt, createdBy: user.userId, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) return refuse('poll-running');
    await ctx.deps.jobs.enqueue(tx, CLOSE_POLL_JOB, { pollId: id }, { runAt: closesAt, key: closeKey(id) });
    return ok(await toDto(tx, row));
  });
  if (result.ok) await publishToRoom(ctx.deps, sessionId, { type: 'poll', poll: result.value });
  return result;
}

/** One vote per viewer per poll, whatever the number of taps or processes: the primary key decides. */
export async function votePoll(ctx: Ctx, pollId: string, optionIndex: number): Promise<Result<PollDto>> {
  const user = requireUser(ctx.actor);
  const result = await atomically(ctx, async (tx) => {
    // FOR SHARE: votes run side by side, closing waits for them, and no vote lands after the poll is closed.
    const [poll] = await tx.select().from(livePolls).where(eq(livePolls.id, pollId)).for('share');
    if (!poll) throw notFound('投票', pollId);
    const now = ctx.now();
    if (poll.closedAt || now >= poll.closesAt) return refuse('poll-closed');
    if (optionIndex >= optionsOf(poll).length) return refuse('poll-option-invalid');
    const inserted = await tx
      .insert(livePollVotes)
      .values({ pollId, userId: user.userId, optionIndex, votedAt: now })
      .onConflictDoNothing()
      .returning({ pollId: livePollVotes.pollId });
    if (inserted.length === 0) return refuse('already-voted');
    return ok(await toDto(tx, poll, user.userId));
  });
  if (result.ok) publishSoon(ctx.deps, pollId, result.value.sessionId);
  return result;
}

/** The host ends the poll early (the job ends it at closesAt otherwise). Closing twice changes nothing. */
export async function closePoll(ctx: Ctx, pollId: string): Promise<PollDto> {
  const [found] = await ctx.db
    .select({ sessionId: livePolls.sessionId })
    .from(livePolls)
    .where(eq(livePolls.id, pollId));
  if (!found) throw notFound('投票', pollId);
  const dto = await ctx.tx(async (tx) => {
    await requireAbility(ctx, found.sessionId, 'run', tx);
    const row = await closeIn(tx, pollId, ctx.now());
    await ctx.deps.jobs.cancel(tx, closeKey(pollId));
    return toDto(tx, row);
  });
  await publishToRoom(ctx.deps, found.sessionId, { type: 'poll', poll: dto });
  return dto;
}

/** The job at closesAt; published from the job's transaction (closing is idempotent, a rerun publishes the same). */
export async function closeDuePoll(deps: Deps, tx: Db, pollId: string): Promise<void> {
  const [poll] = await tx.select().from(livePolls).where(eq(livePolls.id, pollId));
  if (!poll || poll.closedAt) return;
  const row = await closeIn(tx, pollId, poll.closesAt);
  await publishToRoom(deps, row.sessionId, { type: 'poll', poll: await toDto(tx, row) });
}

async function closeIn(tx: Db, pollId: string, at: Date): Promise<PollRow> {
  const [poll] = await tx.select().from(livePolls).where(eq(livePolls.id, pollId)).for('update');
  if (poll!.closedAt) return poll!;
  const closedAt = at < poll!.closesAt ? at : poll!.closesAt;
  const [row] = await tx.update(livePolls).set({ closedAt }).where(eq(livePolls.id, pollId)).returning();
  return row!;
}

/** The room's latest poll, for the snapshot a socket gets on connect. */
export async function latestPoll(db: Db, sessionId: string, viewer: string | null): Promise<PollDto | null> {
  const [row] = await db
    .select()
    .from(livePolls)
    .where(eq(livePolls.sessionId, sessionId))
    .orderBy(desc(livePolls.createdAt))
    .limit(1);
  return row ? toDto(db, row, viewer) : null;
}

const optionsOf = (poll: PollRow) => poll.options as PollOption[];

async function toDto(db: Db, poll: PollRow, viewer: string | null = null): Promise<PollDto> {
  const tally = await db
    .select({ optionIndex: livePollVotes.optionIndex, n: count() })
    .from(livePollVotes)
    .where(eq(livePollVotes.pollId, poll.id))
    .groupBy(livePollVotes.optionIndex);
  const votes = new Map(tally.map((t) => [t.optionIndex, Number(t.n)]));
  const [mine] = viewer
    ? await db
        .select({ optionIndex: livePollVotes.optionIndex })
        .from(livePollVotes)
        .where(and(eq(livePollVotes.pollId, poll.id), eq(livePollVotes.userId, viewer)))
    : [];
  const options = optionsOf(poll).map((o, i) => ({ ...o, votes: votes.get(i) ?? 0 }));
  return {
    id: poll.id,
    sessionId: poll.sessionId,
    question: poll.question,
    options,
    totalVotes: options.reduce((n, o) => n + o.votes, 0),
    status: poll.closedAt ? 'closed' : 'open',
    closesAt: poll.closesAt.toISOString(),
    closedAt: poll.closedAt?.toISOString() ?? null,
    ...(viewer ? { myVote: mine?.optionIndex ?? null } : {}),
  };
}

function publishSoon(deps: Deps, pollId: string, sessionId: string): void {
  publishThrottled(deps, `poll:${pollId}`, () => publishCurrent(deps, pollId, sessionId));
}

/** Reads the poll afresh, so a trailing publish never shows a closed poll as open. */
async function publishCurrent(deps: Deps, pollId: string, sessionId: string): Promise<void> {
  try {
    const [poll] = await deps.database.db.select().from(livePolls).where(eq(livePolls.id, pollId));
    if (poll) await publishToRoom(deps, sessionId, { type: 'poll', poll: await toDto(deps.database.db, poll) });
  } catch (err) {
    deps.log.warn({ err, pollId }, 'poll results not published');
  }
}
