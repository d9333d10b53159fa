import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * 公益商品: the merchant pledges a fixed amount (分) per item sold of one product to a charity project of the points
 * module's charity list. One pledge per product; removing it stops future donations, past ones stay on the ledger.
 */
export const charityPledges = pgTable(
  'charity_product_pledges',
  {
    productId: text('product_id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    projectId: text('project_id').notNull(),
    amountPerItem: bigint('amount_per_item', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('charity_product_pledges_project_idx').on(t.projectId),
    index('charity_product_pledges_merchant_idx').on(t.merchantId),
    check('charity_product_pledges_amount', sql`${t.amountPerItem} between 1 and 10000`),
  ],
);

/**
 * One donation per paid order line of a pledged product: amount = pledge × qty (at most what the buyer paid for the
 * line), journaled from the merchant's money to `charity:<projectId>`. Refunds reverse a proportional part
 * (reversedAmount); the certificate number is the buyer's proof of the donation.
 */
export const charitySales = pgTable(
  'charity_sales',
  {
    id: text('id').primaryKey(),
    certificateNo: text('certificate_no').notNull(),
    orderId: text('order_id').notNull(),
    lineId: text('line_id').notNull(),
    userId: text('user_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    productId: text('product_id').notNull(),
    productTitle: text('product_title').notNull(),
    projectId: text('project_id').notNull(),
    qty: integer('qty').notNull(),
    amountPerItem: bigint('amount_per_item', { mode: 'number' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reversedAmount: bigint('reversed_amount', { mode: 'number' }).notNull().default(0),
    /** pending: the order may still be refunded on the merchant's pending money; settled: moved with settlement. */
    status: text('status', { enum: ['pending', 'settled', 'reversed'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('charity_sales_line_uq').on(t.lineId),
    uniqueIndex('charity_sales_certificate_uq').on(t.certificateNo),
    index('charity_sales_order_idx').on(t.orderId),
    index('charity_sales_project_idx').on(t.projectId, t.id),
    index('charity_sales_user_idx').on(t.userId, t.id),
    check('charity_sales_amount_positive', sql`${t.amount} > 0`),
    check('charity_sales_reversal', sql`${t.reversedAmount} between 0 and ${t.amount}`),
  ],
);
