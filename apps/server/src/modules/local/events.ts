import type { Deps } from '../../deps.ts';
import { EXPIRE_JOB } from './rules.ts';
import { expireVoucher, onOrderCancelled, onOrderClosed, onOrderPaid, onRefundCompleted } from './voucher-lifecycle.ts';

// local publishes local.store_created, local.offer_created, local.voucher_issued, local.voucher_redeemed,
// local.voucher_expired, local.voucher_refunded (payloads in docs/CONTRACTS.md).

type OrderPayload = { orderId: string };

export function wireLocal(deps: Deps): void {
  deps.jobs.register<{ voucherId: string }>(EXPIRE_JOB, (db, p) => expireVoucher(db, deps, p.voucherId));
  deps.events.subscribe<OrderPayload>('order.paid', 'local.issue-voucher', (db, e) =>
    onOrderPaid(db, deps, e.payload.orderId),
  );
  deps.events.subscribe<OrderPayload>('order.cancelled', 'local.void-unpaid-voucher', (db, e) =>
    onOrderCancelled(db, e.payload.orderId),
  );
  deps.events.subscribe<OrderPayload>('order.closed', 'local.void-refunded-voucher', (db, e) =>
    onOrderClosed(db, deps, e.payload.orderId),
  );
  deps.events.subscribe<{ refundId: string; refId: string }>(
    'refund.completed',
    'local.record-voucher-refund',
    (db, e) => onRefundCompleted(db, e.payload, deps.clock.now()),
  );
}
