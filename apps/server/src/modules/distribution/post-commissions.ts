import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { affiliateLinesOfPosts } from '../attribution/api.ts';
import { commissions } from './schema.ts';

export interface PostCommission {
  /** What the promoter keeps from lines credited to the post: recorded minus reversed, pending and settled (fen). */
  amount: number;
  /** The part of `amount` already settled (withdrawable). */
  settled: number;
}

/**
 * The commission a promoter (the creator, in the creator centre) earned on order lines attributed to each post.
 * Attribution says which lines belong to a post; the amounts are this module's own.
 */
export async function commissionByPost(
  db: Db,
  postIds: string[],
  promoterId: string,
): Promise<Map<string, PostCommission>> {
  const lines = await affiliateLinesOfPosts(db, postIds);
  if (lines.length === 0) return new Map();
  const rows = await db
    .select({
      lineId: commissions.lineId,
      amount: sql<string>`sum(${commissions.amount} - ${commissions.reversedAmount})`,
      settled: sql<string>`coalesce(sum(${commissions.amount} - ${commissions.reversedAmount}) filter (where ${commissions.status} = 'settled'), 0)`,
    })
    .from(commissions)
    .where(
      and(
        inArray(
          commissions.lineId,
          lines.map((l) => l.lineId),
        ),
        eq(commissions.promoterId, promoterId),
      ),
    )
    .groupBy(commissions.lineId);
  const postOf = new Map(lines.map((l) => [l.lineId, l.postId]));
  const byPost = new Map<string, PostCommission>();
  for (const r of rows) {
    const postId = postOf.get(r.lineId)!;
    const sum = byPost.get(postId) ?? { amount: 0, settled: 0 };
    byPost.set(postId, { amount: sum.amount + Number(r.amount), settled: sum.settled + Number(r.settled) });
  }
  return byPost;
}
