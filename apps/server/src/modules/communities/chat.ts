import { and, count, desc, eq, gt, isNotNull, lt, or } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { moderate } from '../moderation/api.ts';
import { type Community, loadCommunity, type Member, requireStanding, type Standing } from './access.ts';
import { CHAT_BURST, CHAT_WINDOW_MS, looksLikeQuestion, shanghaiDateTime } from './rules.ts';
import { chatMessages, communityGroups } from './schema.ts';
import { recordTimeline } from './timeline.ts';

const refuse = refusals({
  'member-muted': [403, '你已被管理员禁言'],
  'chat-rate-limited': [429, '发言太频繁了，请稍后再试'],
  'message-rejected': [422, '消息包含违规内容，未能发送'],
  'product-unavailable': [422, '商品不存在或已下架，不能分享'],
});

type ChatMessageRow = typeof chatMessages.$inferSelect;
export interface ChatMessage {
  id: string;
  groupId: string;
  sender: { id: string; nickname: string; avatarUrl: string | null };
  kind: 'text' | 'image' | 'product';
  text: string;
  imageUrls: string[];
  product: { productId: string; title: string; imageUrl: string | null; minPrice: number } | null;
  pinned: boolean;
  removed: boolean;
  /** Flagged by moderation: only the sender and moderators see it until an operator approves it. */
  pending: boolean;
  createdAt: string;
}
export type ChatInput =
  | { kind: 'text'; text: string }
  | { kind: 'image'; imageUrls: string[]; text?: string | undefined }
  | { kind: 'product'; productId: string; text?: string | undefined };

export const groupChannel = (groupId: string) => `community-group:${groupId}`;

/** The group and the actor's standing in its community: members see their own group, moderators and owners any group. */
export async function openGroup(
  db: Db,
  ctx: Ctx,
  groupId: string,
): Promise<{ community: Community; standing: Standing; member: Member | undefined }> {
  const [group] = await db.select().from(communityGroups).where(eq(communityGroups.id, groupId));
  if (!group) throw notFound('群聊');
  const community = await loadCommunity(db, group.communityId);
  const { standing, member } = await requireStanding(db, ctx.actor, community, 'member');
  if (standing === 'member' && member?.groupId !== groupId) throw notFound('群聊');
  return { community, standing, member };
}

/**
 * Persists a chat message, then fans it out: the row is committed before anyone is told, so history and the live
 * stream never disagree. Text and images pass the moderation service first; rejected content is never stored.
 */
export async function sendChatMessage(ctx: Ctx, groupId: string, input: ChatInput): Promise<Result<ChatMessage>> {
  const user = requireUser(ctx.actor);
  const result = await atomically(ctx, async (tx) => {
    const { community, member } = await openGroup(tx, ctx, groupId);
    const now = ctx.now();
    if (member?.mutedUntil && member.mutedUntil > now)
      return refuse('member-muted', `禁言至 ${shanghaiDateTime(member.mutedUntil)}（北京时间）`);
    const [recent] = await tx
      .select({ n: count() })
      .from(chatMessages)
      .where(
        and(
          eq(chatMessages.senderId, user.userId),
          gt(chatMessages.createdAt, new Date(now.getTime() - CHAT_WINDOW_MS)),
        ),
      );
    if ((recent?.n ?? 0) >= CHAT_BURST)
      return refuse('chat-rate-limited', `每 ${CHAT_WINDOW_MS / 1000} 秒最多发送 ${CHAT_BURST} 条消息`);

    const id = newId('cmsg');
    let product: ChatMessage['product'] = null;
    if (input.kind === 'product') {
      const brief = (await getProductBriefs(tx, [input.productId])).get(input.productId);
      if (!brief || brief.status !== 'listed') return refuse('product-unavailable');
      product = { productId: brief.id, title: brief.title, imageUrl: brief.imageUrl, minPrice: brief.minPrice };
    }
    const imageUrls = input.kind === 'image' ? input.imageUrls : [];
    const rawText = input.text ?? '';
    const verdict = await moderate(tx, {
      subjectType: 'community_message',
      subjectId: id,
      authorId: user.userId,
      text: rawText,
      imageUrls,
      at: now,
    });
    if (verdict.verdict === 'rejected') return refuse('message-rejected', verdict.reasons.join('；') || undefined);
    const [row] = await tx
      .insert(chatMessages)
      .values({
        id,
        communityId: community.id,
        groupId,
        senderId: user.userId,
        kind: input.kind,
        text: verdict.text,
        imageUrls,
        product,
        verdict: verdict.verdict,
        createdAt: now,
      })
      .returning();
    if (input.kind === 'text' && looksLikeQuestion(verdict.text)) {
      await recordTimeline(tx, {
        communityId: community.id,
        userId: user.userId,
        kind: 'asked',
        refId: id,
        detail: verdict.text.slice(0, 120),
        at: now,
      });
    }
    return ok((await toChatMessages(tx, [row!]))[0]!);
  });
  if (result.ok && !result.value.pending)
    await ctx.deps.realtime.publish(groupChannel(groupId), { type: 'message', message: result.value });
  return result;
}

/** History, newest first, by keyset on the time-ordered id. */
export async function listChatMessages(
  ctx: Ctx,
  groupId: string,
  page: { cursor?: string | undefined; limit: number; pinned?: boolean | undefined },
) {
  const user = requireUser(ctx.actor);
  const { standing } = await openGroup(ctx.db, ctx, groupId);
  const seesPending = standing !== 'member';
  const rows = await ctx.db
    .select()
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.groupId, groupId),
        page.cursor ? lt(chatMessages.id, page.cursor) : undefined,
        page.pinned ? isNotNull(chatMessages.pinnedAt) : undefined,
        seesPending ? undefined : or(eq(chatMessages.verdict, 'approved'), eq(chatMessages.senderId, user.userId)),
      ),
    )
    .orderBy(desc(chatMessages.id))
    .limit(page.limit + 1);
  const items = await toChatMessages(ctx.db, rows.slice(0, page.limit));
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null, standing };
}

async function toChatMessages(db: Db, rows: ChatMessageRow[]): Promise<ChatMessage[]> {
  const profiles = await publicProfiles(db, [...new Set(rows.map((r) => r.senderId))]);
  return rows.map((r) => {
    const removed = r.removedAt !== null;
    return {
      id: r.id,
      groupId: r.groupId,
      sender: {
        id: r.senderId,
        nickname: profiles.get(r.senderId)?.nickname ?? '好物用户',
        avatarUrl: profiles.get(r.senderId)?.avatarUrl ?? null,
      },
      kind: r.kind,
      // A removed message keeps its place in the history but says nothing.
      text: removed ? '' : r.text,
      imageUrls: removed ? [] : r.imageUrls,
      product: removed ? null : (r.product ?? null),
      pinned: r.pinnedAt !== null && !removed,
      removed,
      pending: r.verdict === 'flagged' && !removed,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** An operator's decision on a flagged message: approved ones reach the group now, rejected ones are withdrawn. */
export async function applyModerationDecision(
  db: Db,
  messageId: string,
  verdict: 'approved' | 'rejected',
  at: Date,
): Promise<{ publish: unknown; groupId: string } | undefined> {
  const [row] =
    verdict === 'approved'
      ? await db
          .update(chatMessages)
          .set({ verdict: 'approved' })
          .where(and(eq(chatMessages.id, messageId), eq(chatMessages.verdict, 'flagged')))
          .returning()
      : await db
          .update(chatMessages)
          .set({ removedAt: at, removedBy: 'moderation' })
          .where(eq(chatMessages.id, messageId))
          .returning();
  if (!row) return undefined;
  const [message] = await toChatMessages(db, [row]);
  return {
    groupId: row.groupId,
    publish: verdict === 'approved' ? { type: 'message', message } : { type: 'removed', messageId },
  };
}
