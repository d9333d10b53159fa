import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { deskOfConversation } from './access.ts';
import { releaseSeat } from './assignment.ts';
import { appendMessage, type ServiceFrame } from './messages.ts';
import { type CloseReason, conversations } from './schema.ts';

type ConversationRow = typeof conversations.$inferSelect;

const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.round((to.getTime() - from.getTime()) / 1000) : null;

/**
 * Ends a conversation (row locked by the caller): frees the agent's seat, asks the consumer to rate a person's help,
 * and emits `service.conversation_closed` with the figures the metrics and the analytics pipeline count.
 */
export async function closeConversation(
  db: Db,
  conv: ConversationRow,
  reason: CloseReason,
  closedBy: 'consumer' | 'agent' | 'system',
  now: Date,
): Promise<ServiceFrame[]> {
  await db
    .update(conversations)
    .set({ status: 'closed', closedAt: now, closeReason: reason })
    .where(eq(conversations.id, conv.id));
  if (conv.agentId) await releaseSeat(db, deskOfConversation(conv), conv.agentId);
  const human = conv.humanJoinedAt !== null;
  const note = await appendMessage(db, conv.id, now, {
    sender: 'system',
    senderId: null,
    kind: 'text',
    text: human ? '本次服务已结束，请为客服的服务打分' : '本次会话已结束',
  });
  await emit(db, 'service.conversation_closed', {
    conversationId: conv.id,
    userId: conv.userId,
    merchantId: conv.merchantId,
    source: conv.source,
    reason,
    closedBy,
    human,
    handedOver: conv.handedOverAt !== null,
    firstResponseSeconds: seconds(conv.handedOverAt, conv.firstResponseAt),
    resolutionSeconds: seconds(conv.createdAt, now),
    slaBreached: conv.slaBreachedAt !== null,
    closedAt: now.toISOString(),
  });
  return [
    { type: 'message', message: note },
    { type: 'conversation', conversationId: conv.id, status: 'closed', agentId: conv.agentId },
  ];
}
