import { and, eq, inArray, lte } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalidTransition, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { formatYuan } from '../../platform/money.ts';
import { releaseStock } from '../catalog/api.ts';
import { getOrderForAfterSale, recordRefund } from '../orders/api.ts';
import { requestRefund } from '../payments/api.ts';

import { approveExchange, receiveExchangeReturn } from './exchanges.ts';
import { close, dueJobKey } from './requests.ts';
import { describeAmount, REASON_LABEL, refuse, shippingRefund, STATUS_LABEL, TYPE_LABEL } from './rules.ts';
import { afterSales, type AfterSaleStatus } from './schema.ts';
import { addEvent, type AfterSaleDetailDto, type AfterSaleRow, detailOf, loadFor } from './views.ts';

/** Merchants decide requests waiting for them; operators decide the ones that escalated. */
export type Decider = 'merchant' | 'operator';

const decidable = (party: Decider): AfterSaleStatus => (party === 'merchant' ? 'requested' : 'escalated');
const stageOf = (row: AfterSaleRow): AfterSaleStatus | null =>
  row.status === 'escalated' ? row.escalatedFrom : row.status;

/**
 * Agrees to a request. 仅退款 refunds now; 退货退款 waits for the goods to come back. An operator approving an escalated return that the buyer already shipped confirms its receipt.
 */
export async function approveAfterSale(
  ctx: Ctx,
  party: Decider,
  id: string,
  input: { note?: string | undefined },
): Promise<Result<AfterSaleDetailDto>> {
  return idempotent(ctx, `aftersales.approve:${id}`, input, async (tx) => {
    const row = await loadFor(ctx, tx, party, id, true);
    const now = ctx.now();
    if (row.status !== decidable(party)) throw invalidTransition(STATUS_LABEL[row.status], '同意售后申请');
    await ctx.deps.jobs.cancel(tx, dueJobKey(id, 'requested'));
    const stage = stageOf(row);
    if (row.type === 'exchange') {
      // An operator approving an exchange whose goods came back confirms their receipt, as for a return.
      return stage === 'return_shipped'
        ? receiveExchangeReturn(ctx, tx, row, party, false)
        : approveExchange(ctx, tx, row, party, input.note);
    }
    if (stage === 'return_shipped')
      return startRefund(ctx, tx, row, party, {
        releaseStock: true,
        action: '平台确认退货已送达，同意退款',
        note: input.note,
      });
    // Units refunded before shipment go back on sale in orders.recordRefund (they never left the merchant).
    if (row.type === 'refund_only')
      return startRefund(ctx, tx, row, party, {
        releaseStock: false,
        action: `${party === 'merchant' ? '商家' : '平台'}同意仅退款`,
        note: input.note,
      });
    const [moved] = await tx
      .update(afterSales)
      .set({ status: 'awaiting_return', dueAt: null, escalatedFrom: null, updatedAt: now })
      .where(and(eq(afterSales.id, id), eq(afterSales.status, row.status)))
      .returning();
    await addEvent(
      tx,
      id,
      now,
      party,
      `${party === 'merchant' ? '商家' : '平台'}同意退货，请买家寄回商品`,
      input.note ?? null,
    );
    await emit(tx, 'aftersale.approved', {
      afterSaleId: id,
      orderId: row.orderId,
      merchantId: row.merchantId,
      type: row.type,
    });
    return ok(await detailOf(tx, moved!));
  });
}

/**
 * The merchant confirms the returned goods arrived: they go back into stock and the refund starts (an exchange:
 * the replacement is owed next, and units marked defective stay off sale).
 */
export async function receiveReturn(
  ctx: Ctx,
  id: string,
  input: { defective?: boolean | undefined } = {},
): Promise<Result<AfterSaleDetailDto>> {
  return idempotent(ctx, `aftersales.receive-return:${id}`, input, async (tx) => {
    const row = await loadFor(ctx, tx, 'merchant', id, true);
    if (row.status !== 'return_shipped') throw invalidTransition(STATUS_LABEL[row.status], '确认收到退货');
    await ctx.deps.jobs.cancel(tx, dueJobKey(id, 'return_shipped'));
    if (row.type === 'exchange') return receiveExchangeReturn(ctx, tx, row, 'merchant', input.defective === true);
    return startRefund(ctx, tx, row, 'merchant', { releaseStock: true, action: '商家已收到退货，同意退款' });
  });
}

/** Refuses a request with a reason the buyer sees; the request closes. */
export async function rejectAfterSale(
  ctx: Ctx,
  party: Decider,
  id: string,
  input: { reason: string },
): Promise<AfterSaleDetailDto> {
  return ctx.tx(async (tx) => {
    const row = await loadFor(ctx, tx, party, id, true);
    const now = ctx.now();
    const closed = await close(tx, row, [decidable(party)], 'rejected', now, '拒绝售后申请', {
      rejectReason: input.reason,
    });
    await ctx.deps.jobs.cancel(tx, dueJobKey(id, 'requested'));
    await ctx.deps.jobs.cancel(tx, dueJobKey(id, 'return_shipped'));
    await addEvent(tx, id, now, party, `${party === 'merchant' ? '商家' : '平台'}拒绝了售后申请`, input.reason);
    await emit(tx, 'aftersale.rejected', {
      afterSaleId: id,
      orderId: row.orderId,
      merchantId: row.merchantId,
      reason: input.reason,
    });
    return detailOf(tx, closed);
  });
}

/**
 * Asks payments for the refund (the shipping fee too when this refunds the whole order before shipment) and
 * waits for refund.completed. The refund's refId is the request id, so a retry never refunds twice.
 */
async function startRefund(
  ctx: Ctx,
  tx: Db,
  row: AfterSaleRow,
  party: Decider,
  opts: { releaseStock: boolean; action: string; note?: string | undefined },
): Promise<Result<AfterSaleDetailDto>> {
  const now = ctx.now();
  const order = await getOrderForAfterSale(tx, row.orderId);
  if (!order) throw new Error(`after-sale ${row.id}: order ${row.orderId} missing`);
  const refunding = await tx
    .select({ id: afterSales.id, qty: afterSales.qty })
    .from(afterSales)
    .where(and(eq(afterSales.orderId, row.orderId), eq(afterSales.status, 'refunding')));
  const unitsLeft =
    order.lines.reduce((a, l) => a + l.qty - l.refundedQty, 0) - refunding.reduce((a, r) => a + r.qty, 0) - row.qty;
  const shipping = shippingRefund({
    shipped: order.shippedAt !== null,
    shippingFee: order.shippingFee,
    shippingRefunded: order.refundedShipping,
    unitsLeftAfterThis: unitsLeft,
  });
  const total = row.amount + shipping;
  let refundId: string | null = null;
  if (total > 0) {
    const refund = await requestRefund(tx, {
      orderId: row.orderId,
      merchantId: row.merchantId,
      amount: total,
      refId: row.id,
      reason: `售后${TYPE_LABEL[row.type]}（${REASON_LABEL[row.reasonCode]}）`,
      at: now,
    });
    if (!refund.ok) return refuse('refund-failed', refund.detail ?? refund.title);
    refundId = refund.value.refundId;
  }
  if (opts.releaseStock) await releaseStock(tx, [{ skuId: row.skuId, qty: row.qty }]);
  const [moved] = await tx
    .update(afterSales)
    .set({ status: 'refunding', shippingAmount: shipping, refundId, dueAt: null, updatedAt: now })
    .where(and(eq(afterSales.id, row.id), eq(afterSales.status, row.status)))
    .returning();
  await addEvent(
    tx,
    row.id,
    now,
    party,
    opts.action,
    opts.note ?? `退款 ${describeAmount(row.amount, shipping)} 原路退回中`,
  );
  await emit(tx, 'aftersale.approved', {
    afterSaleId: row.id,
    orderId: row.orderId,
    merchantId: row.merchantId,
    type: row.type,
    // Returned goods back on sale: supply books them into the warehouse the sale left from.
    restocked: opts.releaseStock ? { skuId: row.skuId, qty: row.qty } : null,
    refundId,
  });
  // Nothing to pay back (a line bought entirely with discounts): the request completes at once.
  const done = refundId ? moved! : await completeAfterSale(tx, moved!, row.id, now);
  return ok(await detailOf(tx, done));
}

/** refund.completed: the money is back with the buyer; the order records it and the request closes. */
export async function onRefundCompleted(
  db: Db,
  payload: { refundId: string; refId: string },
  now: Date,
): Promise<void> {
  const [row] = await db
    .select()
    .from(afterSales)
    .where(and(eq(afterSales.id, payload.refId), eq(afterSales.status, 'refunding')))
    .for('update');
  if (!row) return;
  await completeAfterSale(db, row, payload.refundId, now);
}

async function completeAfterSale(db: Db, row: AfterSaleRow, refundId: string, now: Date): Promise<AfterSaleRow> {
  await recordRefund(db, {
    orderId: row.orderId,
    refundId,
    lines: [{ lineId: row.lineId, qty: row.qty, amount: row.amount }],
    shippingAmount: row.shippingAmount,
    at: now,
  });
  const closed = await close(db, row, ['refunding'], 'completed', now, '完成退款');
  await addEvent(db, row.id, now, 'system', '退款成功', `${formatYuan(row.amount + row.shippingAmount)} 已原路退回`);
  await emit(db, 'aftersale.completed', {
    afterSaleId: row.id,
    orderId: row.orderId,
    merchantId: row.merchantId,
    refundId,
    amount: row.amount + row.shippingAmount,
  });
  return closed;
}

/** The job at dueAt: a merchant who has not acted on the current step hands the request to the platform. */
export async function escalateIfDue(
  db: Db,
  input: { afterSaleId: string; stage: AfterSaleStatus },
  now: Date,
): Promise<void> {
  const [moved] = await db
    .update(afterSales)
    .set({ status: 'escalated', escalatedFrom: input.stage, escalatedAt: now, dueAt: null, updatedAt: now })
    .where(
      and(eq(afterSales.id, input.afterSaleId), inArray(afterSales.status, [input.stage]), lte(afterSales.dueAt, now)),
    )
    .returning();
  if (!moved) return;
  const what = input.stage === 'return_shipped' ? '确认收到退货' : '处理售后申请';
  await addEvent(db, moved.id, now, 'system', `商家超时未${what}，平台已介入`);
  await emit(db, 'aftersale.escalated', {
    afterSaleId: moved.id,
    orderId: moved.orderId,
    merchantId: moved.merchantId,
    stage: input.stage,
  });
}
