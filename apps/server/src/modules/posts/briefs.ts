import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { follows, posts } from './schema.ts';

/** Titles of posts, for naming an order's source. */
export async function postTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: posts.id, title: posts.title })
    .from(posts)
    .where(inArray(posts.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** The users `userId` follows (creators and friends), newest follow first: discovery's social source. */
export async function followedUserIds(db: Db, userId: string, limit = 500): Promise<string[]> {
  const rows = await db
    .select({ id: follows.targetId })
    .from(follows)
    .where(and(eq(follows.followerId, userId), eq(follows.targetType, 'user')))
    .orderBy(desc(follows.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
