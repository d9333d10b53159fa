import type { Deps } from '../../deps.ts';
import { expireGroup, onOrderCancelled, onOrderClosed, onOrderPaid, onRefundCompleted } from './lifecycle.ts';
import { EXPIRE_JOB } from './rules.ts';

// groupbuy publishes groupbuy.campaign_created, groupbuy.seat_reserved, groupbuy.opened, groupbuy.seat_released,
// groupbuy.succeeded, groupbuy.failed, groupbuy.seat_refunded (payloads in docs/CONTRACTS.md).

type OrderPayload = { orderId: string };

export function wireGroupBuy(deps: Deps): void {
  deps.jobs.register<{ groupId: string }>(EXPIRE_JOB, (db, p) => expireGroup(db, deps, p.groupId));
  deps.events.subscribe<OrderPayload>('order.paid', 'groupbuy.confirm-seat', (db, e) =>
    onOrderPaid(db, deps, e.payload.orderId),
  );
  deps.events.subscribe<OrderPayload>('order.cancelled', 'groupbuy.release-seat', (db, e) =>
    onOrderCancelled(db, deps, e.payload.orderId),
  );
  deps.events.subscribe<OrderPayload>('order.closed', 'groupbuy.note-closed-seat', (db, e) =>
    onOrderClosed(db, e.payload.orderId),
  );
  deps.events.subscribe<{ refundId: string; refId: string }>(
    'refund.completed',
    'groupbuy.record-seat-refund',
    (db, e) => onRefundCompleted(db, e.payload, deps.clock.now()),
  );
}
