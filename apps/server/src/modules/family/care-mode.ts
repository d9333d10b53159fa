import { and, eq, or } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { familyBindings, careModePreferences } from './schema.ts';

export interface CareMode {
  enabled: boolean;
  voicePrices: boolean;
  /** Who switched it last: 'self', or the family member's nickname side ('family'). */
  setBy: 'self' | 'family' | null;
}

async function read(ctx: Ctx, userId: string): Promise<CareMode> {
  const [p] = await ctx.db.select().from(careModePreferences).where(eq(careModePreferences.userId, userId));
  if (!p) return { enabled: false, voicePrices: false, setBy: null };
  return { enabled: p.enabled, voicePrices: p.voicePrices, setBy: p.updatedBy === userId ? 'self' : 'family' };
}

async function write(ctx: Ctx, userId: string, by: string, input: { enabled: boolean; voicePrices: boolean }) {
  const values = { ...input, updatedBy: by, updatedAt: ctx.now() };
  await ctx.db
    .insert(careModePreferences)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: careModePreferences.userId, set: values });
  return read(ctx, userId);
}

/** The signed-in user's 关怀模式 (off until switched on). */
export async function myCareMode(ctx: Ctx): Promise<CareMode> {
  return read(ctx, requireUser(ctx.actor).userId);
}

export async function setMyCareMode(ctx: Ctx, input: { enabled: boolean; voicePrices: boolean }): Promise<CareMode> {
  const user = requireUser(ctx.actor);
  return write(ctx, user.userId, user.userId, input);
}

/** A bound family member (either side of an active binding) switches it for the other. */
export async function setFamilyCareMode(
  ctx: Ctx,
  bindingId: string,
  input: { enabled: boolean; voicePrices: boolean },
): Promise<CareMode> {
  const user = requireUser(ctx.actor);
  const [b] = await ctx.db
    .select()
    .from(familyBindings)
    .where(
      and(
        eq(familyBindings.id, bindingId),
        eq(familyBindings.status, 'active'),
        or(eq(familyBindings.childId, user.userId), eq(familyBindings.parentId, user.userId)),
      ),
    );
  if (!b) throw notFound('亲情付', bindingId);
  return write(ctx, b.childId === user.userId ? b.parentId : b.childId, user.userId, input);
}

/** What the family member sees in the binding's card. */
export async function familyCareMode(ctx: Ctx, bindingId: string): Promise<CareMode> {
  const user = requireUser(ctx.actor);
  const [b] = await ctx.db
    .select()
    .from(familyBindings)
    .where(
      and(
        eq(familyBindings.id, bindingId),
        eq(familyBindings.status, 'active'),
        or(eq(familyBindings.childId, user.userId), eq(familyBindings.parentId, user.userId)),
      ),
    );
  if (!b) throw notFound('亲情付', bindingId);
  return read(ctx, b.childId === user.userId ? b.parentId : b.childId);
}
