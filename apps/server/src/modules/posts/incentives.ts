import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { getLineForReview, type LineForReview } from '../orders/api.ts';
import { awardPoints } from '../points/api.ts';
import { contentRewards } from './schema.ts';

/** 晒单返现: points for a published photo post of one's own delivered order line, once per line. */
const ORDER_PHOTO_POST_POINTS = 50;

/** The line, when it is the author's own and was delivered (a real, verified purchase). */
export async function verifyOrderPhotoLine(db: Db, lineId: string, userId: string): Promise<LineForReview | undefined> {
  const line = await getLineForReview(db, lineId);
  if (!line || line.userId !== userId) return undefined;
  return line.orderStatus === 'delivered' || line.orderStatus === 'completed' ? line : undefined;
}

/**
 * Pays the reward the first time the post becomes visible: the reward row (one per order line) is the claim,
 * and the points module credits the points in the same transaction, so a reward is never recorded unpaid.
 * A row left `entitled` by an older version is paid here too; the points module pays each source only once.
 */
export async function claimOrderPhotoReward(
  db: Db,
  input: { postId: string; userId: string; orderLineId: string; at: Date },
): Promise<void> {
  await db
    .insert(contentRewards)
    .values({
      id: newId('rwd'),
      kind: 'order_photo_post',
      userId: input.userId,
      orderLineId: input.orderLineId,
      postId: input.postId,
      points: ORDER_PHOTO_POST_POINTS,
      status: 'entitled',
      createdAt: input.at,
    })
    .onConflictDoNothing();
  const [due] = await db
    .update(contentRewards)
    .set({ status: 'awarded' })
    .where(
      and(
        eq(contentRewards.kind, 'order_photo_post'),
        eq(contentRewards.orderLineId, input.orderLineId),
        eq(contentRewards.status, 'entitled'),
      ),
    )
    .returning();
  if (!due) return;
  await awardPoints(db, {
    userId: due.userId,
    amount: due.points,
    reason: '晒单返现',
    sourceType: 'order-photo-post',
    sourceId: due.orderLineId,
    at: input.at,
  });
}

export async function listMyRewards(db: Db, userId: string) {
  const rows = await db
    .select()
    .from(contentRewards)
    .where(eq(contentRewards.userId, userId))
    .orderBy(desc(contentRewards.createdAt))
    .limit(100);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    postId: r.postId,
    orderLineId: r.orderLineId,
    points: r.points,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }));
}
