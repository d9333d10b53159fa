import { newId } from '../src/platform/ids.ts';
import { product as productFactory } from './factories.ts';
import type { TestApp } from './harness.ts';
import type { Client } from './http.ts';
import { type Buyer, buyer as newBuyer, merchant as newMerchant, placeOrder } from './order-factories.ts';

/**
 * Whole journeys through the real HTTP API (order → sandbox payment → shipping → receipt), for tests that need an
 * order in a later state. Accounts are signed in through the services (order-factories) so the SMS rate limit
 * is not spent.
 */

type Staff = Client & { userId: string; phone: string };

export interface OrderFixture {
  buyer: Buyer;
  merchantId: string;
  owner: Staff;
  productId: string;
  skuIds: string[];
  checkoutId: string;
  orderId: string;
  lineIds: string[];
}

export interface OrderOptions {
  buyer?: Buyer;
  merchant?: { merchantId: string; owner: Staff };
  product?: { productId: string; skuIds: string[] };
  /** Lines to order; default one unit of the product's first SKU. */
  items?: { skuId: string; qty: number }[];
  /** The sandbox wallet that pays; default the buyer's own. */
  payerAccount?: string;
}

/** Places an order and pays it through the payments API and the sandbox pay page; events drained. */
export async function sandboxPaidOrder(t: TestApp, opts: OrderOptions = {}): Promise<OrderFixture> {
  const merchant = opts.merchant ?? (await newMerchant(t));
  const prod = opts.product ?? (await productFactory(t, merchant.owner, merchant.merchantId));
  const buyer = opts.buyer ?? (await newBuyer(t));
  const checkout = await placeOrder(t, buyer, opts.items ?? [{ skuId: prod.skuIds[0]!, qty: 1 }]);
  const payment = await buyer.post(
    '/api/v1/payments',
    { checkoutId: checkout.checkoutId },
    { idempotencyKey: newId('idem') },
  );
  if (payment.status !== 200) throw new Error(`payment failed: ${JSON.stringify(payment.body)}`);
  const paid = await buyer.post(`/api/v1/sandbox/pay/${payment.body.paymentId}`, {
    outcome: 'succeeded',
    ...(opts.payerAccount ? { payerAccount: opts.payerAccount } : {}),
  });
  if (paid.status !== 200) throw new Error(`sandbox pay failed: ${JSON.stringify(paid.body)}`);
  await t.drain();
  const order = checkout.orders[0]!;
  return {
    buyer,
    merchantId: merchant.merchantId,
    owner: merchant.owner,
    productId: prod.productId,
    skuIds: prod.skuIds,
    checkoutId: checkout.checkoutId,
    orderId: order.id,
    lineIds: order.lines.map((l) => l.id),
  };
}

let tracking = 0;

/** A paid order the merchant has shipped with 顺丰速运. */
export async function shippedOrder(t: TestApp, opts: OrderOptions = {}): Promise<OrderFixture> {
  const o = await sandboxPaidOrder(t, opts);
  const trackingNo = `SF${String(1_000_000_000_000 + tracking++)}`;
  const shipped = await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, { carrier: '顺丰速运', trackingNo });
  if (shipped.status !== 200) throw new Error(`ship failed: ${JSON.stringify(shipped.body)}`);
  await t.drain();
  return o;
}

/** An order the buyer has received: placed, paid, shipped and confirmed through the HTTP API. */
export async function deliveredOrder(t: TestApp, opts: OrderOptions = {}): Promise<OrderFixture> {
  const o = await shippedOrder(t, opts);
  const confirmed = await o.buyer.post(`/api/v1/orders/${o.orderId}/confirm-receipt`);
  if (confirmed.status !== 200) throw new Error(`confirm receipt failed: ${JSON.stringify(confirmed.body)}`);
  await t.drain();
  return o;
}
