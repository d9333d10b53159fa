import type { Deps } from '../../deps.ts';
import { autoConfirmReceipt, completeDeliveredOrder, expireUnpaidOrder } from './fulfilment.ts';
import {
  AUTO_CONFIRM_JOB,
  autoConfirmKey,
  COMPLETE_JOB,
  completeKey,
  PAYMENT_TIMEOUT_BATCH_JOB,
  PAYMENT_TIMEOUT_JOB,
  paymentTimeoutKey,
} from './jobs.ts';

// Published: order.created, order.paid, order.cancelled, order.shipped, order.delivered, order.completed,
// order.closed (payloads in docs/CONTRACTS.md). Subscribed: the module's own events, to drop timers that no
// longer apply — the job handlers check the status anyway, so a timer that fires late does nothing.

type OrderPayload = { orderId: string };

export function wireOrders(deps: Deps): void {
  deps.jobs.register<OrderPayload>(PAYMENT_TIMEOUT_JOB, (db, p) => expireUnpaidOrder(db, deps, p.orderId));
  deps.jobs.register<{ orderIds: string[] }>(PAYMENT_TIMEOUT_BATCH_JOB, async (db, p) => {
    for (const orderId of p.orderIds) await expireUnpaidOrder(db, deps, orderId);
  });
  deps.jobs.register<OrderPayload>(AUTO_CONFIRM_JOB, (db, p) => autoConfirmReceipt(db, deps, p.orderId));
  deps.jobs.register<OrderPayload>(COMPLETE_JOB, (db, p) => completeDeliveredOrder(db, deps, p.orderId));

  deps.events.subscribe<OrderPayload>('order.paid', 'orders.drop-payment-timeout', (db, e) =>
    deps.jobs.cancel(db, paymentTimeoutKey(e.payload.orderId)),
  );
  deps.events.subscribe<OrderPayload>('order.closed', 'orders.drop-fulfilment-timers', async (db, e) => {
    await deps.jobs.cancel(db, autoConfirmKey(e.payload.orderId));
    await deps.jobs.cancel(db, completeKey(e.payload.orderId));
  });
}
