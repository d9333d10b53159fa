import type { Deps } from '../../deps.ts';
import { sealPlainOrderAddresses } from './address-seal.ts';
import {
  autoConfirmReceipt,
  completeDeliveredOrder,
  expireOverdueOrders,
  expireUnpaidOrder,
  recordTracking,
  type TrackingUpdate,
} from './fulfilment.ts';
import {
  AUTO_CONFIRM_JOB,
  autoConfirmKey,
  COMPLETE_JOB,
  completeKey,
  PAYMENT_TIMEOUT_BATCH_JOB,
  PAYMENT_TIMEOUT_JOB,
  PAYMENT_TIMEOUT_SWEEP,
} from './jobs.ts';

// Published: order.created, order.paid, order.cancelled, order.shipped, order.delivered, order.completed,
// order.closed (payloads in docs/CONTRACTS.md). Subscribed: the module's own events, to drop timers that no
// longer apply — the job handlers check the status anyway, so a timer that fires late does nothing — and
// logistics.tracking_updated, which puts the parcel's progress on the timeline (已签收 brings auto-confirm forward).

type OrderPayload = { orderId: string };

export function wireOrders(deps: Deps): void {
  // Unpaid orders are cancelled by the sweep at their pay deadline; the per-order job stays registered for rows
  // enqueued before the sweep existed (it does nothing to an order that has moved on).
  deps.jobs.registerSweep(PAYMENT_TIMEOUT_SWEEP, (now) => expireOverdueOrders(deps, now));
  deps.jobs.register<OrderPayload>(PAYMENT_TIMEOUT_JOB, (db, p) => expireUnpaidOrder(db, deps, p.orderId));
  deps.jobs.register<{ orderIds: string[] }>(PAYMENT_TIMEOUT_BATCH_JOB, async (db, p) => {
    for (const orderId of p.orderIds) await expireUnpaidOrder(db, deps, orderId);
  });
  deps.jobs.register<OrderPayload>(AUTO_CONFIRM_JOB, (db, p) => autoConfirmReceipt(db, deps, p.orderId));
  deps.jobs.register<OrderPayload>(COMPLETE_JOB, (db, p) => completeDeliveredOrder(db, deps, p.orderId));

  deps.events.subscribe<OrderPayload>('order.closed', 'orders.drop-fulfilment-timers', async (db, e) => {
    await deps.jobs.cancel(db, autoConfirmKey(e.payload.orderId));
    await deps.jobs.cancel(db, completeKey(e.payload.orderId));
  });
  deps.events.subscribe<TrackingUpdate>('logistics.tracking_updated', 'orders.record-tracking', (db, e) =>
    recordTracking(db, deps, e.payload),
  );
}

/** Start: snapshots an older version wrote in plain text are sealed before the first request (address-seal.ts). */
export async function initOrders(deps: Deps): Promise<void> {
  const sealed = await sealPlainOrderAddresses(deps);
  if (sealed > 0) deps.log.info({ orders: sealed }, 'orders: sealed plain address snapshots');
}
