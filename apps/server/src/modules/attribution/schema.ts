import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const TOUCH_KINDS = ['post', 'live', 'community', 'share', 'affiliate', 'search'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];
export const SOURCES = [...TOUCH_KINDS, 'direct'] as const;
export type Source = (typeof SOURCES)[number];

/** A signed-in shopper opened a product from somewhere that deserves credit (a post, a share link, a search …). */
export const attributionTouches = pgTable(
  'attribution_touches',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: TOUCH_KINDS }).notNull(),
    productId: text('product_id'),
    postId: text('post_id'),
    creatorId: text('creator_id'),
    sharerId: text('sharer_id'),
    communityId: text('community_id'),
    liveSessionId: text('live_session_id'),
    affiliateCode: text('affiliate_code'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('attribution_touches_user_product_idx').on(t.userId, t.productId, t.at)],
);

/** A share link's token: who shared what. The token, not the URL's other parameters, decides who is credited. */
export const shareLinks = pgTable(
  'share_links',
  {
    token: text('token').primaryKey(),
    sharerId: text('sharer_id').notNull(),
    postId: text('post_id'),
    productId: text('product_id'),
    creatorId: text('creator_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('share_links_sharer_idx').on(t.sharerId, t.createdAt)],
);

/**
 * Where each order line came from: the last touch (source and ids) and the first touch within the window.
 * The one source of truth for commissions, creator analytics and dashboards.
 */
export const lineAttributions = pgTable(
  'line_attributions',
  {
    lineId: text('line_id').primaryKey(),
    orderId: text('order_id').notNull(),
    userId: text('user_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    productId: text('product_id').notNull(),
    qty: integer('qty').notNull(),
    payAmount: bigint('pay_amount', { mode: 'number' }).notNull(),
    source: text('source', { enum: SOURCES }).notNull(),
    postId: text('post_id'),
    creatorId: text('creator_id'),
    sharerId: text('sharer_id'),
    communityId: text('community_id'),
    liveSessionId: text('live_session_id'),
    affiliateCode: text('affiliate_code'),
    firstSource: text('first_source', { enum: SOURCES }).notNull(),
    firstTouchAt: timestamp('first_touch_at', { withTimezone: true }),
    lastTouchAt: timestamp('last_touch_at', { withTimezone: true }),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** Cancelled before payment, or fully refunded (closed): not counted as GMV. */
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (t) => [
    index('line_attributions_order_idx').on(t.orderId),
    index('line_attributions_post_idx').on(t.postId),
    index('line_attributions_creator_idx').on(t.creatorId, t.orderedAt),
    index('line_attributions_sharer_idx').on(t.sharerId),
  ],
);
