// 员工与角色: super-admins invite platform staff by phone, change their roles and withdraw them; every change is
// kept in staff_role_changes (who changed whom, from what to what, when).
import { and, desc, isNull, lt } from 'drizzle-orm';
import { PLATFORM_ROLES, type PlatformRole, requireStaffPermission } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  createUser,
  endSessionsOf,
  findUserIdByPhone,
  listPlatformStaff,
  platformRolesOfUser,
  publicProfiles,
  setPlatformRoles,
} from '../accounts/api.ts';
import { ROLES, staffGrants } from './roles.ts';
import { staffRoleChanges, staffTotp } from './schema.ts';
import { inArray } from 'drizzle-orm';

const memberRefusals = refusals({
  'not-staff': [404, '该账号不是平台员工'],
  'own-super-admin': [409, '不能撤销自己的超级管理员角色'],
  'last-super-admin': [409, '至少要保留一名超级管理员'],
});

const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

export function roleCatalogue() {
  return {
    items: PLATFORM_ROLES.map((id) => ({
      id,
      label: ROLES[id].label,
      duty: ROLES[id].duty,
      permissions: [...ROLES[id].permissions],
      secondFactor: ROLES[id].secondFactor,
    })),
  };
}

export async function listStaff(ctx: Ctx) {
  requireStaffPermission(ctx.actor, 'staff.manage', staffGrants);
  const staff = await listPlatformStaff(ctx.deps, ctx.db);
  const totp = staff.length
    ? await ctx.db
        .select({ userId: staffTotp.staffUserId, confirmedAt: staffTotp.confirmedAt })
        .from(staffTotp)
        .where(
          inArray(
            staffTotp.staffUserId,
            staff.map((s) => s.userId),
          ),
        )
    : [];
  const enrolled = new Set(totp.filter((t) => t.confirmedAt).map((t) => t.userId));
  return {
    items: staff.map((s) => ({
      userId: s.userId,
      phone: maskPhone(s.phone),
      nickname: s.nickname,
      roles: s.roles,
      totpEnrolled: enrolled.has(s.userId),
    })),
  };
}

/** Invites by phone: an existing account gains the roles, an unknown phone gets an account it signs in to by SMS. */
export async function inviteStaff(ctx: Ctx, input: { phone: string; nickname?: string; roles: PlatformRole[] }) {
  const admin = requireStaffPermission(ctx.actor, 'staff.manage', staffGrants);
  return ctx.tx(async (db) => {
    let userId = await findUserIdByPhone(ctx.deps, db, input.phone);
    if (!userId) {
      ({ id: userId } = await createUser(ctx.deps, db, {
        phone: input.phone,
        now: ctx.now(),
        nickname: input.nickname,
      }));
    }
    const before = (await platformRolesOfUser(db, userId)) ?? [];
    const after = [...new Set([...before, ...input.roles])];
    await setPlatformRoles(ctx.deps, db, userId, after);
    await db.insert(staffRoleChanges).values({
      id: newId('src'),
      staffUserId: userId,
      changedBy: admin.userId,
      action: 'invite',
      rolesBefore: before,
      rolesAfter: after,
      at: ctx.now(),
    });
    return { userId, roles: after };
  });
}

/** Replaces a staff member's roles; an empty list withdraws them and ends their sessions. */
export async function assignRoles(
  ctx: Ctx,
  userId: string,
  roles: PlatformRole[],
): Promise<Result<{ userId: string; roles: PlatformRole[] }>> {
  const admin = requireStaffPermission(ctx.actor, 'staff.manage', staffGrants);
  return ctx.tx(async (db) => {
    const before = await platformRolesOfUser(db, userId);
    if (!before || before.length === 0) return memberRefusals('not-staff');
    const after = [...new Set(roles)];
    if (before.includes('super_admin') && !after.includes('super_admin')) {
      if (userId === admin.userId) return memberRefusals('own-super-admin');
      const supers = (await listPlatformStaff(ctx.deps, db)).filter((s) => s.roles.includes('super_admin'));
      if (supers.length <= 1) return memberRefusals('last-super-admin');
    }
    await setPlatformRoles(ctx.deps, db, userId, after);
    // Fewer rights take effect at once: the person signs in again under their new roles.
    if (before.some((r) => !after.includes(r))) await endSessionsOf(ctx.deps, db, userId, ctx.now());
    await db.insert(staffRoleChanges).values({
      id: newId('src'),
      staffUserId: userId,
      changedBy: admin.userId,
      action: after.length === 0 ? 'revoke' : 'assign',
      rolesBefore: before,
      rolesAfter: after,
      at: ctx.now(),
    });
    return ok({ userId, roles: after });
  });
}

export async function listRoleChanges(ctx: Ctx, page: { cursor?: string; limit: number }) {
  requireStaffPermission(ctx.actor, 'staff.manage', staffGrants);
  const rows = await ctx.db
    .select()
    .from(staffRoleChanges)
    .where(and(isNull(staffRoleChanges.merchantId), page.cursor ? lt(staffRoleChanges.id, page.cursor) : undefined))
    .orderBy(desc(staffRoleChanges.id))
    .limit(page.limit + 1);
  const names = await publicProfiles(ctx.db, [...new Set(rows.flatMap((r) => [r.staffUserId, r.changedBy]))]);
  const items = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    staffUserId: r.staffUserId,
    staffName: names.get(r.staffUserId)?.nickname ?? r.staffUserId,
    changedByName: names.get(r.changedBy)?.nickname ?? r.changedBy,
    action: r.action,
    rolesBefore: r.rolesBefore as PlatformRole[],
    rolesAfter: r.rolesAfter as PlatformRole[],
    at: r.at.toISOString(),
  }));
  return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
}
