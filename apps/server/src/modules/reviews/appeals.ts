import { and, asc, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { requireOperator, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { getLineForReview } from '../orders/api.ts';
import { appendEntry } from '../transparency/api.ts';
import { APPEAL_SLA_HOURS, appealReasonProblem, authorReasons } from './appeal-rules.ts';
import { enqueueAuthorNotice } from './author-notices.ts';
import { SIGNAL_LABEL, type SignalCode } from './fraud.ts';
import { type ReviewAppealStatus, reviewAppeals, reviewFlags, reviews } from './schema.ts';

// 评价申诉 (docs/TRUST.md, "Appeals of held reviews"): the screening held a review, an operator confirmed the hold
// (removed), and its author appeals once with a reason; an operator reinstates it (public and counted again) or
// upholds the removal. Filing and the outcome are public transparency-log entries, like the removal itself.

const refuse = refusals({
  'not-removed': '只有审核后未展示的评价可以申诉',
  'already-appealed': '这条评价已经申诉过了，每条评价只能申诉一次',
  'appeal-decided': '这条申诉已经处理过了',
});

const HOUR = 3_600_000;

/** The author appeals their removed review, once. Someone else's review looks exactly like a missing one. */
export async function fileAppeal(
  ctx: Ctx,
  reviewId: string,
  rawReason: string,
): Promise<Result<{ reviewId: string; status: ReviewAppealStatus; appealedAt: string }>> {
  const user = requireUser(ctx.actor);
  const problem = appealReasonProblem(rawReason);
  // Routes validate the same rule with zod; this guards direct callers.
  if (problem)
    throw new AppError('validation-failed', 400, '请求参数有误', problem, [{ field: 'body.reason', message: problem }]);
  const reason = rawReason.trim();
  return ctx.tx(async (tx) => {
    const [review] = await tx
      .select({ userId: reviews.userId })
      .from(reviews)
      .where(and(eq(reviews.id, reviewId), eq(reviews.kind, 'initial')));
    if (!review || review.userId !== user.userId) throw notFound('评价');
    // The flag row is locked so an appeal and anything else touching this hold are ordered.
    const [flag] = await tx.select().from(reviewFlags).where(eq(reviewFlags.reviewId, reviewId)).for('update');
    const [earlier] = await tx
      .select({ reviewId: reviewAppeals.reviewId })
      .from(reviewAppeals)
      .where(eq(reviewAppeals.reviewId, reviewId));
    if (earlier) return refuse('already-appealed');
    if (!flag || flag.status !== 'removed' || !flag.decidedAt) return refuse('not-removed');
    const now = ctx.now();
    // The primary key decides between two appeals sent at once: the second insert finds the first's row.
    const inserted = await tx
      .insert(reviewAppeals)
      .values({
        reviewId,
        userId: user.userId,
        productId: flag.productId,
        merchantId: flag.merchantId,
        reason,
        status: 'pending',
        removedAt: flag.decidedAt,
        removalNote: flag.note,
        appealedAt: now,
      })
      .onConflictDoNothing()
      .returning({ reviewId: reviewAppeals.reviewId });
    if (inserted.length === 0) return refuse('already-appealed');
    // Public: that the removal was appealed and when; the reason is the author's words and stays private.
    await appendEntry(
      tx,
      {
        kind: 'review-appeal',
        subjectId: reviewId,
        payload: { productId: flag.productId, removedAt: flag.decidedAt.toISOString() },
      },
      now,
    );
    return ok({ reviewId, status: 'pending' as const, appealedAt: now.toISOString() });
  });
}

/**
 * An operator decides an appeal: reinstate (the hold is lifted — the review is public and counts in the score
 * again, and the purchase behind it counts in 已售 again) or uphold the removal. The note is shown to the author.
 */
export async function decideAppeal(
  ctx: Ctx,
  reviewId: string,
  input: { decision: 'reinstate' | 'uphold'; note: string },
): Promise<Result<{ reviewId: string; status: ReviewAppealStatus }>> {
  const { userId } = requireOperator(ctx.actor);
  return ctx.tx(async (tx) => {
    const [appeal] = await tx.select().from(reviewAppeals).where(eq(reviewAppeals.reviewId, reviewId));
    if (!appeal) throw notFound('评价申诉');
    const status: ReviewAppealStatus = input.decision === 'reinstate' ? 'reinstated' : 'upheld';
    const now = ctx.now();
    const note = input.note.trim();
    const moved = await tx
      .update(reviewAppeals)
      .set({ status, decidedAt: now, decidedBy: userId, note })
      .where(and(eq(reviewAppeals.reviewId, reviewId), eq(reviewAppeals.status, 'pending')))
      .returning({ reviewId: reviewAppeals.reviewId });
    if (moved.length === 0) return refuse('appeal-decided');
    if (status === 'reinstated') await reinstate(tx, reviewId, { userId, note, at: now });
    await appendEntry(
      tx,
      {
        kind: 'review-appeal-decision',
        subjectId: reviewId,
        payload: { appealedAt: appeal.appealedAt.toISOString(), outcome: status, productId: appeal.productId },
      },
      now,
    );
    await enqueueAuthorNotice(ctx.deps, tx, reviewId, status, now);
    return ok({ reviewId, status });
  });
}

/** Lifts a removal: the flag reads cleared (the public list and summary show it) and the catalog counts it again. */
async function reinstate(tx: Db, reviewId: string, by: { userId: string; note: string; at: Date }): Promise<void> {
  const [flag] = await tx
    .update(reviewFlags)
    .set({ status: 'cleared', decidedAt: by.at, decidedBy: by.userId, note: `申诉后恢复展示：${by.note}` })
    .where(and(eq(reviewFlags.reviewId, reviewId), eq(reviewFlags.status, 'removed')))
    .returning();
  if (!flag) return;
  const [review] = await tx
    .select({ rating: reviews.rating, orderLineId: reviews.orderLineId })
    .from(reviews)
    .where(eq(reviews.id, reviewId));
  const line = review ? await getLineForReview(tx, review.orderLineId) : undefined;
  await emit(tx, 'review.moderated', {
    reviewId,
    productId: flag.productId,
    merchantId: flag.merchantId,
    rating: review?.rating ?? null,
    status: 'cleared',
    fakeSale: null,
    // The removal took this purchase out of 已售 as a fake sale; it was genuine after all.
    restoredSale: line ? { orderId: line.orderId, skuId: line.skuId, qty: line.qty } : null,
  });
}

export interface AppealView {
  reviewId: string;
  productId: string;
  productTitle: string | null;
  merchantId: string;
  rating: number | null;
  content: string;
  images: string[];
  reviewedAt: string;
  score: number;
  signals: { code: string; label: string; weight: number; detail: string }[];
  flaggedAt: string;
  removedAt: string;
  removalNote: string | null;
  reason: string;
  status: ReviewAppealStatus;
  appealedAt: string;
  /** appealedAt + the SLA. */
  dueBy: string;
  decidedAt: string | null;
  note: string | null;
}

const encodeCursor = (at: Date, id: string) =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)))
      return { at: new Date(at), id };
  } catch {
    // fall through to the problem below
  }
  throw badRequest('分页游标无效', '请从第一页重新加载');
}

/** The operators' queue: waiting appeals oldest first (nearest to the SLA on top), decided ones newest first. */
export async function listAppeals(
  ctx: Ctx,
  input: { status: ReviewAppealStatus; cursor?: string | undefined; limit: number },
): Promise<{ items: AppealView[]; nextCursor: string | null }> {
  requireOperator(ctx.actor);
  const oldestFirst = input.status === 'pending';
  const c = input.cursor ? decodeCursor(input.cursor) : undefined;
  const after = c
    ? oldestFirst
      ? or(
          gt(reviewAppeals.appealedAt, c.at),
          and(eq(reviewAppeals.appealedAt, c.at), gt(reviewAppeals.reviewId, c.id)),
        )
      : or(
          lt(reviewAppeals.appealedAt, c.at),
          and(eq(reviewAppeals.appealedAt, c.at), lt(reviewAppeals.reviewId, c.id)),
        )
    : undefined;
  const order = oldestFirst
    ? [asc(reviewAppeals.appealedAt), asc(reviewAppeals.reviewId)]
    : [desc(reviewAppeals.appealedAt), desc(reviewAppeals.reviewId)];
  const rows = await ctx.db
    .select({ a: reviewAppeals, r: reviews, f: reviewFlags })
    .from(reviewAppeals)
    .innerJoin(reviews, eq(reviews.id, reviewAppeals.reviewId))
    .innerJoin(reviewFlags, eq(reviewFlags.reviewId, reviewAppeals.reviewId))
    .where(and(eq(reviewAppeals.status, input.status), after))
    .orderBy(...order)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const briefs = await getProductBriefs(
    ctx.db,
    page.map((x) => x.a.productId),
  );
  const last = page.at(-1);
  return {
    items: page.map(({ a, r, f }) => ({
      reviewId: a.reviewId,
      productId: a.productId,
      productTitle: briefs.get(a.productId)?.title ?? null,
      merchantId: a.merchantId,
      rating: r.rating,
      content: r.content,
      images: r.images,
      reviewedAt: r.createdAt.toISOString(),
      score: f.score,
      signals: f.signals.map((s) => ({ ...s, label: SIGNAL_LABEL[s.code as SignalCode] ?? s.code })),
      flaggedAt: f.flaggedAt.toISOString(),
      removedAt: a.removedAt.toISOString(),
      removalNote: a.removalNote,
      reason: a.reason,
      status: a.status,
      appealedAt: a.appealedAt.toISOString(),
      dueBy: new Date(a.appealedAt.getTime() + APPEAL_SLA_HOURS * HOUR).toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
      note: a.note,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.a.appealedAt, last.a.reviewId) : null,
  };
}

/** Counts per status for the queue's tabs. */
export async function appealCounts(ctx: Ctx): Promise<Record<ReviewAppealStatus, number>> {
  requireOperator(ctx.actor);
  const rows = await ctx.db
    .select({ status: reviewAppeals.status, n: sql<number>`count(*)::int` })
    .from(reviewAppeals)
    .groupBy(reviewAppeals.status);
  const counts = { pending: 0, reinstated: 0, upheld: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** Where a held review stands, as its author sees it (我的评价). */
type AuthorModerationState = 'held' | 'cleared' | 'removed' | 'appealed' | 'reinstated' | 'upheld';
export interface AuthorModeration {
  state: AuthorModerationState;
  /** Why it was held, as categories in plain words. */
  reasons: string[];
  heldAt: string;
  /** When an operator confirmed the hold (removed it), if they did. */
  removedAt: string | null;
  canAppeal: boolean;
  appeal: {
    reason: string;
    appealedAt: string;
    dueBy: string;
    decidedAt: string | null;
    /** The operator's explanation of the outcome. */
    note: string | null;
  } | null;
}

/** The moderation state of the author's own reviews; reviews never held are absent from the map. */
export async function authorModeration(db: Db, reviewIds: string[]): Promise<Map<string, AuthorModeration>> {
  if (reviewIds.length === 0) return new Map();
  const flags = await db.select().from(reviewFlags).where(inArray(reviewFlags.reviewId, reviewIds));
  const appeals = await db.select().from(reviewAppeals).where(inArray(reviewAppeals.reviewId, reviewIds));
  const appealOf = new Map(appeals.map((a) => [a.reviewId, a]));
  return new Map(
    flags.map((f) => {
      const a = appealOf.get(f.reviewId);
      const state: AuthorModerationState = a
        ? a.status === 'pending'
          ? 'appealed'
          : a.status
        : f.status === 'pending'
          ? 'held'
          : f.status;
      return [
        f.reviewId,
        {
          state,
          reasons: authorReasons(f.signals),
          heldAt: f.flaggedAt.toISOString(),
          removedAt: a
            ? a.removedAt.toISOString()
            : f.status === 'removed'
              ? (f.decidedAt?.toISOString() ?? null)
              : null,
          canAppeal: state === 'removed',
          appeal: a
            ? {
                reason: a.reason,
                appealedAt: a.appealedAt.toISOString(),
                dueBy: new Date(a.appealedAt.getTime() + APPEAL_SLA_HOURS * HOUR).toISOString(),
                decidedAt: a.decidedAt?.toISOString() ?? null,
                note: a.note,
              }
            : null,
        },
      ];
    }),
  );
}
