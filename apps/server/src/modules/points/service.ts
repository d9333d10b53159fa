import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PointsHook } from '../orders/api.ts';
import { sharesToday, signInCalendar, type SignInCalendar } from './earning.ts';
import { DEDUCTION_CAP_PERCENT, deductiblePoints, POINTS_PER_YUAN, SHARES_REWARDED_PER_DAY } from './rules.ts';
import { nextExpiry, walletBalance } from './wallet.ts';

// The points module's surface: use-cases for the routes, and for other modules the functions listed in
// docs/CONTRACTS.md (checkout deduction, awards such as 晒单返现, balances). Events: points.gifted, points.donated.

export { awardPoints } from './award.ts';
export { charityLedger, createCharityProject, listCharityProjects, updateCharityProject } from './charity.ts';
export { recordShare, signIn, signInCalendar } from './earning.ts';
export { pointsHistory, pointsStats, reconcilePoints } from './ledger-views.ts';
export {
  createMallItem,
  decideRedemption,
  listMallItems,
  listMyRedemptions,
  listRedemptions,
  redeemMallItem,
  updateMallItem,
} from './mall.ts';
export { spendPointsOnOrders } from './order-points.ts';
export { donatePoints, previewGift, sendGift } from './transfers.ts';
export { walletBalance } from './wallet.ts';

export interface MyPointsDto {
  balance: number;
  /** The soonest expiry still ahead. */
  nextExpiry: { points: number; expiresAt: string } | null;
  signIn: SignInCalendar;
  shares: { rewardedToday: number; dailyCap: number };
  checkout: { pointsPerYuan: number; capPercent: number };
}

export async function myPoints(ctx: Ctx): Promise<MyPointsDto> {
  const user = requireUser(ctx.actor);
  return {
    balance: await walletBalance(ctx.db, user.userId),
    nextExpiry: await nextExpiry(ctx.db, user.userId),
    signIn: await signInCalendar(ctx),
    shares: { rewardedToday: await sharesToday(ctx.db, user.userId, ctx.now()), dailyCap: SHARES_REWARDED_PER_DAY },
    checkout: { pointsPerYuan: POINTS_PER_YUAN, capPercent: DEDUCTION_CAP_PERCENT },
  };
}

/** The pricing engine's points hook for a buyer with this balance: whole yuan, at most 20% of the items. */
export function pointsHook(balance: number): PointsHook {
  return {
    deductionFor(itemsAmount, remaining) {
      const points = deductiblePoints(balance, itemsAmount, remaining);
      return points > 0 ? { label: `积分抵扣（${points} 积分）`, amount: points } : null;
    },
  };
}

export interface CheckoutPointsDto {
  balance: number;
  /** The most points this checkout can take (0 when too few points or too small an order). */
  usable: number;
  /** Points applied to this quote. */
  used: number;
  pointsPerYuan: number;
  capPercent: number;
}

export function checkoutPointsSummary(
  balance: number,
  itemsAmount: number,
  remainingBeforePoints: number,
  used: number,
): CheckoutPointsDto {
  return {
    balance: Math.max(0, balance),
    usable: deductiblePoints(balance, itemsAmount, remainingBeforePoints),
    used,
    pointsPerYuan: POINTS_PER_YUAN,
    capPercent: DEDUCTION_CAP_PERCENT,
  };
}
