import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { badRequest, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { isOwnMediaUrl } from '../../platform/media.ts';
import { publicProfiles } from '../accounts/api.ts';
import { recentAfterSalesOfBuyer } from '../aftersales/api.ts';
import { tierName, tierOf } from '../membership/api.ts';
import { recentOrdersOfBuyer } from '../orders/api.ts';
import { deskConversation, deskOfConversation } from './access.ts';
import { assignFromQueue } from './assignment.ts';
import { closeConversation } from './closing.ts';
import { refuse } from './conversations.ts';
import type { CloseBody, ConversationDto, MessageDto, SendBody } from './dto.ts';
import { appendMessage, listMessages, publish, toolsUsedIn } from './messages.ts';
import { conversations, notes } from './schema.ts';
import { conversationView } from './views.ts';

/** The whole conversation for the agent, including what the assistant said and did before the hand-over. */
export async function deskConversationDetail(ctx: Ctx, id: string) {
  const { row } = await deskConversation(ctx, ctx.db, id);
  return { conversation: await conversationView(ctx.db, row), messages: await listMessages(ctx.db, id, { limit: 50 }) };
}

export async function deskMessages(
  ctx: Ctx,
  id: string,
  q: { afterSeq?: number | undefined; beforeSeq?: number | undefined; limit: number },
) {
  const { row } = await deskConversation(ctx, ctx.db, id);
  return { items: await listMessages(ctx.db, id, q), lastSeq: row.lastSeq };
}

/**
 * The agent who holds the conversation answers. The first answer after the hand-over stops the SLA clock
 * (first_response_at), whether or not the 5 minutes had already passed.
 */
export async function replyAsAgent(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof SendBody>,
): Promise<Result<MessageDto[], 'conversation-closed' | 'not-your-conversation'>> {
  if (input.imageUrl !== undefined && !isOwnMediaUrl(input.imageUrl))
    throw badRequest('图片地址不正确', '图片须先上传到本站（/media/ 开头的地址）');
  const now = ctx.now();
  const done = await ctx.tx(async (db) => {
    const { row, agent } = await deskConversation(ctx, db, id, true);
    if (row.status === 'closed') return refuse('conversation-closed');
    if (row.status !== 'active' || row.agentId !== agent.userId) return refuse('not-your-conversation');
    const mine = { sender: 'agent' as const, senderId: agent.userId };
    const out: MessageDto[] = [];
    if (input.imageUrl)
      out.push(await appendMessage(db, id, now, { ...mine, kind: 'image', text: '[图片]', imageUrl: input.imageUrl }));
    if (input.text) out.push(await appendMessage(db, id, now, { ...mine, kind: 'text', text: input.text }));
    if (out.length === 0) throw badRequest('消息不能为空');
    await db
      .update(conversations)
      .set({ agentReadSeq: out.at(-1)!.seq, ...(row.firstResponseAt ? {} : { firstResponseAt: now }) })
      .where(eq(conversations.id, id));
    if (!row.firstResponseAt && row.handedOverAt) {
      await emit(db, 'service.first_response', {
        conversationId: id,
        merchantId: row.merchantId,
        agentId: agent.userId,
        seconds: Math.round((now.getTime() - row.handedOverAt.getTime()) / 1000),
        withinSla: row.firstResponseDueAt !== null && now <= row.firstResponseDueAt,
        at: now.toISOString(),
      });
    }
    return ok({ row, out });
  });
  if (!done.ok) return done;
  await publish(
    ctx,
    done.value.row,
    done.value.out.map((message) => ({ type: 'message', message }) as const),
  );
  return ok(done.value.out);
}

/** The desk has read up to `seq`: the consumer sees 已读 on their messages. */
export async function markReadByAgent(ctx: Ctx, id: string, seq: number): Promise<void> {
  const { row } = await deskConversation(ctx, ctx.db, id);
  const upTo = Math.min(seq, row.lastSeq);
  if (upTo <= row.agentReadSeq) return;
  await ctx.db
    .update(conversations)
    .set({ agentReadSeq: sql`greatest(${conversations.agentReadSeq}, ${upTo})` })
    .where(eq(conversations.id, id));
  await publish(ctx, row, [{ type: 'read', conversationId: id, side: 'agent', seq: upTo }]);
}

/** 结束会话 with a reason; the agent's seat goes to the next waiting conversation. */
export async function closeByAgent(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof CloseBody>,
): Promise<Result<ConversationDto, 'conversation-closed' | 'not-your-conversation'>> {
  const now = ctx.now();
  const done = await ctx.tx(async (db) => {
    const { row, agent } = await deskConversation(ctx, db, id, true);
    if (row.status === 'closed') return refuse('conversation-closed');
    if (row.status === 'active' && row.agentId !== agent.userId) return refuse('not-your-conversation');
    const frames = await closeConversation(db, row, input.reason, 'agent', now);
    frames.push(...(await assignFromQueue(db, deskOfConversation(row), now)));
    return ok({ row, frames });
  });
  if (!done.ok) return done;
  await publish(ctx, done.value.row, done.value.frames);
  return ok(await conversationView(ctx.db, (await deskConversation(ctx, ctx.db, id)).row));
}

export async function addNote(ctx: Ctx, id: string, text: string) {
  const { agent } = await deskConversation(ctx, ctx.db, id);
  const [row] = await ctx.db
    .insert(notes)
    .values({ id: newId('snote'), conversationId: id, authorId: agent.userId, text, createdAt: ctx.now() })
    .returning();
  return (await noteViews(ctx, [row!]))[0]!;
}

async function noteViews(ctx: Ctx, rows: (typeof notes.$inferSelect)[]) {
  const names = await publicProfiles(
    ctx.db,
    rows.map((n) => n.authorId),
  );
  return rows.map((n) => ({
    id: n.id,
    authorName: names.get(n.authorId)?.nickname ?? '客服',
    text: n.text,
    createdAt: n.createdAt.toISOString(),
  }));
}

/**
 * Beside the chat: the customer's member level, their latest orders and after-sales with this shop (all of them for
 * the platform's desk), what the assistant did, and the desk's notes — read through those modules' services.
 */
export async function customerPanel(ctx: Ctx, id: string) {
  const { row } = await deskConversation(ctx, ctx.db, id);
  const [people, tier, recentOrders, afterSales, tools, noteRows] = await Promise.all([
    publicProfiles(ctx.db, [row.userId]),
    tierOf(ctx.db, row.userId),
    recentOrdersOfBuyer(ctx.db, row.userId, row.merchantId, 5),
    recentAfterSalesOfBuyer(ctx.db, row.userId, row.merchantId, 5),
    toolsUsedIn(ctx.db, id),
    ctx.db
      .select()
      .from(notes)
      .where(and(eq(notes.conversationId, id)))
      .orderBy(asc(notes.createdAt)),
  ]);
  return {
    userId: row.userId,
    name: people.get(row.userId)?.nickname ?? '顾客',
    memberLevel: tierName(tier),
    orders: recentOrders.map((o) => ({
      id: o.id,
      status: o.statusLabel,
      payAmount: o.payAmount,
      title: o.title,
      createdAt: o.createdAt.toISOString(),
    })),
    afterSales: afterSales.map((a) => ({
      id: a.id,
      orderId: a.orderId,
      status: a.statusLabel,
      createdAt: a.createdAt.toISOString(),
    })),
    toolsUsed: tools,
    notes: await noteViews(ctx, noteRows),
  };
}
