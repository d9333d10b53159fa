// The live module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { liveSessionBriefs, liveSessionsOnAir, liveSessionTitles } from './briefs.ts';
export { type LiveNow, liveSessionsNow } from './feed-briefs.ts';
export { liveGuaranteeOf, recoverFromLiveDeposit } from './guarantee.ts';
export { isValidIdNumber } from './qualification.ts';
export { livePersonalData } from './personal-data.ts';
export { SessionCard as LiveCardSchema } from './dto.ts';
