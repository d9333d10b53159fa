import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { TIER_ORDER, tierOfUsers, type TierCode } from '../membership/api.ts';
import { loadCommunity, requireStanding } from './access.ts';
import { admitMember, freeSeat } from './groups.ts';
import { GROUP_CAPACITY, tiersAtLeast } from './rules.ts';
import {
  type Admission,
  communities,
  communityApplications,
  communityMembers,
  merchantBuyers,
  type MemberTier,
} from './schema.ts';
import { recordTimeline } from './timeline.ts';

const refuse = refusals({
  'application-required': [409, '该社群需申请加入，请提交申请等待管理员审核'],
  'tier-required': [403, '会员等级未达到该社群的加入要求'],
  'purchase-required': [403, '在该商家下单后才能加入此社群'],
  'already-applied': '你已提交过申请，请等待管理员审核',
  'already-member': '你已经是该社群成员',
  'not-a-member': '你不是该社群成员',
  'owner-cannot-leave': '社群创建者不能退出自己的社群',
});

export interface CreateCommunityInput {
  name: string;
  description: string;
  coverUrl?: string | null | undefined;
  admission: Admission;
  admissionMinTier?: TierCode | undefined;
  /** Tests only: the API never accepts more than GROUP_CAPACITY (500). */
  groupCapacity?: number | undefined;
}

function checkCreateInput(input: CreateCommunityInput) {
  const capacity = input.groupCapacity ?? GROUP_CAPACITY;
  if (!Number.isInteger(capacity) || capacity < 2 || capacity > GROUP_CAPACITY) {
    throw new AppError('validation-failed', 400, '请求参数有误', `每个群最多 ${GROUP_CAPACITY} 人`);
  }
  if (input.admission === 'tier' && !input.admissionMinTier) {
    throw new AppError('validation-failed', 400, '请求参数有误', '按会员等级加入时须指定最低等级');
  }
  return capacity;
}

/** A merchant's staff create a community for their shop (optionally the exclusive one buyers auto-join). */
export async function createMerchantCommunity(ctx: Ctx, input: CreateCommunityInput & { exclusive?: boolean }) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const capacity = checkCreateInput(input);
  return ctx.tx(async (tx) => {
    const id = newId('cmt');
    const inserted = await tx
      .insert(communities)
      .values({ ...communityRow(input, capacity, ctx.now()), id, merchantId, exclusive: input.exclusive ?? false })
      .onConflictDoNothing()
      .returning({ id: communities.id });
    if (inserted.length === 0)
      throw new AppError('exclusive-exists', 409, '本店已有专属社群', '每个商家只有一个首单自动加入的专属社群');
    await emit(tx, 'community.created', { communityId: id, merchantId, ownerUserId: null });
    return { id };
  });
}

/** A creator (any signed-in user) starts an interest community and becomes its admin and first member. */
export async function createCreatorCommunity(ctx: Ctx, input: CreateCommunityInput) {
  const user = requireUser(ctx.actor);
  const capacity = checkCreateInput(input);
  return ctx.tx(async (tx) => {
    const id = newId('cmt');
    await tx.insert(communities).values({ ...communityRow(input, capacity, ctx.now()), id, ownerUserId: user.userId });
    await admitMember(tx, {
      communityId: id,
      userId: user.userId,
      source: 'owner',
      now: ctx.now(),
      role: 'admin',
      tier: 'core',
    });
    await emit(tx, 'community.created', { communityId: id, merchantId: null, ownerUserId: user.userId });
    return { id };
  });
}

const communityRow = (input: CreateCommunityInput, capacity: number, now: Date) => ({
  name: input.name,
  description: input.description,
  coverUrl: input.coverUrl ?? null,
  admission: input.admission,
  admissionMinTier: input.admission === 'tier' ? (input.admissionMinTier ?? null) : null,
  groupCapacity: capacity,
  createdAt: now,
});

/** Joins under the community's admission rule; joining again while a member is a no-op returning the same group. */
type JoinOutcome = { status: 'joined' | 'applied'; groupId: string | null };
type Decision = { status: 'approved' | 'rejected'; groupId: string | null };

export async function joinCommunity(
  ctx: Ctx,
  communityId: string,
  input: { message?: string | undefined } = {},
): Promise<Result<JoinOutcome>> {
  const user = requireUser(ctx.actor);
  return atomically(ctx, async (tx): Promise<Result<JoinOutcome>> => {
    const community = await loadCommunity(tx, communityId);
    const [current] = await tx
      .select({ groupId: communityMembers.groupId })
      .from(communityMembers)
      .where(
        and(
          eq(communityMembers.communityId, communityId),
          eq(communityMembers.userId, user.userId),
          isNull(communityMembers.leftAt),
        ),
      );
    if (current) return ok({ status: 'joined' as const, groupId: current.groupId });
    if (community.admission === 'application') {
      const created = await tx
        .insert(communityApplications)
        .values({
          id: newId('cap'),
          communityId,
          userId: user.userId,
          message: input.message ?? '',
          status: 'pending',
          createdAt: ctx.now(),
        })
        .onConflictDoNothing()
        .returning({ id: communityApplications.id });
      if (created.length === 0) return refuse('already-applied');
      return ok({ status: 'applied' as const, groupId: null });
    }
    if (community.admission === 'tier') {
      const tier = (await tierOfUsers(tx, [user.userId])).get(user.userId) ?? 'regular';
      const min = (community.admissionMinTier ?? 'regular') as TierCode;
      if (TIER_ORDER.indexOf(tier) < TIER_ORDER.indexOf(min))
        return refuse('tier-required', `需要 ${min} 及以上会员等级`);
    }
    if (community.admission === 'purchase') {
      if (!community.merchantId) return refuse('purchase-required');
      const [bought] = await tx
        .select({ userId: merchantBuyers.userId })
        .from(merchantBuyers)
        .where(and(eq(merchantBuyers.merchantId, community.merchantId), eq(merchantBuyers.userId, user.userId)));
      if (!bought) return refuse('purchase-required');
    }
    const admitted = await admitMember(tx, { communityId, userId: user.userId, source: 'join', now: ctx.now() });
    if (!admitted) return refuse('already-member');
    await emit(tx, 'community.joined', {
      communityId,
      userId: user.userId,
      groupId: admitted.groupId,
      source: 'join',
      at: ctx.now().toISOString(),
    });
    return ok({ status: 'joined' as const, groupId: admitted.groupId });
  });
}

/** A member leaves; their seat frees up. After an auto-join, leaving is final: later orders do not re-add them. */
export async function leaveCommunity(ctx: Ctx, communityId: string): Promise<Result<{ left: true }>> {
  const user = requireUser(ctx.actor);
  return atomically(ctx, async (tx) => {
    const community = await loadCommunity(tx, communityId);
    if (community.ownerUserId === user.userId) return refuse('owner-cannot-leave');
    const removed = await removeMember(tx, communityId, user.userId, ctx.now(), '退出社群');
    if (!removed) return refuse('not-a-member');
    return ok({ left: true as const });
  });
}

export async function removeMember(
  tx: Db,
  communityId: string,
  userId: string,
  now: Date,
  why: string,
): Promise<boolean> {
  const [left] = await tx
    .update(communityMembers)
    .set({ leftAt: now })
    .where(
      and(
        eq(communityMembers.communityId, communityId),
        eq(communityMembers.userId, userId),
        isNull(communityMembers.leftAt),
      ),
    )
    .returning({ groupId: communityMembers.groupId });
  if (!left) return false;
  await freeSeat(tx, left.groupId);
  await recordTimeline(tx, { communityId, userId, kind: 'left', refId: left.groupId, detail: why, at: now });
  await emit(tx, 'community.left', { communityId, userId });
  return true;
}

/** Admins approve or reject an application; approval seats the applicant like a join. */
export async function decideApplication(ctx: Ctx, applicationId: string, approve: boolean): Promise<Result<Decision>> {
  return atomically(ctx, async (tx): Promise<Result<Decision>> => {
    const [app] = await tx
      .select()
      .from(communityApplications)
      .where(eq(communityApplications.id, applicationId))
      .for('update');
    if (!app) throw notFound('入群申请');
    const community = await loadCommunity(tx, app.communityId);
    await requireStanding(tx, ctx.actor, community, 'admin');
    if (app.status !== 'pending') return refuse('already-applied', '该申请已处理');
    const decidedBy = requireUser(ctx.actor).userId;
    await tx
      .update(communityApplications)
      .set({ status: approve ? 'approved' : 'rejected', decidedBy, decidedAt: ctx.now() })
      .where(eq(communityApplications.id, applicationId));
    if (!approve) return ok({ status: 'rejected' as const, groupId: null });
    const admitted = await admitMember(tx, {
      communityId: app.communityId,
      userId: app.userId,
      source: 'application',
      now: ctx.now(),
    });
    if (admitted)
      await emit(tx, 'community.joined', {
        communityId: app.communityId,
        userId: app.userId,
        groupId: admitted.groupId,
        source: 'application',
      });
    return ok({ status: 'approved' as const, groupId: admitted?.groupId ?? null });
  });
}

/** Owners set a member's tier (普通/VIP/核心粉丝) and role; only owners appoint admins. */
export async function updateMember(
  ctx: Ctx,
  communityId: string,
  userId: string,
  input: { tier?: MemberTier | undefined; role?: 'member' | 'moderator' | 'admin' | undefined },
) {
  return ctx.tx(async (tx) => {
    const community = await loadCommunity(tx, communityId);
    await requireStanding(tx, ctx.actor, community, input.role ? 'owner' : 'admin');
    const [row] = await tx
      .update(communityMembers)
      .set({ ...(input.tier ? { tier: input.tier } : {}), ...(input.role ? { role: input.role } : {}) })
      .where(
        and(
          eq(communityMembers.communityId, communityId),
          eq(communityMembers.userId, userId),
          isNull(communityMembers.leftAt),
        ),
      )
      .returning({ tier: communityMembers.tier, role: communityMembers.role });
    if (!row) throw notFound('社群成员');
    return row;
  });
}

/** Contract for flash sale and coupons: which of these users are active members of the community at `minTier` or above. */
export async function communityMembersAmong(
  db: Db,
  communityId: string,
  userIds: string[],
  minTier: MemberTier = 'regular',
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: communityMembers.userId })
    .from(communityMembers)
    .where(
      and(
        eq(communityMembers.communityId, communityId),
        inArray(communityMembers.userId, userIds),
        isNull(communityMembers.leftAt),
        inArray(communityMembers.tier, tiersAtLeast(minTier)),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

/** Active member count per community (the sum of its groups is the same number; this reads one index). */
export async function memberCounts(db: Db, communityIds: string[]): Promise<Map<string, number>> {
  if (communityIds.length === 0) return new Map();
  const rows = await db
    .select({ communityId: communityMembers.communityId, n: sql<number>`count(*)::int` })
    .from(communityMembers)
    .where(and(inArray(communityMembers.communityId, communityIds), isNull(communityMembers.leftAt)))
    .groupBy(communityMembers.communityId);
  return new Map(rows.map((r) => [r.communityId, r.n]));
}
