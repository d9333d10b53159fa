import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { type AuthorModeration, authorModeration } from './appeals.ts';
import { type ChainBreak, chainBreakText, verifyChain } from './chain.ts';
import { BAD_MAX, GOOD_MIN, maskNickname, type RatingFilter } from './rules.ts';
import { reviewChainHeads, reviewFlags, reviewReplies, reviews } from './schema.ts';

type ReviewRow = typeof reviews.$inferSelect;

interface ReplyDto {
  content: string;
  createdAt: string;
}
interface AuthorDto {
  nickname: string;
  avatarUrl: string | null;
  anonymous: boolean;
}
interface FollowUpDto {
  id: string;
  content: string;
  images: string[];
  createdAt: string;
  /** Days between the first review and the follow-up (“使用 30 天后追评”). */
  daysLater: number;
  reply: ReplyDto | null;
}
export interface ReviewDto {
  id: string;
  productId: string;
  skuId: string;
  specText: string;
  rating: number;
  ratings: { quality: number; logistics: number; service: number };
  content: string;
  images: string[];
  author: AuthorDto;
  createdAt: string;
  reply: ReplyDto | null;
  followUp: FollowUpDto | null;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface PageInput {
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** Public: a product's first reviews, newest first, each with its follow-up and the merchant's replies. */
export async function listProductReviews(
  ctx: Ctx,
  productId: string,
  input: PageInput & { filter?: RatingFilter | undefined },
): Promise<Page<ReviewDto>> {
  const filters: SQL[] = [eq(reviews.productId, productId), eq(reviews.kind, 'initial'), notHeld];
  if (input.filter === 'good') filters.push(sql`${reviews.rating} >= ${GOOD_MIN}`);
  if (input.filter === 'bad') filters.push(sql`${reviews.rating} <= ${BAD_MAX}`);
  if (input.filter === 'with_images') filters.push(withImages);
  const { rows, nextCursor } = await pageOf(ctx.db, filters, input);
  return { items: await toDtos(ctx.db, rows), nextCursor };
}

interface ProductRefDto {
  title: string;
  imageUrl: string | null;
}

export type MyReviewDto = ReviewDto & {
  orderId: string;
  orderLineId: string;
  canFollowUp: boolean;
  product: ProductRefDto | null;
  /** Null when the screening never held it; otherwise where the hold and any appeal stand. */
  moderation: AuthorModeration | null;
};

/** The buyer's own first reviews (follow-ups nested), with the product and whether a follow-up can still be added. */
export async function listMyReviews(ctx: Ctx, input: PageInput): Promise<Page<MyReviewDto>> {
  const user = requireUser(ctx.actor);
  const { rows, nextCursor } = await pageOf(
    ctx.db,
    [eq(reviews.userId, user.userId), eq(reviews.kind, 'initial')],
    input,
  );
  return { items: await myReviewDtos(ctx, rows), nextCursor };
}

/** One of the buyer's own first reviews (我的评价 → detail, where a removed one is appealed). */
export async function getMyReview(ctx: Ctx, reviewId: string): Promise<MyReviewDto> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(reviews)
    .where(and(eq(reviews.id, reviewId), eq(reviews.userId, user.userId), eq(reviews.kind, 'initial')));
  // Someone else's review looks exactly like a missing one.
  if (rows.length === 0) throw notFound('评价');
  return (await myReviewDtos(ctx, rows))[0]!;
}

async function myReviewDtos(ctx: Ctx, rows: ReviewRow[]): Promise<MyReviewDto[]> {
  const dtos = await toDtos(ctx.db, rows);
  const products = await productRefs(ctx.db, rows);
  const held = await authorModeration(
    ctx.db,
    rows.map((r) => r.id),
  );
  const now = ctx.now();
  return dtos.map((dto, i) => {
    const row = rows[i]!;
    const canFollowUp = dto.followUp === null && (!row.followUpUntil || now <= row.followUpUntil);
    return {
      ...dto,
      orderId: row.orderId,
      orderLineId: row.orderLineId,
      canFollowUp,
      product: products.get(row.productId) ?? null,
      moderation: held.get(row.id) ?? null,
    };
  });
}

export interface MerchantReviewDto {
  id: string;
  kind: 'initial' | 'follow_up';
  parentId: string | null;
  orderId: string;
  productId: string;
  skuId: string;
  specText: string;
  rating: number | null;
  ratings: { quality: number; logistics: number; service: number } | null;
  content: string;
  images: string[];
  author: AuthorDto;
  createdAt: string;
  reply: ReplyDto | null;
  product: ProductRefDto | null;
}

/** The acting merchant's reviews and follow-ups, newest first; `replied: false` is the to-do list. */
export async function listMerchantReviews(
  ctx: Ctx,
  input: PageInput & { replied?: boolean | undefined },
): Promise<Page<MerchantReviewDto>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'reviews.reply');
  const filters: SQL[] = [eq(reviews.merchantId, merchantId)];
  const hasReply = sql`exists (select 1 from ${reviewReplies} where ${reviewReplies.reviewId} = ${reviews.id})`;
  if (input.replied === false) filters.push(sql`not ${hasReply}`);
  if (input.replied === true) filters.push(hasReply);
  const { rows, nextCursor } = await pageOf(ctx.db, filters, input);
  const authors = await authorsOf(ctx.db, rows);
  const replies = await repliesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const products = await productRefs(ctx.db, rows);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      parentId: r.parentId,
      orderId: r.orderId,
      productId: r.productId,
      skuId: r.skuId,
      specText: r.specText,
      rating: r.rating,
      ratings: r.kind === 'initial' ? ratingsOf(r) : null,
      content: r.content,
      images: r.images,
      author: authors(r),
      createdAt: r.createdAt.toISOString(),
      reply: replies.get(r.id) ?? null,
      product: products.get(r.productId) ?? null,
    })),
    nextCursor,
  };
}

export interface ReviewSummary {
  productId: string;
  count: number;
  averageRating: number | null;
  averages: { quality: number | null; logistics: number | null; service: number | null };
  /** Share of first reviews with ≥ 4 stars, 0–1. */
  goodRate: number | null;
  counts: { good: number; neutral: number; bad: number; withImages: number; followUps: number };
  /** First reviews held by the fake-review screening, left out of everything above until an operator decides. */
  underReview: number;
}

export async function reviewSummary(ctx: Ctx, productId: string): Promise<ReviewSummary> {
  const [s] = await ctx.db
    .select({
      count: sql<number>`count(*) filter (where ${reviews.kind} = 'initial')::int`,
      avg: sql<string | null>`avg(${reviews.rating})`,
      quality: sql<string | null>`avg(${reviews.ratingQuality})`,
      logistics: sql<string | null>`avg(${reviews.ratingLogistics})`,
      service: sql<string | null>`avg(${reviews.ratingService})`,
      good: sql<number>`count(*) filter (where ${reviews.rating} >= ${GOOD_MIN})::int`,
      neutral: sql<number>`count(*) filter (where ${reviews.rating} > ${BAD_MAX} and ${reviews.rating} < ${GOOD_MIN})::int`,
      bad: sql<number>`count(*) filter (where ${reviews.rating} <= ${BAD_MAX})::int`,
      // A review “has images” when the first review or its follow-up has any.
      withImages: sql<number>`count(distinct coalesce(${reviews.parentId}, ${reviews.id})) filter (where cardinality(${reviews.images}) > 0)::int`,
      followUps: sql<number>`count(*) filter (where ${reviews.kind} = 'follow_up')::int`,
    })
    .from(reviews)
    .where(and(eq(reviews.productId, productId), notHeld));
  // Counted, never guessed: how many first reviews wait for an operator (the shop says 评价审核中).
  const [held] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(reviewFlags)
    .where(and(eq(reviewFlags.productId, productId), eq(reviewFlags.status, 'pending')));
  const avg = (v: string | null | undefined) => (v == null ? null : Math.round(Number(v) * 10) / 10);
  const count = s?.count ?? 0;
  return {
    productId,
    count,
    averageRating: avg(s?.avg),
    averages: { quality: avg(s?.quality), logistics: avg(s?.logistics), service: avg(s?.service) },
    goodRate: count === 0 ? null : Math.round(((s?.good ?? 0) / count) * 1000) / 1000,
    counts: {
      good: s?.good ?? 0,
      neutral: s?.neutral ?? 0,
      bad: s?.bad ?? 0,
      withImages: s?.withImages ?? 0,
      followUps: s?.followUps ?? 0,
    },
    underReview: held?.n ?? 0,
  };
}

export interface VerifyReport {
  productId: string;
  ok: boolean;
  count: number;
  headHash: string | null;
  firstBroken: { reviewId: string | null; seq: number; reason: ChainBreak; message: string } | null;
}

/** Anyone can check that a product's reviews are exactly as published: recomputes every hash and link. */
export async function verifyProductReviews(ctx: Ctx, productId: string): Promise<VerifyReport> {
  const rows = await ctx.db.select().from(reviews).where(eq(reviews.productId, productId)).orderBy(asc(reviews.seq));
  const replyRows =
    rows.length === 0
      ? []
      : await ctx.db
          .select()
          .from(reviewReplies)
          .where(
            inArray(
              reviewReplies.reviewId,
              rows.map((r) => r.id),
            ),
          );
  const [head] = await ctx.db.select().from(reviewChainHeads).where(eq(reviewChainHeads.productId, productId));
  const check = verifyChain(rows, new Map(replyRows.map((r) => [r.reviewId, r])), head);
  if (check.ok)
    return {
      productId,
      ok: true,
      count: check.count,
      headHash: check.count === 0 ? null : check.headHash,
      firstBroken: null,
    };
  return {
    productId,
    ok: false,
    count: check.count,
    headHash: null,
    firstBroken: { ...check.broken, message: chainBreakText[check.broken.reason] },
  };
}

/** Public: one review as the shop shows it, for checking it against the transparency log; held ones are not shown. */
export async function getPublicReview(ctx: Ctx, reviewId: string): Promise<ReviewDto | { held: true; id: string }> {
  const [row] = await ctx.db
    .select()
    .from(reviews)
    .where(and(eq(reviews.id, reviewId), eq(reviews.kind, 'initial')));
  if (!row) throw notFound('评价');
  const [flag] = await ctx.db
    .select({ status: reviewFlags.status })
    .from(reviewFlags)
    .where(eq(reviewFlags.reviewId, reviewId));
  if (flag && flag.status !== 'cleared') return { held: true, id: reviewId };
  return (await toDtos(ctx.db, [row]))[0]!;
}

// ---- helpers ----

// Held by the screening (pending) or removed by an operator: out of the public list and score.
const notHeld = sql`not exists (select 1 from ${reviewFlags} where ${reviewFlags.reviewId} = ${reviews.id} and ${reviewFlags.status} <> 'cleared')`;

const withImages = sql`(cardinality(${reviews.images}) > 0 or exists (select 1 from ${reviews} f where f.parent_id = ${reviews.id} and cardinality(f.images) > 0))`;

const encodeCursor = (r: ReviewRow) =>
  Buffer.from(JSON.stringify([r.createdAt.toISOString(), r.id])).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {
    // fall through to the problem below
  }
  throw badRequest('分页游标无效', '请从第一页重新加载');
}

/** Keyset pagination, newest first: stable while new reviews arrive. */
async function pageOf(
  db: Db,
  filters: SQL[],
  input: PageInput,
): Promise<{ rows: ReviewRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 50);
  const where = [...filters];
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    where.push(sql`(${reviews.createdAt}, ${reviews.id}) < (${c.at}::timestamptz, ${c.id})`);
  }
  const rows = await db
    .select()
    .from(reviews)
    .where(and(...where))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };
}

/** Title and picture from the catalog, for lists that mix products. */
async function productRefs(db: Db, rows: ReviewRow[]): Promise<Map<string, ProductRefDto>> {
  const briefs = await getProductBriefs(
    db,
    rows.map((r) => r.productId),
  );
  return new Map([...briefs].map(([id, b]) => [id, { title: b.title, imageUrl: b.imageUrl }]));
}

const ratingsOf = (r: ReviewRow) => ({
  quality: r.ratingQuality ?? 0,
  logistics: r.ratingLogistics ?? 0,
  service: r.ratingService ?? 0,
});

async function repliesOf(db: Db, reviewIds: string[]): Promise<Map<string, ReplyDto>> {
  if (reviewIds.length === 0) return new Map();
  const rows = await db.select().from(reviewReplies).where(inArray(reviewReplies.reviewId, reviewIds));
  return new Map(rows.map((r) => [r.reviewId, { content: r.content, createdAt: r.createdAt.toISOString() }]));
}

/** Display names from accounts; an anonymous review shows a masked nickname and no avatar. */
async function authorsOf(db: Db, rows: ReviewRow[]): Promise<(r: ReviewRow) => AuthorDto> {
  const profiles = await publicProfiles(db, [...new Set(rows.map((r) => r.userId))]);
  return (r) => {
    const p = profiles.get(r.userId);
    const nickname = p?.nickname ?? '好物用户';
    return r.anonymous
      ? { nickname: maskNickname(nickname), avatarUrl: null, anonymous: true }
      : { nickname, avatarUrl: p?.avatarUrl ?? null, anonymous: false };
  };
}

async function toDtos(db: Db, rows: ReviewRow[]): Promise<ReviewDto[]> {
  if (rows.length === 0) return [];
  const followUps = await db
    .select()
    .from(reviews)
    .where(
      and(
        inArray(
          reviews.parentId,
          rows.map((r) => r.id),
        ),
        eq(reviews.kind, 'follow_up'),
      ),
    );
  const byParent = new Map(followUps.map((f) => [f.parentId!, f]));
  const authors = await authorsOf(db, rows);
  const replies = await repliesOf(
    db,
    [...rows, ...followUps].map((r) => r.id),
  );
  return rows.map((r) => {
    const f = byParent.get(r.id);
    return {
      id: r.id,
      productId: r.productId,
      skuId: r.skuId,
      specText: r.specText,
      rating: r.rating ?? 0,
      ratings: ratingsOf(r),
      content: r.content,
      images: r.images,
      author: authors(r),
      createdAt: r.createdAt.toISOString(),
      reply: replies.get(r.id) ?? null,
      followUp: f
        ? {
            id: f.id,
            content: f.content,
            images: f.images,
            createdAt: f.createdAt.toISOString(),
            daysLater: Math.floor((f.createdAt.getTime() - r.createdAt.getTime()) / 86_400_000),
            reply: replies.get(f.id) ?? null,
          }
        : null,
    };
  });
}
