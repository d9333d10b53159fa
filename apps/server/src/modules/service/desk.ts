import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { publicProfiles } from '../accounts/api.ts';
import { deskConversation, deskOf, type DeskActor } from './access.ts';
import {
  assignFromQueue,
  deskWhere,
  ensureAgent,
  giveTo,
  releaseSeat,
  reserveSeat,
  FIRST_RESPONSE_MS,
} from './assignment.ts';
import { refuse } from './conversations.ts';
import type { ConversationDto, StatusBody, TransferBody } from './dto.ts';
import { appendMessage, publish, type ServiceFrame } from './messages.ts';
import { agents, conversations } from './schema.ts';
import { conversationView, conversationViews } from './views.ts';

type Which = 'shop' | 'platform';

/** The workbench: who is on the desk, the queue with wait times (oldest first), and the caller's conversations. */
export async function deskOverview(ctx: Ctx, which: Which) {
  const me = deskOf(ctx, which);
  const now = ctx.now();
  const [team, queue, mine] = await Promise.all([
    ctx.db.select().from(agents).where(eq(agents.desk, me.desk)).orderBy(asc(agents.userId)),
    ctx.db
      .select()
      .from(conversations)
      .where(and(deskWhere(me.desk), eq(conversations.status, 'waiting')))
      .orderBy(asc(conversations.handedOverAt))
      .limit(100),
    ctx.db
      .select()
      .from(conversations)
      .where(and(deskWhere(me.desk), eq(conversations.agentId, me.userId), ne(conversations.status, 'closed')))
      .orderBy(desc(conversations.lastMessageAt))
      .limit(100),
  ]);
  const names = await publicProfiles(
    ctx.db,
    team.map((a) => a.userId),
  );
  const agentViews = team.map((a) => ({
    userId: a.userId,
    name: names.get(a.userId)?.nickname ?? '客服',
    online: a.online,
    skills: a.skills,
    maxConcurrent: a.maxConcurrent,
    activeCount: a.activeCount,
  }));
  const queued = await conversationViews(ctx.db, queue);
  return {
    desk: me.desk,
    me: agentViews.find((a) => a.userId === me.userId) ?? null,
    agents: agentViews,
    queue: queued.map((c) => ({ ...c, waitingSeconds: waitingSeconds(c, now) })),
    mine: await conversationViews(ctx.db, mine),
  };
}

const waitingSeconds = (c: ConversationDto, now: Date) =>
  c.handedOverAt ? Math.max(0, Math.round((now.getTime() - Date.parse(c.handedOverAt)) / 1000)) : 0;

/** 上线 / 下线, skills and the most conversations at once; going online takes waiting conversations at once. */
export async function setAgentStatus(ctx: Ctx, which: Which, input: z.infer<typeof StatusBody>) {
  const me = deskOf(ctx, which);
  const now = ctx.now();
  const frames = await ctx.tx(async (db) => {
    await ensureAgent(db, me.desk, me.userId, now);
    await db
      .update(agents)
      .set({
        online: input.online,
        ...(input.skills ? { skills: input.skills } : {}),
        ...(input.maxConcurrent ? { maxConcurrent: input.maxConcurrent } : {}),
        updatedAt: now,
      })
      .where(and(eq(agents.desk, me.desk), eq(agents.userId, me.userId)));
    return input.online ? assignFromQueue(db, me.desk, now) : [];
  });
  await publish(ctx, { merchantId: me.merchantId }, frames);
  return deskOverview(ctx, which);
}

/** 接待: an agent takes a waiting conversation from the queue, within their maximum. */
export async function claimConversation(
  ctx: Ctx,
  id: string,
): Promise<Result<ConversationDto, 'not-waiting' | 'agent-busy'>> {
  const now = ctx.now();
  const done = await ctx.tx(async (db) => {
    const { row, agent } = await deskConversation(ctx, db, id, true);
    if (row.status !== 'waiting') return refuse('not-waiting');
    await ensureAgent(db, agent.desk, agent.userId, now);
    if (!(await reserveSeat(db, agent.desk, agent.userId, now))) return refuse('agent-busy');
    return ok({ row, frames: await giveTo(db, row, agent.userId, now) });
  });
  if (!done.ok) return done;
  await publish(ctx, done.value.row, done.value.frames);
  return ok(await conversationView(ctx.db, (await deskConversation(ctx, ctx.db, id)).row));
}

/**
 * 转接: to another agent of the same desk who is online and has room, or up to the platform's desk (escalation,
 * compensation). Escalation is a new hand-over: the platform's 5 minutes start now.
 */
export async function transferConversation(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof TransferBody>,
): Promise<Result<ConversationDto, 'not-your-conversation' | 'agent-unavailable' | 'already-escalated'>> {
  const now = ctx.now();
  const done = await ctx.tx(async (db) => {
    const { row, agent } = await deskConversation(ctx, db, id, true);
    if (row.status === 'closed' || (row.status === 'active' && row.agentId !== agent.userId))
      return refuse('not-your-conversation');
    const frames: ServiceFrame[] = [];
    if ('toAgentId' in input) {
      const free =
        (await isOnline(db, agent, input.toAgentId)) && (await reserveSeat(db, agent.desk, input.toAgentId, now));
      if (!free) return refuse('agent-unavailable');
      if (row.agentId) await releaseSeat(db, agent.desk, row.agentId);
      frames.push(...(await giveTo(db, { ...row, status: 'waiting' }, input.toAgentId, now)));
      return ok({ row, frames, desk: row });
    }
    if (row.merchantId === null) return refuse('already-escalated');
    const [open] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.userId, row.userId), deskWhere('platform'), ne(conversations.status, 'closed')));
    if (open) return refuse('already-escalated');
    if (row.agentId) await releaseSeat(db, agent.desk, row.agentId);
    await db
      .update(conversations)
      .set({
        merchantId: null,
        status: 'waiting',
        agentId: null,
        handoverReason: 'escalated',
        handedOverAt: now,
        firstResponseDueAt: new Date(now.getTime() + FIRST_RESPONSE_MS),
        firstResponseAt: null,
        slaBreachedAt: null,
      })
      .where(eq(conversations.id, row.id));
    const note = await appendMessage(db, row.id, now, {
      sender: 'system',
      senderId: null,
      kind: 'text',
      text: '已为你转接平台客服，平台客服将在 5 分钟内回复',
    });
    frames.push({ type: 'message', message: note });
    frames.push({ type: 'conversation', conversationId: row.id, status: 'waiting', agentId: null });
    frames.push(...(await assignFromQueue(db, 'platform', now)));
    return ok({ row, frames, desk: { merchantId: null } });
  });
  if (!done.ok) return done;
  // The shop's workbench drops it; the receiving desk (the same shop's, or the platform's) picks it up.
  await publish(ctx, done.value.row, done.value.frames);
  if (done.value.desk.merchantId !== done.value.row.merchantId) await publish(ctx, done.value.desk, done.value.frames);
  const [fresh] = await ctx.db.select().from(conversations).where(eq(conversations.id, id));
  return ok(await conversationView(ctx.db, fresh!));
}

async function isOnline(db: Parameters<typeof ensureAgent>[0], agent: DeskActor, userId: string) {
  const [row] = await db
    .select({ online: agents.online })
    .from(agents)
    .where(and(eq(agents.desk, agent.desk), inArray(agents.userId, [userId])));
  return row?.online === true;
}
