import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { follows, posts } from './schema.ts';
import { postCards, type PostCard } from './views.ts';

/** Whom a user follows, people and shops, newest follow first, in one statement: discovery's social source. */
export async function followsOf(
  db: Db,
  userId: string,
  limit = 500,
): Promise<{ users: string[]; merchants: string[] }> {
  const rows = await db
    .select({ type: follows.targetType, id: follows.targetId })
    .from(follows)
    .where(eq(follows.followerId, userId))
    .orderBy(desc(follows.createdAt))
    .limit(limit);
  return {
    users: rows.filter((r) => r.type === 'user').map((r) => r.id),
    merchants: rows.filter((r) => r.type === 'merchant').map((r) => r.id),
  };
}

/** A recent published post as the home feed mixes it in: the card (with its 「广告」 sponsor) and its keys. */
export interface FeedPost {
  card: Omit<PostCard, 'liked' | 'status'>;
  authorId: string;
  /** Top-level categories of the tagged products, and the shops they belong to. */
  categoryIds: string[];
  merchantIds: string[];
  /** Likes, favourites, comments and shares: how much people engaged with it. */
  engagement: number;
}

/**
 * The newest published posts of the last `days` days (at most `limit`), the same for every viewer: discovery picks
 * from them the ones by people and shops a user follows or in their interest categories. Cards carry no viewer's
 * like state, so one list serves everyone.
 */
export async function recentPublishedPosts(db: Db, now: Date, days = 30, limit = 500): Promise<FeedPost[]> {
  const rows = await db
    .select()
    .from(posts)
    .where(and(eq(posts.status, 'published'), gte(posts.createdAt, new Date(now.getTime() - days * 86_400_000))))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(limit);
  const cards = await postCards(db, rows, { userId: null });
  return rows.map((r, i) => {
    const { liked: _liked, status: _status, ...card } = cards[i]!;
    return {
      card,
      authorId: r.authorId,
      categoryIds: r.categoryIds,
      merchantIds: r.merchantIds,
      engagement: r.likeCount + r.favouriteCount * 2 + r.commentCount * 2 + r.shareCount * 3,
    };
  });
}
