import type { Deps } from '../../deps.ts';
import { escalateIfDue, onRefundCompleted } from './decisions.ts';
import { autoConfirmReplacement, REPLACEMENT_CONFIRM_JOB } from './exchanges.ts';
import { ESCALATE_JOB } from './requests.ts';
import type { AfterSaleStatus } from './schema.ts';

// aftersales publishes aftersale.requested, .approved, .rejected, .cancelled, .return_shipped, .escalated, .completed,
// and for exchanges .return_received and .replacement_shipped.

export function wireAfterSales(deps: Deps): void {
  deps.jobs.register<{ afterSaleId: string; stage: AfterSaleStatus }>(ESCALATE_JOB, (db, payload) =>
    escalateIfDue(db, payload, deps.clock.now()),
  );
  deps.jobs.register<{ afterSaleId: string }>(REPLACEMENT_CONFIRM_JOB, (db, payload) =>
    autoConfirmReplacement(db, payload.afterSaleId, deps.clock.now()),
  );
  deps.events.subscribe<{ refundId: string; refId: string }>(
    'refund.completed',
    'aftersales.complete-request',
    (db, event) => onRefundCompleted(db, event.payload, deps.clock.now()),
  );
}
