import { sql } from 'drizzle-orm';
import type { AppliedDiscount } from './pricing.ts';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'closed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const CAMPAIGN_KINDS = ['flash_sale', 'group_buy', 'bargain', 'voucher', 'course', 'presale'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const STOCK_POOLS = ['catalog', 'campaign'] as const;
export type StockPool = (typeof STOCK_POOLS)[number];

/** One SKU in a buyer's cart. `priceWhenAdded` lets the cart say the price moved since. */
export const cartLines = pgTable(
  'cart_lines',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    skuId: text('sku_id').notNull(),
    /** A SKU never changes merchant or product, so the cart can group lines even after the SKU is disabled. */
    productId: text('product_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    qty: integer('qty').notNull(),
    priceWhenAdded: bigint('price_when_added', { mode: 'number' }).notNull(),
    selected: boolean('selected').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('cart_lines_user_sku_uq').on(t.userId, t.skuId),
    check('cart_lines_qty_range', sql`${t.qty} between 1 and 999`),
  ],
);

/** One buyer submission: the orders (one per merchant) that one payment pays for. */
export const checkouts = pgTable(
  'checkouts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    payDeadline: timestamp('pay_deadline', { withTimezone: true }).notNull(),
    paymentId: text('payment_id'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('checkouts_user_idx').on(t.userId, t.id)],
);

export interface OrderAddress {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
}

export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    /** What people read and quote: Beijing date + daily sequence (20261206000123). Assigned once, never reused. */
    orderNo: text('order_no').notNull(),
    checkoutId: text('checkout_id').notNull(),
    userId: text('user_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    merchantName: text('merchant_name').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    itemsAmount: bigint('items_amount', { mode: 'number' }).notNull(),
    discountAmount: bigint('discount_amount', { mode: 'number' }).notNull(),
    shippingFee: bigint('shipping_fee', { mode: 'number' }).notNull(),
    payAmount: bigint('pay_amount', { mode: 'number' }).notNull(),
    /** Everything refunded so far, goods and shipping. */
    refundedAmount: bigint('refunded_amount', { mode: 'number' }).notNull().default(0),
    refundedShipping: bigint('refunded_shipping', { mode: 'number' }).notNull().default(0),
    discounts: jsonb('discounts').$type<AppliedDiscount[]>().notNull().default([]),
    /** Recipient, phone and detail sealed (address-seal.ts); province, city and district plain. */
    address: jsonb('address').$type<OrderAddress>().notNull(),
    /** Blind indexes of the recipient and phone, for staff search by either (null once erased). */
    recipientIndex: text('recipient_index'),
    phoneIndex: text('phone_index'),
    note: text('note'),
    paymentId: text('payment_id'),
    carrier: text('carrier'),
    trackingNo: text('tracking_no'),
    /** Open after-sale requests; an order with one open does not complete. */
    openAfterSales: integer('open_after_sales').notNull().default(0),
    cancelReason: text('cancel_reason'),
    /** Set when a campaign (flash sale, group buy …) placed the order at its own price; null for an ordinary checkout. */
    campaignKind: text('campaign_kind', { enum: CAMPAIGN_KINDS }),
    campaignId: text('campaign_id'),
    /** Why a paid order may not ship yet (group_buy: the group has not filled); null when it may. Released by the campaign. */
    shipHold: text('ship_hold'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    payDeadline: timestamp('pay_deadline', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    /** When the carrier reported the parcel signed for (tracking feed); receipt is then confirmed sooner. */
    signedAt: timestamp('signed_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('orders_order_no_uq').on(t.orderNo),
    index('orders_user_idx').on(t.userId, t.id),
    index('orders_merchant_idx').on(t.merchantId, t.id),
    index('orders_checkout_idx').on(t.checkoutId),
    index('orders_status_idx').on(t.status, t.id),
    // The payment-timeout sweep: unpaid orders by deadline, only while they are unpaid.
    index('orders_unpaid_deadline_idx')
      .on(t.payDeadline)
      .where(sql`${t.status} = 'pending_payment'`),
    check('orders_money_nonnegative', sql`${t.payAmount} >= 0 and ${t.discountAmount} >= 0 and ${t.shippingFee} >= 0`),
    check('orders_refund_within_paid', sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= ${t.payAmount}`),
    check('orders_open_after_sales_nonnegative', sql`${t.openAfterSales} >= 0`),
  ],
);

/**
 * The last order number handed out per Beijing day. Checkout bumps the row with an upsert, so concurrent checkouts
 * queue on its lock and each gets its own number; a rolled-back checkout leaves a gap, never a reuse.
 */
export const orderNoCounters = pgTable('order_no_counters', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

export interface ReturnPolicy {
  noReason7d: boolean;
  reason: string | null;
}

/** A line of an order: a snapshot of what was bought, at what price, so later catalog edits change nothing. */
export const orderLines = pgTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    skuId: text('sku_id').notNull(),
    productId: text('product_id').notNull(),
    title: text('title').notNull(),
    specText: text('spec_text').notNull(),
    imageUrl: text('image_url'),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    qty: integer('qty').notNull(),
    lineAmount: bigint('line_amount', { mode: 'number' }).notNull(),
    discountAmount: bigint('discount_amount', { mode: 'number' }).notNull(),
    payAmount: bigint('pay_amount', { mode: 'number' }).notNull(),
    refundedQty: integer('refunded_qty').notNull().default(0),
    refundedAmount: bigint('refunded_amount', { mode: 'number' }).notNull().default(0),
    returnPolicy: jsonb('return_policy').$type<ReturnPolicy>().notNull(),
    /**
     * Where the units came from: the SKU's stock, or a campaign's own allotment (flash quantity). A cancelled unpaid
     * order gives catalog units back here; campaign units go back to the campaign, which reacts to order.cancelled.
     */
    stockPool: text('stock_pool', { enum: STOCK_POOLS }).notNull().default('catalog'),
  },
  (t) => [
    index('order_lines_order_idx').on(t.orderId),
    check(
      'order_lines_refund_within_paid',
      sql`${t.refundedQty} between 0 and ${t.qty} and ${t.refundedAmount} between 0 and ${t.payAmount}`,
    ),
  ],
);

export const ORDER_EVENT_TYPES = [
  'created',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refunded',
  'closed',
  'address_changed',
  'tracking',
  'exchange_shipped',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/** The order's timeline, as buyer, merchant and operator see it. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    type: text('type', { enum: ORDER_EVENT_TYPES }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id)],
);

/** Refunds already applied to an order, keyed by the payments module's refund id: a redelivery changes nothing. */
export const orderRefunds = pgTable(
  'order_refunds',
  {
    refundId: text('refund_id').primaryKey(),
    orderId: text('order_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    shippingAmount: bigint('shipping_amount', { mode: 'number' }).notNull(),
    lines: jsonb('lines').$type<{ lineId: string; qty: number; amount: number }[]>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('order_refunds_order_idx').on(t.orderId)],
);
