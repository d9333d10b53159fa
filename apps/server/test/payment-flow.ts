import { expect } from 'vitest';
import type { TestApp } from './harness.ts';
import type { Client } from './http.ts';

/** Payment-flow helpers: pay a checkout through the real routes (payments API, then the sandbox pay page). */

export async function startPayment(who: Client, checkoutId: string, idempotencyKey?: string) {
  const res = await who.post('/api/v1/payments', { checkoutId }, idempotencyKey ? { idempotencyKey } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { paymentId: string; amount: number; payUrl: string; status: string };
}

/** Opens a payment for the checkout and completes it on the sandbox pay page; events are dispatched after. */
export async function payThroughSandbox(
  t: TestApp,
  who: Client,
  checkoutId: string,
  outcome: 'succeeded' | 'failed' = 'succeeded',
) {
  const payment = await startPayment(who, checkoutId);
  const res = await who.post(payment.payUrl, { outcome });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await t.drain();
  return payment;
}

/** Posts a raw provider callback to the HTTP callback route, exactly as a gateway would. */
export async function postCallback(t: TestApp, rawBody: string, signature?: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/payments/callbacks/sandbox',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-sandbox-signature': signature } : {}) },
    payload: rawBody,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
}
