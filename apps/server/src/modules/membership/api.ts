// The membership module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export {
  earliestPriorityAccess,
  priorityAccessFrom,
  TIER_ORDER,
  type TierCode,
  tierOf,
  tierOfUsers,
} from './service.ts';
export { isMemberDay, loadMemberDay } from './member-day.ts';
export { membershipPersonalData } from './personal-data.ts';
export { tierName } from './tiers.ts';
