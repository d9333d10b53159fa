import type { Deps } from '../../deps.ts';
import { wireAuthorNotices } from './author-notices.ts';
import { REVIEW_LOG_BACKFILL_JOB, wireReviewLogBackfill } from './log-backfill.ts';
import { noteRefund } from './screening.ts';

type RefundCompleted = { orderId: string; completedAt: string };

export function wireReviews(deps: Deps): void {
  wireReviewLogBackfill(deps);
  wireAuthorNotices(deps);
  // A refund after the review is a fake-review signal: the review of a "purchase" that was taken back.
  deps.events.subscribe<RefundCompleted>('refund.completed', 'reviews.refund-signal', async (db, e) => {
    await noteRefund(db, e.payload.orderId, new Date(e.payload.completedAt));
  });
}

/** At start: one back-fill run of reviews published before the transparency log (a no-op pass once all are logged). */
export async function initReviews(deps: Deps): Promise<void> {
  await deps.jobs.enqueue(
    deps.database.db,
    REVIEW_LOG_BACKFILL_JOB,
    { cursor: null },
    { runAt: deps.clock.now(), key: REVIEW_LOG_BACKFILL_JOB },
  );
}
