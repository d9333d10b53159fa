import { and, eq, isNull, or, lt } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { loadCommunity, requireStanding } from './access.ts';
import { groupChannel, openGroup } from './chat.ts';
import { removeMember } from './membership.ts';
import { shanghaiDateTime } from './rules.ts';
import { chatMessages, communityMembers } from './schema.ts';
import { recordTimeline } from './timeline.ts';

/** Moderators withdraw a message: it stays in the history as "removed" and disappears from every open chat. */
export async function removeChatMessage(ctx: Ctx, messageId: string) {
  const user = requireUser(ctx.actor);
  const groupId = await ctx.tx(async (tx) => {
    const [msg] = await tx.select().from(chatMessages).where(eq(chatMessages.id, messageId));
    if (!msg) throw notFound('消息');
    await requireStanding(tx, ctx.actor, await loadCommunity(tx, msg.communityId), 'moderator');
    await tx
      .update(chatMessages)
      .set({ removedAt: ctx.now(), removedBy: user.userId })
      .where(and(eq(chatMessages.id, messageId), isNull(chatMessages.removedAt)));
    return msg.groupId;
  });
  await ctx.deps.realtime.publish(groupChannel(groupId), { type: 'removed', messageId });
  return { messageId, removed: true };
}

/** Pinned messages are the group's pinned topics (置顶话题), listed above the chat. */
export async function pinChatMessage(ctx: Ctx, messageId: string, pinned: boolean) {
  const groupId = await ctx.tx(async (tx) => {
    const [msg] = await tx.select().from(chatMessages).where(eq(chatMessages.id, messageId));
    if (!msg || msg.removedAt) throw notFound('消息');
    await requireStanding(tx, ctx.actor, await loadCommunity(tx, msg.communityId), 'moderator');
    await tx
      .update(chatMessages)
      .set({ pinnedAt: pinned ? ctx.now() : null })
      .where(eq(chatMessages.id, messageId));
    return msg.groupId;
  });
  await ctx.deps.realtime.publish(groupChannel(groupId), { type: 'pinned', messageId, pinned });
  return { messageId, pinned };
}

/** Mutes a member for some minutes (0 lifts it). Moderators cannot mute admins or owners' staff. */
export async function muteMember(ctx: Ctx, communityId: string, userId: string, minutes: number) {
  return ctx.tx(async (tx) => {
    const community = await loadCommunity(tx, communityId);
    const { standing } = await requireStanding(tx, ctx.actor, community, 'moderator');
    const [target] = await tx
      .select({ role: communityMembers.role })
      .from(communityMembers)
      .where(
        and(
          eq(communityMembers.communityId, communityId),
          eq(communityMembers.userId, userId),
          isNull(communityMembers.leftAt),
        ),
      );
    if (!target) throw notFound('社群成员');
    if (target.role !== 'member' && standing !== 'owner' && !(standing === 'admin' && target.role === 'moderator')) {
      throw forbidden('不能禁言同级或更高权限的管理员');
    }
    const until = minutes > 0 ? new Date(ctx.now().getTime() + minutes * 60_000) : null;
    await tx
      .update(communityMembers)
      .set({ mutedUntil: until })
      .where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.userId, userId)));
    return {
      userId,
      mutedUntil: until?.toISOString() ?? null,
      text: until ? `已禁言至 ${shanghaiDateTime(until)}` : '已解除禁言',
    };
  });
}

/** Admins remove a member from the community (their seat frees up). */
export async function expelMember(ctx: Ctx, communityId: string, userId: string) {
  return ctx.tx(async (tx) => {
    const community = await loadCommunity(tx, communityId);
    await requireStanding(tx, ctx.actor, community, 'admin');
    if (community.ownerUserId === userId) throw forbidden('不能移除社群创建者');
    const removed = await removeMember(tx, communityId, userId, ctx.now(), '被管理员移出社群');
    if (!removed) throw notFound('社群成员');
    return { userId, removed: true };
  });
}

/** Moves the member's read mark forward (never back); the SCRM timeline keeps one 'read' entry per day. */
export async function markRead(ctx: Ctx, groupId: string, messageId: string) {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const { community, member } = await openGroup(tx, ctx, groupId);
    if (!member) return { lastReadMessageId: null };
    const [moved] = await tx
      .update(communityMembers)
      .set({ lastReadMessageId: messageId })
      .where(
        and(
          eq(communityMembers.communityId, community.id),
          eq(communityMembers.userId, user.userId),
          or(isNull(communityMembers.lastReadMessageId), lt(communityMembers.lastReadMessageId, messageId)),
        ),
      )
      .returning({ id: communityMembers.lastReadMessageId });
    if (moved) {
      const day = ctx.now().toISOString().slice(0, 10);
      await recordTimeline(tx, {
        communityId: community.id,
        userId: user.userId,
        kind: 'read',
        refId: messageId,
        detail: '阅读群消息',
        at: ctx.now(),
        dedupeKey: `read:${community.id}:${user.userId}:${day}`,
      });
    }
    return { lastReadMessageId: moved?.id ?? member.lastReadMessageId };
  });
}

/** A member opened a product card from the chat: a 'clicked' moment for SCRM. */
export async function recordCardClick(ctx: Ctx, messageId: string) {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const [msg] = await tx.select().from(chatMessages).where(eq(chatMessages.id, messageId));
    if (!msg || !msg.product || msg.removedAt) throw notFound('商品卡片');
    await openGroup(tx, ctx, msg.groupId);
    await recordTimeline(tx, {
      communityId: msg.communityId,
      userId: user.userId,
      kind: 'clicked',
      refId: msg.product.productId,
      detail: `点击商品卡片：${msg.product.title}`,
      at: ctx.now(),
      dedupeKey: `clicked:${messageId}:${user.userId}`,
    });
    return { productId: msg.product.productId };
  });
}
