import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const AFTER_SALE_TYPES = ['refund_only', 'return_refund', 'exchange'] as const;
export const AFTER_SALE_REASONS = [
  'no_reason',
  'quality',
  'wrong_item',
  'not_as_described',
  'not_received',
  'other',
] as const;
export const AFTER_SALE_STATUSES = [
  'requested',
  'escalated',
  'awaiting_return',
  'return_shipped',
  'refunding',
  /** 换货: the returned unit arrived; the merchant owes the replacement. */
  'awaiting_replacement',
  /** 换货: the replacement is on its way; the buyer confirms receipt (or it confirms itself). */
  'replacement_shipped',
  'completed',
  'rejected',
  'cancelled',
] as const;
export type AfterSaleType = (typeof AFTER_SALE_TYPES)[number];
export type AfterSaleReason = (typeof AFTER_SALE_REASONS)[number];
export type AfterSaleStatus = (typeof AFTER_SALE_STATUSES)[number];

/** A buyer's refund, return or exchange request for some units of one order line. */
export const afterSales = pgTable(
  'after_sales',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    lineId: text('line_id').notNull(),
    userId: text('user_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    skuId: text('sku_id').notNull(),
    productTitle: text('product_title').notNull(),
    specText: text('spec_text').notNull(),
    type: text('type', { enum: AFTER_SALE_TYPES }).notNull(),
    reasonCode: text('reason_code', { enum: AFTER_SALE_REASONS }).notNull(),
    description: text('description').notNull(),
    images: text('images').array().notNull().default([]),
    qty: integer('qty').notNull(),
    /** The line's share for these units; the shipping fee is added at approval when the rules allow it. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    shippingAmount: bigint('shipping_amount', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: AFTER_SALE_STATUSES }).notNull(),
    /** Where it was when it escalated, so the operator's decision continues from there. */
    escalatedFrom: text('escalated_from', { enum: AFTER_SALE_STATUSES }),
    /** When the merchant must have acted on the current step; an escalation job runs then. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    returnCarrier: text('return_carrier'),
    returnTrackingNo: text('return_tracking_no'),
    refundId: text('refund_id'),
    /** 换货: the SKU the buyer gets instead (same product, same price; may be the same SKU) and its spec. */
    replacementSkuId: text('replacement_sku_id'),
    replacementSpecText: text('replacement_spec_text'),
    /** 换货: true while the replacement units are taken from stock for this request (from approval until shipped or closed). */
    replacementReserved: boolean('replacement_reserved').notNull().default(false),
    /** 换货: the merchant found the returned unit defective, so it was not put back on sale. */
    returnDefective: boolean('return_defective'),
    replacementCarrier: text('replacement_carrier'),
    replacementTrackingNo: text('replacement_tracking_no'),
    replacementShippedAt: timestamp('replacement_shipped_at', { withTimezone: true }),
    /** When receipt of the replacement confirms itself if the buyer has not confirmed it. */
    replacementAutoConfirmAt: timestamp('replacement_auto_confirm_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('after_sales_user_idx').on(t.userId, t.id),
    index('after_sales_merchant_idx').on(t.merchantId, t.status, t.id),
    index('after_sales_order_idx').on(t.orderId, t.lineId),
    index('after_sales_escalated_idx').on(t.status, t.id),
    check('after_sales_qty_positive', sql`${t.qty} > 0`),
    check('after_sales_amount_nonnegative', sql`${t.amount} >= 0 and ${t.shippingAmount} >= 0`),
  ],
);

/** What happened to a request, in order: the timeline buyers, merchants and operators see. */
export const afterSaleEvents = pgTable(
  'after_sale_events',
  {
    id: text('id').primaryKey(),
    afterSaleId: text('after_sale_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor', { enum: ['buyer', 'merchant', 'operator', 'system'] }).notNull(),
    action: text('action').notNull(),
    note: text('note'),
  },
  (t) => [index('after_sale_events_idx').on(t.afterSaleId, t.id)],
);
