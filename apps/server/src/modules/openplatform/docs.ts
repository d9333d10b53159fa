import { SIGNATURE_WINDOW_SECONDS, SIGNED_HEADERS } from '../../platform/auth.ts';
import { DISABLE_AFTER_FAILURES, DISABLE_AFTER_MS, RETRY_AFTER_SECONDS, SIGNATURE_HEADER } from './delivery.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './schema.ts';
import { SCOPES, type Scope } from './scopes.ts';

const EVENT_LABELS: Record<WebhookEventType, string> = {
  'order.paid': '订单已付款',
  'order.shipped': '订单已发货',
  'order.refunded': '订单已退款',
  'product.changed': '商品变更（创建、编辑、上下架、SKU）',
  'aftersale.opened': '买家发起售后',
  'review.posted': '买家发布评价',
};

type OpenApi = { paths?: Record<string, Record<string, { summary?: string; tags?: string[] }>> };

/**
 * The developer page: for each scope, the endpoints it opens as the OpenAPI document describes them — generated,
 * so a renamed route or a new summary shows here without a second place to edit.
 */
export function developerCatalogue(openapi: OpenApi) {
  return {
    scopes: (Object.entries(SCOPES) as [Scope, (typeof SCOPES)[Scope]][]).map(([scope, def]) => ({
      scope,
      label: def.label,
      endpoints: def.routes.map((route) => {
        const [method, url] = route.split(' ') as [string, string];
        const path = url.replace(/:([A-Za-z]+)/g, '{$1}');
        const op = openapi.paths?.[path]?.[method.toLowerCase()];
        return { method, path, summary: op?.summary ?? '', tag: op?.tags?.[0] ?? '' };
      }),
    })),
    events: WEBHOOK_EVENT_TYPES.map((type) => ({ type, label: EVENT_LABELS[type] })),
    signing: {
      headers: Object.values(SIGNED_HEADERS),
      windowSeconds: SIGNATURE_WINDOW_SECONDS,
      webhookSignatureHeader: SIGNATURE_HEADER,
      retryAfterSeconds: [...RETRY_AFTER_SECONDS],
      disableAfterFailures: DISABLE_AFTER_FAILURES,
      disableAfterHours: DISABLE_AFTER_MS / 3_600_000,
    },
  };
}
