import type { Deps } from '../../deps.ts';
import { recordPaidOrder, releaseOrderCoupons } from './redemption.ts';

// Subscribed: order.paid (first-order rule, buyer segments, redeemed stats), order.cancelled and order.closed
// (coupons go back to the buyer). Each handler is a guarded update, so a redelivered event changes nothing.

type OrderEvent = { orderId: string; userId: string; merchantId: string; paidAt?: string; cancelledAt?: string; closedAt?: string };

export function wireCoupons(deps: Deps): void {
  deps.events.subscribe<OrderEvent>('order.paid', 'coupons.record-paid-order', (db, e) =>
    recordPaidOrder(db, {
      orderId: e.payload.orderId,
      userId: e.payload.userId,
      merchantId: e.payload.merchantId,
      paidAt: new Date(e.payload.paidAt!),
    }).then(() => undefined),
  );
  deps.events.subscribe<OrderEvent>('order.cancelled', 'coupons.return-on-cancel', (db, e) =>
    releaseOrderCoupons(db, e.payload.orderId, new Date(e.payload.cancelledAt!)).then(() => undefined),
  );
  deps.events.subscribe<OrderEvent>('order.closed', 'coupons.return-on-full-refund', (db, e) =>
    releaseOrderCoupons(db, e.payload.orderId, new Date(e.payload.closedAt!)).then(() => undefined),
  );
}
