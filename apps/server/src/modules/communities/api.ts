// The communities module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { communityNames } from './briefs.ts';
export { communityMembersAmong, merchantCommunities, postAnnouncement } from './service.ts';
export { communitiesPersonalData } from './personal-data.ts';
