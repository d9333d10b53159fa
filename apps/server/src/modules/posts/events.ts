import type { Deps } from '../../deps.ts';
import { providePostAuthors } from '../attribution/api.ts';
import { applyCommentModeration } from './comments.ts';
import { applyPostModeration } from './compose.ts';
import { postAuthors } from './service.ts';
import { countShare } from './social.ts';

// posts publishes post.created, post.liked, post.commented, follow.created, follow.deleted, partnership.created, and provides
// attribution's post-authors lookup (a touch on a post credits its author).

interface ModerationDecided {
  subjectType: string;
  subjectId: string;
  verdict: 'approved' | 'rejected';
  source: 'review' | 'report' | 'operator';
}

export function wirePosts(deps: Deps): void {
  providePostAuthors(postAuthors);
  deps.events.subscribe<ModerationDecided>('moderation.decided', 'posts.apply-moderation', async (db, e) => {
    const { subjectType, subjectId, verdict, source } = e.payload;
    // Operator decisions on posts come from posts' own content management, which applied them in the deciding
    // transaction; applying them again here could undo a later decision on the same post.
    if (subjectType === 'post' && source !== 'operator')
      await applyPostModeration(db, subjectId, verdict, source, deps.clock.now());
    if (subjectType === 'comment') await applyCommentModeration(db, subjectId, verdict, source);
  });
  deps.events.subscribe<{ postId: string | null }>('share.created', 'posts.count-share', async (db, e) => {
    if (e.payload.postId) await countShare(db, e.payload.postId);
  });
}
