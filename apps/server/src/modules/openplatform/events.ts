import type { Deps } from '../../deps.ts';
import type { OutboxEvent } from '../../platform/events.ts';
import { deliverDueWebhooks, queueDeliveries } from './delivery.ts';
import { forgetExpiredNonces } from './keys.ts';
import type { WebhookEventType } from './schema.ts';

// Published: webhook.disabled { endpointId, merchantId, reason }. Subscribes to the domain events merchants can
// receive as webhooks (each mapped to a public type with a payload of ids and amounts, no personal data); the
// sweeps POST due deliveries and forget expired request nonces.

type P = Record<string, unknown>;
const pick = (p: P, keys: string[]) => Object.fromEntries(keys.filter((k) => k in p).map((k) => [k, p[k]]));

const SOURCES: { from: string; to: WebhookEventType; data: (p: P) => P }[] = [
  {
    from: 'order.paid',
    to: 'order.paid',
    data: (p) => ({
      ...pick(p, ['orderId', 'paidAt', 'payAmount']),
      lines: ((p.lines ?? []) as P[]).map((l) =>
        pick(l, ['lineId', 'productId', 'skuId', 'qty', 'unitPrice', 'payAmount']),
      ),
    }),
  },
  {
    from: 'order.shipped',
    to: 'order.shipped',
    data: (p) => pick(p, ['orderId', 'carrier', 'trackingNo', 'shippedAt']),
  },
  ...['refund.completed', 'refund.guarantee-completed'].map((from) => ({
    from,
    to: 'order.refunded' as const,
    data: (p: P) => pick(p, ['orderId', 'refundId', 'amount', 'completedAt']),
  })),
  ...(['created', 'updated', 'listed', 'delisted'] as const).map((change) => ({
    from: `product.${change}`,
    to: 'product.changed' as const,
    data: (p: P) => ({ ...pick(p, ['productId', 'skusChanged']), change }),
  })),
  {
    from: 'aftersale.requested',
    to: 'aftersale.opened',
    data: (p) => pick(p, ['afterSaleId', 'orderId', 'amount', 'dueAt']),
  },
  {
    from: 'review.published',
    to: 'review.posted',
    data: (p) => pick(p, ['reviewId', 'productId', 'skuId', 'rating', 'isFollowUp']),
  },
];

export function wireOpenPlatform(deps: Deps): void {
  for (const source of SOURCES) {
    deps.events.subscribe<P>(source.from, 'openplatform.webhooks', async (db, e: OutboxEvent<P>) => {
      const merchantId = e.payload.merchantId;
      if (typeof merchantId !== 'string') return;
      await queueDeliveries(db, deps.clock.now(), e, source.to, merchantId, source.data(e.payload));
    });
  }
  deps.jobs.registerSweep('openplatform.deliver-webhooks', (now) => deliverDueWebhooks(deps, now));
  deps.jobs.registerSweep('openplatform.forget-nonces', (now) => forgetExpiredNonces(deps, now));
}
