import type { Deps } from '../../deps.ts';
import { EXECUTE_REFUND_JOB, executeRefund } from './refunds.ts';
import { type OrderCompleted, settleOrder } from './settlement.ts';
import { EXECUTE_TRANSFER_JOB, executeTransfer } from './transfers.ts';

// payments publishes payment.succeeded, payment.failed, payment.duplicated, refund.requested, refund.completed,
// compensation.transferred.

export function wirePayments(deps: Deps): void {
  deps.jobs.register<{ refundId: string }>(EXECUTE_REFUND_JOB, (db, { refundId }) => executeRefund(deps, db, refundId));
  deps.jobs.register<{ transferId: string }>(EXECUTE_TRANSFER_JOB, (db, { transferId }) =>
    executeTransfer(deps, db, transferId),
  );
  deps.events.subscribe<OrderCompleted>('order.completed', 'payments.settle-order', (db, event) =>
    settleOrder(db, event.payload, deps.clock.now(), deps.log),
  );
}
