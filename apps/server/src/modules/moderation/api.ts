// The moderation module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export {
  clearPendingReview,
  describeReasons,
  queueForReview,
  latestOperatorDecisions,
  moderate,
  moderateNew,
  type OperatorDecision,
  recordOperatorDecision,
} from './service.ts';
export { moderationPersonalData } from './personal-data.ts';
