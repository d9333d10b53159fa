import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { provideCheckoutLoyalty } from '../orders/api.ts';
import { addDays, providePurchasePointsBonus, shanghaiDay, shanghaiDayStart } from '../points/api.ts';
import { checkoutBenefits } from './checkout-benefits.ts';
import { memberDayBenefitsAt } from './member-day.ts';
import { recomputeAllTiers, recordPurchaseGrowth, reverseGrowthAfterRefund } from './growth.ts';
import { ensureBirthdayTemplates, giveBirthdayGifts } from './service.ts';

// Subscribed: order.paid (growth value), refund.completed (growth taken back in proportion). Job: the daily run,
// ten minutes after midnight Beijing time, recomputes every tier (growth leaving the 365-day window lowers tiers)
// and issues the birthday coupons of members whose birthday month it is. Init: each tier's birthday coupon template.
// Provided: orders' checkout loyalty port (member price, free shipping and points at checkout), points' purchase
// bonus port (会员日 multiplies the points of orders paid that day).

const DAILY_JOB = 'membership.daily';

type Paid = { orderId: string; userId: string; payAmount: number; paidAt: string };
type RefundCompleted = { refundId: string; orderId: string; source?: string };

async function scheduleDaily(deps: Deps, db: Db, now: Date): Promise<void> {
  const runAt = new Date(shanghaiDayStart(addDays(shanghaiDay(now), 1)).getTime() + 10 * 60_000);
  await deps.jobs.enqueue(db, DAILY_JOB, {}, { runAt, key: `${DAILY_JOB}:${shanghaiDay(runAt)}` });
}

export function wireMembership(deps: Deps): void {
  provideCheckoutLoyalty({ offer: (db, userId, opts) => checkoutBenefits(deps, db, userId, opts) });
  providePurchasePointsBonus(async (db, paidAt) => {
    const { pointsMultiplier } = await memberDayBenefitsAt(deps, db, paidAt);
    return pointsMultiplier > 1 ? { multiplier: pointsMultiplier, label: `会员日 ${pointsMultiplier} 倍积分` } : null;
  });
  deps.events.subscribe<Paid>('order.paid', 'membership.growth', (db, e) =>
    recordPurchaseGrowth(
      db,
      {
        orderId: e.payload.orderId,
        userId: e.payload.userId,
        payAmount: e.payload.payAmount,
        paidAt: new Date(e.payload.paidAt),
      },
      deps.clock.now(),
    ),
  );
  deps.events.subscribe<RefundCompleted>('refund.completed', 'membership.growth-refund', async (db, e) => {
    if (e.payload.source !== undefined && e.payload.source !== 'order') return;
    await reverseGrowthAfterRefund(db, { orderId: e.payload.orderId, refundId: e.payload.refundId }, deps.clock.now());
  });
  deps.jobs.register(DAILY_JOB, async (db) => {
    const now = deps.clock.now();
    await recomputeAllTiers(db, now);
    await giveBirthdayGifts(db, now, deps.log);
    await scheduleDaily(deps, db, now);
  });
}

export async function initMembership(deps: Deps): Promise<void> {
  await ensureBirthdayTemplates(deps.database.db, deps.clock.now());
  await scheduleDaily(deps, deps.database.db, deps.clock.now());
}
