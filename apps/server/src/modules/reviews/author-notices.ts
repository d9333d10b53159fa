import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { maskPhone } from '../../platform/sms.ts';
import { phonesOf } from '../accounts/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { eq } from 'drizzle-orm';
import { reviews } from './schema.ts';

/** Tells a review's author what happened to it; enqueued in the decision's transaction, sent after it commits. */
const AUTHOR_NOTICE_JOB = 'reviews.notify-author';

export type AuthorNoticeKind = 'removed' | 'reinstated' | 'upheld';

const TEXT: Record<AuthorNoticeKind, (title: string) => string> = {
  removed: (title) => `你对「${title}」的评价经平台审核暂不展示，如有异议可在 我的-我的评价 中申诉一次`,
  reinstated: (title) => `你对「${title}」的评价申诉成功，评价已恢复展示`,
  upheld: (title) => `你对「${title}」的评价申诉未通过，评价维持不展示，详情见 我的-我的评价`,
};

/** The key makes each notice once per review and outcome, however often a decision's transaction is retried. */
export async function enqueueAuthorNotice(
  deps: Pick<Deps, 'jobs'>,
  db: Db,
  reviewId: string,
  kind: AuthorNoticeKind,
  at: Date,
): Promise<void> {
  await deps.jobs.enqueue(
    db,
    AUTHOR_NOTICE_JOB,
    { reviewId, kind },
    { runAt: at, key: `${AUTHOR_NOTICE_JOB}:${kind}:${reviewId}` },
  );
}

/** A service notice by SMS (the account's phone): the outcome of a decision about the person's own review. */
async function sendAuthorNotice(deps: Deps, db: Db, reviewId: string, kind: AuthorNoticeKind): Promise<void> {
  const [review] = await db
    .select({ userId: reviews.userId, productId: reviews.productId })
    .from(reviews)
    .where(eq(reviews.id, reviewId));
  if (!review) return;
  const phone = (await phonesOf(deps, db, [review.userId])).get(review.userId);
  if (!phone) return;
  const title = (await getProductBriefs(db, [review.productId])).get(review.productId)?.title ?? '商品';
  try {
    await deps.sms.sendNotice(phone, TEXT[kind](title));
  } catch (err) {
    // Not retried: a retry could send the notice twice; the author still sees the outcome under 我的评价.
    deps.log.warn({ err, reviewId, phone: maskPhone(phone) }, 'review author notice not sent');
  }
}

export function wireAuthorNotices(deps: Deps): void {
  deps.jobs.register<{ reviewId: string; kind: AuthorNoticeKind }>(AUTHOR_NOTICE_JOB, (db, p) =>
    sendAuthorNotice(deps, db, p.reviewId, p.kind),
  );
}
