import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { releaseStock } from '../catalog/api.ts';
import type { Carrier } from '../logistics/api.ts';
import { shipHeld } from './campaign-terms.ts';
import {
  AUTO_CONFIRM_JOB,
  autoConfirmAtOf,
  autoConfirmKey,
  COMPLETE_JOB,
  completeKey,
  DAY_MS,
  NO_REASON_RETURN_DAYS,
} from './jobs.ts';
import { orderEvents, orderLines, orders } from './schema.ts';
import { assertTransition, type OrderRow, recordEvent, transition, tryTransition } from './state.ts';
import { type OrderDetailDto, orderDetail } from './views.ts';

// ---- buyer ----

/** The buyer cancels an order that is still awaiting payment; its stock goes back on sale. */
export async function cancelOrder(ctx: Ctx, orderId: string, reason?: string): Promise<OrderDetailDto> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const order = await loadBuyerOrder(tx, user.userId, orderId);
    assertTransition(order.status, 'cancel');
    const now = ctx.now();
    const why = reason?.trim() || '买家取消订单';
    const moved = await transition(tx, order.id, 'cancel', { cancelledAt: now, cancelReason: why });
    await afterCancelled(tx, moved, now, why, 'buyer');
    return orderDetail(ctx.deps, tx, moved, now);
  });
}

/** The buyer confirms the parcel arrived; the no-reason return window starts now. */
export async function confirmReceipt(ctx: Ctx, orderId: string): Promise<OrderDetailDto> {
  const user = requireUser(ctx.actor);
  return ctx.tx(async (tx) => {
    const order = await loadBuyerOrder(tx, user.userId, orderId);
    assertTransition(order.status, 'confirmReceipt');
    const now = ctx.now();
    const moved = await transition(tx, order.id, 'confirmReceipt', { deliveredAt: now });
    await afterDelivered(tx, ctx.deps, moved, now, false);
    await ctx.deps.jobs.cancel(tx, autoConfirmKey(order.id));
    return orderDetail(ctx.deps, tx, moved, now);
  });
}

// ---- merchant ----

/** The merchant hands a paid order to a carrier; receipt is confirmed automatically if the buyer never does. */
export async function shipOrder(
  ctx: Ctx,
  orderId: string,
  input: { carrier: Carrier; trackingNo: string },
): Promise<OrderDetailDto> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'orders.ship');
  return ctx.tx(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.merchantId, merchantId)));
    if (!order) throw notFound('订单');
    assertTransition(order.status, 'ship');
    if (order.shipHold) throw shipHeld(order.shipHold);
    const now = ctx.now();
    const moved = await handToCarrier(tx, ctx.deps, order, input, now);
    return orderDetail(ctx.deps, tx, moved, now);
  });
}

/**
 * The platform forwards an order it held (鉴定中心: the goods passed authentication there): the hold is lifted and
 * the order ships with the platform's waybill, exactly as a merchant's shipment would.
 */
export async function forwardHeldOrder(
  db: Db,
  deps: Deps,
  input: { orderId: string; hold: string; carrier: Carrier; trackingNo: string; at: Date },
): Promise<void> {
  const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
  if (!order) throw notFound('订单');
  if (order.shipHold !== input.hold) throw shipHeld(order.shipHold ?? input.hold);
  await db.update(orders).set({ shipHold: null }).where(eq(orders.id, order.id));
  await handToCarrier(db, deps, order, input, input.at);
}

/**
 * A held order whose goods are a service used in the store (a voucher the store has just redeemed): completed at
 * once, so settlement follows on order.completed as for any completed order. The hold names the campaign that may.
 */
export async function completeRedeemedOrder(db: Db, input: { orderId: string; hold: string; at: Date }): Promise<void> {
  const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
  if (!order) throw notFound('订单');
  if (order.shipHold !== input.hold) throw shipHeld(order.shipHold ?? input.hold);
  const moved = await transition(db, order.id, 'redeemInStore', {
    shipHold: null,
    deliveredAt: input.at,
    completedAt: input.at,
  });
  await recordEvent(db, order.id, 'completed', input.at, { redeemedInStore: true });
  await emit(db, 'order.completed', {
    orderId: order.id,
    checkoutId: moved.checkoutId,
    userId: moved.userId,
    merchantId: moved.merchantId,
    payAmount: moved.payAmount,
    refundedAmount: moved.refundedAmount,
    completedAt: input.at.toISOString(),
  });
}

/** Moves a paid order to shipped with its waybill, starts the auto-confirm timer and publishes order.shipped. */
async function handToCarrier(
  tx: Db,
  deps: Deps,
  order: OrderRow,
  input: { carrier: Carrier; trackingNo: string },
  now: Date,
): Promise<OrderRow> {
  assertTransition(order.status, 'ship');
  const moved = await transition(tx, order.id, 'ship', {
    carrier: input.carrier,
    trackingNo: input.trackingNo,
    shippedAt: now,
  });
  await recordEvent(tx, order.id, 'shipped', now, { carrier: input.carrier, trackingNo: input.trackingNo });
  const autoConfirmAt = new Date(now.getTime() + deps.config.AUTO_CONFIRM_RECEIPT_DAYS * DAY_MS);
  await deps.jobs.enqueue(
    tx,
    AUTO_CONFIRM_JOB,
    { orderId: order.id },
    { runAt: autoConfirmAt, key: autoConfirmKey(order.id) },
  );
  await emit(tx, 'order.shipped', {
    orderId: order.id,
    userId: order.userId,
    merchantId: order.merchantId,
    carrier: input.carrier,
    trackingNo: input.trackingNo,
    shippedAt: now.toISOString(),
  });
  return moved;
}

// ---- tracking feed ----

export interface TrackingUpdate {
  orderId: string;
  status: string;
  label: string;
  at: string;
  text: string;
}

/**
 * logistics.tracking_updated: the parcel's new stage goes on the timeline once (a redelivered event adds nothing).
 * 已签收 on a shipped order brings the auto-confirm forward to AUTO_CONFIRM_AFTER_SIGNED_DAYS after signing, never
 * later than the ship-based deadline the buyer was already shown.
 */
export async function recordTracking(db: Db, deps: Deps, input: TrackingUpdate): Promise<void> {
  const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
  if (!order) return;
  const [seen] = await db
    .select({ id: orderEvents.id })
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.orderId, order.id),
        eq(orderEvents.type, 'tracking'),
        sql`${orderEvents.data}->>'status' = ${input.status}`,
      ),
    );
  if (seen) return;
  const at = new Date(input.at);
  await recordEvent(db, order.id, 'tracking', at, { status: input.status, label: input.label, text: input.text });
  if (input.status !== 'signed' || order.status !== 'shipped' || order.signedAt || !order.shippedAt) return;
  await db.update(orders).set({ signedAt: at }).where(eq(orders.id, order.id));
  const confirmAt = autoConfirmAtOf(order.shippedAt, at, deps.config);
  await deps.jobs.cancel(db, autoConfirmKey(order.id));
  await deps.jobs.enqueue(
    db,
    AUTO_CONFIRM_JOB,
    { orderId: order.id },
    { runAt: confirmAt, key: autoConfirmKey(order.id) },
  );
}

// ---- jobs (each runs in the job's transaction; "already moved on" is normal and does nothing) ----

export async function expireUnpaidOrder(db: Db, deps: Deps, orderId: string): Promise<void> {
  await cancelUnpaidOrder(db, deps, orderId, '超时未付款，订单已自动取消');
}

/**
 * The payment-timeout sweep (every job poll): cancels orders still unpaid past their deadline, oldest first, each
 * in its own transaction. The guarded transition makes a race with a payment or with another process's sweep
 * harmless: whoever moves the order first wins, the other changes nothing.
 */
export async function expireOverdueOrders(deps: Deps, now: Date, limit = 200): Promise<number> {
  const due = await deps.database.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, 'pending_payment'), lte(orders.payDeadline, now)))
    .orderBy(asc(orders.payDeadline))
    .limit(limit);
  let expired = 0;
  for (const { id } of due) {
    try {
      await deps.database.db.transaction(async (tx) => {
        if (await cancelUnpaidOrder(tx, deps, id, '超时未付款，订单已自动取消')) expired++;
      });
    } catch (err) {
      deps.log.error({ err, orderId: id }, 'payment timeout failed');
    }
  }
  return expired;
}

/** Cancels an order still awaiting payment (the timeout, or a campaign that ended); false when it had moved on. */
export async function cancelUnpaidOrder(db: Db, deps: Deps, orderId: string, reason: string): Promise<boolean> {
  const now = deps.clock.now();
  const moved = await tryTransition(db, orderId, 'cancel', { cancelledAt: now, cancelReason: reason });
  if (moved) await afterCancelled(db, moved, now, reason, 'system');
  return moved !== undefined;
}

export async function autoConfirmReceipt(db: Db, deps: Deps, orderId: string): Promise<void> {
  const now = deps.clock.now();
  const moved = await tryTransition(db, orderId, 'confirmReceipt', { deliveredAt: now });
  if (moved) await afterDelivered(db, deps, moved, now, true);
}

/** Completes a delivered order once its return window passed, unless an after-sale is open: then again in a day. */
export async function completeDeliveredOrder(db: Db, deps: Deps, orderId: string): Promise<void> {
  const now = deps.clock.now();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order || order.status !== 'delivered') return;
  if (order.openAfterSales > 0) {
    const recheckAt = new Date(now.getTime() + DAY_MS);
    await deps.jobs.enqueue(db, COMPLETE_JOB, { orderId }, { runAt: recheckAt, key: completeKey(orderId, recheckAt) });
    return;
  }
  const moved = await transition(db, orderId, 'complete', { completedAt: now });
  await recordEvent(db, orderId, 'completed', now);
  await emit(db, 'order.completed', {
    orderId,
    checkoutId: moved.checkoutId,
    userId: moved.userId,
    merchantId: moved.merchantId,
    payAmount: moved.payAmount,
    refundedAmount: moved.refundedAmount,
    completedAt: now.toISOString(),
  });
}

/** An exchange's replacement left the merchant: the buyer follows it on the order's timeline like the first parcel. */
export async function recordExchangeShipment(
  db: Db,
  input: {
    orderId: string;
    afterSaleId: string;
    specText: string;
    qty: number;
    carrier: string;
    trackingNo: string;
    at: Date;
  },
): Promise<void> {
  const { orderId, at, ...data } = input;
  await recordEvent(db, orderId, 'exchange_shipped', at, data);
}

// ---- shared steps ----

async function afterCancelled(db: Db, order: OrderRow, at: Date, reason: string, by: 'buyer' | 'system') {
  const lines = await db
    .select({ skuId: orderLines.skuId, qty: orderLines.qty })
    .from(orderLines)
    .where(and(eq(orderLines.orderId, order.id), eq(orderLines.stockPool, 'catalog')));
  await releaseStock(db, lines);
  await recordEvent(db, order.id, 'cancelled', at, { reason, by });
  await emit(db, 'order.cancelled', {
    orderId: order.id,
    checkoutId: order.checkoutId,
    userId: order.userId,
    merchantId: order.merchantId,
    reason,
    by,
    cancelledAt: at.toISOString(),
    campaignKind: order.campaignKind,
    campaignId: order.campaignId,
  });
}

async function afterDelivered(db: Db, deps: Deps, order: OrderRow, at: Date, auto: boolean) {
  await recordEvent(db, order.id, 'delivered', at, { auto });
  const completeAt = new Date(at.getTime() + NO_REASON_RETURN_DAYS * DAY_MS);
  await deps.jobs.enqueue(db, COMPLETE_JOB, { orderId: order.id }, { runAt: completeAt, key: completeKey(order.id) });
  await emit(db, 'order.delivered', {
    orderId: order.id,
    userId: order.userId,
    merchantId: order.merchantId,
    deliveredAt: at.toISOString(),
    auto,
  });
}

async function loadBuyerOrder(db: Db, userId: string, orderId: string): Promise<OrderRow> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  // Another buyer's order looks exactly like a missing one.
  if (!order || order.userId !== userId) throw notFound('订单');
  return order;
}
