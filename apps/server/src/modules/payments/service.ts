// The payments module's surface for other modules (docs/CONTRACTS.md); the use-cases live in the files below.
export { requestGuaranteeRefund, requestRefund, refundsByRefIds, type RefundView } from './refunds.ts';
export { reconcile } from './reconcile.ts';
export { reconcileBill } from './bill-reconcile.ts';
export { parseAlipayAccountBill, parseWechatTradeBill } from './bills.ts';
