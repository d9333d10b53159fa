import type { Deps } from '../../deps.ts';
import { rewardReview, rewardShare } from './earning.ts';
import { EXPIRE_JOB, expireDueLots, scheduleExpiry } from './expiry.ts';
import { earnPurchasePoints, returnPointsOfCancelledOrder, settlePointsAfterRefund } from './order-points.ts';
import { sealPlainShipTos } from './ship-to-seal.ts';
import { recordPointsSubsidy, settlePointsSubsidy, syncPointsSubsidy } from './subsidy.ts';

// Published: points.gifted {giftId, fromUserId, toUserId, points, at}, points.donated {donationId, projectId, userId, points, at}.
// Subscribed: order.paid (purchase points), order.cancelled (points used come back), refund.completed (points used
// come back and purchase points are taken back, in proportion), review.published (review reward), share.created
// (a share link earns the sharer share points, under the same daily cap as POST /points/shares). Times come from
// the events, so points earned by an order carry the order's time. The platform's cash subsidy for points spent
// (subsidy.ts): order.paid posts it, refund.completed / aftersale.completed / order.closed reverse it in proportion
// (cumulative), order.completed settles it.

type Paid = { orderId: string; userId: string; merchantId: string; payAmount: number; paidAt: string };
type Cancelled = { orderId: string; cancelledAt: string };
type RefundCompleted = { refundId: string; orderId: string; source?: string; completedAt?: string };
type ReviewPublished = { reviewId: string; userId?: string; isFollowUp: boolean };
type ShareCreated = { sharerId: string; postId: string | null; productId: string | null; createdAt?: string };

export function wirePoints(deps: Deps): void {
  deps.events.subscribe<Paid>('order.paid', 'points.purchase', (db, e) =>
    earnPurchasePoints(db, {
      orderId: e.payload.orderId,
      userId: e.payload.userId,
      payAmount: e.payload.payAmount,
      paidAt: new Date(e.payload.paidAt),
    }),
  );
  deps.events.subscribe<Paid>('order.paid', 'points.platform-subsidy', (db, e) =>
    recordPointsSubsidy(db, {
      orderId: e.payload.orderId,
      merchantId: e.payload.merchantId,
      at: new Date(e.payload.paidAt),
    }).then(() => undefined),
  );
  // Whichever of these sees the order's new refundedAmount first reverses the subsidy; the sync is cumulative.
  for (const type of ['refund.completed', 'aftersale.completed', 'order.closed']) {
    deps.events.subscribe<{ orderId: string }>(type, `points.subsidy-reverse-on-${type}`, (db, e) =>
      syncPointsSubsidy(db, e.payload.orderId, e.id, deps.clock.now()),
    );
  }
  deps.events.subscribe<{ orderId: string }>('order.completed', 'points.subsidy-settle', (db, e) =>
    settlePointsSubsidy(db, e.payload.orderId, e.id, deps.clock.now()),
  );
  deps.events.subscribe<Cancelled>('order.cancelled', 'points.return-on-cancel', (db, e) =>
    returnPointsOfCancelledOrder(db, e.payload.orderId, new Date(e.payload.cancelledAt)),
  );
  deps.events.subscribe<RefundCompleted>('refund.completed', 'points.follow-refund', async (db, e) => {
    // Late payments for cancelled orders are refunded whole; the cancellation already returned the points.
    if (e.payload.source !== undefined && e.payload.source !== 'order') return;
    await settlePointsAfterRefund(db, {
      orderId: e.payload.orderId,
      refundId: e.payload.refundId,
      at: e.payload.completedAt ? new Date(e.payload.completedAt) : e.createdAt,
    });
  });
  deps.events.subscribe<ReviewPublished>('review.published', 'points.review-reward', async (db, e) => {
    if (!e.payload.userId) return;
    await rewardReview(db, {
      reviewId: e.payload.reviewId,
      userId: e.payload.userId,
      isFollowUp: e.payload.isFollowUp,
      at: e.createdAt,
    });
  });

  deps.events.subscribe<ShareCreated>('share.created', 'points.share-reward', async (db, e) => {
    const { sharerId, postId, productId } = e.payload;
    const target = postId
      ? { targetType: 'post' as const, targetId: postId }
      : productId
        ? { targetType: 'product' as const, targetId: productId }
        : null;
    if (!target) return;
    // A refusal (none is expected: crediting is unguarded) would roll the savepoint back and retry the event.
    const rewarded = await rewardShare(db, {
      userId: sharerId,
      ...target,
      at: e.payload.createdAt ? new Date(e.payload.createdAt) : e.createdAt,
    });
    if (!rewarded.ok) throw new Error(`share reward ${e.id}: ${rewarded.type}`);
  });

  deps.jobs.register(EXPIRE_JOB, async (db) => {
    const now = deps.clock.now();
    await expireDueLots(db, now);
    await scheduleExpiry(deps, db, now);
  });
}

/** Module start: redemption addresses written before sealing are sealed (ship-to-seal.ts), then expiry is scheduled. */
export async function initPoints(deps: Deps): Promise<void> {
  const sealed = await sealPlainShipTos(deps);
  if (sealed > 0) deps.log.info({ redemptions: sealed }, 'points: sealed plain shipping addresses');
  await scheduleExpiry(deps, deps.database.db, deps.clock.now());
}
