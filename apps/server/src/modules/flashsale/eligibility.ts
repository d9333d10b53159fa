import type { Db } from '../../platform/db.ts';
import { communityMembersAmong } from '../communities/service.ts';
import { TIER_ORDER, type TierCode, tierOfUsers } from '../membership/service.ts';
import type { FlashItemView } from './gate.ts';

/**
 * Which of these buyers may buy in this slot: everyone, unless it is a VIP slot for a membership tier and above
 * and/or for members of a community. One query per restriction for the whole batch.
 */
export async function eligibleBuyers(db: Db, view: FlashItemView, userIds: string[]): Promise<Set<string>> {
  let eligible = new Set(userIds);
  if (view.minTier) {
    const needed = TIER_ORDER.indexOf(view.minTier as TierCode);
    const tiers = await tierOfUsers(db, [...eligible]);
    eligible = new Set([...eligible].filter((u) => TIER_ORDER.indexOf(tiers.get(u) ?? 'regular') >= needed));
  }
  if (view.communityId && eligible.size > 0) eligible = await communityMembersAmong(db, view.communityId, [...eligible]);
  return eligible;
}
