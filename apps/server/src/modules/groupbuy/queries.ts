import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { requireUser } from '../../platform/auth.ts';
import { notFound } from '../../platform/errors.ts';
import { orderNosOf } from '../orders/api.ts';
import { loadCampaignForStaff } from './campaigns.ts';
import { groupBuyCampaigns, groupBuyGroups, groupBuyMembers, type GroupStatus, type MemberStatus } from './schema.ts';
import { type CampaignDto, campaignViews, type GroupDto, groupViews, joinableGroups } from './views.ts';

interface MySeatDto {
  memberId: string;
  status: MemberStatus;
  orderId: string;
  checkoutId: string;
  payAmount: number;
  isLeader: boolean;
}

export interface GroupPageDto {
  group: GroupDto;
  campaign: CampaignDto;
  /** The signed-in viewer's own live seat in this group, if any. */
  mySeat: MySeatDto | null;
}

const seatOf = (m: typeof groupBuyMembers.$inferSelect): MySeatDto => ({
  memberId: m.id,
  status: m.status,
  orderId: m.orderId,
  checkoutId: m.checkoutId,
  payAmount: m.payAmount,
  isLeader: m.isLeader,
});

/** A group's share page: progress, real members, countdown. Anyone with the link may look. */
export async function getGroupPage(ctx: Ctx, groupId: string): Promise<GroupPageDto> {
  const [group] = await ctx.db.select().from(groupBuyGroups).where(eq(groupBuyGroups.id, groupId));
  if (!group) throw notFound('拼团');
  const viewerId = ctx.actor.kind === 'user' ? ctx.actor.userId : undefined;
  // A pending group (leader not paid yet) is only visible to its leader.
  if (group.status === 'pending' && group.leaderId !== viewerId) throw notFound('拼团');
  const [campaign] = await ctx.db.select().from(groupBuyCampaigns).where(eq(groupBuyCampaigns.id, group.campaignId));
  const [mine] = viewerId
    ? await ctx.db
        .select()
        .from(groupBuyMembers)
        .where(and(eq(groupBuyMembers.groupId, groupId), eq(groupBuyMembers.userId, viewerId)))
        .orderBy(desc(groupBuyMembers.id))
        .limit(1)
    : [];
  return {
    group: (await groupViews(ctx.db, [group]))[0]!,
    campaign: (await campaignViews(ctx.db, [campaign!], ctx.now()))[0]!,
    mySeat: mine ? seatOf(mine) : null,
  };
}

export interface ProductGroupBuyDto extends CampaignDto {
  /** Open groups with seats left, closest to filling first. */
  openGroups: GroupDto[];
}

/** The live group-buy campaigns of a product, each with groups a shopper can join. */
export async function productGroupBuys(ctx: Ctx, productId: string): Promise<{ items: ProductGroupBuyDto[] }> {
  const now = ctx.now();
  const rows = await ctx.db
    .select()
    .from(groupBuyCampaigns)
    .where(and(eq(groupBuyCampaigns.productId, productId), eq(groupBuyCampaigns.status, 'active')))
    .orderBy(desc(groupBuyCampaigns.id));
  const views = (await campaignViews(ctx.db, rows, now)).filter((c) => c.live);
  const items: ProductGroupBuyDto[] = [];
  for (const c of views)
    items.push({ ...c, openGroups: await groupViews(ctx.db, await joinableGroups(ctx.db, c.id, now)) });
  return { items };
}

export interface MyGroupBuyDto {
  seat: MySeatDto;
  group: GroupDto;
  campaign: CampaignDto;
}

/** The shopper's group buys (every seat they took, also released ones), newest first. */
export async function listMyGroupBuys(
  ctx: Ctx,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: MyGroupBuyDto[]; nextCursor: string | null }> {
  const user = requireUser(ctx.actor);
  const limit = query.limit ?? 10;
  const rows = await ctx.db
    .select()
    .from(groupBuyMembers)
    .where(
      and(eq(groupBuyMembers.userId, user.userId), query.cursor ? lt(groupBuyMembers.id, query.cursor) : undefined),
    )
    .orderBy(desc(groupBuyMembers.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: await seatsWithGroups(ctx, page),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

async function seatsWithGroups(ctx: Ctx, seats: (typeof groupBuyMembers.$inferSelect)[]): Promise<MyGroupBuyDto[]> {
  if (seats.length === 0) return [];
  const groups = await ctx.db
    .select()
    .from(groupBuyGroups)
    .where(
      inArray(
        groupBuyGroups.id,
        seats.map((s) => s.groupId),
      ),
    );
  const campaigns = await ctx.db
    .select()
    .from(groupBuyCampaigns)
    .where(inArray(groupBuyCampaigns.id, [...new Set(groups.map((g) => g.campaignId))]));
  const groupDtos = new Map((await groupViews(ctx.db, groups)).map((g) => [g.id, g]));
  const campaignDtos = new Map((await campaignViews(ctx.db, campaigns, ctx.now())).map((c) => [c.id, c]));
  return seats.map((s) => ({
    seat: seatOf(s),
    group: groupDtos.get(s.groupId)!,
    campaign: campaignDtos.get(s.campaignId)!,
  }));
}

export interface StaffGroupDto extends GroupDto {
  members: (GroupDto['members'][number] & { orderId: string; orderNo: string; refundedAfterSuccess: boolean })[];
}

/** A campaign's groups for its merchant (or an operator), newest first, optionally by status, with members' orders. */
export async function listCampaignGroups(
  ctx: Ctx,
  campaignId: string,
  query: { status?: GroupStatus | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: StaffGroupDto[]; nextCursor: string | null }> {
  await loadCampaignForStaff(ctx, campaignId);
  const limit = query.limit ?? 20;
  const rows = await ctx.db
    .select()
    .from(groupBuyGroups)
    .where(
      and(
        eq(groupBuyGroups.campaignId, campaignId),
        query.status ? eq(groupBuyGroups.status, query.status) : undefined,
        query.cursor ? lt(groupBuyGroups.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(groupBuyGroups.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const views = await groupViews(ctx.db, page);
  const members = page.length
    ? await ctx.db
        .select()
        .from(groupBuyMembers)
        .where(
          inArray(
            groupBuyMembers.groupId,
            page.map((g) => g.id),
          ),
        )
        .orderBy(groupBuyMembers.id)
    : [];
  const orderNos = await orderNosOf(
    ctx.db,
    members.map((m) => m.orderId),
  );
  const items = views.map((g) => {
    const live = members.filter((m) => m.groupId === g.id && m.status !== 'released');
    return {
      ...g,
      members: g.members.map((m, i) => ({
        ...m,
        orderId: live[i]!.orderId,
        orderNo: orderNos.get(live[i]!.orderId) ?? live[i]!.orderId,
        refundedAfterSuccess: live[i]!.refundedAfterSuccess,
      })),
    };
  });
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}
