import { and, eq, gt, isNull } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { assistantConfirmations, type ConfirmableAction } from './schema.ts';

// Proposals the consumer must confirm before the assistant acts (start an after-sale, cancel an order, change an
// unshipped order's address). The token names one action for one consumer in one conversation and is spent by its
// first use.

const VALID_MS = 30 * 60_000;

export async function propose(
  ctx: Ctx,
  conversationId: string,
  action: ConfirmableAction,
  label: string,
): Promise<{ token: string; label: string }> {
  const user = requireUser(ctx.actor);
  const token = newId('asc');
  const now = ctx.now();
  await ctx.db.insert(assistantConfirmations).values({
    token,
    userId: user.userId,
    conversationId,
    action,
    label,
    createdAt: now,
    expiresAt: new Date(now.getTime() + VALID_MS),
  });
  return { token, label };
}

/**
 * Spends the token if it belongs to this consumer and conversation, is unused and unexpired; one guarded update,
 * so two confirmations at once spend it once. Anything else answers undefined, the same for every failure.
 */
export async function spend(ctx: Ctx, conversationId: string, token: string): Promise<ConfirmableAction | undefined> {
  const user = requireUser(ctx.actor);
  const now = ctx.now();
  const [row] = await ctx.db
    .update(assistantConfirmations)
    .set({ usedAt: now })
    .where(
      and(
        eq(assistantConfirmations.token, token),
        eq(assistantConfirmations.userId, user.userId),
        eq(assistantConfirmations.conversationId, conversationId),
        isNull(assistantConfirmations.usedAt),
        gt(assistantConfirmations.expiresAt, now),
      ),
    )
    .returning({ action: assistantConfirmations.action });
  return row?.action;
}
