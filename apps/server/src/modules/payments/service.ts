// The payments module's surface for other modules (docs/CONTRACTS.md); the use-cases live in the files below.
export { requestRefund, refundsByRefIds, type RefundInput, type RefundView, type RefundRefusal } from './refunds.ts';
export { reconcile, type ReconciliationReport, type ReconciliationCheck } from './reconcile.ts';
export { receiveProviderCallback } from './callbacks.ts';
