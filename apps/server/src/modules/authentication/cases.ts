import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { getOrderForAfterSale, orderNosOf, recordFullRefund } from '../orders/api.ts';
import { AUTHENTICATION_HOLD, orderIdOfRefundRef } from './rules.ts';
import { authenticationCases } from './schema.ts';

// What events do to cases: a held order's payment opens one, its closing cancels an open one, and the refund of a
// failed inspection is recorded on the order once the money is back.

export type CaseRow = typeof authenticationCases.$inferSelect;
const OPEN = ['awaiting_inbound', 'at_centre'] as const;

/** order.paid: a paid order held for 鉴定 gets its case (once; a merchant acting first opens it too). */
export async function openCase(db: Db, orderId: string, now: Date): Promise<CaseRow | undefined> {
  const order = await getOrderForAfterSale(db, orderId);
  if (!order || order.shipHold !== AUTHENTICATION_HOLD || order.paidAt === null) return undefined;
  const orderNo = (await orderNosOf(db, [orderId])).get(orderId)!;
  await db
    .insert(authenticationCases)
    .values({
      orderId,
      orderNo,
      merchantId: order.merchantId,
      items: order.lines.map((l) => ({ productId: l.productId, title: l.title, specText: l.specText, qty: l.qty })),
      status: 'awaiting_inbound',
      createdAt: now,
    })
    .onConflictDoNothing();
  const [row] = await db.select().from(authenticationCases).where(eq(authenticationCases.orderId, orderId));
  return row;
}

/** order.closed: an order refunded before its verdict (after-sales, a failed group) has nothing left to inspect. */
export async function cancelOpenCase(db: Db, orderId: string): Promise<void> {
  await db
    .update(authenticationCases)
    .set({ status: 'cancelled' })
    .where(and(eq(authenticationCases.orderId, orderId), inArray(authenticationCases.status, [...OPEN])));
}

/**
 * refund.completed of a failed inspection: the order records the refund of the money (and closes). No units go back
 * on sale: the goods left the merchant and come back from the centre as rejected.
 */
export async function onRefundCompleted(db: Db, payload: { refundId: string; refId: string }, now: Date) {
  const orderId = orderIdOfRefundRef(payload.refId);
  if (!orderId) return;
  const [row] = await db
    .select()
    .from(authenticationCases)
    .where(eq(authenticationCases.orderId, orderId))
    .for('update');
  if (!row || row.status !== 'failed' || row.refundedAt) return;
  await recordFullRefund(db, { orderId, refundId: payload.refundId, at: now, restock: false });
  await db.update(authenticationCases).set({ refundedAt: now }).where(eq(authenticationCases.orderId, orderId));
}
