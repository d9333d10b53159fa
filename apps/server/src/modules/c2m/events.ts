import type { Deps } from '../../deps.ts';
import { decidePresale, onOrderCancelled, onOrderPaid, onOrderShipped, onRefundCompleted } from './lifecycle.ts';
import { DEADLINE_JOB } from './rules.ts';

// c2m publishes c2m.presale_created, c2m.pledge_paid, c2m.presale_succeeded, c2m.presale_failed, c2m.pledge_refunded.

type OrderPayload = { orderId: string };

export function wireC2m(deps: Deps): void {
  deps.jobs.register<{ presaleId: string }>(DEADLINE_JOB, (db, p) => decidePresale(db, deps, p.presaleId));
  deps.events.subscribe<OrderPayload>('order.paid', 'c2m.count-pledge', (db, e) =>
    onOrderPaid(db, deps, e.payload.orderId),
  );
  deps.events.subscribe<OrderPayload>('order.cancelled', 'c2m.release-pledge', (db, e) =>
    onOrderCancelled(db, e.payload.orderId),
  );
  deps.events.subscribe<OrderPayload>('order.shipped', 'c2m.note-shipped', (db, e) =>
    onOrderShipped(db, e.payload.orderId, deps.clock.now()),
  );
  deps.events.subscribe<{ refundId: string; refId: string }>('refund.completed', 'c2m.record-pledge-refund', (db, e) =>
    onRefundCompleted(db, e.payload, deps.clock.now()),
  );
}
