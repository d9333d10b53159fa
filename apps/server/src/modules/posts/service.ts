import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { publicProfiles } from '../accounts/api.ts';
import { requireUser } from '../../platform/auth.ts';
import { listComments } from './comments.ts';
import { authorFeed, discoveryFeed, followingFeed, likedFeed, topicFeed } from './feeds.ts';
import { listMyRewards } from './incentives.ts';
import { followCounts, isFollowing, recordView } from './social.ts';
import { visitorKey } from './rules.ts';
import { posts, postTopics, topics } from './schema.ts';
import { authorView, isFavourited, postCards, type PostCard, taggedProducts, type TaggedProduct } from './views.ts';

// The posts module's public surface. Use-cases live in the files re-exported here.
export { createPost, deletePost, updatePost } from './compose.ts';
export { addComment } from './comments.ts';
export { recordProductClick, setFavourited, setFollowing, setLiked } from './social.ts';
export { createPartnership, listMerchantPartnerships, listMyPartnerships } from './sponsorship.ts';
export { draftPost, draftProductCopy } from './drafts.ts';
export { listChallenges, upsertChallenge } from './challenges.ts';
export { creatorOverview } from './creator-centre.ts';

const viewerOf = (ctx: Ctx) => ({ userId: ctx.actor.kind === 'user' ? ctx.actor.userId : null });

/** Authors of posts that exist (any status but deleted): attribution credits a post's creator from here. */
export async function postAuthors(db: Db, postIds: string[]): Promise<Map<string, string>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .select({ id: posts.id, authorId: posts.authorId })
    .from(posts)
    .where(and(inArray(posts.id, postIds), sql`${posts.status} <> 'deleted'`));
  return new Map(rows.map((r) => [r.id, r.authorId]));
}

export interface PostDetail extends PostCard {
  body: string;
  images: string[];
  videoUrl: string | null;
  posterUrl: string | null;
  topics: string[];
  products: TaggedProduct[];
  commentCount: number;
  favouriteCount: number;
  shareCount: number;
  viewCount: number;
  favourited: boolean;
  followingAuthor: boolean;
  isMine: boolean;
  /** A 晒单 post: shows a real, delivered order of the author. */
  verifiedPurchase: boolean;
}

/**
 * A published post for everyone; the author also sees it while it waits for review. Each view counts once per
 * viewer and day: a signed-in user by account, a signed-out visitor by their browser's random id (`visitorId`).
 */
export async function getPost(ctx: Ctx, postId: string, visitorId?: string): Promise<PostDetail> {
  const viewer = viewerOf(ctx);
  const [row] = await ctx.db.select().from(posts).where(eq(posts.id, postId));
  const visible = row && (row.status === 'published' || (row.authorId === viewer.userId && row.status !== 'deleted'));
  if (!row || !visible) throw notFound('笔记', postId);
  const viewerKey = viewer.userId ?? visitorKey(visitorId);
  const counted =
    viewerKey && row.status === 'published' ? await recordView(ctx.db, postId, viewerKey, ctx.now()) : false;
  const [card] = await postCards(ctx.db, [row], viewer);
  return {
    ...card!,
    body: row.body,
    images: row.images,
    videoUrl: row.videoUrl,
    posterUrl: row.posterUrl,
    topics: row.topics,
    products: await taggedProducts(ctx.db, row.productIds),
    commentCount: row.commentCount,
    favouriteCount: row.favouriteCount,
    shareCount: row.shareCount,
    viewCount: row.viewCount + (counted ? 1 : 0),
    favourited: await isFavourited(ctx.db, postId, viewer.userId),
    followingAuthor: await isFollowing(ctx.db, viewer.userId, 'user', row.authorId),
    isMine: row.authorId === viewer.userId,
    verifiedPurchase: row.orderLineId !== null,
  };
}

type PageInput = { cursor?: string | undefined; limit: number };

export const listDiscovery = (ctx: Ctx, input: PageInput) => discoveryFeed(ctx.db, input, viewerOf(ctx), ctx.now());
export const listFollowing = (ctx: Ctx, input: PageInput) =>
  followingFeed(ctx.db, requireUser(ctx.actor).userId, input);
export const listPostComments = (ctx: Ctx, postId: string, input: PageInput & { parentId?: string | undefined }) =>
  listComments(ctx.db, postId, input, viewerOf(ctx).userId);
export const myRewards = (ctx: Ctx) => listMyRewards(ctx.db, requireUser(ctx.actor).userId);

/** A topic page: the topic (or challenge) and its posts. */
export async function getTopic(ctx: Ctx, name: string, input: PageInput) {
  const [topic] = await ctx.db.select().from(topics).where(eq(topics.name, name));
  if (!topic) throw notFound('话题', name);
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(postTopics)
    .innerJoin(posts, eq(posts.id, postTopics.postId))
    .where(and(eq(postTopics.topic, name), eq(posts.status, 'published')));
  return {
    topic: {
      name: topic.name,
      description: topic.description,
      isChallenge: topic.isChallenge,
      startsAt: topic.startsAt?.toISOString() ?? null,
      endsAt: topic.endsAt?.toISOString() ?? null,
      postCount: Number(count?.n ?? 0),
    },
    posts: await topicFeed(ctx.db, name, input, viewerOf(ctx)),
  };
}

/** Topics with the most published posts in the last 30 days (for the composer and the discover page). */
export async function trendingTopics(ctx: Ctx) {
  const since = new Date(ctx.now().getTime() - 30 * 86_400_000);
  const rows = await ctx.db
    .select({ name: postTopics.topic, n: sql<number>`count(*)::int` })
    .from(postTopics)
    .innerJoin(posts, eq(posts.id, postTopics.postId))
    .where(and(eq(posts.status, 'published'), sql`${postTopics.createdAt} >= ${since}`))
    .groupBy(postTopics.topic)
    .orderBy(desc(sql`count(*)`))
    .limit(20);
  const challenges = new Set(
    rows.length === 0
      ? []
      : (
          await ctx.db
            .select({ name: topics.name })
            .from(topics)
            .where(
              and(
                inArray(
                  topics.name,
                  rows.map((r) => r.name),
                ),
                eq(topics.isChallenge, true),
              ),
            )
        ).map((r) => r.name),
  );
  return rows.map((r) => ({ name: r.name, postCount: Number(r.n), isChallenge: challenges.has(r.name) }));
}

/** A profile: who, follow counts, and whether the viewer follows them. Posts and likes page separately. */
export async function getProfile(ctx: Ctx, userId: string) {
  const profile = (await publicProfiles(ctx.db, [userId])).get(userId);
  if (!profile) throw notFound('用户', userId);
  const viewer = viewerOf(ctx);
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, likes: sql<number>`coalesce(sum(${posts.likeCount}), 0)::int` })
    .from(posts)
    .where(and(eq(posts.authorId, userId), eq(posts.status, 'published')));
  const tagged = await ctx.db
    .select({ productIds: posts.productIds })
    .from(posts)
    .where(and(eq(posts.authorId, userId), eq(posts.status, 'published')))
    .orderBy(desc(posts.createdAt))
    .limit(50);
  return {
    user: authorView(userId, new Map([[userId, profile]])),
    ...(await followCounts(ctx.db, userId)),
    postCount: Number(count?.n ?? 0),
    likesReceived: Number(count?.likes ?? 0),
    followedByMe: await isFollowing(ctx.db, viewer.userId, 'user', userId),
    isMe: viewer.userId === userId,
    products: await taggedProducts(ctx.db, [...new Set(tagged.flatMap((t) => t.productIds))].slice(0, 20)),
  };
}

export const listAuthorPosts = (ctx: Ctx, userId: string, input: PageInput) =>
  authorFeed(ctx.db, userId, input, viewerOf(ctx));
export const listLikedPosts = (ctx: Ctx, userId: string, input: PageInput) =>
  likedFeed(ctx.db, userId, input, viewerOf(ctx));
