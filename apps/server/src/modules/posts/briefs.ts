import { eq, inArray } from 'drizzle-orm';
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

/** A post as a complaint names it: its title, author and the shop that sponsored it (none for a creator's own post). */
export async function postSubject(
  db: Db,
  id: string,
): Promise<{ id: string; title: string; authorId: string; merchantId: string | null; status: string } | undefined> {
  const [row] = await db
    .select({
      id: posts.id,
      title: posts.title,
      authorId: posts.authorId,
      merchantId: posts.sponsorMerchantId,
      status: posts.status,
    })
    .from(posts)
    .where(eq(posts.id, id));
  return row;
}
