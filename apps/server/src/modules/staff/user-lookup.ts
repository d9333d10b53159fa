// 用户查询 (docs/PRIVACY.md "Staff access trail"): staff with users.read find a person by their exact phone — one
// equality on the accounts module's blind index, never a scan of phones — and see the profile with the phone masked.
// Each search names its reason and goes on the trail; unmasking the phone is a second, separately recorded act.
import { requireStaffPermission } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { findUserIdByPhone, phonesOf, publicProfiles } from '../accounts/api.ts';
import { recordAccess } from './access.ts';
import { staffGrants } from './roles.ts';

const mask = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

export async function lookUpUser(ctx: Ctx, input: { phone: string; reason: string }) {
  requireStaffPermission(ctx.actor, 'users.read', staffGrants);
  const userId = await findUserIdByPhone(ctx.deps, ctx.db, input.phone);
  // A search that finds no one is recorded too: what was searched for is the staff member's act either way.
  await recordAccess(ctx, {
    subjectUserId: userId ?? null,
    action: 'user.profile',
    resource: userId ? `user:${userId}` : 'user:none',
    reason: input.reason,
  });
  if (!userId) throw notFound('用户');
  const profile = (await publicProfiles(ctx.db, [userId])).get(userId)!;
  return { userId, nickname: profile.nickname, avatarUrl: profile.avatarUrl, phone: mask(input.phone) };
}

export async function unmaskUserPhone(ctx: Ctx, userId: string, reason: string): Promise<{ phone: string }> {
  requireStaffPermission(ctx.actor, 'personal.unmask', staffGrants);
  const phone = (await phonesOf(ctx.deps, ctx.db, [userId])).get(userId);
  if (!phone) throw notFound('用户');
  await recordAccess(ctx, { subjectUserId: userId, action: 'user.phone', resource: `user:${userId}`, reason });
  return { phone };
}
