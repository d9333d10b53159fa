import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { badRequest } from '../../platform/errors.ts';
import { type DiscoveryRanker, recencyEngagementRanker } from './ranking.ts';
import { follows, postFavourites, postLikes, posts, postTopics } from './schema.ts';
import { postCards, type PostCard, type Viewer } from './views.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** How far back the discovery feed looks, and how many recent posts it ranks. */
const DISCOVERY_DAYS = 60;
const DISCOVERY_CANDIDATES = 500;

const ranker: DiscoveryRanker = recencyEngagementRanker;

const encode = (at: Date, id: string) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
function decode(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const d = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(d.getTime())) throw new Error('bad');
    return { at: d, id };
  } catch {
    throw badRequest('分页游标无效', '请从第一页重新加载');
  }
}

const before = (c: { at: Date; id: string } | undefined) =>
  c ? or(lt(posts.createdAt, c.at), and(eq(posts.createdAt, c.at), lt(posts.id, c.id))) : undefined;

async function newestFirst(
  db: Db,
  where: ReturnType<typeof and>,
  cursor: string | undefined,
  limit: number,
  viewer: Viewer,
): Promise<Page<PostCard>> {
  const rows = await db
    .select()
    .from(posts)
    .where(and(where, before(decode(cursor))))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    items: await postCards(db, shown, viewer),
    nextCursor: rows.length > limit && last ? encode(last.createdAt, last.id) : null,
  };
}

/** Posts by the people the viewer follows, and posts tagging products of the shops they follow; newest first. */
export async function followingFeed(
  db: Db,
  userId: string,
  input: { cursor?: string | undefined; limit: number },
): Promise<Page<PostCard>> {
  const followed = await db.select().from(follows).where(eq(follows.followerId, userId));
  const users = followed.filter((f) => f.targetType === 'user').map((f) => f.targetId);
  const shops = followed.filter((f) => f.targetType === 'merchant').map((f) => f.targetId);
  if (users.length === 0 && shops.length === 0) return { items: [], nextCursor: null };
  const byWhom = or(
    users.length > 0 ? inArray(posts.authorId, users) : undefined,
    shops.length > 0
      ? sql`${posts.merchantIds} && ${sql`array[${sql.join(
          shops.map((s) => sql`${s}`),
          sql`, `,
        )}]::text[]`}`
      : undefined,
  );
  return newestFirst(db, and(eq(posts.status, 'published'), byWhom), input.cursor, input.limit, { userId });
}

/** A topic's posts, newest first. */
export async function topicFeed(
  db: Db,
  topic: string,
  input: { cursor?: string | undefined; limit: number },
  viewer: Viewer,
): Promise<Page<PostCard>> {
  const ids = db.select({ id: postTopics.postId }).from(postTopics).where(eq(postTopics.topic, topic));
  return newestFirst(db, and(eq(posts.status, 'published'), inArray(posts.id, ids)), input.cursor, input.limit, viewer);
}

/** A person's posts: everyone sees the published ones; the author also sees pending and rejected ones. */
export async function authorFeed(
  db: Db,
  authorId: string,
  input: { cursor?: string | undefined; limit: number },
  viewer: Viewer,
): Promise<Page<PostCard>> {
  const statuses =
    viewer.userId === authorId
      ? (['published', 'pending_review', 'rejected', 'removed'] as const)
      : (['published'] as const);
  return newestFirst(
    db,
    and(eq(posts.authorId, authorId), inArray(posts.status, [...statuses])),
    input.cursor,
    input.limit,
    viewer,
  );
}

/** Published posts a person liked, most recently liked first (offset paging: likes are few per person). */
export async function likedFeed(
  db: Db,
  userId: string,
  input: { cursor?: string | undefined; limit: number },
  viewer: Viewer,
): Promise<Page<PostCard>> {
  const offset = input.cursor ? Number(input.cursor) || 0 : 0;
  const rows = await db
    .select({ post: posts })
    .from(postLikes)
    .innerJoin(posts, eq(posts.id, postLikes.postId))
    .where(and(eq(postLikes.userId, userId), eq(posts.status, 'published')))
    .orderBy(desc(postLikes.createdAt), desc(postLikes.postId))
    .limit(input.limit + 1)
    .offset(offset);
  const shown = rows.slice(0, input.limit).map((r) => r.post);
  return {
    items: await postCards(db, shown, viewer),
    nextCursor: rows.length > input.limit ? String(offset + input.limit) : null,
  };
}

/**
 * The discovery waterfall: recent published posts ranked by the DiscoveryRanker. The cursor is an offset into
 * the ranking of the same candidates, so scrolling does not repeat posts while the scores stand.
 */
export async function discoveryFeed(
  db: Db,
  input: { cursor?: string | undefined; limit: number },
  viewer: Viewer,
  now: Date,
): Promise<Page<PostCard>> {
  const offset = input.cursor ? Math.max(0, Number(input.cursor) || 0) : 0;
  const candidates = await db
    .select({
      id: posts.id,
      createdAt: posts.createdAt,
      likeCount: posts.likeCount,
      commentCount: posts.commentCount,
      favouriteCount: posts.favouriteCount,
      shareCount: posts.shareCount,
      categoryIds: posts.categoryIds,
    })
    .from(posts)
    .where(
      and(eq(posts.status, 'published'), gte(posts.createdAt, new Date(now.getTime() - DISCOVERY_DAYS * 86_400_000))),
    )
    .orderBy(desc(posts.createdAt))
    .limit(DISCOVERY_CANDIDATES);
  const ranked = ranker.rank(candidates, {
    now,
    interests: viewer.userId ? await interestsOf(db, viewer.userId) : new Map<string, number>(),
  });
  const pageIds = ranked.slice(offset, offset + input.limit);
  const rows = pageIds.length === 0 ? [] : await db.select().from(posts).where(inArray(posts.id, pageIds));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = pageIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  return {
    items: await postCards(db, ordered, viewer),
    nextCursor: offset + input.limit < ranked.length ? String(offset + input.limit) : null,
  };
}

/** Share of the viewer's recent likes and favourites in each top-level category. */
async function interestsOf(db: Db, userId: string): Promise<Map<string, number>> {
  const liked = db.select({ postId: postLikes.postId }).from(postLikes).where(eq(postLikes.userId, userId));
  const faved = db
    .select({ postId: postFavourites.postId })
    .from(postFavourites)
    .where(eq(postFavourites.userId, userId));
  const rows = await db
    .select({ categoryIds: posts.categoryIds })
    .from(posts)
    .where(or(inArray(posts.id, liked), inArray(posts.id, faved)))
    .orderBy(desc(posts.createdAt))
    .limit(200);
  const counts = new Map<string, number>();
  for (const r of rows) for (const c of r.categoryIds) counts.set(c, (counts.get(c) ?? 0) + 1);
  const total = rows.length || 1;
  return new Map([...counts].map(([c, n]) => [c, n / total]));
}
