import { inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { posts } from './schema.ts';

/** Titles of posts, for naming an order's source. */
export async function postTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: posts.id, title: posts.title })
    .from(posts)
    .where(inArray(posts.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.title]));
}
