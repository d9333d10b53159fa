import type { Deps } from '../../deps.ts';
import { onCheckoutPaid, onOrderCancelled, onRefundCompleted } from './service.ts';

// family publishes family.invited, family.bound, family.declined, family.unbound, family.payment-requested,
// family.paid (payloads in docs/FAMILY.md).

export function wireFamily(deps: Deps): void {
  deps.events.subscribe<{ paymentId: string; checkoutId: string; userId: string; amount: number; paidAt: string }>(
    'payment.succeeded',
    'family.mark-request-paid',
    (db, e) => onCheckoutPaid(db, e.payload),
  );
  deps.events.subscribe<{ orderId: string; checkoutId: string }>('order.cancelled', 'family.close-request', (db, e) =>
    onOrderCancelled(db, e.payload),
  );
  deps.events.subscribe<{ refundId: string; orderId: string; amount: number }>(
    'refund.completed',
    'family.restore-budget',
    (db, e) => onRefundCompleted(db, e.payload),
  );
}
