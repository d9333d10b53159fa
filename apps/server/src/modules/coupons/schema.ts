import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** 满减 (threshold + amount), 折扣 (percentage off, optional cap), 无门槛 (amount off, no threshold). */
export const COUPON_KINDS = ['threshold', 'percent', 'no_threshold'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];
/** Whole shop (for a platform coupon: every item), listed products, or categories (stored expanded to leaves). */
export const COUPON_SCOPES = ['shop', 'products', 'category'] as const;
export type CouponScope = (typeof COUPON_SCOPES)[number];
/** Who gets it: anyone in the claim centre, the new-user pack, or only by targeted issuance. */
export const COUPON_AUDIENCES = ['public', 'new_user', 'targeted'] as const;
export type CouponAudience = (typeof COUPON_AUDIENCES)[number];
export const TEMPLATE_STATUSES = ['active', 'stopped'] as const;
export const COUPON_STATUSES = ['available', 'used', 'expired'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];
export const COUPON_SOURCES = ['claim', 'new_user_pack', 'issued'] as const;

/**
 * A coupon template, created by a merchant (applies to its own items) or by an operator (`merchantId` null:
 * a platform coupon, shared across merchants by their items). `issuedCount` only grows through a guarded
 * update, so it never passes `totalQuantity`.
 */
export const couponTemplates = pgTable(
  'coupon_templates',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id'),
    createdBy: text('created_by').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: COUPON_KINDS }).notNull(),
    /** Eligible items must reach this (fen); 0 for none. */
    thresholdAmount: bigint('threshold_amount', { mode: 'number' }).notNull(),
    /** Amount off (fen) for threshold / no_threshold coupons; 0 for percent coupons. */
    discountAmount: bigint('discount_amount', { mode: 'number' }).notNull(),
    /** Percent coupons: percentage taken off (15 → 8.5 折). */
    percentOff: integer('percent_off'),
    /** Percent coupons: the most it takes off (fen); null for no cap. */
    maxDiscount: bigint('max_discount', { mode: 'number' }),
    scope: text('scope', { enum: COUPON_SCOPES }).notNull(),
    productIds: text('product_ids').array().notNull(),
    categoryIds: text('category_ids').array().notNull(),
    audience: text('audience', { enum: COUPON_AUDIENCES }).notNull(),
    /** Usable only on the buyer's first paid order (首单立减). */
    firstOrderOnly: boolean('first_order_only').notNull().default(false),
    /** Fixed window when `validDays` is null; otherwise each coupon is valid N days from its issue. */
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    validDays: integer('valid_days'),
    /** When it can be claimed or issued. */
    claimFrom: timestamp('claim_from', { withTimezone: true }).notNull(),
    claimUntil: timestamp('claim_until', { withTimezone: true }).notNull(),
    totalQuantity: integer('total_quantity').notNull(),
    perUserLimit: integer('per_user_limit').notNull(),
    issuedCount: integer('issued_count').notNull().default(0),
    status: text('status', { enum: TEMPLATE_STATUSES }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('coupon_templates_merchant_idx').on(t.merchantId, t.createdAt),
    index('coupon_templates_audience_idx').on(t.audience, t.status, t.claimUntil),
    check('coupon_templates_issued_le_total', sql`${t.issuedCount} <= ${t.totalQuantity}`),
    check('coupon_templates_percent_range', sql`${t.percentOff} is null or ${t.percentOff} between 1 and 90`),
  ],
);

/** One coupon in a user's wallet. `status` is stored; "expired" is also read from `validUntil`. */
export const coupons = pgTable(
  'coupons',
  {
    id: text('id').primaryKey(),
    templateId: text('template_id')
      .notNull()
      .references(() => couponTemplates.id),
    userId: text('user_id').notNull(),
    merchantId: text('merchant_id'),
    source: text('source', { enum: COUPON_SOURCES }).notNull(),
    status: text('status', { enum: COUPON_STATUSES }).notNull().default('available'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    /** The checkout it is locked to while used. */
    checkoutId: text('checkout_id'),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** Last time it came back from a cancelled or fully refunded order. */
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnCount: integer('return_count').notNull().default(0),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('coupons_user_idx').on(t.userId, t.status, t.validUntil),
    index('coupons_template_idx').on(t.templateId, t.status),
  ],
);

/** How many of a template each user has received: the per-user limit is a guarded upsert on this row. */
export const couponClaims = pgTable(
  'coupon_claims',
  {
    templateId: text('template_id').notNull(),
    userId: text('user_id').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.userId] })],
);

export const REDEMPTION_STATUSES = ['locked', 'paid', 'released'] as const;

/**
 * A coupon's discount on one order (a platform coupon spans the orders of one checkout). Released when the
 * order is cancelled or closed; the coupon returns once all its redemptions are released.
 */
export const couponRedemptions = pgTable(
  'coupon_redemptions',
  {
    couponId: text('coupon_id').notNull(),
    orderId: text('order_id').notNull(),
    templateId: text('template_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    status: text('status', { enum: REDEMPTION_STATUSES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.couponId, t.orderId] }),
    index('coupon_redemptions_order_idx').on(t.orderId),
    index('coupon_redemptions_template_idx').on(t.templateId, t.status),
  ],
);

/**
 * Who has paid whom, kept from order.paid: the first-order rule ("no paid order yet") and merchant segments
 * ("bought from us") read this, never the orders tables.
 */
export const couponBuyers = pgTable(
  'coupon_buyers',
  {
    userId: text('user_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    paidOrders: integer('paid_orders').notNull(),
    firstPaidAt: timestamp('first_paid_at', { withTimezone: true }).notNull(),
    lastPaidAt: timestamp('last_paid_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.merchantId] }),
    index('coupon_buyers_merchant_idx').on(t.merchantId, t.lastPaidAt),
  ],
);

/** One row per user who took the new-user pack, so it is handed out once even when asked twice at once. */
export const couponNewUserPacks = pgTable('coupon_new_user_packs', {
  userId: text('user_id').primaryKey(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
});

/**
 * What the platform pays a merchant for a platform coupon's share of one paid order (docs/COUPONS.md "Who pays"):
 * posted when the order is paid, reversed in proportion to refunds, settled with the order. `reversedAmount` and
 * `settledAt` only move forward through guarded updates, so the journals are posted once each.
 */
export const couponSubsidies = pgTable(
  'coupon_subsidies',
  {
    couponId: text('coupon_id').notNull(),
    orderId: text('order_id').notNull(),
    templateId: text('template_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reversedAmount: bigint('reversed_amount', { mode: 'number' }).notNull().default(0),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.couponId, t.orderId] }),
    index('coupon_subsidies_order_idx').on(t.orderId),
    check('coupon_subsidies_reversed_le_amount', sql`${t.reversedAmount} between 0 and ${t.amount}`),
  ],
);
