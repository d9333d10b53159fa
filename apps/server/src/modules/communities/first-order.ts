import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { getMerchantBriefs } from '../catalog/api.ts';
import { admitMember } from './groups.ts';
import { GROUP_CAPACITY } from './rules.ts';
import { communities, communityMembers, merchantBuyers } from './schema.ts';
import { recordTimeline } from './timeline.ts';

/** What a paid order means for communities: the merchant's fan community and the buyer's SCRM timeline. */

/**
 * From order.paid: the first paid order with a merchant puts the buyer in that merchant's exclusive community
 * (created on demand). Only the first order does, so a buyer who left is not pulled back in by the next one.
 */
export async function autoJoinAfterFirstOrder(
  tx: Db,
  input: { merchantId: string; userId: string; orderId: string; paidAt: Date },
) {
  const first = await tx
    .insert(merchantBuyers)
    .values({
      merchantId: input.merchantId,
      userId: input.userId,
      firstOrderId: input.orderId,
      firstPaidAt: input.paidAt,
    })
    .onConflictDoNothing()
    .returning({ userId: merchantBuyers.userId });
  if (first.length === 0) return;
  const communityId = await ensureExclusiveCommunity(tx, input.merchantId, input.paidAt);
  const admitted = await admitMember(tx, { communityId, userId: input.userId, source: 'order', now: input.paidAt });
  if (admitted)
    await emit(tx, 'community.joined', {
      communityId,
      userId: input.userId,
      groupId: admitted.groupId,
      source: 'order',
    });
}

/** A paid order is a 'bought' moment in the buyer's timeline of every community of that merchant they are in. */
export async function recordPurchase(
  tx: Db,
  input: { merchantId: string; userId: string; orderId: string; payAmount: number; paidAt: Date },
) {
  const rows = await tx
    .select({ communityId: communityMembers.communityId })
    .from(communityMembers)
    .innerJoin(communities, eq(communities.id, communityMembers.communityId))
    .where(
      and(
        eq(communities.merchantId, input.merchantId),
        eq(communityMembers.userId, input.userId),
        isNull(communityMembers.leftAt),
      ),
    );
  for (const { communityId } of rows) {
    await recordTimeline(tx, {
      communityId,
      userId: input.userId,
      kind: 'bought',
      refId: input.orderId,
      detail: `下单支付 ¥${(input.payAmount / 100).toFixed(2)}`,
      at: input.paidAt,
      dedupeKey: `bought:${communityId}:${input.orderId}`,
    });
  }
}

export async function ensureExclusiveCommunity(tx: Db, merchantId: string, now: Date): Promise<string> {
  const find = () =>
    tx
      .select({ id: communities.id })
      .from(communities)
      .where(and(eq(communities.merchantId, merchantId), eq(communities.exclusive, true)));
  const [existing] = await find();
  if (existing) return existing.id;
  const name = (await getMerchantBriefs(tx, [merchantId])).get(merchantId)?.name ?? '本店';
  await tx
    .insert(communities)
    .values({
      id: newId('cmt'),
      merchantId,
      name: `${name} 粉丝专属群`,
      description: `在${name}下过单的朋友都在这里：新品、专属优惠与售后答疑。`,
      admission: 'purchase',
      exclusive: true,
      groupCapacity: GROUP_CAPACITY,
      createdAt: now,
    })
    .onConflictDoNothing();
  const [created] = await find();
  if (!created) throw new Error(`exclusive community of ${merchantId} missing after insert`);
  return created.id;
}
