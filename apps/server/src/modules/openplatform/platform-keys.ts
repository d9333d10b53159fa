// Platform (operator) API keys: BI, 大屏, risk and service systems reading operator routes. Same signing, nonce,
// rate limit, rotation and revocation as merchant keys (keys.ts); what differs is who manages them and what a key
// may hold — never more than the staff member granting it holds.
import { requireStaffPermission, type StaffPermission } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { ok, type Result, refusals } from '../../platform/errors.ts';
import { publicProfiles } from '../accounts/api.ts';
import { staffGrants } from '../staff/api.ts';
import { type ApiKeyView, insertKey, type KeyOwner, keyOf, keysOf, keyView, revokeKey, rotateKey } from './keys.ts';
import { PLATFORM_SCOPES, type PlatformScope } from './scopes.ts';

const PLATFORM: KeyOwner = { kind: 'platform' };

const refuse = refusals({
  'scope-beyond-own-permissions': [403, '不能授予你自己没有的权限'],
});

export interface PlatformKeyView extends ApiKeyView<PlatformScope> {
  createdByName: string | null;
}

/** The manager's own staff permissions: the most any key they create or rotate may hold. */
function manager(ctx: Ctx): ReadonlySet<StaffPermission> {
  const staff = requireStaffPermission(ctx.actor, 'openplatform.manage', staffGrants);
  return staffGrants.permissionsOf(staff.roles);
}

/** Scopes whose permission the manager lacks; granting (or re-issuing the secret of) such a key is refused. */
function beyond(held: ReadonlySet<StaffPermission>, scopes: readonly string[]): string[] {
  return scopes.filter((s) => !held.has(PLATFORM_SCOPES[s as PlatformScope].permission));
}

const beyondDetail = (scopes: string[]) =>
  `你的岗位没有 ${scopes.join('、')} 所需的权限，请由拥有这些权限的员工（或超级管理员）创建`;

export async function createPlatformKey(
  ctx: Ctx,
  input: { name: string; scopes: PlatformScope[]; rateLimitPerMinute: number },
): Promise<Result<PlatformKeyView & { secret: string }, 'scope-beyond-own-permissions'>> {
  const over = beyond(manager(ctx), input.scopes);
  if (over.length > 0) return refuse('scope-beyond-own-permissions', beyondDetail(over));
  const { row, secret } = await insertKey(ctx, PLATFORM, input);
  const [view] = await withCreators(ctx, [keyView<PlatformScope>(row, ctx.now())], [row.createdBy]);
  return ok({ ...view!, secret });
}

export async function listPlatformKeys(ctx: Ctx): Promise<PlatformKeyView[]> {
  manager(ctx);
  const rows = await keysOf(ctx, PLATFORM);
  return withCreators(
    ctx,
    rows.map((r) => keyView<PlatformScope>(r, ctx.now())),
    rows.map((r) => r.createdBy),
  );
}

/** Rotating hands out a working secret, so the rotator must hold every permission the key's scopes carry. */
export async function rotatePlatformKey(
  ctx: Ctx,
  keyId: string,
  graceHours: number,
): Promise<Result<PlatformKeyView & { secret: string }, 'scope-beyond-own-permissions' | 'api-key-revoked'>> {
  const held = manager(ctx);
  const key = await keyOf(ctx, PLATFORM, keyId);
  const over = beyond(held, key.scopes);
  if (over.length > 0) return refuse('scope-beyond-own-permissions', beyondDetail(over));
  const rotated = await rotateKey<PlatformScope>(ctx, key, graceHours);
  if (!rotated.ok) return rotated;
  const [view] = await withCreators(ctx, [rotated.value], [key.createdBy]);
  return ok({ ...view!, secret: rotated.value.secret });
}

/** Anyone who manages platform keys may revoke any of them: taking access away needs no permission of its own. */
export async function revokePlatformKey(ctx: Ctx, keyId: string): Promise<PlatformKeyView> {
  manager(ctx);
  const key = await keyOf(ctx, PLATFORM, keyId);
  const [view] = await withCreators(ctx, [await revokeKey<PlatformScope>(ctx, key)], [key.createdBy]);
  return view!;
}

/** Which platform scopes the caller may grant (the console greys out the rest). */
export function grantablePlatformScopes(ctx: Ctx): Set<PlatformScope> {
  const held = manager(ctx);
  return new Set(
    (Object.keys(PLATFORM_SCOPES) as PlatformScope[]).filter((s) => held.has(PLATFORM_SCOPES[s].permission)),
  );
}

async function withCreators(
  ctx: Ctx,
  views: ApiKeyView<PlatformScope>[],
  creators: (string | null)[],
): Promise<PlatformKeyView[]> {
  const names = await publicProfiles(ctx.db, [...new Set(creators.filter((c): c is string => c !== null))]);
  return views.map((v, i) => ({
    ...v,
    createdByName: creators[i] ? (names.get(creators[i])?.nickname ?? null) : null,
  }));
}
