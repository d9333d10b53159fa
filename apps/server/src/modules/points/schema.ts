import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

// Points live on the ledger (accounts `points:*`, currency PTS); these tables are projections and records that
// make the ledger fast to read and the rules enforceable. See docs/POINTS.md.

/** A user's points balance, kept equal to minus the ledger balance of `points:user:<id>`. Negative only after a clawback. */
export const pointsWallets = pgTable('points_wallets', {
  userId: text('user_id').primaryKey(),
  balance: bigint('balance', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Earned points in lots, so they expire first-in-first-out: Σ remaining of a user's lots equals max(0, balance).
 * `sourceRef` is the thing that earned them (order id, sign-in day …): a clawback takes from that lot first.
 */
export const pointsLots = pgTable(
  'points_lots',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    sourceRef: text('source_ref').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    remaining: bigint('remaining', { mode: 'number' }).notNull(),
    earnedAt: timestamp('earned_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('points_lots_user_idx')
      .on(t.userId, t.expiresAt)
      .where(sql`${t.remaining} > 0`),
    index('points_lots_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.remaining} > 0`),
    check('points_lots_remaining', sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.amount}`),
  ],
);

/** One sign-in per user and Asia/Shanghai business day. */
export const pointsSignIns = pgTable(
  'points_sign_ins',
  {
    userId: text('user_id').notNull(),
    day: text('day').notNull(),
    streak: integer('streak').notNull(),
    points: integer('points').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

/** Shares the shop reported; one per target and day, the first few of a day earn points. */
export const pointsShares = pgTable(
  'points_shares',
  {
    userId: text('user_id').notNull(),
    day: text('day').notNull(),
    target: text('target').notNull(),
    points: integer('points').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day, t.target] })],
);

/** Points spent on and earned by an order, and how much of each has gone back after cancellation or refunds. */
export const pointsOrders = pgTable('points_orders', {
  orderId: text('order_id').primaryKey(),
  userId: text('user_id').notNull(),
  used: bigint('used', { mode: 'number' }).notNull().default(0),
  usedReturned: bigint('used_returned', { mode: 'number' }).notNull().default(0),
  /** The lots the used points came from, so returned points keep their expiry. */
  usedLots: jsonb('used_lots').$type<{ points: number; expiresAt: string }[]>().notNull().default([]),
  payAmount: bigint('pay_amount', { mode: 'number' }),
  earned: bigint('earned', { mode: 'number' }).notNull().default(0),
  earnedReversed: bigint('earned_reversed', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * What the platform pays the merchant for the points spent on one paid order (1 point = 1 fen; docs/POINTS.md
 * "Who pays"): posted when the order is paid, reversed in proportion to refunds, settled with the order.
 * `reversedAmount` and `settledAt` only move forward through guarded updates, so the journals are posted once each.
 */
export const pointsSubsidies = pgTable(
  'points_subsidies',
  {
    orderId: text('order_id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reversedAmount: bigint('reversed_amount', { mode: 'number' }).notNull().default(0),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('points_subsidies_reversed_le_amount', sql`${t.reversedAmount} between 0 and ${t.amount}`)],
);

export const pointsGifts = pgTable(
  'points_gifts',
  {
    id: text('id').primaryKey(),
    fromUserId: text('from_user_id').notNull(),
    toUserId: text('to_user_id').notNull(),
    points: integer('points').notNull(),
    message: text('message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('points_gifts_from_idx').on(t.fromUserId, t.createdAt),
    index('points_gifts_to_idx').on(t.toUserId, t.createdAt),
  ],
);

/**
 * What the points mall offers: goods the platform operator ships from a redemption record (no order is created),
 * or a platform coupon issued at once through the coupons module (`couponTemplateId`).
 */
export const pointsMallItems = pgTable(
  'points_mall_items',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    imageUrl: text('image_url'),
    pointsCost: integer('points_cost').notNull(),
    stock: integer('stock').notNull(),
    perUserLimit: integer('per_user_limit').notNull(),
    couponTemplateId: text('coupon_template_id'),
    active: boolean('active').notNull().default(true),
    redeemedCount: integer('redeemed_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('points_mall_stock', sql`${t.stock} >= 0`), check('points_mall_cost', sql`${t.pointsCost} > 0`)],
);

export const REDEMPTION_STATUSES = ['pending', 'shipped', 'cancelled', 'issued'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

export const pointsRedemptions = pgTable(
  'points_redemptions',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id').notNull(),
    userId: text('user_id').notNull(),
    itemTitle: text('item_title').notNull(),
    points: integer('points').notNull(),
    status: text('status', { enum: REDEMPTION_STATUSES }).notNull(),
    /** Delivery address snapshot for goods; null for coupons. */
    shipTo: jsonb('ship_to').$type<Record<string, string> | null>(),
    fulfilNote: text('fulfil_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
  },
  (t) => [
    index('points_redemptions_user_idx').on(t.userId, t.createdAt),
    index('points_redemptions_status_idx').on(t.status, t.createdAt),
  ],
);

export const charityProjects = pgTable('charity_projects', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  organization: text('organization').notNull(),
  description: text('description').notNull(),
  imageUrl: text('image_url'),
  targetPoints: bigint('target_points', { mode: 'number' }).notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Public: every donation is listed on the charity ledger page, with the donor's nickname masked. */
export const charityDonations = pgTable(
  'charity_donations',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull(),
    userId: text('user_id').notNull(),
    points: integer('points').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('charity_donations_project_idx').on(t.projectId, t.id),
    index('charity_donations_user_idx').on(t.userId),
  ],
);
