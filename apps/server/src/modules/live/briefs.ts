import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { liveSessions } from './schema.ts';

/** Sessions on air now, platform-wide or for one merchant: the 大屏's "live rooms now". */
export async function liveSessionsOnAir(db: Db, merchantId: string | null): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(liveSessions)
    .where(
      merchantId
        ? and(eq(liveSessions.status, 'live'), eq(liveSessions.merchantId, merchantId))
        : eq(liveSessions.status, 'live'),
    );
  return row?.n ?? 0;
}

/** Titles of live sessions, for naming an order's source. */
export async function liveSessionTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: liveSessions.id, title: liveSessions.title })
    .from(liveSessions)
    .where(inArray(liveSessions.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Live sessions by id with their shop: 联系客服 in a live room reaches that shop. */
export async function liveSessionBriefs(
  db: Db,
  ids: string[],
): Promise<Map<string, { id: string; merchantId: string; title: string; coverUrl: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: liveSessions.id,
      merchantId: liveSessions.merchantId,
      title: liveSessions.title,
      coverUrl: liveSessions.coverUrl,
    })
    .from(liveSessions)
    .where(inArray(liveSessions.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
