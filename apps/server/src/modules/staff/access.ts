// The staff access trail (docs/PRIVACY.md "Staff access trail"): every time platform staff read a person's data —
// an order's address, an unmasked phone — who, when, what and why is written here, in the same transaction as the
// read's answer is built. Auditors search it on 访问记录; the person sees which kinds of staff looked (role names,
// never staff identities) in 隐私中心.
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { type PlatformRole, requireOperator, requireStaffPermission } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { publicProfiles } from '../accounts/api.ts';
import { appendEntry } from '../transparency/api.ts';
import { watchAccess } from './access-watch.ts';
import { platformRolesOf, ROLES, staffGrants } from './roles.ts';
import { staffAccessLog } from './schema.ts';

/** What can be read, in the words the trail and the privacy centre show. */
export const ACCESS_ACTIONS = {
  'order.address': '查看订单收货信息（手机号脱敏）',
  'order.phone': '查看收货人完整手机号',
  'orders.export': '导出含收货地址的订单',
  'user.profile': '按手机号查询并查看用户资料（手机号脱敏）',
  'user.phone': '查看用户完整手机号',
} as const;
export type AccessAction = keyof typeof ACCESS_ACTIONS;

export async function recordAccess(
  ctx: Ctx,
  input: {
    subjectUserId: string | null;
    action: AccessAction;
    resource: string;
    reason?: string | null;
    /** People a bulk read covered (an export); 1 by default. */
    people?: number;
  },
): Promise<void> {
  const staff = requireOperator(ctx.actor);
  const id = newId('acc');
  const roles = platformRolesOf(staff.roles);
  const at = ctx.now();
  await ctx.tx(async (tx) => {
    await tx.insert(staffAccessLog).values({
      id,
      staffUserId: staff.userId,
      staffRoles: roles,
      subjectUserId: input.subjectUserId,
      action: input.action,
      resource: input.resource,
      reason: input.reason ?? null,
      people: input.people ?? 1,
      at,
    });
    // The public log (docs/TRANSPARENCY.md, kind `staff-access`) says that a kind of staff read a kind of field, and
    // when: the subject is this record's random id, which only the person is shown (隐私中心); no staff member,
    // person, order or reason is in it.
    await appendEntry(
      tx,
      { kind: 'staff-access', subjectId: id, payload: { roles: [...roles].sort().join(','), field: input.action } },
      at,
    );
  });
  await watchAccess(ctx.db, staff.userId, at);
}

const roleLabels = (roles: string[]) => roles.map((r) => ROLES[r as PlatformRole]?.label ?? r);

export async function searchAccessLog(
  ctx: Ctx,
  q: {
    staffUserId?: string;
    subjectUserId?: string;
    action?: AccessAction;
    from?: string;
    to?: string;
    cursor?: string;
    limit: number;
  },
) {
  requireStaffPermission(ctx.actor, 'audit.read', staffGrants);
  const where: (SQL | undefined)[] = [
    q.staffUserId ? eq(staffAccessLog.staffUserId, q.staffUserId) : undefined,
    q.subjectUserId ? eq(staffAccessLog.subjectUserId, q.subjectUserId) : undefined,
    q.action ? eq(staffAccessLog.action, q.action) : undefined,
    q.from ? gte(staffAccessLog.at, new Date(q.from)) : undefined,
    q.to ? lte(staffAccessLog.at, new Date(q.to)) : undefined,
    q.cursor ? lt(staffAccessLog.id, q.cursor) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(staffAccessLog)
    .where(and(...where))
    .orderBy(desc(staffAccessLog.id))
    .limit(q.limit + 1);
  const names = await publicProfiles(ctx.db, [...new Set(rows.map((r) => r.staffUserId))]);
  const items = rows.slice(0, q.limit).map((r) => ({
    id: r.id,
    staffUserId: r.staffUserId,
    staffName: names.get(r.staffUserId)?.nickname ?? r.staffUserId,
    staffRoles: roleLabels(r.staffRoles),
    subjectUserId: r.subjectUserId,
    action: r.action as AccessAction,
    actionLabel: ACCESS_ACTIONS[r.action as AccessAction] ?? r.action,
    resource: r.resource,
    reason: r.reason,
    people: r.people,
    at: r.at.toISOString(),
  }));
  return { items, nextCursor: rows.length > q.limit ? items.at(-1)!.id : null };
}

/** For the person themself (隐私中心): when, which kind of staff, what — never which staff member or why. */
export async function accessesOfSubject(db: Db, userId: string, page: { cursor?: string; limit: number }) {
  const rows = await db
    .select()
    .from(staffAccessLog)
    .where(and(eq(staffAccessLog.subjectUserId, userId), page.cursor ? lt(staffAccessLog.id, page.cursor) : undefined))
    .orderBy(desc(staffAccessLog.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    roles: roleLabels(r.staffRoles),
    what: ACCESS_ACTIONS[r.action as AccessAction] ?? r.action,
    at: r.at.toISOString(),
  }));
  return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
}
