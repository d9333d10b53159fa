import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { systemCtx } from '../../platform/context.ts';
import { emit } from '../../platform/events.ts';
import { closeConversation } from './closing.ts';
import { publish, type ServiceFrame } from './messages.ts';
import { conversations } from './schema.ts';

/** A conversation with the assistant that nobody wrote in for this long is over: resolved without a person. */
const ASSISTANT_IDLE_MS = 30 * 60_000;

/**
 * The SLA timer: every conversation past its first-response deadline with no person's answer is marked breached
 * once, alerts go to the desk's workbench (realtime) and to the outbox (`service.sla_breached`, for operators'
 * alerting and analytics). Runs with every job poll; the deadline is on the row, so no timer is lost on restart.
 */
export async function sweepSlaBreaches(deps: Deps, now: Date): Promise<number> {
  const ctx = systemCtx(deps, 'service.sla');
  const breached = await ctx.tx(async (db) => {
    const rows = await db
      .update(conversations)
      .set({ slaBreachedAt: now })
      .where(
        and(
          lte(conversations.firstResponseDueAt, now),
          isNull(conversations.firstResponseAt),
          isNull(conversations.slaBreachedAt),
          sql`${conversations.status} in ('waiting', 'active')`,
        ),
      )
      .returning();
    for (const r of rows) {
      await emit(db, 'service.sla_breached', {
        conversationId: r.id,
        userId: r.userId,
        merchantId: r.merchantId,
        agentId: r.agentId,
        dueAt: r.firstResponseDueAt!.toISOString(),
        at: now.toISOString(),
      });
    }
    return rows;
  });
  for (const r of breached) {
    await publish(ctx, r, [{ type: 'sla-breached', conversationId: r.id, dueAt: r.firstResponseDueAt!.toISOString() }]);
  }
  return breached.length;
}

/** Conversations left with the assistant for 30 minutes close as resolved by it (the auto-resolution rate's count). */
export async function closeIdleAssistantConversations(deps: Deps, now: Date): Promise<number> {
  const ctx = systemCtx(deps, 'service.idle');
  const cutoff = new Date(now.getTime() - ASSISTANT_IDLE_MS);
  const closed = await ctx.tx(async (db) => {
    const rows = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.status, 'assistant'), lte(conversations.lastMessageAt, cutoff)))
      .limit(200)
      .for('update', { skipLocked: true });
    const out: { row: (typeof rows)[number]; frames: ServiceFrame[] }[] = [];
    for (const row of rows) out.push({ row, frames: await closeConversation(db, row, 'idle', 'system', now) });
    return out;
  });
  for (const c of closed) await publish(ctx, c.row, c.frames);
  return closed.length;
}
