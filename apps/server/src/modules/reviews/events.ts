import type { Deps } from '../../deps.ts';
import { wireReviewLogBackfill } from './log-backfill.ts';
import { noteRefund } from './screening.ts';

type RefundCompleted = { orderId: string; completedAt: string };

export function wireReviews(deps: Deps): void {
  wireReviewLogBackfill(deps);
  // A refund after the review is a fake-review signal: the review of a "purchase" that was taken back.
  deps.events.subscribe<RefundCompleted>('refund.completed', 'reviews.refund-signal', async (db, e) => {
    await noteRefund(db, e.payload.orderId, new Date(e.payload.completedAt));
  });
}
