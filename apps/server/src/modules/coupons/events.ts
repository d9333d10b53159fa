import type { Deps } from '../../deps.ts';
import { provideCheckoutCoupons } from '../orders/api.ts';
import { couponsForCheckout, lockCheckoutCoupons, recordPaidOrder, releaseOrderCoupons } from './redemption.ts';
import { recordCouponSubsidies, settleCouponSubsidies, syncSubsidyReversals } from './subsidy.ts';

// Subscribed: order.paid (first-order rule, buyer segments, redeemed stats), order.cancelled and order.closed
// (coupons go back to the buyer); for platform coupons' subsidy to the merchant (subsidy.ts) also refund.completed,
// aftersale.completed and order.completed. Each handler is a guarded update, so a redelivered event changes nothing.
// Provided: orders' checkout coupons port (which coupons price a checkout, and locking them when it is placed).

type OrderEvent = {
  orderId: string;
  userId: string;
  merchantId: string;
  paidAt?: string;
  cancelledAt?: string;
  closedAt?: string;
};

export function wireCoupons(deps: Deps): void {
  provideCheckoutCoupons({ offer: couponsForCheckout, lock: lockCheckoutCoupons });
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
  deps.events.subscribe<OrderEvent>('order.paid', 'coupons.platform-subsidy', (db, e) =>
    recordCouponSubsidies(db, e.payload.orderId, new Date(e.payload.paidAt!)).then(() => undefined),
  );
  // Whichever of these sees the order's new refundedAmount first reverses the subsidy; the sync is cumulative.
  for (const type of ['refund.completed', 'aftersale.completed', 'order.closed']) {
    deps.events.subscribe<OrderEvent>(type, `coupons.subsidy-reverse-on-${type}`, (db, e) =>
      syncSubsidyReversals(db, e.payload.orderId, e.id, deps.clock.now()),
    );
  }
  deps.events.subscribe<OrderEvent>('order.completed', 'coupons.subsidy-settle', (db, e) =>
    settleCouponSubsidies(db, e.payload.orderId, e.id, deps.clock.now()),
  );
}
