import { eq } from 'drizzle-orm';
import { actingMerchant, mayActFor, requireStaffPermission, requireUser, type UserActor } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { staffGrants } from '../staff/api.ts';
import { conversations } from './schema.ts';

type ConversationRow = typeof conversations.$inferSelect;

/** A service desk and the person working it: a shop's staff (desk = merchant id) or a platform operator. */
export interface DeskActor {
  desk: string;
  merchantId: string | null;
  userId: string;
}

export const PLATFORM_DESK = 'platform';
export const deskOfConversation = (c: { merchantId: string | null }): string => c.merchantId ?? PLATFORM_DESK;

/** The desk the caller works: their shop's (X-Merchant-Id picks one of several), or the platform's for operators. */
export function deskOf(ctx: Ctx, which: 'shop' | 'platform'): DeskActor {
  if (which === 'platform') {
    const agent = platformAgent(ctx.actor);
    return { desk: PLATFORM_DESK, merchantId: null, userId: agent.userId };
  }
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'service.chat');
  return { desk: merchantId, merchantId, userId: requireUser(ctx.actor).userId };
}

/**
 * The platform desk takes escalations and compensation requests, which is the 客服 role's duty (handling escalated
 * after-sales), not every staff member's: a data analyst or a finance clerk does not answer consumers.
 */
const platformAgent = (actor: Ctx['actor']): UserActor =>
  requireStaffPermission(actor, 'aftersales.decide', staffGrants);

/** The consumer's own conversation; someone else's is "not found", so its existence is not revealed. */
export async function consumerConversation(ctx: Ctx, db: Db, id: string, lock = false): Promise<ConversationRow> {
  const user = requireUser(ctx.actor);
  const row = await load(db, id, lock);
  if (!row || row.userId !== user.userId) throw notFound('会话');
  return row;
}

/** A conversation of a desk the caller works (its shop's staff, or operators for the platform's). */
export async function deskConversation(
  ctx: Ctx,
  db: Db,
  id: string,
  lock = false,
): Promise<{ row: ConversationRow; agent: DeskActor }> {
  const user = requireUser(ctx.actor);
  const row = await load(db, id, lock);
  const allowed =
    row &&
    (row.merchantId === null ? user.roles.includes('operator') : mayActFor(user, row.merchantId, 'service.chat'));
  if (!row || !allowed) throw notFound('会话');
  if (row.merchantId === null) platformAgent(ctx.actor);
  return { row, agent: { desk: deskOfConversation(row), merchantId: row.merchantId, userId: user.userId } };
}

async function load(db: Db, id: string, lock: boolean): Promise<ConversationRow | undefined> {
  const q = db.select().from(conversations).where(eq(conversations.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}
