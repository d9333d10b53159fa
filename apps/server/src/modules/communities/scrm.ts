import { and, asc, desc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { publicProfiles } from '../accounts/api.ts';
import { loadCommunity, requireStanding } from './access.ts';
import {
  communityGroups,
  communityMembers,
  marketingConsents,
  memberTags,
  type MemberTier,
  staffNotes,
} from './schema.ts';
import { timelineOf } from './timeline.ts';

/**
 * SCRM (private-domain member service) for the community's owner: the merchant's staff, or the creator.
 * Members' behaviour is recorded by the use-cases themselves (timeline.ts); here staff read it, tag people,
 * and keep notes for 1:1 service.
 */

export interface Segment {
  tiers: MemberTier[];
  tags: string[];
}

/** Active members matching a segment: any of the tiers (none = all tiers), carrying any of the tags (none = no filter). */
export function segmentFilter(db: Db, communityId: string, segment: Segment): SQL | undefined {
  const tagged = segment.tags.length
    ? db
        .select({ userId: memberTags.userId })
        .from(memberTags)
        .where(and(eq(memberTags.communityId, communityId), inArray(memberTags.tag, segment.tags)))
    : undefined;
  return and(
    eq(communityMembers.communityId, communityId),
    isNull(communityMembers.leftAt),
    segment.tiers.length ? inArray(communityMembers.tier, segment.tiers) : undefined,
    tagged ? inArray(communityMembers.userId, tagged) : undefined,
  );
}

export async function listMembers(
  ctx: Ctx,
  communityId: string,
  q: { tier?: MemberTier | undefined; tag?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const community = await loadCommunity(ctx.db, communityId);
  await requireStanding(ctx.db, ctx.actor, community, 'owner');
  const tagged = q.tag
    ? ctx.db
        .select({ userId: memberTags.userId })
        .from(memberTags)
        .where(and(eq(memberTags.communityId, communityId), eq(memberTags.tag, q.tag)))
    : undefined;
  const rows = await ctx.db
    .select({ m: communityMembers, groupSeq: communityGroups.seq })
    .from(communityMembers)
    .innerJoin(communityGroups, eq(communityGroups.id, communityMembers.groupId))
    .where(
      and(
        eq(communityMembers.communityId, communityId),
        isNull(communityMembers.leftAt),
        q.tier ? eq(communityMembers.tier, q.tier) : undefined,
        tagged ? inArray(communityMembers.userId, tagged) : undefined,
        q.cursor ? gt(communityMembers.userId, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(communityMembers.userId))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.m.userId);
  const [profiles, tags, consents] = await Promise.all([
    publicProfiles(ctx.db, ids),
    tagsOf(ctx.db, communityId, ids),
    consentOf(ctx.db, ids),
  ]);
  const items = page.map(({ m, groupSeq }) => ({
    userId: m.userId,
    nickname: profiles.get(m.userId)?.nickname ?? '好物用户',
    avatarUrl: profiles.get(m.userId)?.avatarUrl ?? null,
    tier: m.tier,
    role: m.role,
    groupSeq,
    source: m.source,
    joinedAt: m.joinedAt.toISOString(),
    mutedUntil: m.mutedUntil && m.mutedUntil > ctx.now() ? m.mutedUntil.toISOString() : null,
    tags: tags.get(m.userId) ?? [],
    marketingConsent: consents.get(m.userId) ?? false,
  }));
  return { items, nextCursor: rows.length > q.limit ? ids[ids.length - 1]! : null };
}

/** One member's SCRM card: profile, tags, staff notes and the first page of the timeline. */
export async function memberProfile(
  ctx: Ctx,
  communityId: string,
  userId: string,
  page: { cursor?: string | undefined; limit: number },
) {
  const community = await loadCommunity(ctx.db, communityId);
  await requireStanding(ctx.db, ctx.actor, community, 'owner');
  const [m] = await ctx.db
    .select()
    .from(communityMembers)
    .where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.userId, userId)));
  if (!m) throw notFound('社群成员');
  const [profiles, tags, consents, notes, timeline] = await Promise.all([
    publicProfiles(ctx.db, [userId]),
    tagsOf(ctx.db, communityId, [userId]),
    consentOf(ctx.db, [userId]),
    ctx.db
      .select()
      .from(staffNotes)
      .where(and(eq(staffNotes.communityId, communityId), eq(staffNotes.userId, userId)))
      .orderBy(desc(staffNotes.createdAt))
      .limit(50),
    timelineOf(ctx.db, communityId, userId, page),
  ]);
  const authors = await publicProfiles(ctx.db, [...new Set(notes.map((n) => n.authorId))]);
  return {
    userId,
    nickname: profiles.get(userId)?.nickname ?? '好物用户',
    avatarUrl: profiles.get(userId)?.avatarUrl ?? null,
    tier: m.tier,
    role: m.role,
    active: m.leftAt === null,
    joinedAt: m.joinedAt.toISOString(),
    leftAt: m.leftAt?.toISOString() ?? null,
    marketingConsent: consents.get(userId) ?? false,
    tags: tags.get(userId) ?? [],
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      author: authors.get(n.authorId)?.nickname ?? '店员',
      createdAt: n.createdAt.toISOString(),
    })),
    timeline,
  };
}

export async function setMemberTags(ctx: Ctx, communityId: string, userId: string, tags: string[]) {
  return ctx.tx(async (tx) => {
    const community = await loadCommunity(tx, communityId);
    await requireStanding(tx, ctx.actor, community, 'owner');
    await tx.delete(memberTags).where(and(eq(memberTags.communityId, communityId), eq(memberTags.userId, userId)));
    const unique = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
    if (unique.length)
      await tx.insert(memberTags).values(unique.map((tag) => ({ communityId, userId, tag, createdAt: ctx.now() })));
    return { tags: unique };
  });
}

export async function addStaffNote(ctx: Ctx, communityId: string, userId: string, body: string) {
  const author = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const community = await loadCommunity(tx, communityId);
    await requireStanding(tx, ctx.actor, community, 'owner');
    const id = newId('cnt');
    await tx
      .insert(staffNotes)
      .values({ id, communityId, userId, authorId: author.userId, body, createdAt: ctx.now() });
    return { id, createdAt: ctx.now().toISOString() };
  });
}

/** The community's tags in use, for the segment composer. */
export async function tagsInUse(ctx: Ctx, communityId: string) {
  const community = await loadCommunity(ctx.db, communityId);
  await requireStanding(ctx.db, ctx.actor, community, 'owner');
  const rows = await ctx.db
    .selectDistinct({ tag: memberTags.tag })
    .from(memberTags)
    .where(eq(memberTags.communityId, communityId))
    .orderBy(asc(memberTags.tag));
  return rows.map((r) => r.tag);
}

async function tagsOf(db: Db, communityId: string, userIds: string[]): Promise<Map<string, string[]>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(memberTags)
    .where(and(eq(memberTags.communityId, communityId), inArray(memberTags.userId, userIds)));
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.tag]);
  return map;
}

export async function consentOf(db: Db, userIds: string[]): Promise<Map<string, boolean>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select().from(marketingConsents).where(inArray(marketingConsents.userId, userIds));
  return new Map(rows.map((r) => [r.userId, r.consented]));
}
