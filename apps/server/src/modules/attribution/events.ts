import type { Deps } from '../../deps.ts';
import { attributeOrder, markOrderPaid, markOrderVoided } from './service.ts';

// attribution publishes order.attributed and share.created.

interface OrderCreated {
  orderId: string;
  userId: string;
  merchantId: string;
  lines: { lineId: string; productId: string; qty: number; payAmount: number }[];
}

export function wireAttribution(deps: Deps): void {
  deps.events.subscribe<OrderCreated>('order.created', 'attribution.stamp-lines', (db, e) =>
    attributeOrder(db, e.payload, deps.clock.now(), deps.config.ATTRIBUTION_WINDOW_DAYS),
  );
  deps.events.subscribe<{ orderId: string; paidAt: string }>('order.paid', 'attribution.mark-paid', (db, e) =>
    markOrderPaid(db, e.payload.orderId, new Date(e.payload.paidAt)),
  );
  deps.events.subscribe<{ orderId: string; cancelledAt: string }>(
    'order.cancelled',
    'attribution.mark-cancelled',
    (db, e) => markOrderVoided(db, e.payload.orderId, new Date(e.payload.cancelledAt)),
  );
  deps.events.subscribe<{ orderId: string; closedAt: string }>('order.closed', 'attribution.mark-closed', (db, e) =>
    markOrderVoided(db, e.payload.orderId, new Date(e.payload.closedAt)),
  );
}
