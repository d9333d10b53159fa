// The posts module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { followedUserIds, postTitles } from './briefs.ts';
export { postsPersonalData } from './personal-data.ts';
