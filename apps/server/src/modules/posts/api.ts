// The posts module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { postSubject, postTitles } from './briefs.ts';
export { type FeedPost, followsOf, recentPublishedPosts } from './feed-briefs.ts';
export { postsPersonalData } from './personal-data.ts';
export { PostCard as PostCardSchema } from './dto.ts';
