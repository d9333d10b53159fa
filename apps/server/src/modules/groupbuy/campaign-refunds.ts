import type { Db } from '../../platform/db.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import { requestRefund } from '../payments/api.ts';

// The refund half of a campaign that did not reach its goal (a group that did not fill, a C2M pre-sale below its
// target): everything still refundable on the order goes back through the payment provider under a reference that
// makes asking twice harmless. When the provider confirms (refund.completed) the caller records the full refund, the
// order closes, and coupons and points come back on order.closed (coupons and points modules).

/** Asks payments to refund what is left on the order; null when nothing is left to refund. */
export async function refundCampaignOrder(
  db: Db,
  input: { orderId: string; refId: string; reason: string; at: Date },
): Promise<{ refundId: string } | null> {
  const order = await getOrderForAfterSale(db, input.orderId);
  if (!order) throw new Error(`campaign refund ${input.refId}: order ${input.orderId} missing`);
  const amount = order.payAmount - order.refundedAmount;
  if (amount <= 0) return null;
  const refund = await requestRefund(db, {
    orderId: order.orderId,
    merchantId: order.merchantId,
    amount,
    refId: input.refId,
    reason: input.reason,
    at: input.at,
  });
  if (!refund.ok) throw new Error(`campaign refund ${input.refId}: refused (${refund.type}: ${refund.detail ?? ''})`);
  return { refundId: refund.value.refundId };
}
