import { createHash, randomBytes } from 'node:crypto';
import { AppError, forbidden, unauthenticated } from './errors.ts';

export type Role = 'consumer' | 'operator';
export type StaffRole = 'owner' | 'operator';

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string }
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      roles: Role[];
      staff: { merchantId: string; role: StaffRole }[];
    };

export type UserActor = Extract<Actor, { kind: 'user' }>;

/** What a route demands before its handler runs; every route declares one (app.ts refuses to start otherwise). */
export type Permission = 'public' | 'user' | 'merchant' | 'operator' | 'signed-callback';

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor = (name: string): Actor => ({ kind: 'system', name });

/** Session tokens are random and only their hash is stored, so a leaked table logs nobody in. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function checkPermission(actor: Actor, permission: Permission): void {
  if (permission === 'public' || permission === 'signed-callback') return;
  if (actor.kind !== 'user') throw unauthenticated();
  if (permission === 'operator' && !actor.roles.includes('operator')) throw forbidden('仅平台运营可用');
  if (permission === 'merchant' && actor.staff.length === 0) throw forbidden('仅商家员工可用');
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw unauthenticated();
  return actor;
}

export function requireOperator(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (!user.roles.includes('operator')) throw forbidden('仅平台运营可用');
  return user;
}

/**
 * The merchant a staff member acts for. Staff of one merchant act for it; staff of several choose
 * with the X-Merchant-Id header (passed in as `wanted`).
 */
export function actingMerchant(
  actor: Actor,
  wanted: string | undefined,
  roles: StaffRole[] = ['owner', 'operator'],
): { merchantId: string; role: StaffRole } {
  const user = requireUser(actor);
  const memberships = user.staff.filter((s) => roles.includes(s.role));
  const chosen = wanted ? memberships.find((s) => s.merchantId === wanted) : memberships[0];
  if (!chosen) {
    throw user.staff.length === 0
      ? forbidden('仅商家员工可用')
      : new AppError('forbidden', 403, '没有权限执行此操作', '你在该商家没有这个权限');
  }
  return chosen;
}

/** Staff of this merchant, or the platform operator: the people who may look at a merchant's private data. */
export function canSeeMerchant(actor: Actor, merchantId: string): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  return actor.roles.includes('operator') || actor.staff.some((s) => s.merchantId === merchantId);
}
