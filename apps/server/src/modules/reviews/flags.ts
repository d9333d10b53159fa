import { and, desc, eq, lt } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { getLineForReview } from '../orders/api.ts';
import { appendEntry } from '../transparency/api.ts';
import { enqueueAuthorNotice } from './author-notices.ts';
import { SIGNAL_LABEL, type SignalCode } from './fraud.ts';
import { type ReviewFlagStatus, reviewFlags, reviews } from './schema.ts';

const refuse = refusals({ 'already-decided': '这条评价已经处理过了' });

export interface FlagView {
  reviewId: string;
  productId: string;
  productTitle: string | null;
  merchantId: string;
  rating: number | null;
  content: string;
  images: string[];
  reviewedAt: string;
  status: ReviewFlagStatus;
  score: number;
  signals: { code: string; label: string; weight: number; detail: string }[];
  flaggedAt: string;
  decidedAt: string | null;
  note: string | null;
}

/** The operators' queue of held reviews, oldest waiting first is not useful here: newest flags first, keyset. */
export async function listFlags(
  ctx: Ctx,
  input: { status: ReviewFlagStatus; cursor?: string | undefined; limit: number },
): Promise<{ items: FlagView[]; nextCursor: string | null }> {
  requireOperator(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(reviewFlags)
    .innerJoin(reviews, eq(reviews.id, reviewFlags.reviewId))
    .where(and(eq(reviewFlags.status, input.status), input.cursor ? lt(reviewFlags.reviewId, input.cursor) : undefined))
    .orderBy(desc(reviewFlags.reviewId))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const briefs = await getProductBriefs(
    ctx.db,
    page.map((r) => r.reviews.productId),
  );
  return {
    items: page.map(({ review_flags: f, reviews: r }) => ({
      reviewId: f.reviewId,
      productId: f.productId,
      productTitle: briefs.get(f.productId)?.title ?? null,
      merchantId: f.merchantId,
      rating: r.rating,
      content: r.content,
      images: r.images,
      reviewedAt: r.createdAt.toISOString(),
      status: f.status,
      score: f.score,
      signals: f.signals.map((s) => ({ ...s, label: SIGNAL_LABEL[s.code as SignalCode] ?? s.code })),
      flaggedAt: f.flaggedAt.toISOString(),
      decidedAt: f.decidedAt?.toISOString() ?? null,
      note: f.note,
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.review_flags.reviewId : null,
  };
}

/** Counts per status for the queue's tabs. */
export async function flagCounts(ctx: Ctx): Promise<Record<ReviewFlagStatus, number>> {
  requireOperator(ctx.actor);
  const rows = await ctx.db.select({ status: reviewFlags.status }).from(reviewFlags);
  const counts = { pending: 0, cleared: 0, removed: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

/**
 * An operator clears a held review (it counts again) or removes it (it stays out of the list and the score).
 * The decision is public: it goes into the transparency log with the signals' codes, never the reviewer.
 */
export async function decideFlag(
  ctx: Ctx,
  reviewId: string,
  input: { decision: 'clear' | 'remove'; note: string },
): Promise<Result<{ reviewId: string; status: ReviewFlagStatus }>> {
  const { userId } = requireOperator(ctx.actor);
  return ctx.tx(async (tx) => {
    const [flag] = await tx.select().from(reviewFlags).where(eq(reviewFlags.reviewId, reviewId));
    if (!flag) throw notFound('待审核评价');
    const [review] = await tx
      .select({ rating: reviews.rating, orderLineId: reviews.orderLineId })
      .from(reviews)
      .where(eq(reviews.id, reviewId));
    const status = input.decision === 'clear' ? ('cleared' as const) : ('removed' as const);
    const now = ctx.now();
    const moved = await tx
      .update(reviewFlags)
      .set({ status, decidedAt: now, decidedBy: userId, note: input.note || null })
      .where(and(eq(reviewFlags.reviewId, reviewId), eq(reviewFlags.status, 'pending')))
      .returning({ reviewId: reviewFlags.reviewId });
    if (moved.length === 0) return refuse('already-decided');
    await appendEntry(
      tx,
      {
        kind: 'review-moderation',
        subjectId: reviewId,
        payload: { decision: status, signals: flag.signals.map((s) => s.code).join(','), productId: flag.productId },
      },
      now,
    );
    // A removed review was confirmed fake: the purchase behind it was a fake sale and leaves 已售 too.
    const line = status === 'removed' && review ? await getLineForReview(tx, review.orderLineId) : undefined;
    await emit(tx, 'review.moderated', {
      reviewId,
      productId: flag.productId,
      merchantId: flag.merchantId,
      rating: review?.rating ?? null,
      status,
      fakeSale: line ? { orderId: line.orderId, skuId: line.skuId, qty: line.qty } : null,
    });
    // The author learns of a removal (and that they may appeal it once); a cleared review simply shows again.
    if (status === 'removed') await enqueueAuthorNotice(ctx.deps, tx, reviewId, 'removed', now);
    return ok({ reviewId, status });
  });
}
