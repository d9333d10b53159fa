import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { publicProfiles } from '../accounts/api.ts';
import { describeReasons, moderate } from '../moderation/api.ts';
import { authorView, type AuthorView } from './views.ts';
import { postComments, posts } from './schema.ts';

const refuse = refusals({ 'content-rejected': [422, '评论未通过审核'] });

export interface CommentView {
  id: string;
  author: AuthorView;
  replyTo: AuthorView | null;
  body: string;
  /** pending_review is shown only to its author. */
  status: 'published' | 'pending_review';
  replyCount: number;
  replies: CommentView[];
  createdAt: string;
}

/** A comment on a post, or a reply. Replies stay one level deep: replying to a reply files it under the same top-level comment. */
export async function addComment(
  ctx: Ctx,
  postId: string,
  input: { body: string; parentId?: string | undefined },
): Promise<Result<{ id: string; status: 'published' | 'pending_review' }, 'content-rejected'>> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (db) => {
    const [post] = await db
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.id, postId), eq(posts.status, 'published')));
    if (!post) throw notFound('笔记', postId);
    let parentId: string | null = null;
    let replyToUserId: string | null = null;
    if (input.parentId) {
      const [parent] = await db
        .select()
        .from(postComments)
        .where(
          and(
            eq(postComments.id, input.parentId),
            eq(postComments.postId, postId),
            eq(postComments.status, 'published'),
          ),
        );
      if (!parent) throw notFound('评论', input.parentId);
      parentId = parent.parentId ?? parent.id;
      replyToUserId = parent.authorId;
    }
    const id = newId('cmt');
    const verdict = await moderate(db, {
      subjectType: 'comment',
      subjectId: id,
      authorId: user.userId,
      text: input.body,
      at: ctx.now(),
    });
    if (verdict.verdict === 'rejected') return refuse('content-rejected', describeReasons(verdict.reasons));
    const status = verdict.verdict === 'approved' ? ('published' as const) : ('pending_review' as const);
    await db.insert(postComments).values({
      id,
      postId,
      authorId: user.userId,
      parentId,
      replyToUserId,
      body: verdict.text,
      status,
      createdAt: ctx.now(),
    });
    if (status === 'published') await countComment(db, postId, parentId, 1);
    await emit(db, 'post.commented', {
      postId,
      commentId: id,
      authorId: user.userId,
      status,
      at: ctx.now().toISOString(),
    });
    return ok({ id, status });
  });
}

async function countComment(db: Db, postId: string, parentId: string | null, delta: number): Promise<void> {
  await db
    .update(posts)
    .set({ commentCount: sql`${posts.commentCount} + ${delta}` })
    .where(eq(posts.id, postId));
  if (parentId)
    await db
      .update(postComments)
      .set({ replyCount: sql`${postComments.replyCount} + ${delta}` })
      .where(eq(postComments.id, parentId));
}

/** moderation.decided for a comment. */
export async function applyCommentModeration(
  db: Db,
  commentId: string,
  verdict: 'approved' | 'rejected',
  source: string,
): Promise<void> {
  const [c] = await db.select().from(postComments).where(eq(postComments.id, commentId));
  if (!c) return;
  if (verdict === 'approved' && c.status === 'pending_review') {
    await db.update(postComments).set({ status: 'published' }).where(eq(postComments.id, commentId));
    await countComment(db, c.postId, c.parentId, 1);
  } else if (verdict === 'rejected' && (c.status === 'published' || c.status === 'pending_review')) {
    await db
      .update(postComments)
      .set({ status: source === 'report' ? 'removed' : 'rejected' })
      .where(eq(postComments.id, commentId));
    if (c.status === 'published') await countComment(db, c.postId, c.parentId, -1);
  }
}

const REPLIES_SHOWN = 3;

/** Top-level comments oldest first, each with its first replies; the viewer also sees their own pending ones. */
export async function listComments(
  db: Db,
  postId: string,
  input: { parentId?: string | undefined; cursor?: string | undefined; limit: number },
  viewerId: string | null,
): Promise<{ items: CommentView[]; nextCursor: string | null }> {
  const visible = viewerId
    ? or(
        eq(postComments.status, 'published'),
        and(eq(postComments.status, 'pending_review'), eq(postComments.authorId, viewerId)),
      )
    : eq(postComments.status, 'published');
  const rows = await db
    .select()
    .from(postComments)
    .where(
      and(
        eq(postComments.postId, postId),
        input.parentId ? eq(postComments.parentId, input.parentId) : isNull(postComments.parentId),
        visible,
        input.cursor ? gt(postComments.id, input.cursor) : undefined,
      ),
    )
    .orderBy(asc(postComments.id))
    .limit(input.limit + 1);
  const shown = rows.slice(0, input.limit);
  const replies = input.parentId
    ? []
    : shown.length === 0
      ? []
      : (
          await db
            .select()
            .from(postComments)
            .where(
              and(
                inArray(
                  postComments.parentId,
                  shown.map((c) => c.id),
                ),
                visible,
              ),
            )
            .orderBy(asc(postComments.id))
        ).filter((r, i, all) => all.filter((x) => x.parentId === r.parentId).indexOf(r) < REPLIES_SHOWN);
  const ids = [...shown, ...replies].flatMap((c) => [c.authorId, c.replyToUserId ?? c.authorId]);
  const profiles = await publicProfiles(db, [...new Set(ids)]);
  const view = (c: typeof postComments.$inferSelect, children: CommentView[]): CommentView => ({
    id: c.id,
    author: authorView(c.authorId, profiles),
    replyTo: c.replyToUserId ? authorView(c.replyToUserId, profiles) : null,
    body: c.body,
    status: c.status === 'pending_review' ? 'pending_review' : 'published',
    replyCount: c.replyCount,
    replies: children,
    createdAt: c.createdAt.toISOString(),
  });
  return {
    items: shown.map((c) =>
      view(
        c,
        replies.filter((r) => r.parentId === c.id).map((r) => view(r, [])),
      ),
    ),
    nextCursor: rows.length > input.limit ? shown[shown.length - 1]!.id : null,
  };
}
