import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { liveOrders, liveSessions } from './schema.ts';

// The stored totals a PK scores and the metrics announce: their own file because pk.ts and metrics.ts both read
// them, and metrics.ts also refreshes running PKs.

/** A session's running totals as stored: likes (flushed), paid GMV in fen and paid orders, voided ones excluded. */
export async function sessionTotals(
  db: Db,
  sessionId: string,
): Promise<{ likes: number; gmv: number; orders: number }> {
  const [session] = await db
    .select({ likes: liveSessions.likes })
    .from(liveSessions)
    .where(eq(liveSessions.id, sessionId));
  const [paid] = await db
    .select({ gmv: sql<string>`coalesce(sum(${liveOrders.amount}), 0)`, orders: sql<number>`count(*)::int` })
    .from(liveOrders)
    .where(and(eq(liveOrders.sessionId, sessionId), isNotNull(liveOrders.paidAt), isNull(liveOrders.voidedAt)));
  return { likes: session?.likes ?? 0, gmv: Number(paid?.gmv ?? 0), orders: paid?.orders ?? 0 };
}
