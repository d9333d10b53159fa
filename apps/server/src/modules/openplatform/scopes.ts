import type { StaffPermission, UserActor } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * What each merchant scope lets a key call: existing merchant routes (method + route pattern), nothing else. A key acts
 * as its merchant through these routes' own use-cases, so the merchant rules apply unchanged.
 */
export const SCOPES = {
  'products:read': {
    label: '读取商品',
    routes: [
      'GET /api/v1/merchant/products',
      'GET /api/v1/merchant/products/:id',
      'GET /api/v1/merchant/products/:id/price-history',
      'GET /api/v1/merchant/products-sheet',
    ],
  },
  'products:write': {
    label: '创建与编辑商品、上下架',
    routes: [
      'POST /api/v1/merchant/products',
      'PATCH /api/v1/merchant/products/:id',
      'POST /api/v1/merchant/products/:id/list',
      'POST /api/v1/merchant/products/:id/delist',
    ],
  },
  'stock:write': {
    label: '修改 SKU 价格与库存（含表格导入）',
    routes: [
      'PATCH /api/v1/merchant/products/:id/skus',
      'POST /api/v1/merchant/products-sheet/dry-run',
      'POST /api/v1/merchant/products-sheet/import',
    ],
  },
  'orders:read': {
    label: '读取订单',
    routes: [
      'GET /api/v1/merchant/orders',
      'GET /api/v1/merchant/orders/:id',
      'GET /api/v1/merchant/carriers',
      'GET /api/v1/merchant/orders-sheet',
    ],
  },
  'orders:write': { label: '订单发货', routes: ['POST /api/v1/merchant/orders/:id/ship'] },
  'aftersales:read': {
    label: '读取售后单',
    routes: ['GET /api/v1/merchant/after-sales', 'GET /api/v1/merchant/after-sales/:id'],
  },
  'aftersales:write': {
    label: '处理售后（同意、拒绝、确认收货）',
    routes: [
      'POST /api/v1/merchant/after-sales/:id/approve',
      'POST /api/v1/merchant/after-sales/:id/reject',
      'POST /api/v1/merchant/after-sales/:id/receive-return',
    ],
  },
  'reviews:read': { label: '读取评价', routes: ['GET /api/v1/merchant/reviews'] },
  'reviews:write': { label: '回复评价', routes: ['POST /api/v1/merchant/reviews/:id/reply'] },
} as const satisfies Record<string, { label: string; routes: readonly string[] }>;

/**
 * What each platform scope lets a platform key call: existing operator routes, each demanding exactly the scope's
 * staff `permission` (a test checks the route table). The key holds only its scopes' permissions, so the routes'
 * own use-cases apply unchanged, and staff may grant only scopes whose permission they hold themselves.
 * Deliberately read-only, and without routes that record a staff member's access to personal data (order detail,
 * exports, user lookup): the access trail names people who looked, and a key is not one.
 */
export const PLATFORM_SCOPES = {
  'platform.orders:read': {
    label: '读取全平台订单（收货信息脱敏）',
    permission: 'orders.read',
    routes: ['GET /api/v1/admin/orders'],
  },
  'platform.aftersales:read': {
    label: '读取全平台售后单',
    permission: 'orders.read',
    routes: ['GET /api/v1/admin/after-sales', 'GET /api/v1/admin/after-sales/:id'],
  },
  'platform.merchants:read': {
    label: '读取商家列表、信用分与处罚记录',
    permission: 'merchants.review',
    routes: [
      'GET /api/v1/admin/merchants',
      'GET /api/v1/admin/merchants/:id/credit',
      'GET /api/v1/admin/merchants/:id/penalties',
    ],
  },
  'platform.analytics:read': {
    label: '读取经营数据（实时大屏、留存、复购、RFM）',
    permission: 'insights.read',
    routes: [
      'GET /api/v1/platform/insights/realtime',
      'GET /api/v1/platform/insights/retention',
      'GET /api/v1/platform/insights/repurchase',
      'GET /api/v1/platform/insights/rfm',
    ],
  },
  'platform.moderation:read': {
    label: '读取内容审核队列与疑似虚假评价',
    permission: 'content.moderate',
    routes: ['GET /api/v1/admin/moderation/items', 'GET /api/v1/admin/review-flags'],
  },
} as const satisfies Record<string, { label: string; permission: StaffPermission; routes: readonly string[] }>;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as [Scope, ...Scope[]];
export type PlatformScope = keyof typeof PLATFORM_SCOPES;
export const PLATFORM_SCOPE_NAMES = Object.keys(PLATFORM_SCOPES) as [PlatformScope, ...PlatformScope[]];

/** The staff permissions a platform key with these scopes holds. */
export const permissionsOfPlatformScopes = (scopes: readonly string[]): StaffPermission[] => [
  ...new Set(scopes.flatMap((s) => (s in PLATFORM_SCOPES ? [PLATFORM_SCOPES[s as PlatformScope].permission] : []))),
];

const TABLES: Record<'merchant' | 'platform', Record<string, { routes: readonly string[] }>> = {
  merchant: SCOPES,
  platform: PLATFORM_SCOPES,
};
const routesOf = (kind: 'merchant' | 'platform') =>
  new Map<string, Set<string>>(
    Object.entries(TABLES[kind]).map(([scope, def]) => [scope, new Set<string>(def.routes)]),
  );
const ROUTES = { merchant: routesOf('merchant'), platform: routesOf('platform') };
const scopeFor = (kind: 'merchant' | 'platform', route: string) =>
  Object.entries(TABLES[kind]).find(([, def]) => def.routes.includes(route))?.[0];

/**
 * A key's request may reach only its own kind's scopes' routes: anything else is 403, whatever the merchant or the
 * operator could do. A merchant key never reaches an operator route, nor a platform key a merchant route.
 */
export function requireApiKeyScope(actor: UserActor, method: string, routeUrl: string | undefined): void {
  if (!actor.apiKey) return;
  const { kind, scopes } = actor.apiKey;
  const route = `${method.toUpperCase()} ${routeUrl ?? ''}`;
  if (scopes.some((s) => ROUTES[kind].get(s)?.has(route))) return;
  const needed = scopeFor(kind, route);
  const who = kind === 'merchant' ? '商家' : '平台';
  throw new AppError(
    'scope-missing',
    403,
    'API 密钥没有调用此接口的权限',
    needed ? `此接口需要 ${needed} 权限范围，请在开放平台为密钥勾选后再试` : `此接口不对${who} API 密钥开放`,
  );
}
