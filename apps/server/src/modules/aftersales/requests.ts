import { and, eq, inArray, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalidTransition, notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { loadSkusForCheckout, releaseStock } from '../catalog/api.ts';
import { trackingNoProblem } from '../logistics/api.ts';
import { getOrderForAfterSale, setAfterSaleOpen } from '../orders/api.ts';

import {
  checkNoReason,
  checkOrderStatus,
  checkReplacement,
  claimedOf,
  heldAmount,
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
  /** 换货 only: the SKU wanted instead (same product, same price). */
  replacementSkuId?: string | undefined;
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
    if (input.type === 'exchange' && !order.deliveredAt) return refuse('exchange-before-delivery');
    let replacement: { skuId: string; specText: string } | null = null;
    if (input.type === 'exchange') {
      const replacementSkuId = input.replacementSkuId ?? line.skuId;
      const skus = await loadSkusForCheckout(tx, [line.skuId, replacementSkuId]);
      const original = skus.get(line.skuId);
      const wanted = skus.get(replacementSkuId);
      const refusal = checkReplacement(
        original ?? { productId: line.productId, price: line.unitPrice },
        wanted,
        input.qty,
      );
      if (refusal) return refusal;
      replacement = { skuId: replacementSkuId, specText: wanted!.specText };
    }
    if (input.reasonCode === 'no_reason') {
      if (input.type === 'refund_only' && order.shippedAt) {
        return refuse('no-reason-not-allowed', '七天无理由需要把商品退回，请选择「退货退款」');
      }
      const noReason = checkNoReason(line.returnPolicy, order.deliveredAt, now);
      if (noReason) return noReason;
    }
    // Two requests for the same line at once must not both take the last units.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`aftersale-line:${line.lineId}`}))`);
    const open = await openRequestsOfLine(tx, line);
    const money = lineRefundAmount(line, claimedOf(line, open), input.qty);
    if (!money.ok) return money;
    // No money moves in an exchange; the units are held through `heldAmount` instead.
    const amount = input.type === 'exchange' ? 0 : money.amount;

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
        amount,
        replacementSkuId: replacement?.skuId ?? null,
        replacementSpecText: replacement?.specText ?? null,
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
      type: input.type,
      amount,
      dueAt: dueAt.toISOString(),
    });
    return ok(await detailOf(tx, row!));
  });
}

/** Open requests of a line: their units and money are spoken for until they close. */
async function openRequestsOfLine(
  db: Db,
  line: { lineId: string; qty: number; payAmount: number },
): Promise<{ qty: number; amount: number }[]> {
  const rows = await db
    .select({ type: afterSales.type, qty: afterSales.qty, amount: afterSales.amount })
    .from(afterSales)
    .where(and(eq(afterSales.lineId, line.lineId), inArray(afterSales.status, [...OPEN_STATUSES])));
  return rows.map((r) => ({ qty: r.qty, amount: heldAmount(line, r) }));
}

/** The buyer withdraws a request the merchant has not refunded yet (an exchange: before the goods come back). */
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

/**
 * The buyer sends the goods back; the merchant then has RETURN_RECEIVE_DAYS to confirm receiving them. An exchange's
 * waybill is checked against the courier's format, like the merchant's own shipments.
 */
export async function submitReturnShipment(
  ctx: Ctx,
  id: string,
  input: { carrier: string; trackingNo: string },
): Promise<Result<AfterSaleDetailDto>> {
  return ctx.tx(async (tx) => {
    const row = await loadFor(ctx, tx, 'buyer', id, true);
    const now = ctx.now();
    if (row.type === 'exchange') {
      input = { carrier: input.carrier, trackingNo: input.trackingNo.toUpperCase() };
      const problem = trackingNoProblem(input.carrier, input.trackingNo);
      if (problem) return refuse('bad-tracking-no', problem);
    }
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
    return ok(await detailOf(tx, moved));
  });
}

/**
 * Ends a request (rejected, cancelled, completed) with a guarded update, and tells the orders module one fewer
 * after-sale is open so the order may complete. An exchange that ends without shipping its replacement puts the
 * reserved units back on sale.
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
  if (row.replacementReserved && row.replacementSkuId) {
    await releaseStock(db, [{ skuId: row.replacementSkuId, qty: row.qty }]);
    await db.update(afterSales).set({ replacementReserved: false }).where(eq(afterSales.id, row.id));
    closed.replacementReserved = false;
  }
  await setAfterSaleOpen(db, row.orderId, -1);
  return closed;
}
