import type { Db } from '../../platform/db.ts';
import { communityMembersAmong } from '../communities/api.ts';
import {
  earliestPriorityAccess,
  priorityAccessFrom,
  TIER_ORDER,
  type TierCode,
  tierOf,
  tierOfUsers,
} from '../membership/api.ts';
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
  if (view.communityId && eligible.size > 0)
    eligible = await communityMembersAmong(db, view.communityId, [...eligible]);
  return eligible;
}

/** Only a member-early-access slot, between the earliest tier's start and the public start, depends on the tier. */
const tierDecides = (view: FlashItemView, now: Date): boolean =>
  view.memberEarlyAccess && now < view.startsAt && now >= earliestPriorityAccess(view.startsAt);

/**
 * When this buyer may start buying: the public start, or on a limited edition (会员优先购) their tier's earlier
 * start. Membership is asked only inside the early window, so everyone else is answered without a query.
 */
export async function opensFor(db: Db, view: FlashItemView, userId: string, now: Date): Promise<Date> {
  if (!tierDecides(view, now)) return view.startsAt;
  return priorityAccessFrom(await tierOf(db, userId), view.startsAt);
}

/** The batch's judgement of the same rule: which buyers may buy at `now` (one query, and only before the start). */
export async function openedFor(db: Db, view: FlashItemView, userIds: string[], now: Date): Promise<Set<string>> {
  if (now >= view.startsAt) return new Set(userIds);
  if (!tierDecides(view, now) || userIds.length === 0) return new Set();
  const tiers = await tierOfUsers(db, userIds);
  return new Set(userIds.filter((u) => priorityAccessFrom(tiers.get(u) ?? 'regular', view.startsAt) <= now));
}
