import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { PLATFORM_DESK } from './access.ts';
import type { HandoverReason } from './assistant-port.ts';
import { appendMessage, type ServiceFrame } from './messages.ts';
import { agents, conversations, type Skill } from './schema.ts';

/** The SLA (PRODUCT.md §9): a person answers within 5 minutes of the hand-over. */
export const FIRST_RESPONSE_MS = 5 * 60_000;
const DEFAULT_MAX_CONCURRENT = 5;

type ConversationRow = typeof conversations.$inferSelect;

export const deskWhere = (desk: string) =>
  desk === PLATFORM_DESK ? isNull(conversations.merchantId) : eq(conversations.merchantId, desk);

/**
 * Queues the conversation for a person and starts the SLA clock. The conversation row is locked by the caller.
 * Returns the frames to publish after commit.
 */
export async function handOver(
  db: Db,
  conv: ConversationRow,
  reason: HandoverReason,
  now: Date,
): Promise<ServiceFrame[]> {
  if (conv.status !== 'assistant') return [];
  await db
    .update(conversations)
    .set({
      status: 'waiting',
      handoverReason: reason,
      handedOverAt: now,
      firstResponseDueAt: new Date(now.getTime() + FIRST_RESPONSE_MS),
    })
    .where(eq(conversations.id, conv.id));
  const note = await appendMessage(db, conv.id, now, {
    sender: 'system',
    senderId: null,
    kind: 'text',
    text: '正在为你转接人工客服，客服将在 5 分钟内回复',
  });
  await emit(db, 'service.handed_over', {
    conversationId: conv.id,
    userId: conv.userId,
    merchantId: conv.merchantId,
    reason,
    at: now.toISOString(),
  });
  return [
    { type: 'message', message: note },
    { type: 'conversation', conversationId: conv.id, status: 'waiting', agentId: null },
  ];
}

/**
 * Round-robin over the desk's online agents with room (activeCount < maxConcurrent) and the conversation's skill:
 * the agent assigned longest ago goes first. Oldest waiting conversation first. Rows are taken with SKIP LOCKED,
 * so two processes assigning at once never give one conversation twice or push an agent past the maximum.
 */
export async function assignFromQueue(db: Db, desk: string, now: Date, limit = 20): Promise<ServiceFrame[]> {
  const frames: ServiceFrame[] = [];
  for (let i = 0; i < limit; i++) {
    const [waiting] = await db
      .select()
      .from(conversations)
      .where(and(deskWhere(desk), eq(conversations.status, 'waiting')))
      .orderBy(asc(conversations.handedOverAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!waiting) break;
    const agentId = await takeFreeAgent(db, desk, waiting.skill, now);
    if (!agentId) break;
    frames.push(...(await giveTo(db, waiting, agentId, now)));
  }
  return frames;
}

async function takeFreeAgent(db: Db, desk: string, skill: Skill, now: Date): Promise<string | undefined> {
  const [agent] = await db
    .select({ userId: agents.userId })
    .from(agents)
    .where(
      and(
        eq(agents.desk, desk),
        eq(agents.online, true),
        lt(agents.activeCount, agents.maxConcurrent),
        sql`(cardinality(${agents.skills}) = 0 or ${skill} = any(${agents.skills}))`,
      ),
    )
    .orderBy(sql`${agents.lastAssignedAt} asc nulls first`, asc(agents.userId))
    .limit(1)
    .for('update', { skipLocked: true });
  if (!agent) return undefined;
  await db
    .update(agents)
    .set({ activeCount: sql`${agents.activeCount} + 1`, lastAssignedAt: now })
    .where(and(eq(agents.desk, desk), eq(agents.userId, agent.userId)));
  return agent.userId;
}

/** Takes one more conversation for this agent if they have room; false at their maximum. */
export async function reserveSeat(db: Db, desk: string, userId: string, now: Date): Promise<boolean> {
  const taken = await db
    .update(agents)
    .set({ activeCount: sql`${agents.activeCount} + 1`, lastAssignedAt: now })
    .where(and(eq(agents.desk, desk), eq(agents.userId, userId), lt(agents.activeCount, agents.maxConcurrent)))
    .returning({ userId: agents.userId });
  return taken.length > 0;
}

export async function releaseSeat(db: Db, desk: string, userId: string): Promise<void> {
  await db
    .update(agents)
    .set({ activeCount: sql`greatest(${agents.activeCount} - 1, 0)` })
    .where(and(eq(agents.desk, desk), eq(agents.userId, userId)));
}

/** The conversation becomes the agent's (their seat already taken). */
export async function giveTo(db: Db, conv: ConversationRow, agentId: string, now: Date): Promise<ServiceFrame[]> {
  await db
    .update(conversations)
    .set({ status: 'active', agentId, humanJoinedAt: conv.humanJoinedAt ?? now })
    .where(eq(conversations.id, conv.id));
  const note = await appendMessage(db, conv.id, now, {
    sender: 'system',
    senderId: null,
    kind: 'text',
    text: '人工客服已接入',
  });
  return [
    { type: 'message', message: note },
    { type: 'conversation', conversationId: conv.id, status: 'active', agentId },
  ];
}

/** An agent's row, created on first use (a shop's staff and the platform's operators may all serve). */
export async function ensureAgent(db: Db, desk: string, userId: string, now: Date) {
  await db
    .insert(agents)
    .values({ desk, userId, online: false, skills: [], maxConcurrent: DEFAULT_MAX_CONCURRENT, updatedAt: now })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.desk, desk), eq(agents.userId, userId)));
  return row!;
}
