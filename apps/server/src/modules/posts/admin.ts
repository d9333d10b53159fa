import { and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { findUserIdByPhone, publicProfiles } from '../accounts/api.ts';
import { latestOperatorDecisions, recordOperatorDecision, type OperatorDecision } from '../moderation/api.ts';
import { applyPostModeration } from './compose.ts';
import { posts, type PostKind, type PostStatus } from './schema.ts';
import { authorView, sponsorsOf, type AuthorView } from './views.ts';

// 内容管理: the operators' list of every post, and hiding or restoring one with a reason. The decision is
// moderation's (recorded there with its reason, announced as moderation.decided, source operator) and applied
// here in the same transaction through the same function as every other moderation decision, so the list the
// operator sees next is already right (the posts subscriber leaves operator decisions alone).

const refuse = refusals({
  'post-deleted': [409, '作者已删除该笔记'],
  'already-hidden': [409, '笔记已下架或未通过审核'],
  'not-hidden': [409, '笔记未被下架'],
});

export interface AdminPostRow {
  id: string;
  kind: PostKind;
  title: string;
  excerpt: string;
  coverUrl: string | null;
  status: PostStatus;
  author: AuthorView;
  sponsored: boolean;
  verifiedPurchase: boolean;
  views: number;
  likes: number;
  comments: number;
  createdAt: string;
  lastDecision: OperatorDecision | null;
}

export interface AdminPostQuery {
  q?: string | undefined;
  author?: string | undefined;
  status?: PostStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** All posts, newest first (ids are time-ordered, so the id is the cursor); by text, by author (id or phone), by status. */
export async function listPostsForOperators(
  ctx: Ctx,
  input: AdminPostQuery,
): Promise<{ items: AdminPostRow[]; nextCursor: string | null }> {
  requireOperator(ctx.actor);
  const where: (SQL | undefined)[] = [];
  if (input.status) where.push(eq(posts.status, input.status));
  if (input.q) where.push(or(ilike(posts.title, likePattern(input.q)), ilike(posts.body, likePattern(input.q))));
  if (input.author) {
    const authorId = /^1\d{10}$/.test(input.author)
      ? await findUserIdByPhone(ctx.deps, ctx.db, input.author)
      : input.author;
    if (!authorId) return { items: [], nextCursor: null };
    where.push(eq(posts.authorId, authorId));
  }
  if (input.cursor) where.push(lt(posts.id, input.cursor));
  const rows = await ctx.db
    .select()
    .from(posts)
    .where(and(...where))
    .orderBy(desc(posts.id))
    .limit(input.limit + 1);
  const shown = rows.slice(0, input.limit);
  const authors = await publicProfiles(ctx.db, [...new Set(shown.map((r) => r.authorId))]);
  const sponsors = await sponsorsOf(ctx.db, shown);
  const decisions = await latestOperatorDecisions(
    ctx.db,
    'post',
    shown.map((r) => r.id),
  );
  const items = shown.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    excerpt: [...r.body].slice(0, 80).join(''),
    coverUrl: r.kind === 'video' ? r.posterUrl : (r.images[0] ?? null),
    status: r.status,
    author: authorView(r.authorId, authors),
    sponsored: sponsors.has(r.id),
    verifiedPurchase: r.orderLineId !== null,
    views: r.viewCount,
    likes: r.likeCount,
    comments: r.commentCount,
    createdAt: r.createdAt.toISOString(),
    lastDecision: decisions.get(r.id) ?? null,
  }));
  return { items, nextCursor: rows.length > input.limit ? shown[shown.length - 1]!.id : null };
}

/**
 * An operator hides a visible or waiting post (下架), or restores one that was taken down or rejected. The
 * reason is kept with moderation's decision and shown in the list.
 */
export async function setPostVisibility(
  ctx: Ctx,
  postId: string,
  input: { action: 'hide' | 'restore'; reason: string },
): Promise<Result<{ id: string; status: PostStatus; decision: OperatorDecision }>> {
  const operator = requireOperator(ctx.actor);
  return ctx.tx(async (db) => {
    const [post] = await db.select().from(posts).where(eq(posts.id, postId)).for('update');
    if (!post) throw notFound('笔记', postId);
    if (post.status === 'deleted') return refuse('post-deleted');
    const hidden = post.status === 'removed' || post.status === 'rejected';
    if (input.action === 'hide' && hidden) return refuse('already-hidden');
    if (input.action === 'restore' && !hidden) return refuse('not-hidden');
    const at = ctx.now();
    const decision = await recordOperatorDecision(db, {
      subjectType: 'post',
      subjectId: postId,
      authorId: post.authorId,
      action: input.action,
      reason: input.reason,
      operatorId: operator.userId,
      at,
    });
    await applyPostModeration(db, postId, input.action === 'hide' ? 'rejected' : 'approved', 'operator', at);
    const [after] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, postId));
    return ok({ id: postId, status: after!.status, decision });
  });
}
