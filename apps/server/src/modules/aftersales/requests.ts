import { and, eq, inArray, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalidTransition, notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { getOrderForAfterSale, setAfterSaleOpen } from '../orders/api.ts';

import {
  checkNoReason,
  checkOrderStatus,
  claimedOf,
  lineRefundAmount,
  OPEN_STATUSES,
  refuse,
  RETURN_RECEIVE_DAYS,
  STATUS_LABEL,
} from './rules.ts';
import { type AfterSaleReason, afterSales, type AfterSaleStatus, type AfterSaleType } from './schema.ts';
import { addEvent, type AfterSaleDetailDto, type AfterSaleRow, detailOf, loadFor } from './views.ts';

export const ESCALATE_JOB = 'aftersales.escalate';
export const dueJobKey = (id: string, stage: AfterSaleStatus) => `aftersale-due:${id}:${stage}`;

export interface RequestAfterSaleInput {
  orderId: string;
  lineId: string;
  qty: number;
  type: AfterSaleType;
  reasonCode: AfterSaleReason;
  description: string;
  images: string[];
}

/**
 * The buyer asks for money back for some units of one order line. The merchant has
 * AFTER_SALE_MERCHANT_RESPONSE_HOURS to answer before the platform steps in.
 */
export async function requestAfterSale(ctx: Ctx, input: RequestAfterSaleInput): Promise<Result<AfterSaleDetailDto>> {
  const user = requireUser(ctx.actor);
  return idempotent(ctx, 'aftersales.request', input, async (tx) => {
    const order = await getOrderForAfterSale(tx, input.orderId);
    if (!order || order.userId !== user.userId) throw notFound('订单', input.orderId);
    const now = ctx.now();
    const statusRefusal = checkOrderStatus(order.status);
    if (statusRefusal) return statusRefusal;
    const line = order.lines.find((l) => l.lineId === input.lineId);
    if (!line) return refuse('line-not-found');
    if (input.type === 'return_refund' && !order.shippedAt) return refuse('return-before-shipment');
    if (input.reasonCode === 'no_reason') {
      if (input.type === 'refund_only' && order.shippedAt) {
        return refuse('no-reason-not-allowed', '七天无理由需要把商品退回，请选择「退货退款」');
      }
      const noReason = checkNoReason(line.returnPolicy, order.deliveredAt, now);
      if (noReason) return noReason;
    }
    // Two requests for the same line at once must not both take the last units.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`aftersale-line:${line.lineId}`}))`);
    const open = await openRequestsOfLine(tx, line.lineId);
    const money = lineRefundAmount(line, claimedOf(line, open), input.qty);
    if (!money.ok) return money;

    const id = newId('as');
    const dueAt = new Date(now.getTime() + ctx.deps.config.AFTER_SALE_MERCHANT_RESPONSE_HOURS * 3_600_000);
    const [row] = await tx
      .insert(afterSales)
      .values({
        id,
        orderId: order.orderId,
        lineId: line.lineId,
        userId: user.userId,
        merchantId: order.merchantId,
        skuId: line.skuId,
        productTitle: line.title,
        specText: line.specText,
        type: input.type,
        reasonCode: input.reasonCode,
        description: input.description,
        images: input.images,
        qty: input.qty,
        amount: money.amount,
        status: 'requested',
        dueAt,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await setAfterSaleOpen(tx, order.orderId, 1);
    await addEvent(tx, id, now, 'buyer', '买家提交售后申请', input.description || null);
    await ctx.deps.jobs.enqueue(
      tx,
      ESCALATE_JOB,
      { afterSaleId: id, stage: 'requested' },
      { runAt: dueAt, key: dueJobKey(id, 'requested') },
    );
    await emit(tx, 'aftersale.requested', {
      afterSaleId: id,
      orderId: order.orderId,
      merchantId: order.merchantId,
      userId: user.userId,
      amount: money.amount,
      dueAt: dueAt.toISOString(),
    });
    return ok(await detailOf(tx, row!));
  });
}

/** Open requests of a line: their units and money are spoken for until they close. */
async function openRequestsOfLine(
  db: Db,
  lineId: string,
  exceptId?: string,
): Promise<{ qty: number; amount: number }[]> {
  const rows = await db
    .select({ id: afterSales.id, qty: afterSales.qty, amount: afterSales.amount })
    .from(afterSales)
    .where(and(eq(afterSales.lineId, lineId), inArray(afterSales.status, [...OPEN_STATUSES])));
  return rows.filter((r) => r.id !== exceptId);
}

/** The buyer withdraws a request the merchant has not refunded yet. */
export async function cancelAfterSale(ctx: Ctx, id: string): Promise<AfterSaleDetailDto> {
  return ctx.tx(async (tx) => {
    const row = await loadFor(ctx, tx, 'buyer', id, true);
    const now = ctx.now();
    const closed = await close(tx, row, ['requested', 'escalated', 'awaiting_return'], 'cancelled', now, '撤销申请');
    await addEvent(tx, id, now, 'buyer', '买家撤销了售后申请');
    await ctx.deps.jobs.cancel(tx, dueJobKey(id, row.status));
    await emit(tx, 'aftersale.cancelled', { afterSaleId: id, orderId: row.orderId });
    return detailOf(tx, closed);
  });
}

/** The buyer sends the goods back; the merchant then has RETURN_RECEIVE_DAYS to confirm receiving them. */
export async function submitReturnShipment(
  ctx: Ctx,
  id: string,
  input: { carrier: string; trackingNo: string },
): Promise<AfterSaleDetailDto> {
  return ctx.tx(async (tx) => {
    const row = await loadFor(ctx, tx, 'buyer', id, true);
    const now = ctx.now();
    const dueAt = new Date(now.getTime() + RETURN_RECEIVE_DAYS * 86_400_000);
    const [moved] = await tx
      .update(afterSales)
      .set({
        status: 'return_shipped',
        returnCarrier: input.carrier,
        returnTrackingNo: input.trackingNo,
        dueAt,
        updatedAt: now,
      })
      .where(and(eq(afterSales.id, id), eq(afterSales.status, 'awaiting_return')))
      .returning();
    if (!moved) throw invalidTransition(STATUS_LABEL[row.status], '填写退货物流');
    await addEvent(tx, id, now, 'buyer', '买家已寄回商品', `${input.carrier} ${input.trackingNo}`);
    await ctx.deps.jobs.enqueue(
      tx,
      ESCALATE_JOB,
      { afterSaleId: id, stage: 'return_shipped' },
      { runAt: dueAt, key: dueJobKey(id, 'return_shipped') },
    );
    await emit(tx, 'aftersale.return_shipped', { afterSaleId: id, orderId: row.orderId, merchantId: row.merchantId });
    return detailOf(tx, moved);
  });
}

/**
 * Ends a request (rejected, cancelled, completed) with a guarded update, and tells the orders module one fewer
 * after-sale is open so the order may complete.
 */
export async function close(
  db: Db,
  row: AfterSaleRow,
  from: AfterSaleStatus[],
  to: 'rejected' | 'cancelled' | 'completed',
  now: Date,
  action: string,
  set: Partial<AfterSaleRow> = {},
): Promise<AfterSaleRow> {
  const [closed] = await db
    .update(afterSales)
    .set({ ...set, status: to, dueAt: null, closedAt: now, updatedAt: now })
    .where(and(eq(afterSales.id, row.id), inArray(afterSales.status, from)))
    .returning();
  if (!closed) throw invalidTransition(STATUS_LABEL[row.status], action);
  await setAfterSaleOpen(db, row.orderId, -1);
  return closed;
}
