import { desc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { toCards } from './queries.ts';
import { liveSessions } from './schema.ts';

/** A session on air as the home feed mixes it in: the live list's card and who hosts it. */
export interface LiveNow {
  card: Awaited<ReturnType<typeof toCards>>[number];
  merchantId: string;
  hostUserId: string;
  /** The creator hosting for the merchant, when it is not the merchant's own staff. */
  creatorId: string | null;
}

/**
 * Sessions on air now (newest start first, at most `limit`), the same for every viewer: discovery picks the ones
 * of people and shops a user follows, and the busiest rooms. Viewer counts are real (demo audiences stay apart).
 */
export async function liveSessionsNow(deps: Deps, db: Db, limit = 50): Promise<LiveNow[]> {
  const rows = await db
    .select()
    .from(liveSessions)
    .where(eq(liveSessions.status, 'live'))
    .orderBy(desc(liveSessions.startedAt), desc(liveSessions.id))
    .limit(limit);
  const cards = await toCards(deps, db, rows);
  return rows.map((s, i) => ({
    card: cards[i]!,
    merchantId: s.merchantId,
    hostUserId: s.hostUserId,
    creatorId: s.creatorId,
  }));
}
