import { and, eq, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { recordTouch } from '../attribution/api.ts';
import { getMerchantBriefs } from '../catalog/api.ts';
import { publicProfiles } from '../accounts/api.ts';
import { shanghaiDay } from './rules.ts';
import { follows, postFavourites, postLikes, postProductClicks, posts, postViews } from './schema.ts';

const refuse = refusals({ 'cannot-follow-self': [422, '不能关注自己'] });

/** A post others may interact with: published (the author may also see their own pending one). */
async function visiblePost(db: Db, postId: string) {
  const [post] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.status, 'published')));
  if (!post) throw notFound('笔记', postId);
  return post;
}

/** Like or unlike; the counter moves only when the row does, so double taps never double count. */
export async function setLiked(
  ctx: Ctx,
  postId: string,
  liked: boolean,
): Promise<{ liked: boolean; likeCount: number }> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (db) => {
    await visiblePost(db, postId);
    const changed = liked
      ? await db
          .insert(postLikes)
          .values({ postId, userId: user.userId, createdAt: ctx.now() })
          .onConflictDoNothing()
          .returning()
      : await db
          .delete(postLikes)
          .where(and(eq(postLikes.postId, postId), eq(postLikes.userId, user.userId)))
          .returning();
    const delta = changed.length === 0 ? 0 : liked ? 1 : -1;
    const [row] = await db
      .update(posts)
      .set({ likeCount: sql`${posts.likeCount} + ${delta}` })
      .where(eq(posts.id, postId))
      .returning({ likeCount: posts.likeCount });
    if (delta > 0) await emit(db, 'post.liked', { postId, userId: user.userId, at: ctx.now().toISOString() });
    return { liked, likeCount: row!.likeCount };
  });
}

export async function setFavourited(
  ctx: Ctx,
  postId: string,
  favourited: boolean,
): Promise<{ favourited: boolean; favouriteCount: number }> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (db) => {
    await visiblePost(db, postId);
    const changed = favourited
      ? await db
          .insert(postFavourites)
          .values({ postId, userId: user.userId, createdAt: ctx.now() })
          .onConflictDoNothing()
          .returning()
      : await db
          .delete(postFavourites)
          .where(and(eq(postFavourites.postId, postId), eq(postFavourites.userId, user.userId)))
          .returning();
    const delta = changed.length === 0 ? 0 : favourited ? 1 : -1;
    const [row] = await db
      .update(posts)
      .set({ favouriteCount: sql`${posts.favouriteCount} + ${delta}` })
      .where(eq(posts.id, postId))
      .returning({ favouriteCount: posts.favouriteCount });
    return { favourited, favouriteCount: row!.favouriteCount };
  });
}

/** Follow or unfollow a person or a shop. */
export async function setFollowing(
  ctx: Ctx,
  target: { type: 'user' | 'merchant'; id: string },
  following: boolean,
): Promise<Result<{ following: boolean }, 'cannot-follow-self'>> {
  const user = requireUser(ctx.actor);
  if (target.type === 'user' && target.id === user.userId) return refuse('cannot-follow-self');
  return ctx.tx(async (db) => {
    const exists =
      target.type === 'user'
        ? (await publicProfiles(db, [target.id])).has(target.id)
        : (await getMerchantBriefs(db, [target.id])).has(target.id);
    if (!exists) throw notFound(target.type === 'user' ? '用户' : '店铺', target.id);
    if (following) {
      const added = await db
        .insert(follows)
        .values({ followerId: user.userId, targetType: target.type, targetId: target.id, createdAt: ctx.now() })
        .onConflictDoNothing()
        .returning();
      if (added.length > 0)
        await emit(db, 'follow.created', {
          followerId: user.userId,
          targetType: target.type,
          targetId: target.id,
          at: ctx.now().toISOString(),
        });
    } else {
      const removed = await db
        .delete(follows)
        .where(
          and(
            eq(follows.followerId, user.userId),
            eq(follows.targetType, target.type),
            eq(follows.targetId, target.id),
          ),
        )
        .returning();
      // Discovery keeps who-follows-whom in memory: an unfollow has to reach it like a follow does.
      if (removed.length > 0)
        await emit(db, 'follow.deleted', {
          followerId: user.userId,
          targetType: target.type,
          targetId: target.id,
          at: ctx.now().toISOString(),
        });
    }
    return ok({ following });
  });
}

export async function isFollowing(
  db: Db,
  followerId: string | null,
  type: 'user' | 'merchant',
  targetId: string,
): Promise<boolean> {
  if (!followerId) return false;
  const [row] = await db
    .select()
    .from(follows)
    .where(and(eq(follows.followerId, followerId), eq(follows.targetType, type), eq(follows.targetId, targetId)));
  return row !== undefined;
}

export async function followCounts(db: Db, userId: string): Promise<{ followers: number; following: number }> {
  const [row] = await db
    .select({
      followers: sql<number>`count(*) filter (where ${follows.targetType} = 'user' and ${follows.targetId} = ${userId})::int`,
      following: sql<number>`count(*) filter (where ${follows.followerId} = ${userId})::int`,
    })
    .from(follows)
    .where(
      sql`${follows.followerId} = ${userId} or (${follows.targetType} = 'user' and ${follows.targetId} = ${userId})`,
    );
  return { followers: Number(row?.followers ?? 0), following: Number(row?.following ?? 0) };
}

/** Counts a view once per viewer (a user id, or a signed-out visitor's hashed key) per post per Shanghai day. */
export async function recordView(db: Db, postId: string, viewerKey: string, at: Date): Promise<boolean> {
  const added = await db
    .insert(postViews)
    .values({ postId, viewerId: viewerKey, day: shanghaiDay(at) })
    .onConflictDoNothing()
    .returning();
  if (added.length > 0)
    await db
      .update(posts)
      .set({ viewCount: sql`${posts.viewCount} + 1` })
      .where(eq(posts.id, postId));
  return added.length > 0;
}

/**
 * The shopper opened a tagged product from a post: counted once per day for the creator centre, and recorded
 * as an attribution touch (or a share touch, when the post was opened from a share link).
 */
export async function recordProductClick(
  ctx: Ctx,
  postId: string,
  input: { productId: string; shareToken?: string | undefined },
): Promise<{ recorded: boolean }> {
  const user = requireUser(ctx.actor);
  const clicked = await ctx.tx(async (db) => {
    const post = await visiblePost(db, postId);
    if (!post.productIds.includes(input.productId)) throw notFound('笔记中的商品', input.productId);
    const added = await db
      .insert(postProductClicks)
      .values({ postId, userId: user.userId, productId: input.productId, day: shanghaiDay(ctx.now()) })
      .onConflictDoNothing()
      .returning();
    if (added.length > 0)
      await db
        .update(posts)
        .set({ productClickCount: sql`${posts.productClickCount} + 1` })
        .where(eq(posts.id, postId));
    return added.length > 0;
  });
  const touch = input.shareToken
    ? await recordTouch(ctx, { kind: 'share', shareToken: input.shareToken, productId: input.productId })
    : await recordTouch(ctx, { kind: 'post', postId, productId: input.productId });
  // A stale share token, or one's own, still leaves the post's own credit.
  if (!touch.ok || !touch.value.recorded) await recordTouch(ctx, { kind: 'post', postId, productId: input.productId });
  return { recorded: clicked };
}

/** share.created for a post: its share counter. */
export async function countShare(db: Db, postId: string): Promise<void> {
  await db
    .update(posts)
    .set({ shareCount: sql`${posts.shareCount} + 1` })
    .where(eq(posts.id, postId));
}
