import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const FLASH_SALE_STATUSES = ['scheduled', 'cancelled'] as const;
export const PURCHASE_STATUSES = ['reserved', 'paid', 'expired', 'cancelled'] as const;
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number];
export const TIER_CODES = ['regular', 'silver', 'gold', 'diamond'] as const;

/** A flash-sale slot (场次) of one merchant: a time window, a pay window, and who may buy. */
export const flashSales = pgTable(
  'flash_sales',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** How long a won purchase waits for payment before its units return to the pool. */
    payWindowSeconds: integer('pay_window_seconds').notNull(),
    /** VIP slots: only this membership tier and above, and/or only members of this community. */
    minTier: text('min_tier', { enum: TIER_CODES }),
    communityId: text('community_id'),
    /** Limited edition (会员优先购): 金卡/黑钻 may buy from their tier's priorityAccessFrom, before startsAt. */
    memberEarlyAccess: boolean('member_early_access').notNull().default(false),
    status: text('status', { enum: FLASH_SALE_STATUSES }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('flash_sales_time_idx').on(t.startsAt),
    index('flash_sales_merchant_idx').on(t.merchantId, t.id),
    check('flash_sales_window', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * One SKU in a slot. `quantity` units were taken out of the SKU's stock when the slot was created; `sold` counts
 * units held by live purchases (reserved or paid). The guarded batch update keeps `sold <= quantity`.
 */
export const flashItems = pgTable(
  'flash_items',
  {
    id: text('id').primaryKey(),
    saleId: text('sale_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    skuId: text('sku_id').notNull(),
    productId: text('product_id').notNull(),
    flashPrice: bigint('flash_price', { mode: 'number' }).notNull(),
    /** The SKU's price when the slot was created: the 划线价 shown next to the flash price. */
    regularPrice: bigint('regular_price', { mode: 'number' }).notNull(),
    quantity: integer('quantity').notNull(),
    sold: integer('sold').notNull().default(0),
    perUserLimit: integer('per_user_limit').notNull(),
    /** Set when the slot ended and the unsold units went back to the SKU's stock. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    returnedQty: integer('returned_qty').notNull().default(0),
  },
  (t) => [
    index('flash_items_sale_idx').on(t.saleId),
    check('flash_items_sold_within_quantity', sql`${t.sold} >= 0 and ${t.sold} <= ${t.quantity}`),
    check('flash_items_price', sql`${t.flashPrice} > 0 and ${t.flashPrice} < ${t.regularPrice}`),
  ],
);

/** Units each buyer holds of an item; the guarded upsert enforces the per-user limit across processes. */
export const flashQuotas = pgTable(
  'flash_quotas',
  {
    itemId: text('item_id').notNull(),
    userId: text('user_id').notNull(),
    qty: integer('qty').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.userId] }), check('flash_quotas_qty', sql`${t.qty} >= 0`)],
);

/** A won purchase: the order it created, keyed also by the buyer's Idempotency-Key so a retry gets the same answer. */
export const flashPurchases = pgTable(
  'flash_purchases',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id').notNull(),
    saleId: text('sale_id').notNull(),
    userId: text('user_id').notNull(),
    requestKey: text('request_key').notNull(),
    qty: integer('qty').notNull(),
    orderId: text('order_id').notNull(),
    checkoutId: text('checkout_id').notNull(),
    payAmount: bigint('pay_amount', { mode: 'number' }).notNull(),
    status: text('status', { enum: PURCHASE_STATUSES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    payDeadline: timestamp('pay_deadline', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('flash_purchases_request_uq').on(t.itemId, t.userId, t.requestKey),
    uniqueIndex('flash_purchases_order_uq').on(t.orderId),
    index('flash_purchases_sale_time_idx').on(t.saleId, t.createdAt),
    index('flash_purchases_user_idx').on(t.userId, t.id),
  ],
);
