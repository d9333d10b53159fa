import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { getCategoryPaths } from '../catalog/api.ts';
import { refuse } from './rules.ts';
import { c2mDesignBallots, c2mDesignOptions, c2mDesignVotes, c2mProposals, c2mProposalVotes } from './schema.ts';

// The demand pool (consumers propose and vote) and design voting (a merchant asks which design to make).

export interface ProposalDto {
  id: string;
  categoryId: string;
  categoryPath: string;
  title: string;
  variant: string;
  description: string;
  voteCount: number;
  votedByMe: boolean;
  createdAt: string;
}

export async function proposeProduct(
  ctx: Ctx,
  input: { categoryId: string; title: string; variant?: string | undefined; description?: string | undefined },
): Promise<Result<ProposalDto>> {
  const user = requireUser(ctx.actor);
  const paths = await getCategoryPaths(ctx);
  if (!paths.has(input.categoryId)) return refuse('unknown-category');
  const row = {
    id: newId('dmd'),
    categoryId: input.categoryId,
    title: input.title.trim(),
    variant: input.variant?.trim() ?? '',
    description: input.description?.trim() ?? '',
    proposedBy: user.userId,
    voteCount: 0,
    createdAt: ctx.now(),
  };
  await ctx.db.insert(c2mProposals).values(row);
  return ok(toProposal(row, paths, false));
}

/** Votes for (or, with `undo`, withdraws the vote from) a proposal; the count moves only when the vote row does. */
export async function voteProposal(ctx: Ctx, proposalId: string, undo: boolean): Promise<ProposalDto> {
  const user = requireUser(ctx.actor);
  const row = await ctx.tx(async (tx) => {
    const [p] = await tx.select({ id: c2mProposals.id }).from(c2mProposals).where(eq(c2mProposals.id, proposalId));
    if (!p) throw notFound('需求');
    const changed = undo
      ? await tx
          .delete(c2mProposalVotes)
          .where(and(eq(c2mProposalVotes.proposalId, proposalId), eq(c2mProposalVotes.userId, user.userId)))
          .returning({ id: c2mProposalVotes.proposalId })
      : await tx
          .insert(c2mProposalVotes)
          .values({ proposalId, userId: user.userId, createdAt: ctx.now() })
          .onConflictDoNothing()
          .returning({ id: c2mProposalVotes.proposalId });
    if (changed.length > 0)
      await tx
        .update(c2mProposals)
        .set({ voteCount: sql`${c2mProposals.voteCount} + ${undo ? -1 : 1}` })
        .where(eq(c2mProposals.id, proposalId));
    const [after] = await tx.select().from(c2mProposals).where(eq(c2mProposals.id, proposalId));
    return after!;
  });
  return toProposal(row, await getCategoryPaths(ctx), !undo);
}

/** The pool, most votes first; a category narrows it to that category (and what lies under it). */
export async function listProposals(ctx: Ctx, query: { categoryId?: string | undefined }): Promise<ProposalDto[]> {
  const paths = await getCategoryPaths(ctx);
  const within = query.categoryId
    ? [...paths].filter(
        ([id, path]) => id === query.categoryId || path.startsWith(`${paths.get(query.categoryId!)} / `),
      )
    : null;
  if (within && within.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(c2mProposals)
    .where(
      within
        ? inArray(
            c2mProposals.categoryId,
            within.map(([id]) => id),
          )
        : undefined,
    )
    .orderBy(desc(c2mProposals.voteCount), asc(c2mProposals.createdAt))
    .limit(200);
  const mine = await myVotes(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toProposal(r, paths, mine.has(r.id)));
}

/** Demand grouped by category for merchants: each category's proposals and total votes, busiest first. */
export async function demandByCategory(ctx: Ctx) {
  actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const all = await listProposals(ctx, {});
  const groups = new Map<
    string,
    { categoryId: string; categoryPath: string; votes: number; proposals: ProposalDto[] }
  >();
  for (const p of all) {
    const g = groups.get(p.categoryId) ?? {
      categoryId: p.categoryId,
      categoryPath: p.categoryPath,
      votes: 0,
      proposals: [],
    };
    g.votes += p.voteCount;
    g.proposals.push(p);
    groups.set(p.categoryId, g);
  }
  return [...groups.values()].sort((a, b) => b.votes - a.votes || a.categoryPath.localeCompare(b.categoryPath));
}

async function myVotes(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (ctx.actor.kind !== 'user' || ids.length === 0) return new Set();
  const rows = await ctx.db
    .select({ id: c2mProposalVotes.proposalId })
    .from(c2mProposalVotes)
    .where(and(eq(c2mProposalVotes.userId, ctx.actor.userId), inArray(c2mProposalVotes.proposalId, ids)));
  return new Set(rows.map((r) => r.id));
}

const toProposal = (r: typeof c2mProposals.$inferSelect, paths: Map<string, string>, votedByMe: boolean) => ({
  id: r.id,
  categoryId: r.categoryId,
  categoryPath: paths.get(r.categoryId) ?? '',
  title: r.title,
  variant: r.variant,
  description: r.description,
  voteCount: r.voteCount,
  votedByMe,
  createdAt: r.createdAt.toISOString(),
});

// ---- design voting ----

export async function openDesignVote(
  ctx: Ctx,
  input: {
    title: string;
    categoryId: string;
    proposalId?: string | undefined;
    closesAt: string;
    options: { label: string; description?: string | undefined }[];
  },
) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const user = requireUser(ctx.actor);
  const closesAt = new Date(input.closesAt);
  if (input.options.length < 2 || input.options.length > 6) return refuse('invalid-design-vote', '需要 2–6 个设计方案');
  if (!(closesAt > ctx.now())) return refuse('invalid-design-vote', '截止时间须晚于当前时间');
  const labels = input.options.map((o) => o.label.trim());
  if (new Set(labels).size !== labels.length) return refuse('invalid-design-vote', '方案名称不能重复');
  const paths = await getCategoryPaths(ctx);
  if (!paths.has(input.categoryId)) return refuse('unknown-category');
  const id = newId('dsv');
  const written = await atomically(ctx, async (tx) => {
    if (input.proposalId) {
      const [p] = await tx
        .select({ id: c2mProposals.id })
        .from(c2mProposals)
        .where(eq(c2mProposals.id, input.proposalId));
      if (!p) throw notFound('需求', input.proposalId);
    }
    await tx.insert(c2mDesignVotes).values({
      id,
      merchantId,
      categoryId: input.categoryId,
      proposalId: input.proposalId ?? null,
      title: input.title.trim(),
      closesAt,
      createdBy: user.userId,
      createdAt: ctx.now(),
    });
    await tx.insert(c2mDesignOptions).values(
      input.options.map((o, i) => ({
        id: newId('dso'),
        designVoteId: id,
        position: i,
        label: labels[i]!,
        description: o.description?.trim() ?? '',
      })),
    );
    return ok(id);
  });
  return written.ok ? ok(await getDesignVote(ctx, id)) : written;
}

/** One ballot per user: a second one is refused, and nothing counts after the deadline. */
export async function castDesignBallot(ctx: Ctx, designVoteId: string, optionId: string) {
  const user = requireUser(ctx.actor);
  const cast = await atomically(ctx, async (tx) => {
    const [v] = await tx.select().from(c2mDesignVotes).where(eq(c2mDesignVotes.id, designVoteId));
    if (!v) throw notFound('设计投票');
    if (v.closesAt <= ctx.now()) return refuse('design-vote-closed');
    const [option] = await tx
      .select({ id: c2mDesignOptions.id })
      .from(c2mDesignOptions)
      .where(and(eq(c2mDesignOptions.id, optionId), eq(c2mDesignOptions.designVoteId, designVoteId)));
    if (!option) return refuse('option-not-found');
    const inserted = await tx
      .insert(c2mDesignBallots)
      .values({ designVoteId, userId: user.userId, optionId, createdAt: ctx.now() })
      .onConflictDoNothing()
      .returning({ id: c2mDesignBallots.optionId });
    if (inserted.length === 0) return refuse('already-voted');
    await tx
      .update(c2mDesignOptions)
      .set({ voteCount: sql`${c2mDesignOptions.voteCount} + 1` })
      .where(eq(c2mDesignOptions.id, optionId));
    return ok(optionId);
  });
  return cast.ok ? ok(await getDesignVote(ctx, designVoteId)) : cast;
}

export interface DesignVoteDto {
  id: string;
  merchantId: string;
  categoryId: string;
  proposalId: string | null;
  title: string;
  closesAt: string;
  closed: boolean;
  ballots: number;
  myOptionId: string | null;
  /** Counts and the winner appear only once the vote has closed, so early results do not steer later voters. */
  options: { id: string; label: string; description: string; votes: number | null }[];
  winnerOptionId: string | null;
}

export async function getDesignVote(ctx: Ctx, id: string): Promise<DesignVoteDto> {
  const [v] = await ctx.db.select().from(c2mDesignVotes).where(eq(c2mDesignVotes.id, id));
  if (!v) throw notFound('设计投票');
  return (await designViews(ctx, [v]))[0]!;
}

export async function listDesignVotes(ctx: Ctx, query: { merchantId?: string | undefined }) {
  const rows = await ctx.db
    .select()
    .from(c2mDesignVotes)
    .where(query.merchantId ? eq(c2mDesignVotes.merchantId, query.merchantId) : undefined)
    .orderBy(desc(c2mDesignVotes.id))
    .limit(100);
  return designViews(ctx, rows);
}

export async function listMerchantDesignVotes(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  return listDesignVotes(ctx, { merchantId });
}

async function designViews(ctx: Ctx, votes: (typeof c2mDesignVotes.$inferSelect)[]): Promise<DesignVoteDto[]> {
  if (votes.length === 0) return [];
  const ids = votes.map((v) => v.id);
  const [options, mine] = await Promise.all([
    ctx.db
      .select()
      .from(c2mDesignOptions)
      .where(inArray(c2mDesignOptions.designVoteId, ids))
      .orderBy(asc(c2mDesignOptions.position)),
    ctx.actor.kind === 'user'
      ? ctx.db
          .select()
          .from(c2mDesignBallots)
          .where(and(inArray(c2mDesignBallots.designVoteId, ids), eq(c2mDesignBallots.userId, ctx.actor.userId)))
      : Promise.resolve([]),
  ]);
  const now = ctx.now();
  return votes.map((v) => {
    const own = options.filter((o) => o.designVoteId === v.id);
    const closed = v.closesAt <= now;
    const top = [...own].sort((a, b) => b.voteCount - a.voteCount || a.position - b.position)[0];
    return {
      id: v.id,
      merchantId: v.merchantId,
      categoryId: v.categoryId,
      proposalId: v.proposalId,
      title: v.title,
      closesAt: v.closesAt.toISOString(),
      closed,
      ballots: own.reduce((s, o) => s + o.voteCount, 0),
      myOptionId: mine.find((b) => b.designVoteId === v.id)?.optionId ?? null,
      options: own.map((o) => ({
        id: o.id,
        label: o.label,
        description: o.description,
        votes: closed ? o.voteCount : null,
      })),
      winnerOptionId: closed && top && top.voteCount > 0 ? top.id : null,
    };
  });
}
