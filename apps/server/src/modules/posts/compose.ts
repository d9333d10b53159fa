import { and, eq, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { getProductBriefs, getPublicProduct } from '../catalog/api.ts';
import { describeReasons, moderate } from '../moderation/api.ts';
import { claimOrderPhotoReward, verifyOrderPhotoLine } from './incentives.ts';
import { isVideoUrl, topicsOf } from './rules.ts';
import { brandPartnerships, postTopics, posts, topics, type PostKind } from './schema.ts';

const refuse = refusals({
  'content-rejected': [422, '内容未通过审核'],
  'images-required': [422, '请至少上传一张图片'],
  'video-required': [422, '请上传视频和封面'],
  'product-unavailable': [422, '标记的商品不存在或已下架'],
  'partnership-not-yours': [422, '品牌合作不存在'],
  'order-line-not-eligible': [422, '只能晒自己已收货的订单商品'],
  'order-line-already-shown': [409, '这件商品已经晒过单了'],
});

export interface PostInput {
  kind: PostKind;
  title: string;
  body: string;
  images: string[];
  videoUrl?: string | undefined;
  posterUrl?: string | undefined;
  productIds: string[];
  topics: string[];
  partnershipId?: string | undefined;
  orderLineId?: string | undefined;
}

type ComposeRefusal = ReturnType<typeof refuse>['type'];

/**
 * A user publishes a post. Text and images pass moderation: flagged posts wait for an operator (visible only to
 * the author), rejected ones are refused with the reasons. A brand partnership attaches the 「广告」 label for good.
 */
export async function createPost(
  ctx: Ctx,
  input: PostInput,
): Promise<Result<{ id: string; status: string }, ComposeRefusal>> {
  const user = requireUser(ctx.actor);
  const media = checkMedia(input);
  if (media) return refuse(media);
  const productIds = [...new Set(input.productIds)];
  return ctx.tx(async (db) => {
    const now = ctx.now();
    const id = newId('pst');
    let sponsorMerchantId: string | null = null;
    if (input.partnershipId) {
      const [p] = await db.select().from(brandPartnerships).where(eq(brandPartnerships.id, input.partnershipId));
      if (!p || p.creatorId !== user.userId) return refuse('partnership-not-yours');
      sponsorMerchantId = p.merchantId;
    }
    if (input.orderLineId) {
      const line = await verifyOrderPhotoLine(db, input.orderLineId, user.userId);
      if (!line) return refuse('order-line-not-eligible');
      if (!productIds.includes(line.productId)) productIds.unshift(line.productId);
    }
    const tagged = await tagProducts(ctx, db, productIds);
    if (!tagged) return refuse('product-unavailable');
    const verdict = await moderate(db, {
      subjectType: 'post',
      subjectId: id,
      authorId: user.userId,
      text: `${input.title}\n${input.body}`,
      imageUrls: [...input.images, ...(input.posterUrl ? [input.posterUrl] : [])],
      at: now,
    });
    if (verdict.verdict === 'rejected') return refuse('content-rejected', describeReasons(verdict.reasons));
    const [title, ...bodyLines] = verdict.text.split('\n');
    const body = bodyLines.join('\n');
    const topicNames = topicsOf(body, input.topics);
    const status = verdict.verdict === 'approved' ? ('published' as const) : ('pending_review' as const);
    const inserted = await db
      .insert(posts)
      .values({
        id,
        authorId: user.userId,
        kind: input.kind,
        title: title ?? '',
        body,
        images: input.images,
        videoUrl: input.kind === 'video' ? input.videoUrl! : null,
        posterUrl: input.kind === 'video' ? input.posterUrl! : null,
        productIds,
        merchantIds: tagged.merchantIds,
        categoryIds: tagged.categoryIds,
        topics: topicNames,
        status,
        partnershipId: input.partnershipId ?? null,
        sponsorMerchantId,
        orderLineId: input.orderLineId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: posts.id });
    if (inserted.length === 0) return refuse('order-line-already-shown');
    await saveTopics(db, id, topicNames, now);
    if (status === 'published') await onPostVisible(db, id, now);
    await emit(db, 'post.created', { postId: id, authorId: user.userId, status, productIds });
    return ok({ id, status });
  });
}

/** The author edits text, images and topics; products, sponsorship and 晒单 stay as published. Re-moderated. */
export async function updatePost(
  ctx: Ctx,
  postId: string,
  input: { title: string; body: string; images: string[]; topics: string[] },
): Promise<Result<{ id: string; status: string }, ComposeRefusal>> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (db) => {
    const [post] = await db.select().from(posts).where(eq(posts.id, postId)).for('update');
    if (!post || post.authorId !== user.userId || !['published', 'pending_review'].includes(post.status))
      throw notFound('笔记', postId);
    const media = checkMedia({
      ...post,
      images: input.images,
      videoUrl: post.videoUrl ?? undefined,
      posterUrl: post.posterUrl ?? undefined,
    });
    if (media) return refuse(media);
    const now = ctx.now();
    const verdict = await moderate(db, {
      subjectType: 'post',
      subjectId: postId,
      authorId: user.userId,
      text: `${input.title}\n${input.body}`,
      imageUrls: [...input.images, ...(post.posterUrl ? [post.posterUrl] : [])],
      at: now,
    });
    if (verdict.verdict === 'rejected') return refuse('content-rejected', describeReasons(verdict.reasons));
    const [title, ...bodyLines] = verdict.text.split('\n');
    const body = bodyLines.join('\n');
    const topicNames = topicsOf(body, input.topics);
    const status = verdict.verdict === 'approved' ? ('published' as const) : ('pending_review' as const);
    await db
      .update(posts)
      .set({ title: title ?? '', body, images: input.images, topics: topicNames, status, updatedAt: now })
      .where(eq(posts.id, postId));
    await db.delete(postTopics).where(eq(postTopics.postId, postId));
    await saveTopics(db, postId, topicNames, post.createdAt);
    if (status === 'published') await onPostVisible(db, postId, now);
    return ok({ id: postId, status });
  });
}

export async function deletePost(ctx: Ctx, postId: string): Promise<void> {
  const user = requireUser(ctx.actor);
  await ctx.tx(async (db) => {
    const done = await db
      .update(posts)
      .set({ status: 'deleted', updatedAt: ctx.now() })
      .where(and(eq(posts.id, postId), eq(posts.authorId, user.userId), sql`${posts.status} <> 'deleted'`))
      .returning({ id: posts.id });
    if (done.length === 0) throw notFound('笔记', postId);
  });
}

/**
 * moderation.decided for a post: approval publishes it, rejection or a report removal hides it. An operator's
 * decision from content management (source `operator`) also restores a removed or rejected post, and hides as 下架.
 */
export async function applyPostModeration(
  db: Db,
  postId: string,
  verdict: 'approved' | 'rejected',
  source: string,
  at: Date,
): Promise<void> {
  if (verdict === 'approved') {
    const from =
      source === 'operator'
        ? sql`${posts.status} in ('pending_review', 'removed', 'rejected')`
        : eq(posts.status, 'pending_review');
    const shown = await db
      .update(posts)
      .set({ status: 'published', updatedAt: at })
      .where(and(eq(posts.id, postId), from))
      .returning({ id: posts.id });
    if (shown.length > 0) await onPostVisible(db, postId, at);
    return;
  }
  await db
    .update(posts)
    .set({ status: source === 'review' ? 'rejected' : 'removed', updatedAt: at })
    .where(and(eq(posts.id, postId), sql`${posts.status} in ('published', 'pending_review')`));
}

/** A post became visible: the 晒单 reward (once per order line) is earned now. */
async function onPostVisible(db: Db, postId: string, at: Date): Promise<void> {
  const [post] = await db.select().from(posts).where(eq(posts.id, postId));
  if (post?.orderLineId)
    await claimOrderPhotoReward(db, { postId, userId: post.authorId, orderLineId: post.orderLineId, at });
}

function checkMedia(input: {
  kind: PostKind;
  images: string[];
  videoUrl?: string | undefined;
  posterUrl?: string | undefined;
}) {
  if (input.kind === 'video') {
    if (!input.videoUrl || !isVideoUrl(input.videoUrl) || !input.posterUrl) return 'video-required' as const;
    return undefined;
  }
  return input.images.length === 0 ? ('images-required' as const) : undefined;
}

/** The tagged products must be listed now; their shops and top-level categories are kept on the post. */
async function tagProducts(
  ctx: Ctx,
  db: Db,
  productIds: string[],
): Promise<{ merchantIds: string[]; categoryIds: string[] } | undefined> {
  if (productIds.length === 0) return { merchantIds: [], categoryIds: [] };
  const briefs = await getProductBriefs(db, productIds);
  if (productIds.some((id) => briefs.get(id)?.status !== 'listed')) return undefined;
  const categoryIds = new Set<string>();
  for (const id of productIds) {
    const p = await getPublicProduct({ ...ctx, db }, id).catch(() => undefined);
    if (!p) return undefined;
    categoryIds.add(p.category.parent?.id ?? p.category.id);
  }
  return {
    merchantIds: [...new Set(productIds.map((id) => briefs.get(id)!.merchantId))],
    categoryIds: [...categoryIds],
  };
}

async function saveTopics(db: Db, postId: string, names: string[], at: Date): Promise<void> {
  if (names.length === 0) return;
  await db
    .insert(topics)
    .values(names.map((name) => ({ name, createdAt: at })))
    .onConflictDoNothing();
  await db
    .insert(postTopics)
    .values(names.map((topic) => ({ topic, postId, createdAt: at })))
    .onConflictDoNothing();
}
