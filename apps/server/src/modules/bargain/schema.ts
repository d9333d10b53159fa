import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// Assist / bargain (助力 / 砍价). States are documented in docs/GROUPBUY.md.

/** A merchant's offer: friends' helps take one SKU from its price down to `floorPrice` in exactly `helpsNeeded` helps. */
export const bargainCampaigns = pgTable(
  'bargain_campaigns',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    productId: text('product_id').notNull(),
    skuId: text('sku_id').notNull(),
    title: text('title').notNull(),
    floorPrice: bigint('floor_price', { mode: 'number' }).notNull(),
    helpsNeeded: integer('helps_needed').notNull(),
    /** How long a started bargain may be helped and bought. */
    durationMinutes: integer('duration_minutes').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['active', 'stopped'] })
      .notNull()
      .default('active'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('bargain_campaigns_product_idx').on(t.productId),
    index('bargain_campaigns_merchant_idx').on(t.merchantId, t.id),
    check('bargain_campaigns_helps', sql`${t.helpsNeeded} between 1 and 100`),
    check('bargain_campaigns_floor', sql`${t.floorPrice} > 0`),
  ],
);

export const BARGAIN_STATUSES = ['active', 'ordered', 'purchased', 'expired'] as const;
export type BargainStatus = (typeof BARGAIN_STATUSES)[number];

/**
 * One user's bargain. active (friends help, the user may buy) → ordered (an order awaits payment) → purchased;
 * ordered → active again if the order is cancelled before the deadline; active → expired at expiresAt.
 * The price steps are a pure function of `seed`, start/floor price and helpsNeeded, so anyone can recompute them.
 */
export const bargains = pgTable(
  'bargains',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    userId: text('user_id').notNull(),
    seed: text('seed').notNull(),
    startPrice: bigint('start_price', { mode: 'number' }).notNull(),
    floorPrice: bigint('floor_price', { mode: 'number' }).notNull(),
    helpsNeeded: integer('helps_needed').notNull(),
    helpsCount: integer('helps_count').notNull().default(0),
    currentPrice: bigint('current_price', { mode: 'number' }).notNull(),
    status: text('status', { enum: BARGAIN_STATUSES }).notNull(),
    orderId: text('order_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    purchasedAt: timestamp('purchased_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('bargains_one_per_user_uq').on(t.campaignId, t.userId),
    index('bargains_user_idx').on(t.userId, t.id),
    check('bargains_price_range', sql`${t.currentPrice} between ${t.floorPrice} and ${t.startPrice}`),
    check('bargains_helps_range', sql`${t.helpsCount} between 0 and ${t.helpsNeeded}`),
  ],
);

/** One friend's help. One per account per campaign; ip and device are kept for the abuse limits. */
export const bargainHelps = pgTable(
  'bargain_helps',
  {
    id: text('id').primaryKey(),
    bargainId: text('bargain_id').notNull(),
    campaignId: text('campaign_id').notNull(),
    helperId: text('helper_id').notNull(),
    seq: integer('seq').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    priceAfter: bigint('price_after', { mode: 'number' }).notNull(),
    ip: text('ip').notNull(),
    deviceId: text('device_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('bargain_helps_one_per_campaign_uq').on(t.campaignId, t.helperId),
    uniqueIndex('bargain_helps_seq_uq').on(t.bargainId, t.seq),
    index('bargain_helps_ip_idx').on(t.campaignId, t.ip, t.createdAt),
    index('bargain_helps_device_idx').on(t.campaignId, t.deviceId, t.createdAt),
  ],
);
