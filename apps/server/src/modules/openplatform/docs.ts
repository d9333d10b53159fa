import { SIGNATURE_WINDOW_SECONDS, SIGNED_HEADERS } from '../../platform/auth.ts';
import { DISABLE_AFTER_FAILURES, DISABLE_AFTER_MS, RETRY_AFTER_SECONDS, SIGNATURE_HEADER } from './delivery.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './schema.ts';
import { PLATFORM_SCOPES, type PlatformScope, SCOPES, type Scope } from './scopes.ts';

const EVENT_LABELS: Record<WebhookEventType, string> = {
  'order.paid': '订单已付款',
  'order.shipped': '订单已发货',
  'order.refunded': '订单已退款',
  'product.changed': '商品变更（创建、编辑、上下架、SKU）',
  'aftersale.opened': '买家发起售后',
  'review.posted': '买家发布评价',
};

type OpenApi = { paths?: Record<string, Record<string, { summary?: string; tags?: string[] }>> };

type ScopeTable = Record<string, { label: string; routes: readonly string[] }>;

/**
 * For each scope, the endpoints it opens as the OpenAPI document describes them — generated, so a renamed route or
 * a new summary shows on the developer page without a second place to edit.
 */
function scopeCatalogue<S extends string>(openapi: OpenApi, table: Record<S, ScopeTable[string]>) {
  return (Object.entries(table) as [S, ScopeTable[string]][]).map(([scope, def]) => ({
    scope,
    label: def.label,
    endpoints: def.routes.map((route) => {
      const [method, url] = route.split(' ') as [string, string];
      const path = url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = openapi.paths?.[path]?.[method.toLowerCase()];
      return { method, path, summary: op?.summary ?? '', tag: op?.tags?.[0] ?? '' };
    }),
  }));
}

const requestSigning = () => ({ headers: Object.values(SIGNED_HEADERS), windowSeconds: SIGNATURE_WINDOW_SECONDS });

/** The merchant developer page: scopes, webhook events and the signing parameters. */
export function developerCatalogue(openapi: OpenApi) {
  return {
    scopes: scopeCatalogue<Scope>(openapi, SCOPES),
    events: WEBHOOK_EVENT_TYPES.map((type) => ({ type, label: EVENT_LABELS[type] })),
    signing: {
      ...requestSigning(),
      webhookSignatureHeader: SIGNATURE_HEADER,
      retryAfterSeconds: [...RETRY_AFTER_SECONDS],
      disableAfterFailures: DISABLE_AFTER_FAILURES,
      disableAfterHours: DISABLE_AFTER_MS / 3_600_000,
    },
  };
}

/** The platform page: platform scopes with the staff permission each needs and whether the viewer may grant it. */
export function platformCatalogue(openapi: OpenApi, grantable: ReadonlySet<PlatformScope>) {
  return {
    scopes: scopeCatalogue<PlatformScope>(openapi, PLATFORM_SCOPES).map((s) => ({
      ...s,
      permission: PLATFORM_SCOPES[s.scope].permission,
      grantable: grantable.has(s.scope),
    })),
    signing: requestSigning(),
  };
}
