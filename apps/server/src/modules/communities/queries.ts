import { and, asc, count, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getMerchantBriefs } from '../catalog/api.ts';
import { type Community, loadCommunity, requireStanding, standingIn } from './access.ts';
import { memberCounts } from './membership.ts';
import { chatMessages, communities, communityApplications, communityGroups, communityMembers } from './schema.ts';

export interface CommunityCard {
  id: string;
  name: string;
  description: string;
  coverUrl: string | null;
  admission: Community['admission'];
  admissionMinTier: string | null;
  exclusive: boolean;
  merchant: { id: string; name: string; logoUrl: string | null; status: string } | null;
  memberCount: number;
  createdAt: string;
}

async function toCards(db: Db, rows: Community[]): Promise<CommunityCard[]> {
  const [counts, merchants] = await Promise.all([
    memberCounts(
      db,
      rows.map((r) => r.id),
    ),
    getMerchantBriefs(db, [...new Set(rows.map((r) => r.merchantId).filter((m): m is string => m !== null))]),
  ]);
  return rows.map((r) => {
    const m = r.merchantId ? merchants.get(r.merchantId) : undefined;
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      coverUrl: r.coverUrl,
      admission: r.admission,
      admissionMinTier: r.admissionMinTier,
      exclusive: r.exclusive,
      merchant: m ? { id: m.id, name: m.name, logoUrl: m.logoUrl, status: m.status } : null,
      memberCount: counts.get(r.id) ?? 0,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** Discover: every community, newest first (a suspended merchant's are hidden). */
export async function discoverCommunities(
  ctx: Ctx,
  page: { cursor?: string | undefined; limit: number; merchantId?: string | undefined },
) {
  const rows = await ctx.db
    .select()
    .from(communities)
    .where(
      and(
        page.merchantId ? eq(communities.merchantId, page.merchantId) : undefined,
        page.cursor ? lt(communities.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(communities.id))
    .limit(page.limit + 1);
  const cards = await toCards(ctx.db, rows.slice(0, page.limit));
  return {
    items: cards.filter((c) => c.merchant?.status !== 'suspended'),
    nextCursor: rows.length > page.limit ? rows[page.limit - 1]!.id : null,
  };
}

/** My communities: where I am an active member, with my group and how many messages I have not read. */
export async function myCommunities(ctx: Ctx) {
  const user = requireUser(ctx.actor);
  const memberships = await ctx.db
    .select({ m: communityMembers, c: communities, groupSeq: communityGroups.seq })
    .from(communityMembers)
    .innerJoin(communities, eq(communities.id, communityMembers.communityId))
    .innerJoin(communityGroups, eq(communityGroups.id, communityMembers.groupId))
    .where(and(eq(communityMembers.userId, user.userId), isNull(communityMembers.leftAt)))
    .orderBy(desc(communityMembers.joinedAt))
    .limit(200);
  const cards = await toCards(
    ctx.db,
    memberships.map((r) => r.c),
  );
  const unread = await Promise.all(
    memberships.map(async ({ m }) => {
      const [row] = await ctx.db
        .select({ n: count() })
        .from(chatMessages)
        .where(
          and(
            eq(chatMessages.groupId, m.groupId),
            m.lastReadMessageId ? gt(chatMessages.id, m.lastReadMessageId) : undefined,
            isNull(chatMessages.removedAt),
          ),
        );
      return Math.min(row?.n ?? 0, 99);
    }),
  );
  return memberships.map(({ m, groupSeq }, i) => ({
    ...cards[i]!,
    groupId: m.groupId,
    groupSeq,
    tier: m.tier,
    role: m.role,
    source: m.source,
    joinedAt: m.joinedAt.toISOString(),
    unread: unread[i]!,
  }));
}

/** One community as the viewer sees it: the card, their standing, their group, and (for admins) the groups. */
export async function communityDetail(ctx: Ctx, communityId: string) {
  const community = await loadCommunity(ctx.db, communityId);
  const [card] = await toCards(ctx.db, [community]);
  const { standing, member } = await standingIn(ctx.db, ctx.actor, community);
  const seesGroups = standing === 'owner' || standing === 'admin' || standing === 'moderator';
  const groups = seesGroups ? await groupsOf(ctx.db, communityId) : [];
  const pending =
    ctx.actor.kind === 'user' && !member
      ? await ctx.db
          .select({ id: communityApplications.id })
          .from(communityApplications)
          .where(
            and(
              eq(communityApplications.communityId, communityId),
              eq(communityApplications.userId, ctx.actor.userId),
              eq(communityApplications.status, 'pending'),
            ),
          )
      : [];
  return {
    ...card!,
    standing,
    membership: member
      ? {
          groupId: member.groupId,
          tier: member.tier,
          role: member.role,
          joinedAt: member.joinedAt.toISOString(),
          mutedUntil: member.mutedUntil && member.mutedUntil > ctx.now() ? member.mutedUntil.toISOString() : null,
        }
      : null,
    applicationPending: pending.length > 0,
    groups,
  };
}

async function groupsOf(db: Db, communityId: string) {
  const rows = await db
    .select()
    .from(communityGroups)
    .where(eq(communityGroups.communityId, communityId))
    .orderBy(asc(communityGroups.seq));
  return rows.map((g) => ({
    id: g.id,
    seq: g.seq,
    memberCount: g.memberCount,
    capacity: g.capacity,
    createdAt: g.createdAt.toISOString(),
  }));
}

/** The console's list: the acting merchant's communities with their groups and member counts. */
export async function merchantCommunities(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const rows = await ctx.db
    .select()
    .from(communities)
    .where(eq(communities.merchantId, merchantId))
    .orderBy(desc(communities.exclusive), asc(communities.createdAt));
  const cards = await toCards(ctx.db, rows);
  const groups = rows.length
    ? await ctx.db
        .select()
        .from(communityGroups)
        .where(
          inArray(
            communityGroups.communityId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(communityGroups.seq))
    : [];
  const pending = rows.length
    ? await ctx.db
        .select({ communityId: communityApplications.communityId, n: sql<number>`count(*)::int` })
        .from(communityApplications)
        .where(
          and(
            inArray(
              communityApplications.communityId,
              rows.map((r) => r.id),
            ),
            eq(communityApplications.status, 'pending'),
          ),
        )
        .groupBy(communityApplications.communityId)
    : [];
  return cards.map((c) => ({
    ...c,
    groups: groups
      .filter((g) => g.communityId === c.id)
      .map((g) => ({
        id: g.id,
        seq: g.seq,
        memberCount: g.memberCount,
        capacity: g.capacity,
        createdAt: g.createdAt.toISOString(),
      })),
    pendingApplications: pending.find((p) => p.communityId === c.id)?.n ?? 0,
  }));
}

export async function listApplications(ctx: Ctx, communityId: string) {
  const community = await loadCommunity(ctx.db, communityId);
  await requireStanding(ctx.db, ctx.actor, community, 'admin');
  const rows = await ctx.db
    .select()
    .from(communityApplications)
    .where(and(eq(communityApplications.communityId, communityId), eq(communityApplications.status, 'pending')))
    .orderBy(asc(communityApplications.createdAt))
    .limit(100);
  const profiles = await publicProfiles(
    ctx.db,
    rows.map((r) => r.userId),
  );
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    nickname: profiles.get(r.userId)?.nickname ?? '好物用户',
    message: r.message,
    createdAt: r.createdAt.toISOString(),
  }));
}
