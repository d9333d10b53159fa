// The payments module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { refundsByRefIds, type RefundView, requestGuaranteeRefund, requestRefund } from './service.ts';
export { paymentsPersonalData } from './personal-data.ts';
export { payerOfOrder } from './callbacks.ts';
export { requestCompensationTransfer, transfersByRefIds } from './transfers.ts';
export { stuckTransferCount } from './stuck-transfers.ts';
