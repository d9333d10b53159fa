import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const REVIEW_KINDS = ['initial', 'follow_up'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/**
 * A published review of one order line: the first review (with ratings) or its one follow-up (追评, text and
 * images only). Rows are never updated: each carries a SHA-256 of its content chained to the previous review
 * of the same product, so a change made behind the application's back is detectable.
 */
export const reviews = pgTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    productId: text('product_id').notNull(),
    skuId: text('sku_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    orderId: text('order_id').notNull(),
    orderLineId: text('order_line_id').notNull(),
    userId: text('user_id').notNull(),
    specText: text('spec_text').notNull(),
    kind: text('kind', { enum: REVIEW_KINDS }).notNull(),
    /** The first review a follow-up belongs to. */
    parentId: text('parent_id'),
    ratingQuality: integer('rating_quality'),
    ratingLogistics: integer('rating_logistics'),
    ratingService: integer('rating_service'),
    /** Overall stars: the rounded mean of the three aspects. Null on follow-ups. */
    rating: integer('rating'),
    content: text('content').notNull(),
    images: text('images').array().notNull(),
    anonymous: boolean('anonymous').notNull(),
    /** First reviews: until when the buyer may add the follow-up (delivery + 180 days). */
    followUpUntil: timestamp('follow_up_until', { withTimezone: true }),
    /** Position in the product's chain, from 1 without gaps. */
    seq: integer('seq').notNull(),
    prevHash: text('prev_hash').notNull(),
    contentHash: text('content_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('reviews_line_kind_uq').on(t.orderLineId, t.kind),
    uniqueIndex('reviews_product_seq_uq').on(t.productId, t.seq),
    index('reviews_product_list_idx').on(t.productId, t.kind, t.createdAt),
    index('reviews_merchant_idx').on(t.merchantId, t.createdAt),
    index('reviews_user_idx').on(t.userId, t.createdAt),
    index('reviews_parent_idx').on(t.parentId),
    check('reviews_rating_range', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

/** The merchant's one public reply to a review; hashed over the review's hash so it cannot be swapped silently. */
export const reviewReplies = pgTable('review_replies', {
  reviewId: text('review_id')
    .primaryKey()
    .references(() => reviews.id),
  merchantId: text('merchant_id').notNull(),
  /** The staff member who wrote it (not shown publicly). */
  userId: text('user_id').notNull(),
  content: text('content').notNull(),
  contentHash: text('content_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** The latest link of each product's review chain. Locked while a review is appended, so links never fork. */
export const reviewChainHeads = pgTable('review_chain_heads', {
  productId: text('product_id').primaryKey(),
  seq: integer('seq').notNull(),
  headHash: text('head_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * What the review screening looks at besides the review itself: keyed hashes of the network address and device
 * the review came from (never the raw values), when the line was delivered, and whether it was refunded after.
 */
export const reviewFingerprints = pgTable(
  'review_fingerprints',
  {
    // No foreign key: tamper evidence must be able to show a review deleted behind the application's back.
    reviewId: text('review_id').primaryKey(),
    userId: text('user_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    /** Null for loopback (seed, tests, a misconfigured proxy): one shared address there says nothing. */
    ipHash: text('ip_hash'),
    deviceHash: text('device_hash'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    /** The reviewer's account creation time (new-account bursts). */
    accountCreatedAt: timestamp('account_created_at', { withTimezone: true }),
    /** Keyed digests from orders (full shipping address) and payments (payer account): comparable, not readable. */
    addressHash: text('address_hash'),
    payerHash: text('payer_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('review_fingerprints_merchant_idx').on(t.merchantId, t.createdAt)],
);

export const REVIEW_FLAG_STATUSES = ['pending', 'cleared', 'removed'] as const;
export type ReviewFlagStatus = (typeof REVIEW_FLAG_STATUSES)[number];

/** A review the screening held for an operator: hidden from the public list and score until it is cleared. */
export const reviewFlags = pgTable(
  'review_flags',
  {
    // No foreign key: tamper evidence must be able to show a review deleted behind the application's back.
    reviewId: text('review_id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    productId: text('product_id').notNull(),
    status: text('status', { enum: REVIEW_FLAG_STATUSES }).notNull(),
    score: integer('score').notNull(),
    /** [{ code, weight, detail }] as found when flagged (and refreshed while pending). */
    signals: jsonb('signals').$type<{ code: string; weight: number; detail: string }[]>().notNull(),
    flaggedAt: timestamp('flagged_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The operator who decided (not shown publicly). */
    decidedBy: text('decided_by'),
    note: text('note'),
  },
  (t) => [index('review_flags_status_idx').on(t.status, t.flaggedAt)],
);

export const REVIEW_APPEAL_STATUSES = ['pending', 'reinstated', 'upheld'] as const;
export type ReviewAppealStatus = (typeof REVIEW_APPEAL_STATUSES)[number];

/**
 * The reviewer's one appeal (申诉) against an operator's removal of their held review. The primary key is the
 * guard: a review is appealed at most once, and of two appeals sent at the same moment exactly one is stored.
 */
export const reviewAppeals = pgTable(
  'review_appeals',
  {
    // No foreign key, as for flags: tamper evidence must be able to show a review deleted behind our back.
    reviewId: text('review_id').primaryKey(),
    userId: text('user_id').notNull(),
    productId: text('product_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    /** The author's own words: why the review is genuine. Shown to operators and the author only. */
    reason: text('reason').notNull(),
    status: text('status', { enum: REVIEW_APPEAL_STATUSES }).notNull(),
    /** The removal being appealed, copied when the appeal is filed: a reinstatement later overwrites the flag. */
    removedAt: timestamp('removed_at', { withTimezone: true }).notNull(),
    removalNote: text('removal_note'),
    appealedAt: timestamp('appealed_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The operator who decided (not shown to the author or publicly). */
    decidedBy: text('decided_by'),
    /** The operator's explanation, shown to the author. */
    note: text('note'),
  },
  (t) => [index('review_appeals_status_idx').on(t.status, t.appealedAt), index('review_appeals_user_idx').on(t.userId)],
);
