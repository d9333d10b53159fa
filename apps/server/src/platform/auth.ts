import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, forbidden, unauthenticated } from './errors.ts';

/**
 * Platform staff roles (docs/SECURITY.md "Staff roles"). Which permissions each holds is the staff module's matrix;
 * `operator` is not a role of its own but the marker every platform staff member's actor carries (stored `operator`
 * is the pre-roles all-powerful account and reads as super_admin).
 */
export const PLATFORM_ROLES = [
  'super_admin',
  'ops',
  'support',
  'reviewer',
  'risk',
  'finance',
  'analyst',
  'inspector',
] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export type Role = 'consumer' | 'operator' | PlatformRole;
/**
 * A merchant's sub-account roles (docs/SECURITY.md "Merchant roles"): 店主, 店长, 客服, 发货, 财务. Which permissions
 * each holds is the accounts module's matrix (modules/accounts/merchant-roles.ts); stored `operator` (the pre-roles
 * shop operator) reads as manager.
 */
export const MERCHANT_ROLES = ['owner', 'manager', 'service', 'shipping', 'finance'] as const;
export type MerchantRole = (typeof MERCHANT_ROLES)[number];

/**
 * What platform staff routes demand (`staff:<permission>`). The vocabulary is machinery; who holds which is the
 * staff module's matrix (modules/staff/roles.ts).
 */
export const STAFF_PERMISSIONS = [
  'merchants.review',
  'content.moderate',
  'compliance.manage',
  'orders.read',
  'users.read',
  'aftersales.decide',
  'personal.unmask',
  'finance.read',
  'finance.manage',
  'marketing.manage',
  'insights.read',
  'alerts.manage',
  'staff.manage',
  'audit.read',
  'authentication.decide',
  'openplatform.manage',
] as const;
export type StaffPermission = (typeof STAFF_PERMISSIONS)[number];

/**
 * What merchant routes demand (`merchant:<permission>`), checked against the caller's role in the shop they act
 * for. The vocabulary is machinery; who holds which is the accounts module's matrix.
 */
export const MERCHANT_PERMISSIONS = [
  'shop.read',
  'shop.manage',
  'products.read',
  'products.manage',
  'stock.manage',
  'orders.read',
  'orders.ship',
  'aftersales.read',
  'aftersales.decide',
  'service.chat',
  'reviews.reply',
  'complaints.handle',
  'trust.read',
  'finance.read',
  'finance.pay',
  'marketing.manage',
  'live.manage',
  'insights.read',
  'staff.manage',
  'vouchers.redeem',
  'supply.manage',
  'openplatform.manage',
] as const;
export type MerchantPermission = (typeof MERCHANT_PERMISSIONS)[number];

/** One shop a user works for: their role there and the permissions it grants (resolved with the session). */
export interface Membership {
  merchantId: string;
  role: MerchantRole;
  permissions: MerchantPermission[];
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string }
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      roles: Role[];
      staff: Membership[];
      /** When this session passed the staff second factor (TOTP), if it did. */
      secondFactorAt?: Date | null;
      /**
       * Set when an API key signed the request: it may call only the routes its scopes allow. A platform key holds
       * exactly the staff permissions its scopes name (no role); a merchant key holds none.
       */
      apiKey?: {
        id: string;
        kind: 'merchant' | 'platform';
        scopes: readonly string[];
        perMinute: number;
        staffPermissions: readonly StaffPermission[];
      };
    };

export type UserActor = Extract<Actor, { kind: 'user' }>;

/** What a route demands before its handler runs; every route declares one (app.ts refuses to start otherwise). */
export type Permission =
  'public' | 'user' | 'signed-callback' | `staff:${StaffPermission}` | `merchant:${MerchantPermission}`;

/** What a staff actor may do: the matrix lookup and whether a missing second factor withholds it. */
export interface StaffGrants {
  permissionsOf(roles: readonly Role[]): ReadonlySet<StaffPermission>;
  needsSecondFactor(roles: readonly Role[]): boolean;
}

const secondFactorRequired = () =>
  new AppError(
    'second-factor-required',
    403,
    '请先完成两步验证',
    '你的岗位需要两步验证：请在“两步验证”页绑定或输入验证码',
  );

/**
 * A user's roles as the actor carries them: stored `operator` (the pre-roles all-powerful account) reads as
 * super_admin, and anyone holding a platform role also carries the `operator` marker that "is platform staff" checks use.
 */
export function normaliseRoles(stored: readonly string[]): Role[] {
  const roles = new Set(stored as Role[]);
  if (roles.has('operator')) roles.add('super_admin');
  if (PLATFORM_ROLES.some((r) => roles.has(r))) roles.add('operator');
  return [...roles];
}

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor = (name: string): Actor => ({ kind: 'system', name });

/** Session tokens are random and only their hash is stored, so a leaked table logs nobody in. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function checkPermission(
  actor: Actor,
  permission: Permission,
  grants: StaffGrants,
  merchantHint?: string,
): void {
  if (permission === 'public' || permission === 'signed-callback') return;
  if (actor.kind !== 'user') throw unauthenticated();
  if (permission.startsWith('merchant:')) {
    actingMerchant(actor, merchantHint, permission.slice('merchant:'.length) as MerchantPermission);
  }
  if (permission.startsWith('staff:')) requireStaffPermission(actor, permission.slice(6) as StaffPermission, grants);
}

/** A platform staff permission, for routes whose demand depends on the request (platform vs merchant scope). */
export function requireStaffPermission(actor: Actor, permission: StaffPermission, grants: StaffGrants): UserActor {
  const user = requireOperator(actor);
  // A key is no person: it has no role and no second factor, only the permissions its scopes were granted.
  const held = user.apiKey ? new Set(user.apiKey.staffPermissions) : grants.permissionsOf(user.roles);
  if (!held.has(permission)) {
    throw new AppError('forbidden', 403, '没有权限执行此操作', '你的岗位没有这项权限，如需开通请联系超级管理员');
  }
  if (!user.apiKey && grants.needsSecondFactor(user.roles) && !user.secondFactorAt) throw secondFactorRequired();
  return user;
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
 * The merchant a staff member acts for, if their role there grants `permission`. Staff of one merchant act for it;
 * staff of several choose with the X-Merchant-Id header (passed in as `wanted`), else their first shop.
 */
export function actingMerchant(actor: Actor, wanted: string | undefined, permission: MerchantPermission): Membership {
  const user = requireUser(actor);
  if (user.staff.length === 0) throw forbidden('仅商家员工可用');
  const chosen = wanted ? user.staff.find((s) => s.merchantId === wanted) : user.staff[0];
  if (!chosen) throw new AppError('forbidden', 403, '没有权限执行此操作', '你不是该店铺的员工');
  if (!chosen.permissions.includes(permission)) {
    throw new AppError(
      'forbidden',
      403,
      '没有权限执行此操作',
      `你在本店的岗位（${MERCHANT_ROLE_LABELS[chosen.role]}）没有这项权限，如需开通请联系店主`,
    );
  }
  return chosen;
}

/** Role names as a merchant reads them (in errors and on 店铺员工). */
export const MERCHANT_ROLE_LABELS: Record<MerchantRole, string> = {
  owner: '店主',
  manager: '店长',
  service: '客服',
  shipping: '发货',
  finance: '财务',
};

/** Whether the actor works for this merchant in a role that grants `permission` (whatever shop they chose). */
export function mayActFor(actor: Actor, merchantId: string, permission: MerchantPermission): boolean {
  return (
    actor.kind === 'user' && actor.staff.some((s) => s.merchantId === merchantId && s.permissions.includes(permission))
  );
}

/**
 * Staff of this merchant whose role grants `permission`, or the platform operator: the people who may look at
 * that part of a merchant's private data.
 */
export function canSeeMerchant(actor: Actor, merchantId: string, permission: MerchantPermission): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  return actor.roles.includes('operator') || mayActFor(actor, merchantId, permission);
}

// ---- Signed API-key requests (docs/OPEN-PLATFORM.md) ----
// HMAC-SHA256 over method, path with query, timestamp, nonce and the body's SHA-256: the secret never travels, a
// captured request cannot be altered, and it cannot be replayed (the nonce is stored; the timestamp bounds how long).

export const SIGNED_HEADERS = {
  key: 'x-haowu-key',
  timestamp: 'x-haowu-timestamp',
  nonce: 'x-haowu-nonce',
  signature: 'x-haowu-signature',
} as const;
/** How far a request's timestamp may be from the server's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export interface SignedRequest {
  keyId: string;
  /** Unix seconds. */
  timestamp: number;
  nonce: string;
  signature: string;
  canonical: string;
}

/** The string both sides sign: `METHOD\n/path?query\ntimestamp\nnonce\nhex(sha256(body))`. */
const canonicalRequest = (method: string, pathWithQuery: string, timestamp: number, nonce: string, body: Buffer) =>
  [method.toUpperCase(), pathWithQuery, String(timestamp), nonce, createHash('sha256').update(body).digest('hex')].join(
    '\n',
  );

const signCanonical = (secret: string, canonical: string): string =>
  createHmac('sha256', secret).update(canonical).digest('hex');

const signedRequestInvalid = (detail: string) => new AppError('signature-invalid', 401, '请求签名无效', detail);

/** The signature headers of a request, or undefined when it carries none (then it is not an API-key request). */
export function signedRequestOf(
  headers: Record<string, string | string[] | undefined>,
  method: string,
  pathWithQuery: string,
  body: Buffer,
): SignedRequest | undefined {
  const h = (name: string) => {
    const v = headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const keyId = h(SIGNED_HEADERS.key);
  if (keyId === undefined) return undefined;
  const ts = h(SIGNED_HEADERS.timestamp);
  const nonce = h(SIGNED_HEADERS.nonce);
  const signature = h(SIGNED_HEADERS.signature);
  if (!ts || !/^\d{9,12}$/.test(ts))
    throw signedRequestInvalid(`缺少或无法识别 ${SIGNED_HEADERS.timestamp}（Unix 秒）`);
  if (!nonce || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
    throw signedRequestInvalid(`${SIGNED_HEADERS.nonce} 须为 16–64 位字母、数字、- 或 _`);
  }
  if (!signature || !/^[0-9a-f]{64}$/.test(signature))
    throw signedRequestInvalid(`${SIGNED_HEADERS.signature} 须为 64 位十六进制`);
  const timestamp = Number(ts);
  return {
    keyId,
    timestamp,
    nonce,
    signature,
    canonical: canonicalRequest(method, pathWithQuery, timestamp, nonce, body),
  };
}

/**
 * Checks the clock window and the signature against every secret the key currently accepts (during a rotation's
 * grace period, the new and the old one). Throws a 401 problem; the nonce is the caller's to record.
 */
export function verifySignedRequest(req: SignedRequest, secrets: readonly string[], now: Date): void {
  if (Math.abs(now.getTime() / 1000 - req.timestamp) > SIGNATURE_WINDOW_SECONDS) {
    throw new AppError(
      'signature-expired',
      401,
      '请求已过期',
      `时间戳与服务器时间相差超过 ${SIGNATURE_WINDOW_SECONDS / 60} 分钟，请校准时钟后重新签名`,
    );
  }
  const given = Buffer.from(req.signature, 'hex');
  const matches = secrets.some((secret) =>
    timingSafeEqual(Buffer.from(signCanonical(secret, req.canonical), 'hex'), given),
  );
  if (!matches) throw signedRequestInvalid('签名与请求内容不符：请检查密钥、请求路径（含查询串）与请求体');
}
