import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalidTransition, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { releaseStock, reserveStock } from '../catalog/api.ts';
import { trackingNoProblem } from '../logistics/api.ts';
import { recordExchangeShipment } from '../orders/api.ts';
import { close } from './requests.ts';
import { refuse, STATUS_LABEL } from './rules.ts';
import { afterSales } from './schema.ts';
import { addEvent, type AfterSaleDetailDto, type AfterSaleRow, detailOf, loadFor } from './views.ts';

// 换货: the buyer's units go back to the merchant and the same number of the chosen SKU comes out. No money moves;
// stock moves through catalog's api only — the replacement is reserved at approval, the returned unit is restocked
// on receipt unless it is defective.

export const REPLACEMENT_CONFIRM_JOB = 'aftersales.confirm-replacement';
const replacementConfirmKey = (id: string) => `aftersale-replacement:${id}`;

type Party = 'merchant' | 'operator';
const who = (party: Party) => (party === 'merchant' ? '商家' : '平台');

/**
 * Agreeing to an exchange takes the replacement units from stock now, so a unit promised to this buyer is never
 * sold to another. None left: 409 缺货 and nothing changes — the merchant may reject, offering a refund instead.
 */
export async function approveExchange(
  ctx: Ctx,
  tx: Db,
  row: AfterSaleRow,
  party: Party,
  note: string | undefined,
): Promise<Result<AfterSaleDetailDto>> {
  const now = ctx.now();
  const skuId = row.replacementSkuId!;
  const taken = await reserveStock(tx, [{ skuId, qty: row.qty }]);
  if (!taken.ok) {
    return refuse(
      'exchange-out-of-stock',
      `「${row.replacementSpecText}」已无库存，无法换货；可拒绝申请并在理由中说明改为退款（买家可再申请退货退款）`,
    );
  }
  const [moved] = await tx
    .update(afterSales)
    .set({ status: 'awaiting_return', replacementReserved: true, dueAt: null, escalatedFrom: null, updatedAt: now })
    .where(and(eq(afterSales.id, row.id), eq(afterSales.status, row.status)))
    .returning();
  if (!moved) throw invalidTransition(STATUS_LABEL[row.status], '同意换货');
  await addEvent(
    tx,
    row.id,
    now,
    party,
    `${who(party)}同意换货，已为买家预留「${row.replacementSpecText}」× ${row.qty}，请买家寄回商品`,
    note ?? null,
  );
  await emit(tx, 'aftersale.approved', {
    afterSaleId: row.id,
    orderId: row.orderId,
    merchantId: row.merchantId,
    type: row.type,
    reserved: { skuId, qty: row.qty },
  });
  return ok(await detailOf(tx, moved));
}

/**
 * The returned units arrived: back on sale under the SKU the buyer bought, unless the merchant marks them defective
 * (then they stay off sale and the timeline says so). The merchant now owes the replacement.
 */
export async function receiveExchangeReturn(
  ctx: Ctx,
  tx: Db,
  row: AfterSaleRow,
  party: Party,
  defective: boolean,
): Promise<Result<AfterSaleDetailDto>> {
  const now = ctx.now();
  const [moved] = await tx
    .update(afterSales)
    .set({
      status: 'awaiting_replacement',
      returnDefective: defective,
      dueAt: null,
      escalatedFrom: null,
      updatedAt: now,
    })
    .where(and(eq(afterSales.id, row.id), eq(afterSales.status, row.status)))
    .returning();
  if (!moved) throw invalidTransition(STATUS_LABEL[row.status], '确认收到退货');
  if (!defective) await releaseStock(tx, [{ skuId: row.skuId, qty: row.qty }]);
  await addEvent(
    tx,
    row.id,
    now,
    party,
    `${who(party)}已收到退回的商品，待寄出换货`,
    defective ? `退回的 ${row.qty} 件有质量问题，不再上架销售` : `退回的 ${row.qty} 件已重新入库（${row.specText}）`,
  );
  await emit(tx, 'aftersale.return_received', {
    afterSaleId: row.id,
    orderId: row.orderId,
    merchantId: row.merchantId,
    restocked: defective ? null : { skuId: row.skuId, qty: row.qty },
    defective,
  });
  return ok(await detailOf(tx, moved));
}

/** The merchant sends the replacement with a waybill the courier could have printed; the order's timeline shows it. */
export async function shipReplacement(
  ctx: Ctx,
  id: string,
  input: { carrier: string; trackingNo: string },
): Promise<Result<AfterSaleDetailDto>> {
  const trackingNo = input.trackingNo.toUpperCase();
  return idempotent(ctx, `aftersales.ship-replacement:${id}`, input, async (tx) => {
    const row = await loadFor(ctx, tx, 'merchant', id, true);
    if (row.status !== 'awaiting_replacement') throw invalidTransition(STATUS_LABEL[row.status], '寄出换货');
    const problem = trackingNoProblem(input.carrier, trackingNo);
    if (problem) return refuse('bad-tracking-no', problem);
    const now = ctx.now();
    // The same period as an order's own auto-confirm: a buyer who never confirms does not keep the request open.
    const confirmAt = new Date(now.getTime() + ctx.deps.config.AUTO_CONFIRM_RECEIPT_DAYS * 86_400_000);
    const [moved] = await tx
      .update(afterSales)
      .set({
        status: 'replacement_shipped',
        replacementAutoConfirmAt: confirmAt,
        replacementReserved: false,
        replacementCarrier: input.carrier,
        replacementTrackingNo: trackingNo,
        replacementShippedAt: now,
        updatedAt: now,
      })
      .where(and(eq(afterSales.id, id), eq(afterSales.status, 'awaiting_replacement')))
      .returning();
    await recordExchangeShipment(tx, {
      orderId: row.orderId,
      afterSaleId: id,
      specText: row.replacementSpecText!,
      qty: row.qty,
      carrier: input.carrier,
      trackingNo,
      at: now,
    });
    await addEvent(tx, id, now, 'merchant', '商家已寄出换货', `${input.carrier} ${trackingNo}`);
    await ctx.deps.jobs.enqueue(
      tx,
      REPLACEMENT_CONFIRM_JOB,
      { afterSaleId: id },
      { runAt: confirmAt, key: replacementConfirmKey(id) },
    );
    await emit(tx, 'aftersale.replacement_shipped', {
      afterSaleId: id,
      orderId: row.orderId,
      merchantId: row.merchantId,
      userId: row.userId,
      skuId: row.replacementSkuId,
      qty: row.qty,
      carrier: input.carrier,
      trackingNo,
    });
    return ok(await detailOf(tx, moved!));
  });
}

/** The buyer has the replacement: the exchange is done. A retry after completion answers with the finished request. */
export async function confirmReplacement(ctx: Ctx, id: string): Promise<AfterSaleDetailDto> {
  return ctx.tx(async (tx) => {
    const row = await loadFor(ctx, tx, 'buyer', id, true);
    if (row.status === 'completed' && row.type === 'exchange') return detailOf(tx, row);
    const done = await completeExchange(tx, row, ctx.now(), 'buyer');
    await ctx.deps.jobs.cancel(tx, replacementConfirmKey(id));
    return detailOf(tx, done);
  });
}

/** The job AUTO_CONFIRM_RECEIPT_DAYS after the replacement shipped; it does nothing once the buyer confirmed. */
export async function autoConfirmReplacement(db: Db, afterSaleId: string, now: Date): Promise<void> {
  const [row] = await db
    .select()
    .from(afterSales)
    .where(and(eq(afterSales.id, afterSaleId), eq(afterSales.status, 'replacement_shipped')))
    .for('update');
  if (row) await completeExchange(db, row, now, 'system');
}

async function completeExchange(db: Db, row: AfterSaleRow, now: Date, by: 'buyer' | 'system') {
  const done = await close(db, row, ['replacement_shipped'], 'completed', now, '确认收到换货');
  await addEvent(
    db,
    row.id,
    now,
    by,
    by === 'buyer' ? '买家已确认收到换货，换货完成' : '超时未确认，系统已自动确认收到换货',
  );
  await emit(db, 'aftersale.completed', {
    afterSaleId: row.id,
    orderId: row.orderId,
    merchantId: row.merchantId,
    type: row.type,
    amount: 0,
  });
  return done;
}
