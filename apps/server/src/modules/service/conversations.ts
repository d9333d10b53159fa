import { and, desc, eq, lt, ne, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { badRequest, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import type { z } from 'zod';
import { consumerConversation } from './access.ts';
import { cardFor } from './cards.ts';
import { closeConversation } from './closing.ts';
import type { ConversationDto, MessageDto, OpenBody, RateBody } from './dto.ts';
import { appendMessage, listMessages, publish, type ServiceFrame } from './messages.ts';
import { type ConversationContext, conversations, type MessageCard, type Skill, type Source } from './schema.ts';
import { conversationView, conversationViews } from './views.ts';

export const refuse = refusals({
  'conversation-closed': '会话已结束，请重新发起咨询',
  'not-closed': '会话结束后才能评价',
  'already-rated': '已经评价过了',
  'not-your-conversation': [403, '这个会话不由你接待'],
  'agent-busy': '接待已满，请先结束或转接部分会话',
  'agent-unavailable': '对方不在线或接待已满',
  'not-waiting': '会话已被接待',
  'already-escalated': '该顾客已有进行中的平台客服会话',
});

const SKILL_OF: Record<Source, Skill> = {
  product: 'presale',
  live: 'presale',
  me: 'presale',
  order: 'order',
  after_sale: 'aftersale',
};

/**
 * 联系客服: opens (or reopens) the consumer's conversation with the shop the page belongs to — the product's, the
 * order's, the after-sale's, the live room's — or with the platform from 我的. The thing it was opened from is
 * shown as a card, so the person answering knows what it is about without asking.
 */
export async function openConversation(
  ctx: Ctx,
  input: z.infer<typeof OpenBody>,
): Promise<{ conversation: ConversationDto; messages: MessageDto[] }> {
  const user = requireUser(ctx.actor);
  const subject = await subjectOf(ctx.db, user.userId, input);
  const now = ctx.now();
  const { row, frames } = await ctx.tx(async (db) => {
    const values = {
      id: newId('conv'),
      userId: user.userId,
      merchantId: subject.merchantId,
      source: input.source,
      context: subject.context,
      skill: SKILL_OF[input.source],
      status: 'assistant' as const,
      lastMessageAt: now,
      createdAt: now,
    };
    // One open conversation per shop: a second tap (or a race) lands in the same one.
    await db.insert(conversations).values(values).onConflictDoNothing();
    const [conv] = await db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.userId, user.userId),
          subject.merchantId
            ? eq(conversations.merchantId, subject.merchantId)
            : sql`${conversations.merchantId} is null`,
          ne(conversations.status, 'closed'),
        ),
      )
      .for('update');
    const created = conv!.id === values.id;
    if (!created) {
      await db
        .update(conversations)
        .set({ context: { ...conv!.context, ...subject.context } })
        .where(eq(conversations.id, conv!.id));
    }
    const out: ServiceFrame[] = [];
    if (subject.card) {
      const m = await appendMessage(db, conv!.id, now, {
        sender: 'consumer',
        senderId: user.userId,
        kind: 'card',
        text: `[${subject.card.title}]`,
        card: subject.card,
      });
      out.push({ type: 'message', message: m });
    }
    if (created) {
      await emit(db, 'service.conversation_opened', {
        conversationId: conv!.id,
        userId: user.userId,
        merchantId: subject.merchantId,
        source: input.source,
        at: now.toISOString(),
      });
    }
    const [fresh] = await db.select().from(conversations).where(eq(conversations.id, conv!.id));
    return { row: fresh!, frames: out };
  });
  await publish(ctx, row, frames);
  return {
    conversation: await conversationView(ctx.db, row),
    messages: await listMessages(ctx.db, row.id, { limit: 30 }),
  };
}

async function subjectOf(
  db: Db,
  userId: string,
  input: z.infer<typeof OpenBody>,
): Promise<{ merchantId: string | null; context: ConversationContext; card: MessageCard | null }> {
  const wanted = {
    product: ['product', input.productId, 'productId', '商品'],
    order: ['order', input.orderId, 'orderId', '订单'],
    after_sale: ['after_sale', input.afterSaleId, 'afterSaleId', '售后单'],
    live: ['live', input.liveSessionId, 'liveSessionId', '直播间'],
  } as const;
  if (input.source === 'me') return { merchantId: input.merchantId ?? null, context: {}, card: null };
  const [kind, id, key, name] = wanted[input.source];
  if (!id) throw badRequest('缺少咨询对象', `从${name}发起咨询时须带上 ${key}`);
  const found = await cardFor(db, userId, kind, id);
  if (!found) throw notFound(name);
  return { merchantId: found.merchantId, context: { [key]: id }, card: found.card };
}

/** The consumer's conversations, newest first (keyset on id). */
export async function listMyConversations(ctx: Ctx, q: { cursor?: string | undefined; limit: number }) {
  const user = requireUser(ctx.actor);
  const mine = eq(conversations.userId, user.userId);
  const rows = await ctx.db
    .select()
    .from(conversations)
    .where(q.cursor ? and(mine, lt(conversations.id, q.cursor)) : mine)
    .orderBy(desc(conversations.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { items: await conversationViews(ctx.db, page), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null };
}

export async function getMyConversation(ctx: Ctx, id: string) {
  const row = await consumerConversation(ctx, ctx.db, id);
  return {
    conversation: await conversationView(ctx.db, row),
    messages: await listMessages(ctx.db, row.id, { limit: 30 }),
  };
}

export async function myMessages(
  ctx: Ctx,
  id: string,
  q: { afterSeq?: number | undefined; beforeSeq?: number | undefined; limit: number },
) {
  const row = await consumerConversation(ctx, ctx.db, id);
  return { items: await listMessages(ctx.db, id, q), lastSeq: row.lastSeq };
}

/** 已读: the consumer has seen everything up to `seq`; the desk's side shows it. Never moves backwards. */
export async function markReadByConsumer(ctx: Ctx, id: string, seq: number): Promise<void> {
  const row = await consumerConversation(ctx, ctx.db, id);
  const upTo = Math.min(seq, row.lastSeq);
  if (upTo <= row.consumerReadSeq) return;
  await ctx.db
    .update(conversations)
    .set({ consumerReadSeq: sql`greatest(${conversations.consumerReadSeq}, ${upTo})` })
    .where(eq(conversations.id, id));
  await publish(ctx, row, [{ type: 'read', conversationId: id, side: 'consumer', seq: upTo }]);
}

/** 问题已解决: the consumer ends the conversation. */
export async function closeByConsumer(ctx: Ctx, id: string): Promise<Result<ConversationDto, 'conversation-closed'>> {
  const done = await ctx.tx(async (db) => {
    const row = await consumerConversation(ctx, db, id, true);
    if (row.status === 'closed') return refuse('conversation-closed');
    const frames = await closeConversation(db, row, 'resolved', 'consumer', ctx.now());
    return ok({ frames, row });
  });
  if (!done.ok) return done;
  await publish(ctx, done.value.row, done.value.frames);
  return ok(await conversationView(ctx.db, await consumerConversation(ctx, ctx.db, id)));
}

/** 服务评价: 1–5 and a comment, once, after the conversation ended. */
export async function rateConversation(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof RateBody>,
): Promise<Result<ConversationDto, 'not-closed' | 'already-rated'>> {
  const now = ctx.now();
  const rated = await ctx.tx(async (db) => {
    const row = await consumerConversation(ctx, db, id, true);
    if (row.status !== 'closed') return refuse('not-closed');
    if (row.rating !== null) return refuse('already-rated');
    const [updated] = await db
      .update(conversations)
      .set({ rating: input.score, ratingComment: input.comment || null, ratedAt: now })
      .where(eq(conversations.id, id))
      .returning();
    await emit(db, 'service.rated', {
      conversationId: id,
      userId: row.userId,
      merchantId: row.merchantId,
      score: input.score,
      human: row.humanJoinedAt !== null,
      at: now.toISOString(),
    });
    return ok(updated!);
  });
  if (!rated.ok) return rated;
  return ok(await conversationView(ctx.db, rated.value));
}
