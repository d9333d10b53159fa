// Platform staff accounts as the accounts module keeps them: their roles live in users.roles and a session's
// second factor in sessions.second_factor_at. Who may change them, and the audit of it, is the staff module's.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { normaliseRoles, PLATFORM_ROLES, type PlatformRole, type Role } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { sessions, users } from './schema.ts';
import { forgetCachedActors } from './service.ts';

export interface PlatformStaffAccount {
  userId: string;
  phone: string;
  nickname: string;
  roles: PlatformRole[];
}

const platformRoles = (stored: string[]): PlatformRole[] =>
  normaliseRoles(stored).filter((r): r is PlatformRole => (PLATFORM_ROLES as readonly Role[]).includes(r));

/** Everyone holding a platform role (stored `operator` included), oldest first. */
export async function listPlatformStaff(deps: Pick<Deps, 'fieldCrypto'>, db: Db): Promise<PlatformStaffAccount[]> {
  const rows = await db
    .select({ userId: users.id, phone: users.phone, nickname: users.nickname, roles: users.roles })
    .from(users)
    .where(sql`${users.roles} && ${sql.param(['operator', ...PLATFORM_ROLES])}::text[]`)
    .orderBy(users.createdAt, users.id);
  return rows.map((r) => ({ ...r, phone: deps.fieldCrypto.open(r.phone), roles: platformRoles(r.roles) }));
}

export async function platformRolesOfUser(db: Db, userId: string): Promise<PlatformRole[] | undefined> {
  const [row] = await db.select({ roles: users.roles }).from(users).where(eq(users.id, userId));
  return row ? platformRoles(row.roles) : undefined;
}

/** Replaces a user's platform roles (an empty list revokes them all); the consumer role is untouched. */
export async function setPlatformRoles(deps: Deps, db: Db, userId: string, roles: PlatformRole[]): Promise<void> {
  const [row] = await db.select({ roles: users.roles }).from(users).where(eq(users.id, userId));
  if (!row) return;
  const kept = row.roles.filter((r) => r !== 'operator' && !(PLATFORM_ROLES as readonly string[]).includes(r));
  await db
    .update(users)
    .set({ roles: [...kept, ...roles] })
    .where(eq(users.id, userId));
  forgetCachedActors(deps, userId);
}

/** Marks the session as having passed the staff second factor. */
export async function markSecondFactor(deps: Deps, db: Db, sessionId: string, userId: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ secondFactorAt: at })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  forgetCachedActors(deps, userId);
}

/** Signs a staff member out everywhere (roles revoked): their sessions end at once. */
export async function endSessionsOf(deps: Deps, db: Db, userId: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  forgetCachedActors(deps, userId);
}
