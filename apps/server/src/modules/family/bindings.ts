import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { findUserIdByPhone, publicProfiles } from '../accounts/api.ts';
import { getCategoryTree } from '../catalog/api.ts';
import { monthOf } from './rules.ts';
import { familyBindings, familyBudgetUsage, familyPayRequests } from './schema.ts';

const refuseBinding = refusals({
  'family-parent-not-found': [422, '该手机号还没有注册好物账号'],
  'family-self': [422, '不能绑定自己的账号'],
  'family-already-bound': '你们已经绑定或邀请中',
  'family-binding-not-pending': '该邀请已处理',
  'family-binding-not-active': '亲情付已解除',
  'family-category-unknown': [422, '所选类目不存在'],
});

type Binding = typeof familyBindings.$inferSelect;

export interface BindingView {
  id: string;
  role: 'child' | 'parent';
  status: Binding['status'];
  child: { id: string; nickname: string };
  parent: { id: string; nickname: string };
  monthlyBudget: number;
  allowedCategories: { id: string; name: string }[];
  month: string;
  usedThisMonth: number;
  remainingThisMonth: number;
  createdAt: string;
  acceptedAt: string | null;
}

async function topCategoryNames(ctx: Ctx): Promise<Map<string, string>> {
  return new Map((await getCategoryTree(ctx)).map((c) => [c.id, c.name]));
}

async function viewsOf(ctx: Ctx, rows: Binding[], me: string): Promise<BindingView[]> {
  const month = monthOf(ctx.now());
  const [profiles, names, usage] = await Promise.all([
    publicProfiles(ctx.db, [...new Set(rows.flatMap((b) => [b.childId, b.parentId]))]),
    topCategoryNames(ctx),
    rows.length === 0
      ? []
      : ctx.db
          .select()
          .from(familyBudgetUsage)
          .where(
            and(
              inArray(
                familyBudgetUsage.bindingId,
                rows.map((b) => b.id),
              ),
              eq(familyBudgetUsage.month, month),
            ),
          ),
  ]);
  const nick = (id: string) => ({ id, nickname: profiles.get(id)?.nickname ?? '好物用户' });
  return rows.map((b) => {
    const used = usage.find((u) => u.bindingId === b.id)?.used ?? 0;
    return {
      id: b.id,
      role: b.childId === me ? 'child' : 'parent',
      status: b.status,
      child: nick(b.childId),
      parent: nick(b.parentId),
      monthlyBudget: b.monthlyBudget,
      allowedCategories: b.allowedCategoryIds.map((id) => ({ id, name: names.get(id) ?? id })),
      month,
      usedThisMonth: used,
      remainingThisMonth: Math.max(0, b.monthlyBudget - used),
      createdAt: b.createdAt.toISOString(),
      acceptedAt: b.acceptedAt?.toISOString() ?? null,
    };
  });
}

async function checkCategories(ctx: Ctx, ids: string[]): Promise<boolean> {
  const names = await topCategoryNames(ctx);
  return ids.every((id) => names.has(id));
}

/** The child invites a parent by phone number, with the monthly budget and the categories it may be spent on. */
export async function inviteParent(
  ctx: Ctx,
  input: { parentPhone: string; monthlyBudget: number; allowedCategoryIds: string[] },
): Promise<Result<BindingView>> {
  const user = requireUser(ctx.actor);
  const parentId = await findUserIdByPhone(ctx.deps, ctx.db, input.parentPhone);
  if (!parentId) return refuseBinding('family-parent-not-found');
  if (parentId === user.userId) return refuseBinding('family-self');
  const categories = [...new Set(input.allowedCategoryIds)];
  if (!(await checkCategories(ctx, categories))) return refuseBinding('family-category-unknown');
  const row = await ctx.tx(async (tx) => {
    const [created] = await tx
      .insert(familyBindings)
      .values({
        id: newId('fam'),
        childId: user.userId,
        parentId,
        status: 'invited',
        monthlyBudget: input.monthlyBudget,
        allowedCategoryIds: categories,
        createdAt: ctx.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (created) await emit(tx, 'family.invited', { bindingId: created.id, childId: user.userId, parentId });
    return created;
  });
  if (!row) return refuseBinding('family-already-bound');
  return ok((await viewsOf(ctx, [row], user.userId))[0]!);
}

/** Either side's bindings, live ones first. */
export async function listBindings(ctx: Ctx): Promise<{ items: BindingView[] }> {
  const user = requireUser(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(familyBindings)
    .where(
      and(
        or(eq(familyBindings.childId, user.userId), eq(familyBindings.parentId, user.userId)),
        inArray(familyBindings.status, ['invited', 'active']),
      ),
    )
    .orderBy(familyBindings.createdAt);
  return { items: await viewsOf(ctx, rows, user.userId) };
}

async function ownBinding(ctx: Ctx, db: Db, id: string, side: 'child' | 'parent' | 'either'): Promise<Binding> {
  const user = requireUser(ctx.actor);
  const [b] = await db.select().from(familyBindings).where(eq(familyBindings.id, id)).for('update');
  const mine =
    b && ((side !== 'parent' && b.childId === user.userId) || (side !== 'child' && b.parentId === user.userId));
  if (!mine) throw notFound('亲情付', id);
  return b;
}

/** The parent accepts (or declines) the invitation. */
export async function answerInvitation(ctx: Ctx, id: string, accept: boolean): Promise<Result<BindingView>> {
  const user = requireUser(ctx.actor);
  const result = await ctx.tx(async (tx) => {
    const b = await ownBinding(ctx, tx, id, 'parent');
    if (b.status !== 'invited') return undefined;
    const [row] = await tx
      .update(familyBindings)
      .set(accept ? { status: 'active', acceptedAt: ctx.now() } : { status: 'declined', endedAt: ctx.now() })
      .where(eq(familyBindings.id, id))
      .returning();
    await emit(tx, accept ? 'family.bound' : 'family.declined', {
      bindingId: id,
      childId: b.childId,
      parentId: b.parentId,
    });
    return row;
  });
  if (!result) return refuseBinding('family-binding-not-pending');
  return ok((await viewsOf(ctx, [result], user.userId))[0]!);
}

/** The child changes the budget or categories; requests already open keep what they reserved. */
export async function updateBinding(
  ctx: Ctx,
  id: string,
  input: { monthlyBudget: number; allowedCategoryIds: string[] },
): Promise<Result<BindingView>> {
  const user = requireUser(ctx.actor);
  const categories = [...new Set(input.allowedCategoryIds)];
  const row = await ctx.tx(async (tx) => {
    const b = await ownBinding(ctx, tx, id, 'child');
    if (b.status !== 'invited' && b.status !== 'active') return undefined;
    const [updated] = await tx
      .update(familyBindings)
      .set({ monthlyBudget: input.monthlyBudget, allowedCategoryIds: categories })
      .where(eq(familyBindings.id, id))
      .returning();
    return updated;
  });
  if (!row) return refuseBinding('family-binding-not-active');
  if (!(await checkCategories(ctx, categories))) return refuseBinding('family-category-unknown');
  return ok((await viewsOf(ctx, [row], user.userId))[0]!);
}

/**
 * Either side ends the binding. Its open 亲情付 requests are cancelled and give their budget back; orders already
 * paid stay paid, and their refunds still go to the child who paid.
 */
export async function endBinding(ctx: Ctx, id: string): Promise<Result<{ id: string; status: 'ended' }>> {
  const user = requireUser(ctx.actor);
  const ended = await ctx.tx(async (tx) => {
    const b = await ownBinding(ctx, tx, id, 'either');
    if (b.status !== 'invited' && b.status !== 'active') return false;
    await tx.update(familyBindings).set({ status: 'ended', endedAt: ctx.now() }).where(eq(familyBindings.id, id));
    const open = await tx
      .update(familyPayRequests)
      .set({ status: 'cancelled', cancelReason: '亲情付已解除' })
      .where(and(eq(familyPayRequests.bindingId, id), eq(familyPayRequests.status, 'open')))
      .returning();
    for (const r of open) await releaseBudget(tx, id, r.month!, r.amount);
    await emit(tx, 'family.unbound', { bindingId: id, childId: b.childId, parentId: b.parentId, by: user.userId });
    return true;
  });
  if (!ended) return refuseBinding('family-binding-not-active');
  return ok({ id, status: 'ended' });
}

/**
 * Takes `amount` of the month's budget, or nothing when it would go over: one guarded statement, so of two orders
 * racing for the last of the budget exactly one gets it.
 */
export async function reserveBudget(db: Db, binding: Binding, month: string, amount: number): Promise<boolean> {
  await db.insert(familyBudgetUsage).values({ bindingId: binding.id, month, used: 0 }).onConflictDoNothing();
  const taken = await db
    .update(familyBudgetUsage)
    .set({ used: sql`${familyBudgetUsage.used} + ${amount}` })
    .where(
      and(
        eq(familyBudgetUsage.bindingId, binding.id),
        eq(familyBudgetUsage.month, month),
        sql`${familyBudgetUsage.used} + ${amount} <= ${binding.monthlyBudget}`,
      ),
    )
    .returning({ used: familyBudgetUsage.used });
  return taken.length > 0;
}

/** Gives budget back (a cancelled request, a refund), never below zero. */
export async function releaseBudget(db: Db, bindingId: string, month: string, amount: number): Promise<void> {
  await db
    .update(familyBudgetUsage)
    .set({ used: sql`greatest(0, ${familyBudgetUsage.used} - ${amount})` })
    .where(and(eq(familyBudgetUsage.bindingId, bindingId), eq(familyBudgetUsage.month, month)));
}

export async function usedIn(db: Db, bindingId: string, month: string): Promise<number> {
  const [u] = await db
    .select()
    .from(familyBudgetUsage)
    .where(and(eq(familyBudgetUsage.bindingId, bindingId), eq(familyBudgetUsage.month, month)));
  return u?.used ?? 0;
}
