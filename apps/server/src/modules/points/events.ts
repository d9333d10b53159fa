import type { Deps } from '../../deps.ts';
import { rewardReview } from './earning.ts';
import { EXPIRE_JOB, expireDueLots, scheduleExpiry } from './expiry.ts';
import { earnPurchasePoints, returnPointsOfCancelledOrder, settlePointsAfterRefund } from './order-points.ts';

// Published: points.gifted {giftId, fromUserId, toUserId, points, at}, points.donated {donationId, projectId, userId, points, at}.
// Subscribed: order.paid (purchase points), order.cancelled (points used come back), refund.completed (points used
// come back and purchase points are taken back, in proportion), review.published (review reward). Times come from
// the events, so points earned by an order carry the order's time.

type Paid = { orderId: string; userId: string; payAmount: number; paidAt: string };
type Cancelled = { orderId: string; cancelledAt: string };
type RefundCompleted = { refundId: string; orderId: string; source?: string; completedAt?: string };
type ReviewPublished = { reviewId: string; userId?: string; isFollowUp: boolean };

export function wirePoints(deps: Deps): void {
  deps.events.subscribe<Paid>('order.paid', 'points.purchase', (db, e) =>
    earnPurchasePoints(db, { orderId: e.payload.orderId, userId: e.payload.userId, payAmount: e.payload.payAmount, paidAt: new Date(e.payload.paidAt) }),
  );
  deps.events.subscribe<Cancelled>('order.cancelled', 'points.return-on-cancel', (db, e) =>
    returnPointsOfCancelledOrder(db, e.payload.orderId, new Date(e.payload.cancelledAt)),
  );
  deps.events.subscribe<RefundCompleted>('refund.completed', 'points.follow-refund', async (db, e) => {
    // Late payments for cancelled orders are refunded whole; the cancellation already returned the points.
    if (e.payload.source !== undefined && e.payload.source !== 'order') return;
    await settlePointsAfterRefund(db, { orderId: e.payload.orderId, refundId: e.payload.refundId, at: e.payload.completedAt ? new Date(e.payload.completedAt) : e.createdAt });
  });
  deps.events.subscribe<ReviewPublished>('review.published', 'points.review-reward', async (db, e) => {
    if (!e.payload.userId) return;
    await rewardReview(db, { reviewId: e.payload.reviewId, userId: e.payload.userId, isFollowUp: e.payload.isFollowUp, at: e.createdAt });
  });

  deps.jobs.register(EXPIRE_JOB, async (db) => {
    const now = deps.clock.now();
    await expireDueLots(db, now);
    await scheduleExpiry(deps, db, now);
  });
}

export const initPoints = (deps: Deps) => scheduleExpiry(deps, deps.database.db, deps.clock.now());
