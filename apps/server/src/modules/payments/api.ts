// The payments module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { refundsByRefIds, type RefundView, requestGuaranteeRefund, requestRefund } from './service.ts';
export { paymentsPersonalData } from './personal-data.ts';
export { payerOfOrder } from './callbacks.ts';
export { requestCompensationTransfer, transfersByRefIds } from './transfers.ts';
// 亲情付 / 代付: the family module opens a payment of another user's checkout after checking its request.
export { createPayment, type PaymentView } from './charges.ts';
export { stuckTransferCount } from './stuck-transfers.ts';
