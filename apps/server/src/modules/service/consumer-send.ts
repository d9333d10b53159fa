import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { isOwnMediaUrl } from '../../platform/media.ts';
import { badRequest } from '../../platform/errors.ts';
import { consumerConversation } from './access.ts';
import { assignFromQueue, handOver } from './assignment.ts';
import type { AssistantReply } from './assistant-port.ts';
import { assistantReply } from './assistant-turn.ts';
import { cardFor } from './cards.ts';
import { refuse } from './conversations.ts';
import { deskOfConversation } from './access.ts';
import type { ConversationDto, MessageDto, SendBody } from './dto.ts';
import { appendMessage, publish, type ServiceFrame } from './messages.ts';
import { conversations, type MessageCard } from './schema.ts';
import { conversationView } from './views.ts';

/**
 * The consumer writes (text, an image from the media upload, or one of their orders as a card). While the
 * conversation is with the assistant, the assistant answers next; its hand-over queues the conversation for a person.
 */
export async function sendByConsumer(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof SendBody>,
): Promise<Result<{ messages: MessageDto[]; conversation: ConversationDto }, 'conversation-closed'>> {
  if (input.imageUrl !== undefined && !isOwnMediaUrl(input.imageUrl))
    throw badRequest('图片地址不正确', '图片须先上传到本站（/media/ 开头的地址）');
  const orderCard = input.orderId ? await cardFor(ctx.db, userOf(ctx), 'order', input.orderId) : undefined;
  if (input.orderId && !orderCard) throw notFound('订单');
  const now = ctx.now();
  const sent = await ctx.tx(async (db) => {
    const row = await consumerConversation(ctx, db, id, true);
    if (row.status === 'closed') return refuse('conversation-closed');
    const out: MessageDto[] = [];
    const mine = { sender: 'consumer' as const, senderId: row.userId };
    if (orderCard)
      out.push(
        await appendMessage(db, id, now, {
          ...mine,
          kind: 'card',
          text: `[${orderCard.card.title}]`,
          card: orderCard.card,
        }),
      );
    if (input.imageUrl)
      out.push(await appendMessage(db, id, now, { ...mine, kind: 'image', text: '[图片]', imageUrl: input.imageUrl }));
    if (input.text) out.push(await appendMessage(db, id, now, { ...mine, kind: 'text', text: input.text }));
    // Writing means the consumer has read everything so far.
    await db
      .update(conversations)
      .set({ consumerReadSeq: out.at(-1)!.seq })
      .where(eq(conversations.id, id));
    return ok({ row, out });
  });
  if (!sent.ok) return sent;
  const { row, out } = sent.value;
  await publish(
    ctx,
    row,
    out.map((message) => ({ type: 'message', message }) as const),
  );
  if (row.status === 'assistant' && (input.text || input.confirmToken)) {
    out.push(...(await assistantAnswers(ctx, row, input.text ?? '', input.confirmToken)));
  }
  const fresh = await consumerConversation(ctx, ctx.db, id);
  return ok({ messages: out, conversation: await conversationView(ctx.db, fresh) });
}

const userOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : '');

async function assistantAnswers(
  ctx: Ctx,
  conv: typeof conversations.$inferSelect,
  text: string,
  confirmToken: string | undefined,
): Promise<MessageDto[]> {
  // Outside the transaction: the assistant calls other modules' use-cases as the consumer, in their own.
  const reply = await assistantReply(ctx, {
    conversationId: conv.id,
    text,
    context: conv.context,
    ...(confirmToken ? { confirmToken } : {}),
  });
  const cards = 'text' in reply ? await cardsOf(ctx, conv.userId, reply) : [];
  const now = ctx.now();
  const frames = await ctx.tx(async (db) => {
    const row = await consumerConversation(ctx, db, conv.id, true);
    // A person took over meanwhile (or the consumer closed it): the assistant's late answer is dropped.
    if (row.status !== 'assistant') return [];
    const out: ServiceFrame[] = [];
    if ('text' in reply) {
      const answer = await appendMessage(db, row.id, now, {
        sender: 'assistant',
        senderId: null,
        kind: 'text',
        text: reply.text,
        quickReplies: reply.quickReplies ?? [],
        proposedAction: reply.proposedAction ?? null,
        toolsUsed: reply.toolsUsed ?? null,
      });
      out.push({ type: 'message', message: answer });
      for (const card of cards) {
        const m = await appendMessage(db, row.id, now, {
          sender: 'assistant',
          senderId: null,
          kind: 'card',
          text: `[${card.title}]`,
          card,
        });
        out.push({ type: 'message', message: m });
      }
    }
    if (reply.handover) {
      out.push(...(await handOver(db, row, reply.handover, now)));
      out.push(...(await assignFromQueue(db, deskOfConversation(row), now)));
    }
    return out;
  });
  await publish(ctx, conv, frames);
  return frames.flatMap((f) => (f.type === 'message' ? [f.message] : []));
}

async function cardsOf(ctx: Ctx, userId: string, reply: AssistantReply): Promise<MessageCard[]> {
  const found = await Promise.all((reply.cards ?? []).map((c) => cardFor(ctx.db, userId, c.kind, c.id)));
  return found.flatMap((f) => (f ? [f.card] : []));
}
