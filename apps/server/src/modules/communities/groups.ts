import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { communities, communityGroups, communityMembers, type MemberTier } from './schema.ts';
import { recordTimeline } from './timeline.ts';

/**
 * Seats a new member in a group of at most `capacity`. Fast path: lock the lowest group with a free seat and take
 * it with a guarded increment. When every group is full, a per-community advisory lock lets only one joiner at a
 * time open the next group; whoever waited re-reads and takes a seat in it. The CHECK on member_count is the
 * last line: a group can never hold more than its capacity.
 */
async function takeSeat(tx: Db, communityId: string, now: Date): Promise<string> {
  const seated = await seatOrReleaseLocks(tx, communityId);
  if (seated) return seated;
  // Not a row lock on the community: members' foreign keys take KEY SHARE on that row, and a queued row lock there
  // makes those joiners wait on us while we wait on their group row — a deadlock PostgreSQL showed under load.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`community-groups:${communityId}`}))`);
  const [community] = await tx
    .select({ capacity: communities.groupCapacity })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!community) throw new Error(`community ${communityId} vanished while joining`);
  const again = await seatInOpenGroup(tx, communityId);
  if (again) return again;
  const [last] = await tx
    .select({ seq: communityGroups.seq })
    .from(communityGroups)
    .where(eq(communityGroups.communityId, communityId))
    .orderBy(desc(communityGroups.seq))
    .limit(1);
  const id = newId('cgp');
  await tx.insert(communityGroups).values({
    id,
    communityId,
    seq: (last?.seq ?? 0) + 1,
    capacity: community.capacity,
    memberCount: 1,
    createdAt: now,
  });
  return id;
}

const NO_SEAT = new Error('no open seat');

/**
 * The fast path inside a savepoint. A locking read that waited for a group and found it full on recheck still
 * holds that row's lock; rolling the savepoint back drops it, so we never wait for the slow-path lock while
 * holding a group row the slow path's holder may need (the other deadlock PostgreSQL showed).
 */
async function seatOrReleaseLocks(tx: Db, communityId: string): Promise<string | undefined> {
  try {
    return await tx.transaction(async (sp) => {
      const seat = await seatInOpenGroup(sp, communityId);
      if (!seat) throw NO_SEAT;
      return seat;
    });
  } catch (err) {
    if (err === NO_SEAT) return undefined;
    throw err;
  }
}

async function seatInOpenGroup(tx: Db, communityId: string): Promise<string | undefined> {
  const [open] = await tx
    .select({ id: communityGroups.id })
    .from(communityGroups)
    .where(and(eq(communityGroups.communityId, communityId), lt(communityGroups.memberCount, communityGroups.capacity)))
    .orderBy(asc(communityGroups.seq))
    .limit(1)
    .for('update');
  if (!open) return undefined;
  const [taken] = await tx
    .update(communityGroups)
    .set({ memberCount: sql`${communityGroups.memberCount} + 1` })
    .where(and(eq(communityGroups.id, open.id), lt(communityGroups.memberCount, communityGroups.capacity)))
    .returning({ id: communityGroups.id });
  return taken?.id;
}

export async function freeSeat(tx: Db, groupId: string): Promise<void> {
  await tx
    .update(communityGroups)
    .set({ memberCount: sql`greatest(${communityGroups.memberCount} - 1, 0)` })
    .where(eq(communityGroups.id, groupId));
}

export type JoinSource = 'join' | 'application' | 'order' | 'owner' | 'seed';

/**
 * Adds (or re-adds) a member. Serialised per (community, user) with a transaction advisory lock, so a double
 * tap or a join racing the auto-join never seats one person twice. Returns undefined when already a member.
 */
export async function admitMember(
  tx: Db,
  input: {
    communityId: string;
    userId: string;
    source: JoinSource;
    now: Date;
    tier?: MemberTier;
    role?: 'member' | 'admin';
  },
): Promise<{ groupId: string } | undefined> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`community-member:${input.communityId}:${input.userId}`}))`,
  );
  const [existing] = await tx
    .select({ leftAt: communityMembers.leftAt })
    .from(communityMembers)
    .where(and(eq(communityMembers.communityId, input.communityId), eq(communityMembers.userId, input.userId)));
  if (existing && !existing.leftAt) return undefined;
  const groupId = await takeSeat(tx, input.communityId, input.now);
  const row = {
    groupId,
    source: input.source,
    joinedAt: input.now,
    leftAt: null,
    mutedUntil: null,
    tier: input.tier ?? 'regular',
    role: input.role ?? 'member',
  } as const;
  if (existing) {
    await tx
      .update(communityMembers)
      .set(row)
      .where(and(eq(communityMembers.communityId, input.communityId), eq(communityMembers.userId, input.userId)));
  } else {
    await tx.insert(communityMembers).values({ communityId: input.communityId, userId: input.userId, ...row });
  }
  const how = {
    join: '加入社群',
    application: '申请通过后加入社群',
    order: '首次下单后自动加入专属社群',
    owner: '创建社群',
    seed: '加入社群（演示数据）',
  }[input.source];
  await recordTimeline(tx, {
    communityId: input.communityId,
    userId: input.userId,
    kind: 'joined',
    refId: groupId,
    detail: how,
    at: input.now,
  });
  return { groupId };
}
