import { and, eq } from 'drizzle-orm';
import { mayActFor, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type LiveRole, liveRoles, liveSessions } from './schema.ts';

/**
 * Who may do what in a session (docs/LIVE.md, "Roles"). The merchant's own staff are the owner and may do
 * everything; the 1 + N roles are assigned per session to user accounts.
 */
export type Ability = 'manage' | 'run' | 'pin' | 'mute' | 'answer' | 'metrics';
export type LiveSession = typeof liveSessions.$inferSelect;
export type SessionRole = 'owner' | LiveRole;

export const ROLE_ABILITIES: Record<SessionRole, readonly Ability[]> = {
  owner: ['manage', 'run', 'pin', 'mute', 'answer', 'metrics'],
  host: ['run', 'pin', 'answer', 'metrics'],
  controller: ['run', 'pin', 'mute', 'metrics'],
  service: ['answer', 'mute'],
  analyst: ['metrics'],
};

const ROLE_LABELS: Record<SessionRole, string> = {
  owner: '商家',
  host: '主播',
  controller: '场控',
  service: '客服',
  analyst: '数据',
};

const ABILITY_LABELS: Record<Ability, string> = {
  manage: '管理本场直播',
  run: '发起互动',
  pin: '置顶商品',
  mute: '禁言或删除弹幕',
  answer: '以客服身份回复',
  metrics: '查看实时数据',
};

const can = (role: SessionRole | null, ability: Ability): boolean =>
  role !== null && ROLE_ABILITIES[role].includes(ability);

export async function loadSession(db: Db, sessionId: string): Promise<LiveSession> {
  const [session] = await db.select().from(liveSessions).where(eq(liveSessions.id, sessionId));
  if (!session) throw notFound('直播', sessionId);
  return session;
}

/** The session and the actor's role in it (null for viewers and anonymous visitors). */
export async function liveAccess(
  ctx: Ctx,
  sessionId: string,
  db: Db = ctx.db,
): Promise<{ session: LiveSession; role: SessionRole | null }> {
  const session = await loadSession(db, sessionId);
  return { session, role: await roleIn(db, ctx, session) };
}

async function roleIn(db: Db, ctx: Ctx, session: LiveSession): Promise<SessionRole | null> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return null;
  if (mayActFor(actor, session.merchantId, 'live.manage')) return 'owner';
  const [row] = await db
    .select({ role: liveRoles.role })
    .from(liveRoles)
    .where(and(eq(liveRoles.sessionId, session.id), eq(liveRoles.userId, actor.userId)));
  return row?.role ?? null;
}

/** The session, if the signed-in actor's role has the ability; 401 for nobody signed in, 403 otherwise. */
export async function requireAbility(
  ctx: Ctx,
  sessionId: string,
  ability: Ability,
  db: Db = ctx.db,
): Promise<{ session: LiveSession; role: SessionRole }> {
  requireUser(ctx.actor);
  const { session, role } = await liveAccess(ctx, sessionId, db);
  if (!role || !can(role, ability)) {
    const who = role ? `你在本场直播的角色是「${ROLE_LABELS[role]}」，` : '你不是本场直播的工作人员，';
    throw new AppError('forbidden', 403, '没有权限执行此操作', `${who}不能${ABILITY_LABELS[ability]}`);
  }
  return { session, role };
}

/**
 * Starting and ending the broadcast, a PK and a live flash sale belong to the host and the merchant only: the
 * 'run' ability alone (场控 has it for lotteries and polls) is not enough.
 */
export async function requireHost(
  ctx: Ctx,
  sessionId: string,
  db: Db = ctx.db,
): Promise<{ session: LiveSession; role: 'owner' | 'host' }> {
  const { session, role } = await requireAbility(ctx, sessionId, 'run', db);
  if (role !== 'owner' && role !== 'host') {
    throw new AppError(
      'forbidden',
      403,
      '没有权限执行此操作',
      `你在本场直播的角色是「${ROLE_LABELS[role]}」，仅主播和商家可以操作`,
    );
  }
  return { session, role };
}
