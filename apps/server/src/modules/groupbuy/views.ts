import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { publicProfiles } from '../accounts/api.ts';
import { type CampaignBaseDto, campaignViews as baseCampaignViews } from '../orders/api.ts';
import { groupBuyCampaigns, groupBuyGroups, groupBuyMembers, type GroupStatus, type MemberStatus } from './schema.ts';

type CampaignRow = typeof groupBuyCampaigns.$inferSelect;
type GroupRow = typeof groupBuyGroups.$inferSelect;

export interface CampaignDto extends CampaignBaseDto {
  groupSize: number;
  groupPrice: number;
  perUserLimit: number | null;
  newUserSeats: number;
}

export const campaignViews = (db: Db, rows: CampaignRow[], now: Date): Promise<CampaignDto[]> =>
  baseCampaignViews(db, rows, now, (r) => ({
    groupSize: r.groupSize,
    groupPrice: r.groupPrice,
    perUserLimit: r.perUserLimit,
    newUserSeats: r.newUserSeats,
  }));

interface MemberDto {
  nickname: string;
  avatarUrl: string | null;
  isLeader: boolean;
  /** Only paid seats count towards the group; a reserved seat is waiting for its payment. */
  status: MemberStatus;
  joinedAt: string;
  paidAt: string | null;
}

export interface GroupDto {
  id: string;
  campaignId: string;
  status: GroupStatus;
  size: number;
  seatsTaken: number;
  paidCount: number;
  seatsLeft: number;
  newUserSeats: number;
  openedAt: string | null;
  expiresAt: string | null;
  succeededAt: string | null;
  failedAt: string | null;
  leaderNickname: string;
  /** Real members with a live seat (reserved or paid), in the order they joined. Never padded. */
  members: MemberDto[];
}

/** Groups with their members' public names; released seats are left out. */
export async function groupViews(db: Db, groups: GroupRow[]): Promise<GroupDto[]> {
  if (groups.length === 0) return [];
  const members = await db
    .select()
    .from(groupBuyMembers)
    .where(
      inArray(
        groupBuyMembers.groupId,
        groups.map((g) => g.id),
      ),
    )
    .orderBy(asc(groupBuyMembers.id));
  const live = members.filter((m) => m.status !== 'released');
  const profiles = await publicProfiles(db, [
    ...new Set([...live.map((m) => m.userId), ...groups.map((g) => g.leaderId)]),
  ]);
  return groups.map((g) => ({
    id: g.id,
    campaignId: g.campaignId,
    status: g.status,
    size: g.size,
    seatsTaken: g.seatsTaken,
    paidCount: g.paidCount,
    seatsLeft: g.size - g.seatsTaken,
    newUserSeats: g.newUserSeats,
    openedAt: g.openedAt?.toISOString() ?? null,
    expiresAt: g.expiresAt?.toISOString() ?? null,
    succeededAt: g.succeededAt?.toISOString() ?? null,
    failedAt: g.failedAt?.toISOString() ?? null,
    leaderNickname: profiles.get(g.leaderId)?.nickname ?? '团长',
    members: live
      .filter((m) => m.groupId === g.id)
      .map((m) => ({
        nickname: profiles.get(m.userId)?.nickname ?? '用户',
        avatarUrl: profiles.get(m.userId)?.avatarUrl ?? null,
        isLeader: m.isLeader,
        status: m.status,
        joinedAt: m.joinedAt.toISOString(),
        paidAt: m.paidAt?.toISOString() ?? null,
      })),
  }));
}

/** Open groups of a campaign that still have seats, the ones closest to filling first. */
export async function joinableGroups(db: Db, campaignId: string, now: Date, limit = 5): Promise<GroupRow[]> {
  const rows = await db
    .select()
    .from(groupBuyGroups)
    .where(and(eq(groupBuyGroups.campaignId, campaignId), eq(groupBuyGroups.status, 'open')))
    .orderBy(desc(groupBuyGroups.seatsTaken), asc(groupBuyGroups.expiresAt))
    .limit(50);
  return rows.filter((g) => g.seatsTaken < g.size && g.expiresAt! > now).slice(0, limit);
}
