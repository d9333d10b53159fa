// 店铺员工: a shop's owner invites sub-accounts by phone, changes their role and removes them; every change is kept
// in staff_role_changes with the shop's id, beside the platform's own (docs/SECURITY.md "Merchant roles").
import { and, desc, eq, lt } from 'drizzle-orm';
import { actingMerchant, MERCHANT_ROLE_LABELS, type MerchantRole, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  createUser,
  findUserIdByPhone,
  listMerchantStaff,
  merchantRoleCatalogue,
  merchantRoleOfUser,
  publicProfiles,
  removeMerchantStaff,
  setMerchantRole,
} from '../accounts/api.ts';
import { staffRoleChanges } from './schema.ts';

/** The roles an owner hands out; 店主 comes with the shop (its application), never by invitation. */
export type SubAccountRole = Exclude<MerchantRole, 'owner'>;

const refuse = refusals({
  'already-member': [409, '该手机号已是本店员工，请直接修改岗位'],
  'not-member': [404, '该账号不是本店员工'],
  'owner-fixed': [409, '店主的岗位不能修改或移除'],
});

const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

export function merchantRoles() {
  return { items: merchantRoleCatalogue() };
}

export async function listShopStaff(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'staff.manage');
  const staff = await listMerchantStaff(ctx.deps, ctx.db, merchantId);
  return {
    items: staff.map((s) => ({
      userId: s.userId,
      phone: maskPhone(s.phone),
      nickname: s.nickname,
      role: s.role,
      roleLabel: MERCHANT_ROLE_LABELS[s.role],
      since: s.since.toISOString(),
    })),
  };
}

/** Invites by phone: an existing account joins the shop, an unknown phone gets an account it signs in to by SMS. */
export async function inviteShopStaff(
  ctx: Ctx,
  input: { phone: string; nickname?: string; role: SubAccountRole },
): Promise<Result<{ userId: string; role: MerchantRole }>> {
  const owner = actingMerchant(ctx.actor, ctx.merchantHint, 'staff.manage');
  const actorId = requireUser(ctx.actor).userId;
  return ctx.tx(async (db) => {
    let userId = await findUserIdByPhone(ctx.deps, db, input.phone);
    if (userId && (await merchantRoleOfUser(db, userId, owner.merchantId))) return refuse('already-member');
    if (!userId) {
      ({ id: userId } = await createUser(ctx.deps, db, {
        phone: input.phone,
        now: ctx.now(),
        nickname: input.nickname,
      }));
    }
    await setMerchantRole(ctx.deps, db, { userId, merchantId: owner.merchantId, role: input.role, now: ctx.now() });
    await record(db, ctx, {
      merchantId: owner.merchantId,
      userId,
      by: actorId,
      action: 'invite',
      before: [],
      after: [input.role],
    });
    return ok({ userId, role: input.role });
  });
}

export async function changeShopStaffRole(
  ctx: Ctx,
  userId: string,
  role: SubAccountRole,
): Promise<Result<{ userId: string; role: MerchantRole }>> {
  const owner = actingMerchant(ctx.actor, ctx.merchantHint, 'staff.manage');
  const actorId = requireUser(ctx.actor).userId;
  return ctx.tx(async (db) => {
    const before = await merchantRoleOfUser(db, userId, owner.merchantId);
    if (!before) return refuse('not-member');
    if (before === 'owner') return refuse('owner-fixed');
    if (before === role) return ok({ userId, role });
    await setMerchantRole(ctx.deps, db, { userId, merchantId: owner.merchantId, role, now: ctx.now() });
    await record(db, ctx, {
      merchantId: owner.merchantId,
      userId,
      by: actorId,
      action: 'assign',
      before: [before],
      after: [role],
    });
    return ok({ userId, role });
  });
}

/** Removes a sub-account from the shop (their own account stays); an owner cannot remove themself or another owner. */
export async function removeShopStaff(ctx: Ctx, userId: string): Promise<Result<{ userId: string }>> {
  const owner = actingMerchant(ctx.actor, ctx.merchantHint, 'staff.manage');
  const actorId = requireUser(ctx.actor).userId;
  return ctx.tx(async (db) => {
    const before = await merchantRoleOfUser(db, userId, owner.merchantId);
    if (!before) return refuse('not-member');
    if (before === 'owner') return refuse('owner-fixed', userId === actorId ? '不能移除自己' : undefined);
    await removeMerchantStaff(ctx.deps, db, userId, owner.merchantId);
    await record(db, ctx, {
      merchantId: owner.merchantId,
      userId,
      by: actorId,
      action: 'revoke',
      before: [before],
      after: [],
    });
    return ok({ userId });
  });
}

export async function listShopRoleChanges(ctx: Ctx, page: { cursor?: string; limit: number }) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'staff.manage');
  const rows = await ctx.db
    .select()
    .from(staffRoleChanges)
    .where(
      and(eq(staffRoleChanges.merchantId, merchantId), page.cursor ? lt(staffRoleChanges.id, page.cursor) : undefined),
    )
    .orderBy(desc(staffRoleChanges.id))
    .limit(page.limit + 1);
  const names = await publicProfiles(ctx.db, [...new Set(rows.flatMap((r) => [r.staffUserId, r.changedBy]))]);
  const items = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    staffUserId: r.staffUserId,
    staffName: names.get(r.staffUserId)?.nickname ?? r.staffUserId,
    changedByName: names.get(r.changedBy)?.nickname ?? r.changedBy,
    action: r.action,
    rolesBefore: r.rolesBefore as MerchantRole[],
    rolesAfter: r.rolesAfter as MerchantRole[],
    at: r.at.toISOString(),
  }));
  return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
}

async function record(
  db: Db,
  ctx: Ctx,
  c: {
    merchantId: string;
    userId: string;
    by: string;
    action: 'invite' | 'assign' | 'revoke';
    before: MerchantRole[];
    after: MerchantRole[];
  },
): Promise<void> {
  await db.insert(staffRoleChanges).values({
    id: newId('src'),
    staffUserId: c.userId,
    changedBy: c.by,
    merchantId: c.merchantId,
    action: c.action,
    rolesBefore: c.before,
    rolesAfter: c.after,
    at: ctx.now(),
  });
}
