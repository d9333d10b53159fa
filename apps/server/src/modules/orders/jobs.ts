// Deferred steps of an order, as keyed jobs: one pending job per order and step.

export const PAYMENT_TIMEOUT_JOB = 'orders.payment-timeout';
/** The sweep that cancels orders unpaid past their deadline (no job row per order). */
export const PAYMENT_TIMEOUT_SWEEP = 'orders.payment-timeout-sweep';
/** One timer for many orders sharing a pay deadline (a flash-sale batch): one job row instead of hundreds. */
export const PAYMENT_TIMEOUT_BATCH_JOB = 'orders.payment-timeout-batch';
export const AUTO_CONFIRM_JOB = 'orders.auto-confirm-receipt';
export const COMPLETE_JOB = 'orders.complete';

export const autoConfirmKey = (orderId: string) => `${AUTO_CONFIRM_JOB}:${orderId}`;
/** Completion re-checks carry their due time in the key: the running job still holds the plain key. */
export const completeKey = (orderId: string, recheckAt?: Date) =>
  `${COMPLETE_JOB}:${orderId}${recheckAt ? `:${recheckAt.toISOString()}` : ''}`;

/** The no-reason return window after delivery; the order completes when it has passed. */
export const NO_REASON_RETURN_DAYS = 7;
export const DAY_MS = 86_400_000;

/** When receipt confirms itself: N days after shipping, or M days after the carrier's 已签收 if that is sooner. */
export function autoConfirmAtOf(
  shippedAt: Date,
  signedAt: Date | null,
  config: { AUTO_CONFIRM_RECEIPT_DAYS: number; AUTO_CONFIRM_AFTER_SIGNED_DAYS: number },
): Date {
  const byShip = shippedAt.getTime() + config.AUTO_CONFIRM_RECEIPT_DAYS * DAY_MS;
  const bySign = signedAt ? signedAt.getTime() + config.AUTO_CONFIRM_AFTER_SIGNED_DAYS * DAY_MS : byShip;
  return new Date(Math.min(byShip, bySign));
}
