import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { deskOfConversation } from './access.ts';
import type { MessageDto } from './dto.ts';
import { conversations, type MessageCard, type MessageKind, messages, type Sender } from './schema.ts';
import { toMessageDto } from './views.ts';

export interface NewMessage {
  sender: Sender;
  senderId: string | null;
  kind: MessageKind;
  text: string;
  imageUrl?: string | null;
  card?: MessageCard | null;
  quickReplies?: string[];
  proposedAction?: { token: string; label: string } | null;
  toolsUsed?: { tool: string; summary: string }[] | null;
}

/**
 * Appends a message with the conversation's next seq. Raising last_seq locks the conversation row, so two senders
 * get consecutive numbers and a reconnecting client misses nothing by asking for "after my last seq".
 */
export async function appendMessage(db: Db, conversationId: string, now: Date, m: NewMessage): Promise<MessageDto> {
  const [conv] = await db
    .update(conversations)
    .set({ lastSeq: sql`${conversations.lastSeq} + 1`, lastMessageAt: now })
    .where(eq(conversations.id, conversationId))
    .returning({ seq: conversations.lastSeq });
  const [row] = await db
    .insert(messages)
    .values({
      id: newId('smsg'),
      conversationId,
      seq: conv!.seq,
      sender: m.sender,
      senderId: m.senderId,
      kind: m.kind,
      text: m.text,
      imageUrl: m.imageUrl ?? null,
      card: m.card ?? null,
      quickReplies: m.quickReplies ?? [],
      proposedAction: m.proposedAction ?? null,
      toolsUsed: m.toolsUsed ?? null,
      createdAt: now,
    })
    .returning();
  return toMessageDto(row!);
}

/** History: after a seq (catch-up, oldest first) or the newest page before a seq (scrolling back). */
export async function listMessages(
  db: Db,
  conversationId: string,
  q: { afterSeq?: number | undefined; beforeSeq?: number | undefined; limit: number },
): Promise<MessageDto[]> {
  const mine = eq(messages.conversationId, conversationId);
  if (q.afterSeq !== undefined) {
    const rows = await db
      .select()
      .from(messages)
      .where(and(mine, gt(messages.seq, q.afterSeq)))
      .orderBy(asc(messages.seq))
      .limit(q.limit);
    return rows.map(toMessageDto);
  }
  const rows = await db
    .select()
    .from(messages)
    .where(q.beforeSeq === undefined ? mine : and(mine, lt(messages.seq, q.beforeSeq)))
    .orderBy(desc(messages.seq))
    .limit(q.limit);
  return rows.reverse().map(toMessageDto);
}

/** What the assistant did in this conversation, for the agent who takes over. */
export async function toolsUsedIn(db: Db, conversationId: string): Promise<{ tool: string; summary: string }[]> {
  const rows = await db
    .select({ toolsUsed: messages.toolsUsed })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.sender, 'assistant')))
    .orderBy(asc(messages.seq));
  return rows.flatMap((r) => r.toolsUsed ?? []);
}

// Realtime: every process forwards these channels to its own sockets (platform/realtime.ts).
export const conversationChannel = (id: string) => `service:conversation:${id}`;
export const deskChannel = (desk: string) => `service:desk:${desk}`;

export type ServiceFrame =
  | { type: 'message'; message: MessageDto }
  | { type: 'read'; conversationId: string; side: 'consumer' | 'agent'; seq: number }
  | { type: 'conversation'; conversationId: string; status: string; agentId: string | null }
  | { type: 'sla-breached'; conversationId: string; dueAt: string };

const conversationOf = (f: ServiceFrame) => (f.type === 'message' ? f.message.conversationId : f.conversationId);

/**
 * Published after commit to each frame's conversation (the consumer's socket) and to the desk (the workbench).
 * All frames belong to conversations of the one desk `on` names.
 */
export async function publish(ctx: Ctx, on: { merchantId: string | null }, frames: ServiceFrame[]) {
  for (const frame of frames) {
    await ctx.deps.realtime.publish(conversationChannel(conversationOf(frame)), frame);
    await ctx.deps.realtime.publish(deskChannel(deskOfConversation(on)), frame);
  }
}
