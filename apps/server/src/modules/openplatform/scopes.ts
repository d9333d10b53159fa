import type { UserActor } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * What each scope lets a key call: existing merchant routes (method + route pattern), nothing else. A key acts
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

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as [Scope, ...Scope[]];

const routesOf = new Map<string, Set<string>>(
  Object.entries(SCOPES).map(([scope, def]) => [scope, new Set<string>(def.routes)]),
);

/** A key's request may reach only its scopes' routes: anything else is 403, whatever the merchant could do. */
export function requireApiKeyScope(actor: UserActor, method: string, routeUrl: string | undefined): void {
  if (!actor.apiKey) return;
  const route = `${method.toUpperCase()} ${routeUrl ?? ''}`;
  if (actor.apiKey.scopes.some((s) => routesOf.get(s)?.has(route))) return;
  const needed = Object.entries(SCOPES).find(([, def]) => (def.routes as readonly string[]).includes(route))?.[0];
  throw new AppError(
    'scope-missing',
    403,
    'API 密钥没有调用此接口的权限',
    needed ? `此接口需要 ${needed} 权限范围，请在开放平台为密钥勾选后再试` : '此接口不对 API 密钥开放',
  );
}
