import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { lineAttributions } from './schema.ts';

export interface PostOrderStats {
  /** Paid orders with at least one line credited to the post (fully refunded or cancelled ones excluded). */
  orders: number;
  /** Σ payAmount of those lines, in fen. */
  gmv: number;
}

/** Orders and GMV credited to each post by last touch. */
export async function orderStatsByPost(db: Db, postIds: string[]): Promise<Map<string, PostOrderStats>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .select({
      postId: lineAttributions.postId,
      orders: sql<number>`count(distinct ${lineAttributions.orderId})::int`,
      gmv: sql<number>`coalesce(sum(${lineAttributions.payAmount}), 0)::bigint`,
    })
    .from(lineAttributions)
    .where(
      and(
        inArray(lineAttributions.postId, postIds),
        isNotNull(lineAttributions.paidAt),
        isNull(lineAttributions.voidedAt),
      ),
    )
    .groupBy(lineAttributions.postId);
  return new Map(rows.map((r) => [r.postId!, { orders: Number(r.orders), gmv: Number(r.gmv) }]));
}

export interface CreatorLine {
  lineId: string;
  orderId: string;
  productId: string;
  postId: string | null;
  source: string;
  sharerId: string | null;
  qty: number;
  payAmount: number;
  orderedAt: string;
  status: 'pending_payment' | 'paid' | 'voided';
}

/** The latest order lines credited to a creator, newest first. */
export async function creatorAttributedLines(db: Db, creatorId: string, limit: number): Promise<CreatorLine[]> {
  const rows = await db
    .select()
    .from(lineAttributions)
    .where(eq(lineAttributions.creatorId, creatorId))
    .orderBy(desc(lineAttributions.orderedAt), desc(lineAttributions.lineId))
    .limit(limit);
  return rows.map((r) => ({
    lineId: r.lineId,
    orderId: r.orderId,
    productId: r.productId,
    postId: r.postId,
    source: r.source,
    sharerId: r.sharerId,
    qty: r.qty,
    payAmount: r.payAmount,
    orderedAt: r.orderedAt.toISOString(),
    status: r.voidedAt ? 'voided' : r.paidAt ? 'paid' : 'pending_payment',
  }));
}

/**
 * Order lines credited to these posts whose last touch carried an affiliate code (the creator's or a sharer's, when
 * a promoter, or a promoter's link opened from the post): the only post lines that can carry commission, which
 * distribution reads through this.
 */
export async function affiliateLinesOfPosts(db: Db, postIds: string[]): Promise<{ lineId: string; postId: string }[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .select({ lineId: lineAttributions.lineId, postId: lineAttributions.postId })
    .from(lineAttributions)
    .where(and(inArray(lineAttributions.postId, postIds), isNotNull(lineAttributions.affiliateCode)));
  return rows.map((r) => ({ lineId: r.lineId, postId: r.postId! }));
}
