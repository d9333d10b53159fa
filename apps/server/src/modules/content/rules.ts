import { refusals } from '../../platform/errors.ts';
import { TIER_ORDER, type TierCode } from '../membership/api.ts';

/** Expected refusals of paid content, each a 4xx problem with a stable type and a Chinese title. */
export const refuse = refusals({
  'course-unavailable': '该课程已下架',
  'price-changed': '价格已变化，请刷新后重试',
  'already-owned': '你已拥有该课程，无需重复购买',
  'lesson-locked': [403, '购买课程后才能学习该课时'],
  'invalid-course': [422, '课程设置有误'],
  'invalid-lesson': [422, '课时设置有误'],
});

/** The order's hold while a course is refundable: nothing ships; it completes when the window passes. */
export const SHIP_HOLD = 'course';
export const COMPLETE_JOB = 'content.complete-course-order';
export const completeKey = (orderId: string, at: Date) => `${COMPLETE_JOB}:${orderId}:${at.getTime()}`;
export const SUBSCRIPTION_DAYS = 30;
export const DAY_MS = 86_400_000;

export const creatorAccounts = {
  pending: (userId: string) => `creator:${userId}:pending`,
  available: (userId: string) => `creator:${userId}:available`,
};
export const merchantAccounts = {
  pending: (merchantId: string) => `merchant:${merchantId}:pending`,
  available: (merchantId: string) => `merchant:${merchantId}:available`,
};

type AccessReason = 'purchase' | 'subscription' | 'bundle' | 'member';

export interface Access {
  entitled: boolean;
  reason: AccessReason | null;
  /** When a subscription ends (null: for good, or not entitled). */
  expiresAt: Date | null;
  /** A subscription the user had has ended (续订 prompt). */
  lapsed: boolean;
}

interface Grant {
  source: 'purchase' | 'subscription' | 'bundle';
  status: 'pending' | 'active' | 'revoked';
  startsAt: Date | null;
  expiresAt: Date | null;
}

/**
 * Who may open a course's paid lessons: an active grant still running (bought, bundled, subscribed), else a member of
 * the free-from tier or above. Pure, so every rule is tested without a database.
 */
export function accessFrom(grants: Grant[], tier: TierCode | null, memberFreeFrom: string | null, now: Date): Access {
  const live = grants.filter(
    (g) => g.status === 'active' && (!g.startsAt || g.startsAt <= now) && (!g.expiresAt || g.expiresAt > now),
  );
  const forever = live.find((g) => !g.expiresAt);
  if (forever) return { entitled: true, reason: forever.source, expiresAt: null, lapsed: false };
  if (live.length > 0) {
    // Renewals start where the month before ends, so the running chain ends at the latest end still ahead.
    const ahead = grants.filter((g) => g.status === 'active' && g.expiresAt && g.expiresAt > now);
    const until = new Date(Math.max(...ahead.map((g) => g.expiresAt!.getTime())));
    return { entitled: true, reason: 'subscription', expiresAt: until, lapsed: false };
  }
  const free =
    tier !== null &&
    memberFreeFrom !== null &&
    TIER_ORDER.indexOf(tier) >= TIER_ORDER.indexOf(memberFreeFrom as TierCode) &&
    TIER_ORDER.includes(memberFreeFrom as TierCode);
  if (free) return { entitled: true, reason: 'member', expiresAt: null, lapsed: false };
  const lapsed = grants.some((g) => g.status === 'active' && g.source === 'subscription' && g.expiresAt! <= now);
  return { entitled: false, reason: null, expiresAt: null, lapsed };
}

/** The creator's share of a paid amount, rounded down (the merchant keeps the fraction). */
export const creatorShareOf = (paid: number, bp: number) => Math.floor((paid * bp) / 10_000);
