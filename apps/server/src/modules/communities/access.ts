import { and, eq, isNull } from 'drizzle-orm';
import { type Actor, mayActFor, requireUser } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { communities, communityMembers } from './schema.ts';

export type Community = typeof communities.$inferSelect;
export type Member = typeof communityMembers.$inferSelect;

/**
 * Who someone is to a community, strongest first: 'owner' = staff of the owning merchant or the creator who
 * owns it (may see SCRM data); 'admin' and 'moderator' are members given those roles; 'member'; or nobody.
 */
export type Standing = 'owner' | 'admin' | 'moderator' | 'member' | 'none';
const RANK: Record<Standing, number> = { owner: 4, admin: 3, moderator: 2, member: 1, none: 0 };

export async function loadCommunity(db: Db, communityId: string): Promise<Community> {
  const [row] = await db.select().from(communities).where(eq(communities.id, communityId));
  if (!row) throw notFound('社群');
  return row;
}

async function activeMember(db: Db, communityId: string, userId: string): Promise<Member | undefined> {
  const [row] = await db
    .select()
    .from(communityMembers)
    .where(
      and(
        eq(communityMembers.communityId, communityId),
        eq(communityMembers.userId, userId),
        isNull(communityMembers.leftAt),
      ),
    );
  return row;
}

function isOwner(actor: Actor, community: Community): boolean {
  if (actor.kind !== 'user') return false;
  if (community.merchantId && mayActFor(actor, community.merchantId, 'marketing.manage')) return true;
  return community.ownerUserId === actor.userId;
}

export async function standingIn(
  db: Db,
  actor: Actor,
  community: Community,
): Promise<{ standing: Standing; member: Member | undefined }> {
  if (actor.kind !== 'user') return { standing: 'none', member: undefined };
  const member = await activeMember(db, community.id, actor.userId);
  if (isOwner(actor, community)) return { standing: 'owner', member };
  if (!member) return { standing: 'none', member };
  return { standing: member.role, member };
}

/** Throws 403 unless the actor stands at least `at` in the community. */
export async function requireStanding(db: Db, actor: Actor, community: Community, at: Exclude<Standing, 'none'>) {
  requireUser(actor);
  const found = await standingIn(db, actor, community);
  if (RANK[found.standing] < RANK[at]) {
    throw forbidden(
      at === 'member' ? '加入社群后才能查看和发言' : at === 'owner' ? '仅社群所属商家或创建者可用' : '仅社群管理员可用',
    );
  }
  return found;
}
