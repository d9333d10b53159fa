import { and, eq } from 'drizzle-orm';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { isOwnMediaUrl } from '../../platform/media.ts';
import { accountCreatedAt } from '../accounts/api.ts';
import { deliveryPointOfOrder, getLineForReview } from '../orders/api.ts';
import { payerOfOrder } from '../payments/api.ts';
import { appendEntry } from '../transparency/api.ts';
import { GENESIS_HASH, publicReviewDigest, replyHash, reviewHash } from './chain.ts';
import { screenNewReview } from './screening.ts';
import {
  type AspectRatings,
  contentProblem,
  contentProblemText,
  FOLLOW_UP_DAYS,
  MAX_CONTENT_CHARS,
  MAX_IMAGES,
  overallRating,
} from './rules.ts';
import { reviewChainHeads, reviewReplies, reviews } from './schema.ts';

export {
  getMyReview,
  getPublicReview,
  listMerchantReviews,
  listMyReviews,
  listProductReviews,
  reviewSummary,
  verifyProductReviews,
} from './queries.ts';

const refuse = refusals({
  'order-not-delivered': '确认收货后才能评价',
  'already-reviewed': '这件商品已经评价过了',
  'already-followed-up': '每件商品只能追评一次',
  'follow-up-expired': `已超过追评期限（确认收货后 ${FOLLOW_UP_DAYS} 天内可追评）`,
  'already-replied': '每条评价只能回复一次',
  'staff-self-review': [403, '本店员工不能评价自家商品'],
});

/** Orders in these states have reached the buyer; only then can a line be reviewed. */
const REVIEWABLE_STATUSES = ['delivered', 'completed'];

export interface PublishReviewInput {
  orderLineId: string;
  ratings: AspectRatings;
  content: string;
  images: string[];
  anonymous: boolean;
}
export interface FollowUpInput {
  content: string;
  images: string[];
}
export interface Published {
  id: string;
  productId: string;
  seq: number;
  contentHash: string;
  createdAt: string;
}

/** The buyer reviews one delivered order line, once. Overall stars are the rounded mean of the three aspects. */
export async function publishReview(
  ctx: Ctx,
  input: PublishReviewInput,
  deviceId?: string,
): Promise<Result<Published>> {
  const user = requireUser(ctx.actor);
  const content = validContent(input.content, input.images, false);
  for (const [aspect, v] of Object.entries(input.ratings)) {
    if (!Number.isInteger(v) || v < 1 || v > 5) throw invalid(`ratings.${aspect}`, '评分为 1–5 星');
  }
  return atomically(ctx, async (tx) => {
    const line = await getLineForReview(tx, input.orderLineId);
    // Someone else's order line looks exactly like a missing one.
    if (!line || line.userId !== user.userId) throw notFound('订单商品');
    if (!REVIEWABLE_STATUSES.includes(line.orderStatus)) return refuse('order-not-delivered');
    // Staff buying from their own shop to review it is a fake sale by definition: blocked, not screened.
    if (user.staff.some((s) => s.merchantId === line.merchantId)) return refuse('staff-self-review');
    const [existing] = await tx
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.orderLineId, line.lineId), eq(reviews.kind, 'initial')));
    if (existing) return refuse('already-reviewed');
    const now = ctx.now();
    const rating = overallRating(input.ratings);
    const row = await appendToChain(tx, now, {
      id: newId('rev'),
      productId: line.productId,
      skuId: line.skuId,
      merchantId: line.merchantId,
      orderId: line.orderId,
      orderLineId: line.lineId,
      userId: user.userId,
      specText: line.specText,
      kind: 'initial',
      parentId: null,
      ratingQuality: input.ratings.quality,
      ratingLogistics: input.ratings.logistics,
      ratingService: input.ratings.service,
      rating,
      content,
      images: input.images,
      anonymous: input.anonymous,
      followUpUntil: new Date((line.deliveredAt ?? now).getTime() + FOLLOW_UP_DAYS * 86_400_000),
    });
    if (!row) return refuse('already-reviewed');
    await screenNewReview(tx, row, {
      ip: ctx.ip,
      deviceId,
      deliveredAt: line.deliveredAt ?? null,
      secret: ctx.deps.config.ANALYTICS_PSEUDONYM_SECRET,
      accountCreatedAt: (await accountCreatedAt(tx, user.userId)) ?? null,
      addressHash: await deliveryPointOfOrder(ctx.deps, tx, line.orderId),
      payerHash: await payerOfOrder(tx, line.orderId),
    });
    await emit(tx, 'review.published', {
      reviewId: row.id,
      productId: row.productId,
      skuId: row.skuId,
      merchantId: row.merchantId,
      userId: row.userId,
      rating,
      isFollowUp: false,
    });
    return ok(published(row));
  });
}

/** The buyer adds one follow-up (追评) to their own review, within 180 days of delivery. No stars: text and images. */
export async function publishFollowUp(ctx: Ctx, reviewId: string, input: FollowUpInput): Promise<Result<Published>> {
  const user = requireUser(ctx.actor);
  const content = validContent(input.content, input.images, true);
  return atomically(ctx, async (tx) => {
    const [parent] = await tx
      .select()
      .from(reviews)
      .where(and(eq(reviews.id, reviewId), eq(reviews.kind, 'initial')));
    if (!parent || parent.userId !== user.userId) throw notFound('评价');
    const now = ctx.now();
    if (parent.followUpUntil && now > parent.followUpUntil) return refuse('follow-up-expired');
    const row = await appendToChain(tx, now, {
      id: newId('rev'),
      productId: parent.productId,
      skuId: parent.skuId,
      merchantId: parent.merchantId,
      orderId: parent.orderId,
      orderLineId: parent.orderLineId,
      userId: user.userId,
      specText: parent.specText,
      kind: 'follow_up',
      parentId: parent.id,
      ratingQuality: null,
      ratingLogistics: null,
      ratingService: null,
      rating: null,
      content,
      images: input.images,
      anonymous: parent.anonymous,
      followUpUntil: null,
    });
    if (!row) return refuse('already-followed-up');
    // Follow-ups carry no stars (rating null): rating aggregates count first reviews only.
    await emit(tx, 'review.published', {
      reviewId: row.id,
      productId: row.productId,
      skuId: row.skuId,
      merchantId: row.merchantId,
      userId: row.userId,
      rating: null,
      isFollowUp: true,
    });
    return ok(published(row));
  });
}

/** Staff of the reviewed line's merchant answer a review (or a follow-up) publicly, once. */
export async function replyToReview(
  ctx: Ctx,
  reviewId: string,
  content: string,
): Promise<Result<{ reviewId: string; createdAt: string }>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'reviews.reply');
  const user = requireUser(ctx.actor);
  const text = content.trim();
  if (text.length === 0 || [...text].length > MAX_CONTENT_CHARS)
    throw invalid('content', `回复内容为 1–${MAX_CONTENT_CHARS} 个字`);
  return atomically(ctx, async (tx) => {
    const [review] = await tx
      .select({ id: reviews.id, productId: reviews.productId, contentHash: reviews.contentHash })
      .from(reviews)
      .where(and(eq(reviews.id, reviewId), eq(reviews.merchantId, merchantId)));
    // Another shop's review is simply not found.
    if (!review) throw notFound('评价');
    const reply = { reviewId, merchantId, userId: user.userId, content: text, createdAt: ctx.now() };
    const inserted = await tx
      .insert(reviewReplies)
      .values({ ...reply, contentHash: replyHash(reply, review.contentHash) })
      .onConflictDoNothing()
      .returning({ reviewId: reviewReplies.reviewId });
    if (inserted.length === 0) return refuse('already-replied');
    await emit(tx, 'review.replied', { reviewId, productId: review.productId, merchantId });
    return ok({ reviewId, createdAt: reply.createdAt.toISOString() });
  });
}

type NewReview = Omit<typeof reviews.$inferInsert, 'seq' | 'prevHash' | 'contentHash' | 'createdAt'> & {
  parentId: string | null;
  ratingQuality: number | null;
  ratingLogistics: number | null;
  ratingService: number | null;
  rating: number | null;
  followUpUntil: Date | null;
};

/**
 * Appends a review to its product's hash chain. The chain head row is locked for the rest of the transaction,
 * so concurrent reviews of one product take consecutive positions. Returns undefined when the line already has
 * a review of this kind (the caller's refusal then rolls the head back).
 */
async function appendToChain(tx: Db, now: Date, fields: NewReview) {
  await tx
    .insert(reviewChainHeads)
    .values({ productId: fields.productId, seq: 0, headHash: GENESIS_HASH, updatedAt: now })
    .onConflictDoNothing();
  const [head] = await tx
    .select()
    .from(reviewChainHeads)
    .where(eq(reviewChainHeads.productId, fields.productId))
    .for('update');
  if (!head) throw new Error(`review chain head missing for ${fields.productId}`);
  const row = { ...fields, seq: head.seq + 1, prevHash: head.headHash, createdAt: now };
  const contentHash = reviewHash(row);
  const [inserted] = await tx
    .insert(reviews)
    .values({ ...row, contentHash })
    .onConflictDoNothing({ target: [reviews.orderLineId, reviews.kind] })
    .returning();
  if (!inserted) return undefined;
  await tx
    .update(reviewChainHeads)
    .set({ seq: row.seq, headHash: contentHash, updatedAt: now })
    .where(eq(reviewChainHeads.productId, fields.productId));
  // The chain anchors in the public log: the chain hash proves the full record, the public digest what is shown.
  await appendEntry(tx, { kind: 'review', subjectId: inserted.id, payload: reviewLogPayload(inserted) }, now);
  return inserted;
}

/** What a review's log entry commits to (docs/TRANSPARENCY.md): the chain link and the digest of what is shown. */
export const reviewLogPayload = (r: typeof reviews.$inferSelect) => ({
  productId: r.productId,
  reviewKind: r.kind,
  chainSeq: r.seq,
  chainHash: r.contentHash,
  publicDigest: publicReviewDigest(r),
});

const published = (row: typeof reviews.$inferSelect): Published => ({
  id: row.id,
  productId: row.productId,
  seq: row.seq,
  contentHash: row.contentHash,
  createdAt: row.createdAt.toISOString(),
});

const invalid = (field: string, message: string) =>
  new AppError('validation-failed', 400, '请求参数有误', message, [{ field: `body.${field}`, message }]);

// Routes validate the same rules with zod; this guards direct callers (seed, other modules).
function validContent(raw: string, images: string[], textRequired: boolean): string {
  const content = raw.trim();
  const problem = contentProblem(content, textRequired);
  if (problem) throw invalid('content', contentProblemText[problem]);
  if (images.length > MAX_IMAGES) throw invalid('images', `最多上传 ${MAX_IMAGES} 张图片`);
  if (!images.every(isOwnMediaUrl)) throw invalid('images', '图片须先上传到本站');
  return content;
}
