// Reviews published before the transparency log existed (docs/TRANSPARENCY.md, "Back-fill"): at every start a job
// walks all reviews in publishing order and appends the ones the log does not hold yet, with the same payload a new
// review gets plus `publishedAt` and `backfilled`. Idempotent: a review already logged — by publishing or by an
// earlier run — is skipped, and the log's own lock stops two processes from both appending one.
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { appendEntryOnce, loggedSubjects } from '../transparency/api.ts';
import { reviews } from './schema.ts';
import { reviewLogPayload } from './service.ts';

export const REVIEW_LOG_BACKFILL_JOB = 'reviews.log-backfill';
const SCAN = 500;

interface Cursor {
  createdAt: string;
  id: string;
}

/**
 * One pass, in the caller's transaction (the job's), over up to `scan` reviews after `cursor`, appending the unlogged ones (oldest first, so the log keeps the
 * publishing order). Returns how many were appended and where the next pass starts (null when done).
 */
export async function backfillReviewLog(
  db: Db,
  at: Date,
  cursor: Cursor | null,
  scan = SCAN,
): Promise<{ appended: number; next: Cursor | null }> {
  const page = await db
    .select({ id: reviews.id, createdAt: reviews.createdAt })
    .from(reviews)
    .where(
      cursor
        ? or(
            gt(reviews.createdAt, new Date(cursor.createdAt)),
            and(eq(reviews.createdAt, new Date(cursor.createdAt)), gt(reviews.id, cursor.id)),
          )
        : undefined,
    )
    .orderBy(asc(reviews.createdAt), asc(reviews.id))
    .limit(scan);
  const logged = await loggedSubjects(
    db,
    'review',
    page.map((r) => r.id),
  );
  const missing = page.filter((r) => !logged.has(r.id)).map((r) => r.id);
  let appended = 0;
  if (missing.length > 0) {
    const rows = await db.select().from(reviews).where(inArray(reviews.id, missing));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of missing) {
      const r = byId.get(id)!;
      const payload = { ...reviewLogPayload(r), publishedAt: r.createdAt.toISOString(), backfilled: true };
      if (await appendEntryOnce(db, { kind: 'review', subjectId: id, payload }, at)) appended += 1;
    }
  }
  const last = page.at(-1);
  return {
    appended,
    next: page.length === scan && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null,
  };
}

export function wireReviewLogBackfill(deps: Deps): void {
  deps.jobs.register<{ cursor: Cursor | null }>(REVIEW_LOG_BACKFILL_JOB, async (db, p) => {
    const { appended, next } = await backfillReviewLog(db, deps.clock.now(), p.cursor);
    if (appended > 0) deps.log.info({ appended }, 'reviews back-filled into the transparency log');
    // The next pass is its own job (and transaction); its key names where it starts, so it is enqueued once.
    if (next)
      await deps.jobs.enqueue(
        db,
        REVIEW_LOG_BACKFILL_JOB,
        { cursor: next },
        { runAt: deps.clock.now(), key: `${REVIEW_LOG_BACKFILL_JOB}:${next.id}` },
      );
  });
}
