import { randomInt } from 'node:crypto';
import { and, count, desc, eq, lt, sql, sum } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { getMe, publicProfiles } from '../accounts/api.ts';
import { firstPurchases, inviteCodes, invitations } from './schema.ts';

export { fissionReport } from './report.ts';
import { INVITE_REWARD_FEN } from './threshold.ts';

/** A new account may bind an invite code within this long after it was created (and before it first pays). */
export const BIND_WINDOW_HOURS = 72;
/** How far up the chain is kept per invitation; deeper chains still count, as this many levels. */
const MAX_CHAIN = 20;

const refuse = refusals({
  'invite-code-invalid': [404, '邀请码不存在'],
  'invite-self': [422, '不能使用自己的邀请码'],
  'invite-already-bound': '你已经绑定过邀请人',
  'invite-not-new-user': [422, '仅新注册用户可以绑定邀请码'],
  'invite-cycle': [422, '不能绑定你邀请的人为邀请人'],
});

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const randomCode = () => Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** The user's invite code, made on first use; a clash with another user's random code just draws again. */
export async function ensureInviteCode(db: Db, userId: string, now: Date): Promise<string> {
  for (;;) {
    const [existing] = await db
      .select({ code: inviteCodes.code })
      .from(inviteCodes)
      .where(eq(inviteCodes.userId, userId));
    if (existing) return existing.code;
    await db.insert(inviteCodes).values({ userId, code: randomCode(), createdAt: now }).onConflictDoNothing();
  }
}

export interface MyInvitation {
  code: string;
  link: string;
  invited: number;
  waiting: number;
  rewarded: number;
  rewardTotal: number;
  rewardPerInvite: number;
  inviter: { nickname: string } | null;
  canBind: boolean;
}

export async function getMyInvitation(ctx: Ctx): Promise<MyInvitation> {
  const user = requireUser(ctx.actor);
  const code = await ensureInviteCode(ctx.db, user.userId, ctx.now());
  const rows = await ctx.db
    .select({ status: invitations.rewardStatus, n: count(), total: sum(invitations.rewardAmount) })
    .from(invitations)
    .where(eq(invitations.inviterId, user.userId))
    .groupBy(invitations.rewardStatus);
  const by = (s: string) => rows.find((r) => r.status === s);
  const [mine] = await ctx.db.select().from(invitations).where(eq(invitations.inviteeId, user.userId));
  const inviterName = mine ? (await publicProfiles(ctx.db, [mine.inviterId])).get(mine.inviterId)?.nickname : undefined;
  return {
    code,
    link: `/?invite=${code}`,
    invited: rows.reduce((a, r) => a + r.n, 0),
    waiting: by('waiting')?.n ?? 0,
    rewarded: by('rewarded')?.n ?? 0,
    rewardTotal: Number(by('rewarded')?.total ?? 0),
    rewardPerInvite: INVITE_REWARD_FEN,
    inviter: mine ? { nickname: inviterName ?? '好物用户' } : null,
    canBind: !mine && (await bindRefusal(ctx.db, user.userId, ctx.now(), await accountCreatedAt(ctx))) === undefined,
  };
}

type InviteeStatus = 'registered' | 'first_purchase_pending' | 'rewarded';

export interface InviteeView {
  nickname: string;
  avatarUrl: string | null;
  boundAt: string;
  status: InviteeStatus;
  /** Orders refunded so far: the threshold waits for the next clean first purchase. */
  refundedOrders: number;
  rewardAmount: number;
  rewardedAt: string | null;
}

/** The people the user invited, newest first, with where each stands on the way to the reward. */
export async function listMyInvitees(
  ctx: Ctx,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: InviteeView[]; nextCursor: string | null }> {
  const user = requireUser(ctx.actor);
  const limit = query.limit ?? 20;
  const rows = await ctx.db
    .select({
      inv: invitations,
      openOrders: sql<number>`(select count(*)::int from invitee_orders o where o.invitee_id = ${invitations.inviteeId} and o.status = 'paid')`,
      refundedOrders: sql<number>`(select count(*)::int from invitee_orders o where o.invitee_id = ${invitations.inviteeId} and o.status = 'refunded')`,
    })
    .from(invitations)
    .where(
      and(eq(invitations.inviterId, user.userId), query.cursor ? lt(invitations.inviteeId, query.cursor) : undefined),
    )
    .orderBy(desc(invitations.inviteeId))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  const profiles = await publicProfiles(
    ctx.db,
    shown.map((r) => r.inv.inviteeId),
  );
  return {
    items: shown.map(({ inv, openOrders, refundedOrders }) => {
      const p = profiles.get(inv.inviteeId);
      return {
        nickname: maskNickname(p?.nickname ?? '好物用户'),
        avatarUrl: p?.avatarUrl ?? null,
        boundAt: inv.boundAt.toISOString(),
        status: inv.rewardStatus === 'rewarded' ? 'rewarded' : openOrders > 0 ? 'first_purchase_pending' : 'registered',
        refundedOrders,
        rewardAmount: inv.rewardAmount,
        rewardedAt: inv.rewardedAt?.toISOString() ?? null,
      };
    }),
    nextCursor: rows.length > limit ? shown[shown.length - 1]!.inv.inviteeId : null,
  };
}

/** 好物用户1234 → 好***34: the inviter sees that someone joined, not who exactly. */
const maskNickname = (name: string): string => {
  const chars = [...name];
  return chars.length <= 2 ? `${chars[0] ?? ''}*` : `${chars[0]}***${chars.slice(-2).join('')}`;
};

/**
 * Binds the signed-in user to the owner of `code`. Only a new account (created within BIND_WINDOW_HOURS, no paid
 * order yet) may bind, once, never to itself or to someone in its own downline.
 */
export async function bindInvitation(
  ctx: Ctx,
  input: { code: string },
): Promise<Result<{ inviter: { nickname: string } }>> {
  const user = requireUser(ctx.actor);
  const createdAt = await accountCreatedAt(ctx);
  const now = ctx.now();
  return ctx.tx(async (tx) => {
    const [owner] = await tx.select().from(inviteCodes).where(eq(inviteCodes.code, input.code.trim().toUpperCase()));
    if (!owner) return refuse('invite-code-invalid');
    if (owner.userId === user.userId) return refuse('invite-self');
    const refusal = await bindRefusal(tx, user.userId, now, createdAt);
    if (refusal) return refuse(refusal);
    const [upline] = await tx
      .select({ ancestors: invitations.ancestors })
      .from(invitations)
      .where(eq(invitations.inviteeId, owner.userId));
    const ancestors = [owner.userId, ...(upline?.ancestors ?? [])].slice(0, MAX_CHAIN);
    if (ancestors.includes(user.userId)) return refuse('invite-cycle');
    const inserted = await tx
      .insert(invitations)
      .values({ inviteeId: user.userId, inviterId: owner.userId, code: owner.code, ancestors, boundAt: now })
      .onConflictDoNothing()
      .returning({ id: invitations.inviteeId });
    if (inserted.length === 0) return refuse('invite-already-bound');
    await emit(tx, 'invitation.bound', {
      inviteeId: user.userId,
      inviterId: owner.userId,
      depth: ancestors.length,
      boundAt: now.toISOString(),
    });
    const name = (await publicProfiles(tx, [owner.userId])).get(owner.userId)?.nickname ?? '好物用户';
    return ok({ inviter: { nickname: name } });
  });
}

async function accountCreatedAt(ctx: Ctx): Promise<Date> {
  return new Date((await getMe(ctx)).createdAt);
}

async function bindRefusal(db: Db, userId: string, now: Date, createdAt: Date) {
  const [bound] = await db
    .select({ id: invitations.inviteeId })
    .from(invitations)
    .where(eq(invitations.inviteeId, userId));
  if (bound) return 'invite-already-bound' as const;
  if (now.getTime() - createdAt.getTime() > BIND_WINDOW_HOURS * 3_600_000) return 'invite-not-new-user' as const;
  const [bought] = await db
    .select({ id: firstPurchases.userId })
    .from(firstPurchases)
    .where(eq(firstPurchases.userId, userId));
  return bought ? ('invite-not-new-user' as const) : undefined;
}

// ---- for other modules (distribution: second-level commission) ----

/** The user's inviter, if they were invited. */
export async function inviterOf(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ inviterId: invitations.inviterId })
    .from(invitations)
    .where(eq(invitations.inviteeId, userId));
  return row?.inviterId;
}
