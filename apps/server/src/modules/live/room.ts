import { and, desc, eq, isNull } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalidTransition, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { publicProfiles } from '../accounts/api.ts';
import { recordTouch } from '../attribution/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { moderate } from '../moderation/api.ts';
import { type LiveSession, loadSession, requireAbility, type SessionRole } from './access.ts';
import { type ChatBadge, type LiveChatMessage, type PinnedProduct, publishToRoom } from './channel.ts';
import { chatCommitter } from './chat-batch.ts';
import { chatLimiter } from './chat-limit.ts';
import { liveCounters } from './counters.ts';
import { publishEntrants } from './lottery.ts';
import { cachedRole, cachedSession, chatProfiles, forgetMutes, mutedUntil } from './room-cache.ts';
import { liveChatMessages, liveMutes, livePins, liveRoles, liveSessionProducts, liveSessions } from './schema.ts';

const MAX_CHAT_CHARS = 60;

const refuse = refusals({
  'not-live': [409, '直播未在进行中'],
  'chat-length': [422, `弹幕须为 1–${MAX_CHAT_CHARS} 个字`],
  muted: [403, '禁言中'],
  'chat-rate-limited': [429, '发言太频繁了，请稍后再试'],
  'message-rejected': [422, '弹幕包含违规内容，未能发送'],
  'product-not-in-session': [422, '该商品不在本场直播的商品袋中'],
  'claim-rejected': [422, '卖点包含违规信息，请修改后再置顶'],
});

const shanghaiTime = (at: Date) => at.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function badgeOf(role: SessionRole | null, session: LiveSession, userId: string): ChatBadge | undefined {
  if (role === 'host' || (role === 'owner' && session.hostUserId === userId)) return '主播';
  if (role === 'controller' || role === 'owner') return '场控';
  if (role === 'service') return '客服';
  return undefined;
}

export async function currentPin(db: Db, sessionId: string): Promise<PinnedProduct | null> {
  const [pin] = await db
    .select()
    .from(livePins)
    .where(and(eq(livePins.sessionId, sessionId), isNull(livePins.unpinnedAt)));
  if (!pin) return null;
  const [bag] = await db
    .select()
    .from(liveSessionProducts)
    .where(and(eq(liveSessionProducts.sessionId, sessionId), eq(liveSessionProducts.productId, pin.productId)));
  const brief = (await getProductBriefs(db, [pin.productId])).get(pin.productId);
  return {
    productId: pin.productId,
    title: brief?.title ?? '商品',
    imageUrl: brief?.imageUrl ?? null,
    price: brief?.minPrice ?? 0,
    claim: bag?.claim ?? null,
    pinnedAt: pin.pinnedAt.toISOString(),
  };
}

/** Pins a product of the bag (one at a time; every pin is kept for the replay's clips) and tells the room. */
export async function pinProduct(
  ctx: Ctx,
  sessionId: string,
  input: { productId: string; claim?: string | undefined },
): Promise<Result<PinnedProduct>> {
  const user = requireUser(ctx.actor);
  const result = await ctx.tx(async (db): Promise<Result<PinnedProduct>> => {
    const { session } = await requireAbility(ctx, sessionId, 'pin', db);
    // The session row lock serialises two staff pinning at once.
    await db.select({ id: liveSessions.id }).from(liveSessions).where(eq(liveSessions.id, sessionId)).for('update');
    if (session.status !== 'live') return refuse('not-live');
    const [bag] = await db
      .select()
      .from(liveSessionProducts)
      .where(and(eq(liveSessionProducts.sessionId, sessionId), eq(liveSessionProducts.productId, input.productId)));
    if (!bag) return refuse('product-not-in-session');
    if (input.claim !== undefined) {
      const verdict = await moderate(db, {
        subjectType: 'live_claim',
        subjectId: `${sessionId}:${input.productId}`,
        authorId: user.userId,
        text: input.claim,
        at: ctx.now(),
      });
      if (verdict.verdict === 'rejected') return refuse('claim-rejected', verdict.reasons.join('；'));
      await db
        .update(liveSessionProducts)
        .set({ claim: verdict.text || null })
        .where(and(eq(liveSessionProducts.sessionId, sessionId), eq(liveSessionProducts.productId, input.productId)));
    }
    const now = ctx.now();
    await db
      .update(livePins)
      .set({ unpinnedAt: now })
      .where(and(eq(livePins.sessionId, sessionId), isNull(livePins.unpinnedAt)));
    await db
      .insert(livePins)
      .values({ id: newId('lpn'), sessionId, productId: input.productId, pinnedBy: user.userId, pinnedAt: now });
    return ok((await currentPin(db, sessionId))!);
  });
  if (result.ok) await publishToRoom(ctx.deps, sessionId, { type: 'pin', product: result.value });
  return result;
}

export async function unpinProduct(ctx: Ctx, sessionId: string): Promise<{ pinned: null }> {
  await ctx.tx(async (db) => {
    await requireAbility(ctx, sessionId, 'pin', db);
    await db
      .update(livePins)
      .set({ unpinnedAt: ctx.now() })
      .where(and(eq(livePins.sessionId, sessionId), isNull(livePins.unpinnedAt)));
  });
  await publishToRoom(ctx.deps, sessionId, { type: 'unpin' });
  return { pinned: null };
}

export interface ChatInput {
  text: string;
  /** A service answer (客服) replies to a viewer's message. */
  replyTo?: string | undefined;
}

/**
 * Danmaku: length, mute, rate limit (staff exempt), moderation, then stored and published. A rejected message is
 * refused to its sender only; a flagged one is stored and queued for an operator, and shown once approved.
 * An accepted viewer message may enter the open lottery (its keyword) in the same transaction.
 * The checks read the per-process room caches (room-cache.ts); the writes go through the room's group commit
 * (chat-batch.ts), which re-reads the status, so a busy room costs a few queries per batch, not ~8 per message.
 */
export async function sendChat(
  ctx: Ctx,
  sessionId: string,
  input: ChatInput,
): Promise<Result<LiveChatMessage & { pending: boolean }>> {
  const user = requireUser(ctx.actor);
  const text = input.text.trim();
  if (text.length < 1 || [...text].length > MAX_CHAT_CHARS) return refuse('chat-length');
  const answering = input.replyTo !== undefined;
  const { session, role } = answering
    ? await requireAbility(ctx, sessionId, 'answer')
    : { session: await cachedSession(ctx.deps, sessionId), role: null };
  if (session.status !== 'live') return refuse('not-live');
  const staffRole = role ?? (await cachedRole(ctx.deps, ctx.actor, session));
  const now = ctx.now();
  if (!staffRole) {
    const until = await mutedUntil(ctx.deps, sessionId, user.userId);
    if (until) return refuse('muted', `禁言至 ${shanghaiTime(until)}（北京时间）`);
    const limit = await chatLimiter(ctx.deps).take(sessionId, user.userId);
    if (!limit.allowed) return refuse('chat-rate-limited', limit.detail);
  }
  let replyTo: LiveChatMessage['replyTo'];
  if (input.replyTo) {
    const [target] = await ctx.db
      .select()
      .from(liveChatMessages)
      .where(and(eq(liveChatMessages.id, input.replyTo), eq(liveChatMessages.sessionId, sessionId)));
    if (!target) throw notFound('弹幕', input.replyTo);
    const nickname = (await chatProfiles(ctx.deps, [target.userId])).get(target.userId)?.nickname ?? '好物用户';
    replyTo = { id: target.id, nickname, text: target.removedAt ? '' : target.text };
  }
  const outcome = await chatCommitter(ctx.deps).submit(sessionId, {
    id: newId('lcm'),
    userId: user.userId,
    kind: answering ? 'answer' : staffRole ? 'staff' : 'viewer',
    text,
    badge: answering ? '客服' : badgeOf(staffRole, session, user.userId),
    replyTo,
    at: now,
  });
  if (!outcome.ok) {
    if (outcome.type === 'failed') throw outcome.error;
    if (outcome.type === 'not-live') return refuse('not-live');
    return refuse('message-rejected', outcome.reasons.join('；') || undefined);
  }
  liveCounters(ctx.deps).chat(sessionId);
  if (!outcome.pending) await publishToRoom(ctx.deps, sessionId, { type: 'chat', message: outcome.message });
  if (outcome.enteredLottery) publishEntrants(ctx.deps, outcome.enteredLottery, sessionId);
  return ok({ ...outcome.message, pending: outcome.pending });
}

/** An operator's decision on a flagged message: approved ones reach the room now, rejected ones stay hidden. */
export async function applyChatDecision(
  db: Db,
  messageId: string,
  verdict: 'approved' | 'rejected',
  at: Date,
): Promise<{ sessionId: string; message: LiveChatMessage } | undefined> {
  if (verdict === 'rejected') {
    await db
      .update(liveChatMessages)
      .set({ removedAt: at, removedBy: 'moderation' })
      .where(eq(liveChatMessages.id, messageId));
    return undefined;
  }
  const [row] = await db
    .update(liveChatMessages)
    .set({ verdict: 'approved' })
    .where(and(eq(liveChatMessages.id, messageId), eq(liveChatMessages.verdict, 'flagged')))
    .returning();
  if (!row || row.removedAt) return undefined;
  const profile = (await publicProfiles(db, [row.userId])).get(row.userId);
  return {
    sessionId: row.sessionId,
    message: {
      id: row.id,
      userId: row.userId,
      nickname: profile?.nickname ?? '好物用户',
      avatarUrl: profile?.avatarUrl ?? null,
      text: row.text,
      at: row.createdAt.toISOString(),
    },
  };
}

export async function removeMessage(ctx: Ctx, sessionId: string, messageId: string): Promise<{ removed: true }> {
  const user = requireUser(ctx.actor);
  await ctx.tx(async (db) => {
    await requireAbility(ctx, sessionId, 'mute', db);
    const [row] = await db
      .update(liveChatMessages)
      .set({ removedAt: ctx.now(), removedBy: user.userId })
      .where(and(eq(liveChatMessages.id, messageId), eq(liveChatMessages.sessionId, sessionId)))
      .returning({ id: liveChatMessages.id });
    if (!row) throw notFound('弹幕', messageId);
  });
  await publishToRoom(ctx.deps, sessionId, { type: 'removed', messageId });
  return { removed: true };
}

export async function muteViewer(
  ctx: Ctx,
  sessionId: string,
  input: { userId: string; minutes: number },
): Promise<{ userId: string; until: string }> {
  const user = requireUser(ctx.actor);
  const until = new Date(ctx.now().getTime() + input.minutes * 60_000);
  await ctx.tx(async (db) => {
    const { session } = await requireAbility(ctx, sessionId, 'mute', db);
    if (session.status === 'ended' || session.status === 'cancelled') throw invalidTransition(session.status, '禁言');
    const values = { until, mutedBy: user.userId, createdAt: ctx.now() };
    await db
      .insert(liveMutes)
      .values({ sessionId, userId: input.userId, ...values })
      .onConflictDoUpdate({ target: [liveMutes.sessionId, liveMutes.userId], set: values });
  });
  // At once here; the other processes' caches expire within ~1 s (room-cache.ts).
  forgetMutes(ctx.deps, sessionId);
  return { userId: input.userId, until: until.toISOString() };
}

/** Taps arrive coalesced by the client (1–50); they are counted in memory and written every ~2 s. */
export function addLikes(ctx: Ctx, sessionId: string, visitId: string | null, count: number): void {
  liveCounters(ctx.deps).like(sessionId, visitId, count);
}

/** The buy sheet opened: a product click, and the attribution touch that credits the order to this session. */
export async function productClick(
  ctx: Ctx,
  sessionId: string,
  productId: string,
): Promise<Result<{ recorded: boolean }>> {
  requireUser(ctx.actor);
  const session = await loadSession(ctx.db, sessionId);
  if (session.status === 'cancelled') throw invalidTransition(session.status, '查看商品');
  const [bag] = await ctx.db
    .select()
    .from(liveSessionProducts)
    .where(and(eq(liveSessionProducts.sessionId, sessionId), eq(liveSessionProducts.productId, productId)));
  if (!bag) return refuse('product-not-in-session');
  const touch = await recordTouch(ctx, { kind: 'live', liveSessionId: sessionId, productId });
  if (!touch.ok) return touch;
  liveCounters(ctx.deps).click(sessionId, productId);
  return ok({ recorded: touch.value.recorded });
}

/** Recent visible chat, oldest first, for the ready snapshot; staff lines keep their badge. */
export async function recentChat(db: Db, session: LiveSession, limit = 30): Promise<LiveChatMessage[]> {
  const rows = await db
    .select()
    .from(liveChatMessages)
    .where(
      and(
        eq(liveChatMessages.sessionId, session.id),
        isNull(liveChatMessages.removedAt),
        eq(liveChatMessages.verdict, 'approved'),
      ),
    )
    .orderBy(desc(liveChatMessages.createdAt))
    .limit(limit);
  const profiles = await publicProfiles(db, [...new Set(rows.map((r) => r.userId))]);
  const roles = new Map(
    (await db.select().from(liveRoles).where(eq(liveRoles.sessionId, session.id))).map((r) => [r.userId, r.role]),
  );
  return rows.toReversed().map((r) => {
    // Staff without a session role are the merchant's own people.
    const badge =
      r.kind === 'answer'
        ? '客服'
        : r.kind === 'staff'
          ? badgeOf(roles.get(r.userId) ?? 'owner', session, r.userId)
          : undefined;
    const p = profiles.get(r.userId);
    return {
      id: r.id,
      userId: r.userId,
      nickname: p?.nickname ?? '好物用户',
      avatarUrl: p?.avatarUrl ?? null,
      text: r.text,
      ...(badge ? { badge } : {}),
      at: r.createdAt.toISOString(),
    };
  });
}
