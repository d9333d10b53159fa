import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { getOrderForAfterSale, recordFullRefund } from '../orders/api.ts';
import { requestRefund } from '../payments/api.ts';
import { EXPIRE_JOB, expireKey, refundRef, voucherIdOfRefundRef } from './rules.ts';
import { localOffers, localVouchers } from './schema.ts';
import { newVoucherCode } from './vouchers.ts';

// What happens to a voucher after it is bought, driven by order and refund events and the expiry job. Each handler
// runs in the dispatcher's or the job's transaction and is idempotent (it checks the voucher's state first).

/** order.paid: the voucher gets its code and, at its end, an expiry job. */
export async function onOrderPaid(db: Db, deps: Deps, orderId: string): Promise<void> {
  const [v] = await db
    .update(localVouchers)
    .set({ status: 'unused', code: newVoucherCode() })
    .where(and(eq(localVouchers.orderId, orderId), eq(localVouchers.status, 'pending')))
    .returning();
  if (!v) return;
  await deps.jobs.enqueue(db, EXPIRE_JOB, { voucherId: v.id }, { runAt: v.validUntil, key: expireKey(v.id) });
  await emit(db, 'local.voucher_issued', { voucherId: v.id, orderId, userId: v.userId, offerId: v.offerId });
}

/** order.cancelled (unpaid at the deadline): the voucher is void and its unit goes back to the offer's quota. */
export async function onOrderCancelled(db: Db, orderId: string): Promise<void> {
  const [v] = await db
    .update(localVouchers)
    .set({ status: 'void' })
    .where(and(eq(localVouchers.orderId, orderId), eq(localVouchers.status, 'pending')))
    .returning();
  if (!v) return;
  await db
    .update(localOffers)
    .set({ sold: sql`${localOffers.sold} - 1` })
    .where(eq(localOffers.id, v.offerId));
}

/** order.closed (refunded in full through an after-sale): an unused voucher can no longer be redeemed. */
export async function onOrderClosed(db: Db, deps: Deps, orderId: string): Promise<void> {
  const [v] = await db
    .update(localVouchers)
    .set({ status: 'void' })
    .where(and(eq(localVouchers.orderId, orderId), eq(localVouchers.status, 'unused')))
    .returning();
  if (v) await deps.jobs.cancel(db, expireKey(v.id));
}

/**
 * The expiry job: a voucher still unused at its end is refunded in full when the offer says 过期自动退, otherwise it
 * simply expires. The refund goes through the payment provider; the order records it on refund.completed.
 */
export async function expireVoucher(db: Db, deps: Deps, voucherId: string): Promise<void> {
  const [v] = await db.select().from(localVouchers).where(eq(localVouchers.id, voucherId)).for('update');
  const now = deps.clock.now();
  if (!v || v.status !== 'unused' || v.validUntil > now) return;
  const [offer] = await db.select().from(localOffers).where(eq(localOffers.id, v.offerId));
  if (!offer!.refundAtExpiry) {
    await db.update(localVouchers).set({ status: 'expired' }).where(eq(localVouchers.id, v.id));
    await emit(db, 'local.voucher_expired', { voucherId: v.id, orderId: v.orderId, refunded: false });
    return;
  }
  const order = await getOrderForAfterSale(db, v.orderId);
  if (!order) throw new Error(`voucher ${v.id}: order ${v.orderId} missing`);
  const amount = order.payAmount - order.refundedAmount;
  if (amount <= 0) {
    await db.update(localVouchers).set({ status: 'refunded' }).where(eq(localVouchers.id, v.id));
    return;
  }
  const refund = await requestRefund(db, {
    orderId: order.orderId,
    merchantId: order.merchantId,
    amount,
    refId: refundRef(v.id),
    reason: '团购券过期未使用，自动全额退款',
    at: now,
  });
  if (!refund.ok) throw new Error(`voucher ${v.id}: refund refused (${refund.type}: ${refund.detail ?? ''})`);
  await db
    .update(localVouchers)
    .set({ status: 'refunding', refundId: refund.value.refundId })
    .where(eq(localVouchers.id, v.id));
  await emit(db, 'local.voucher_expired', { voucherId: v.id, orderId: v.orderId, refunded: true });
}

/** refund.completed of an expired voucher: the order records the refund (and closes); the voucher is refunded. */
export async function onRefundCompleted(
  db: Db,
  payload: { refundId: string; refId: string },
  now: Date,
): Promise<void> {
  const voucherId = voucherIdOfRefundRef(payload.refId);
  if (!voucherId) return;
  const [v] = await db.select().from(localVouchers).where(eq(localVouchers.id, voucherId)).for('update');
  if (!v || v.status !== 'refunding') return;
  await recordFullRefund(db, { orderId: v.orderId, refundId: payload.refundId, at: now });
  await db.update(localVouchers).set({ status: 'refunded' }).where(eq(localVouchers.id, v.id));
  await emit(db, 'local.voucher_refunded', { voucherId: v.id, orderId: v.orderId, refundId: payload.refundId });
}
