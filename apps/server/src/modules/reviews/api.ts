// The reviews module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { reviewsPersonalData } from './personal-data.ts';
export { backfillReviewLog, REVIEW_LOG_BACKFILL_JOB } from './log-backfill.ts';
