import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { AppError, invalidTransition, notFound } from '../../platform/errors.ts';
import { bulkInsertSql, insertTogether } from '../../platform/bulk.ts';
import { emit, emitManySql } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { releaseStock } from '../catalog/api.ts';
import {
  checkouts,
  orderEvents,
  orderLines,
  orderRefunds,
  orders,
  type OrderStatus,
  type ReturnPolicy,
} from './schema.ts';
import { canTransition, recordEvent, STATUS_LABELS, transition, tryTransitionMany } from './state.ts';

// The orders module's surface for other modules (payments, after-sales, reviews): see docs/CONTRACTS.md.
// Each runs in the caller's transaction. The buyer/merchant use-cases live in cart, quote, checkout,
// fulfilment and queries, and are re-exported here.

export { addToCart, getCart, removeCartLine, setCartSelection, updateCartLine } from './cart.ts';
export { placeCampaignOrders } from './campaign-orders.ts';
export { nextOrderNos, orderNosOf } from './order-no.ts';
export { getCheckout, placeOrder } from './checkout.ts';
export { type CampaignTerms } from './campaign-terms.ts';
export { cancelUnpaidCampaignOrder, hasPaidOrder, releaseShipHold } from './group-orders.ts';
export { cancelOrder, confirmReceipt, shipOrder } from './fulfilment.ts';
export { changeOrderAddress, previewOrderAddressChange } from './address-change.ts';
export {
  getMerchantOrder,
  getMyOrder,
  getOrderAsOperator,
  unmaskOrderPhone,
  listAllOrders,
  listMerchantOrders,
  listMyOrders,
} from './queries.ts';
export { quoteCheckout } from './quote.ts';

export interface CheckoutForPayment {
  checkoutId: string;
  userId: string;
  /** Σ payAmount of all the checkout's orders, as placed. */
  amount: number;
  payDeadline: Date;
  paidAt: Date | null;
  orders: { orderId: string; merchantId: string; payAmount: number; status: OrderStatus }[];
}

export async function getCheckoutForPayment(db: Db, checkoutId: string): Promise<CheckoutForPayment | undefined> {
  const [c] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!c) return undefined;
  const rows = await db
    .select({ orderId: orders.id, merchantId: orders.merchantId, payAmount: orders.payAmount, status: orders.status })
    .from(orders)
    .where(eq(orders.checkoutId, checkoutId))
    .orderBy(asc(orders.id));
  return {
    checkoutId: c.id,
    userId: c.userId,
    amount: c.amount,
    payDeadline: c.payDeadline,
    paidAt: c.paidAt,
    orders: rows,
  };
}

export interface PaidOrder {
  orderId: string;
  merchantId: string;
  payAmount: number;
}

/**
 * Marks every order of the checkout that still awaits payment as paid, each with a guarded update. Orders that
 * moved on meanwhile (cancelled by the buyer or the timeout, or paid by another payment) land in `notPayable`.
 * Calling again with the same paymentId returns the same split and changes nothing.
 */
export async function markCheckoutPaid(
  db: Db,
  input: { checkoutId: string; paymentId: string; paidAt: Date; method?: string },
): Promise<{ paid: PaidOrder[]; notPayable: (PaidOrder & { status: OrderStatus })[] }> {
  // Locking the checkout serialises two payments of one checkout.
  // Pipelined: PostgreSQL runs them in the order sent, so the orders are read after the checkout's lock is held.
  const [[c], rows] = await Promise.all([
    db.select().from(checkouts).where(eq(checkouts.id, input.checkoutId)).for('update'),
    db.select().from(orders).where(eq(orders.checkoutId, input.checkoutId)).orderBy(asc(orders.id)),
  ]);
  if (!c) throw notFound('结算单', input.checkoutId);
  const payable = rows.filter((o) => o.status === 'pending_payment').map((o) => o.id);
  // Every payable order moves in one guarded statement; an order cancelled meanwhile simply does not move. The
  // lines of the payable ones are read in the same round trip (those that did not move are ignored).
  const [moved, payableLines] = await Promise.all([
    tryTransitionMany(db, payable, 'pay', { paidAt: input.paidAt, paymentId: input.paymentId }),
    payable.length === 0
      ? []
      : db.select().from(orderLines).where(inArray(orderLines.orderId, payable)).orderBy(asc(orderLines.id)),
  ]);
  const movedIds = new Set(moved.map((o) => o.id));
  const lines = payableLines.filter((l) => movedIds.has(l.orderId));
  const paid: PaidOrder[] = [];
  const notPayable: (PaidOrder & { status: OrderStatus })[] = [];
  for (const o of rows) {
    const brief = { orderId: o.id, merchantId: o.merchantId, payAmount: o.payAmount };
    if (movedIds.has(o.id) || o.paymentId === input.paymentId) paid.push(brief);
    else notPayable.push({ ...brief, status: o.status });
  }
  if (moved.length === 0 && (paid.length === 0 || c.paidAt)) return { paid, notPayable };
  // Timeline entries, order.paid events and the checkout's paid mark: one statement.
  await insertTogether(db, [
    ...(moved.length > 0
      ? [
          bulkInsertSql(
            orderEvents,
            moved.map((o) => ({
              id: newId('oev'),
              orderId: o.id,
              type: 'paid' as const,
              at: input.paidAt,
              data: { paymentId: input.paymentId },
            })),
          ),
          emitManySql(
            moved.map((o) => ({
              type: 'order.paid',
              payload: {
                orderId: o.id,
                checkoutId: c.id,
                userId: o.userId,
                merchantId: o.merchantId,
                paidAt: input.paidAt.toISOString(),
                payMethod: input.method ?? null,
                payAmount: o.payAmount,
                lines: lines
                  .filter((l) => l.orderId === o.id)
                  .map((l) => ({
                    lineId: l.id,
                    skuId: l.skuId,
                    productId: l.productId,
                    qty: l.qty,
                    unitPrice: l.unitPrice,
                    payAmount: l.payAmount,
                  })),
              },
            })),
          ),
        ]
      : []),
    ...(paid.length > 0 && !c.paidAt
      ? [
          db
            .update(checkouts)
            .set({ paidAt: input.paidAt, paymentId: input.paymentId })
            .where(eq(checkouts.id, c.id))
            .getSQL(),
        ]
      : []),
  ]);
  return { paid, notPayable };
}

export interface OrderForAfterSale {
  orderId: string;
  checkoutId: string;
  userId: string;
  merchantId: string;
  status: OrderStatus;
  itemsAmount: number;
  discountAmount: number;
  shippingFee: number;
  payAmount: number;
  refundedAmount: number;
  refundedShipping: number;
  paymentId: string | null;
  /** Why the paid order may not ship yet (campaign-terms.ts), or null. */
  shipHold: string | null;
  openAfterSales: number;
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  completedAt: Date | null;
  lines: {
    lineId: string;
    skuId: string;
    productId: string;
    title: string;
    specText: string;
    imageUrl: string | null;
    unitPrice: number;
    qty: number;
    lineAmount: number;
    discountAmount: number;
    payAmount: number;
    refundedQty: number;
    refundedAmount: number;
    returnPolicy: ReturnPolicy;
  }[];
}

export async function getOrderForAfterSale(db: Db, orderId: string): Promise<OrderForAfterSale | undefined> {
  const [o] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!o) return undefined;
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, o.id)).orderBy(asc(orderLines.id));
  return {
    orderId: o.id,
    checkoutId: o.checkoutId,
    userId: o.userId,
    merchantId: o.merchantId,
    status: o.status,
    itemsAmount: o.itemsAmount,
    discountAmount: o.discountAmount,
    shippingFee: o.shippingFee,
    payAmount: o.payAmount,
    refundedAmount: o.refundedAmount,
    refundedShipping: o.refundedShipping,
    paymentId: o.paymentId,
    shipHold: o.shipHold,
    openAfterSales: o.openAfterSales,
    paidAt: o.paidAt,
    shippedAt: o.shippedAt,
    deliveredAt: o.deliveredAt,
    completedAt: o.completedAt,
    lines: lines.map((l) => ({
      lineId: l.id,
      skuId: l.skuId,
      productId: l.productId,
      title: l.title,
      specText: l.specText,
      imageUrl: l.imageUrl,
      unitPrice: l.unitPrice,
      qty: l.qty,
      lineAmount: l.lineAmount,
      discountAmount: l.discountAmount,
      payAmount: l.payAmount,
      refundedQty: l.refundedQty,
      refundedAmount: l.refundedAmount,
      returnPolicy: l.returnPolicy,
    })),
  };
}

const REFUNDABLE: OrderStatus[] = ['paid', 'shipped', 'delivered', 'completed'];
const refundTooLarge = (detail: string) => new AppError('refund-exceeds-paid', 409, '退款超出可退金额或数量', detail);

/**
 * Applies a completed refund to the order, once per refundId. Refund ≤ paid is guarded per line and for shipping.
 * When everything paid has been refunded the order closes. Units refunded before shipping go back on sale,
 * since they never left the merchant.
 */
export async function recordRefund(
  db: Db,
  input: {
    orderId: string;
    refundId: string;
    lines: { lineId: string; qty: number; amount: number }[];
    shippingAmount: number;
    at: Date;
  },
): Promise<{ recorded: boolean; status: OrderStatus; refundedAmount: number }> {
  const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
  if (!order) throw notFound('订单', input.orderId);
  const [prior] = await db
    .select({ refundId: orderRefunds.refundId })
    .from(orderRefunds)
    .where(eq(orderRefunds.refundId, input.refundId));
  if (prior) return { recorded: false, status: order.status, refundedAmount: order.refundedAmount };
  if (!REFUNDABLE.includes(order.status)) throw invalidTransition(STATUS_LABELS[order.status], '退款');

  const merged = new Map<string, { qty: number; amount: number }>();
  for (const l of input.lines) {
    if (!Number.isSafeInteger(l.qty) || !Number.isSafeInteger(l.amount) || l.qty < 0 || l.amount < 0)
      throw refundTooLarge(`退款行 ${l.lineId} 的数量或金额无效`);
    const m = merged.get(l.lineId) ?? { qty: 0, amount: 0 };
    merged.set(l.lineId, { qty: m.qty + l.qty, amount: m.amount + l.amount });
  }
  const lines = new Map(
    (await db.select().from(orderLines).where(eq(orderLines.orderId, order.id))).map((l) => [l.id, l]),
  );
  for (const [lineId, r] of merged) {
    const line = lines.get(lineId);
    if (!line) throw notFound('订单商品', lineId);
    if (line.refundedQty + r.qty > line.qty || line.refundedAmount + r.amount > line.payAmount) {
      throw refundTooLarge(
        `「${line.title}」最多还可退 ${line.qty - line.refundedQty} 件、${line.payAmount - line.refundedAmount} 分`,
      );
    }
  }
  if (
    !Number.isSafeInteger(input.shippingAmount) ||
    input.shippingAmount < 0 ||
    order.refundedShipping + input.shippingAmount > order.shippingFee
  ) {
    throw refundTooLarge(`运费最多还可退 ${order.shippingFee - order.refundedShipping} 分`);
  }
  const amount = [...merged.values()].reduce((a, r) => a + r.amount, 0) + input.shippingAmount;
  if (amount <= 0) throw refundTooLarge('退款金额必须大于 0');

  await db.insert(orderRefunds).values({
    refundId: input.refundId,
    orderId: order.id,
    amount,
    shippingAmount: input.shippingAmount,
    lines: [...merged].map(([lineId, r]) => ({ lineId, ...r })),
    at: input.at,
  });
  for (const [lineId, r] of merged) {
    await db
      .update(orderLines)
      .set({
        refundedQty: sql`${orderLines.refundedQty} + ${r.qty}`,
        refundedAmount: sql`${orderLines.refundedAmount} + ${r.amount}`,
      })
      .where(eq(orderLines.id, lineId));
  }
  const refundedAmount = order.refundedAmount + amount;
  await db
    .update(orders)
    .set({ refundedAmount, refundedShipping: order.refundedShipping + input.shippingAmount })
    .where(eq(orders.id, order.id));
  await recordEvent(db, order.id, 'refunded', input.at, { refundId: input.refundId, amount });
  if (order.status === 'paid') {
    const restocked = [...merged]
      .filter(([, r]) => r.qty > 0)
      .map(([lineId, r]) => ({ lineId, skuId: lines.get(lineId)!.skuId, qty: r.qty }));
    await releaseStock(db, restocked);
    // Units refunded before shipment never left the warehouse: supply books them back where the sale took them.
    if (restocked.length > 0)
      await emit(db, 'order.restocked', { orderId: order.id, merchantId: order.merchantId, lines: restocked });
  }

  let status = order.status;
  if (refundedAmount === order.payAmount && canTransition(order.status, 'close')) {
    const closed = await transition(db, order.id, 'close', { closedAt: input.at });
    status = closed.status;
    await recordEvent(db, order.id, 'closed', input.at, { refundedAmount });
    await emit(db, 'order.closed', {
      orderId: order.id,
      checkoutId: order.checkoutId,
      userId: order.userId,
      merchantId: order.merchantId,
      refundedAmount,
      closedAt: input.at.toISOString(),
    });
  }
  return { recorded: true, status, refundedAmount };
}

/**
 * Records a completed refund of everything still unrefunded on the order (goods and shipping), which closes it.
 * `restock: false` refunds the money only: the units are not counted back (they left the merchant and are not for sale).
 */
export async function recordFullRefund(
  db: Db,
  input: { orderId: string; refundId: string; at: Date; restock?: boolean },
) {
  const { restock = true, ...refund } = input;
  const order = await getOrderForAfterSale(db, input.orderId);
  if (!order) throw notFound('订单', input.orderId);
  return recordRefund(db, {
    ...refund,
    lines: order.lines
      .map((l) => ({
        lineId: l.lineId,
        qty: restock ? l.qty - l.refundedQty : 0,
        amount: l.payAmount - l.refundedAmount,
      }))
      .filter((l) => l.qty > 0 || l.amount > 0),
    shippingAmount: order.shippingFee - order.refundedShipping,
  });
}

/** Counts open after-sale requests of an order (delta +1 when one opens, −1 when it ends); returns the new count. */
export async function setAfterSaleOpen(db: Db, orderId: string, delta: number): Promise<number> {
  const [row] = await db
    .update(orders)
    .set({ openAfterSales: sql`greatest(${orders.openAfterSales} + ${delta}, 0)` })
    .where(eq(orders.id, orderId))
    .returning({ openAfterSales: orders.openAfterSales });
  if (!row) throw notFound('订单', orderId);
  return row.openAfterSales;
}

export interface LineForReview {
  orderId: string;
  lineId: string;
  userId: string;
  merchantId: string;
  productId: string;
  skuId: string;
  specText: string;
  qty: number;
  orderStatus: OrderStatus;
  deliveredAt: Date | null;
}

export async function getLineForReview(db: Db, lineId: string): Promise<LineForReview | undefined> {
  const [row] = await db
    .select({
      orderId: orders.id,
      lineId: orderLines.id,
      userId: orders.userId,
      merchantId: orders.merchantId,
      productId: orderLines.productId,
      skuId: orderLines.skuId,
      specText: orderLines.specText,
      qty: orderLines.qty,
      orderStatus: orders.status,
      deliveredAt: orders.deliveredAt,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(eq(orderLines.id, lineId));
  return row;
}
