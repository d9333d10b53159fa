import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// Group buy (拼团). States are documented in docs/GROUPBUY.md; every move is a guarded update.

/** A merchant's offer: groups of `groupSize` buy one SKU at `groupPrice` if they fill within `durationMinutes`. */
export const groupBuyCampaigns = pgTable(
  'groupbuy_campaigns',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    productId: text('product_id').notNull(),
    skuId: text('sku_id').notNull(),
    title: text('title').notNull(),
    groupSize: integer('group_size').notNull(),
    groupPrice: bigint('group_price', { mode: 'number' }).notNull(),
    /** How long an opened group has to fill, from the leader's payment. */
    durationMinutes: integer('duration_minutes').notNull(),
    /** Most seats one account may hold in this campaign (across its groups); null: no limit. */
    perUserLimit: integer('per_user_limit'),
    /** Seats of every group kept for accounts that have never paid for an order (新人专享席位). */
    newUserSeats: integer('new_user_seats').notNull().default(0),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** active: open for new groups; stopped: the merchant ended it early (groups already open run their course). */
    status: text('status', { enum: ['active', 'stopped'] })
      .notNull()
      .default('active'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('groupbuy_campaigns_product_idx').on(t.productId),
    index('groupbuy_campaigns_merchant_idx').on(t.merchantId, t.id),
    check('groupbuy_campaigns_size', sql`${t.groupSize} between 2 and 50`),
    check('groupbuy_campaigns_new_seats', sql`${t.newUserSeats} between 0 and ${t.groupSize} - 1`),
    check('groupbuy_campaigns_price', sql`${t.groupPrice} > 0`),
  ],
);

export const GROUP_STATUSES = ['pending', 'open', 'succeeded', 'failed', 'abandoned'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/**
 * One group. pending: the leader has ordered but not paid (invisible to others) → open when the leader pays
 * (expiresAt set) → succeeded when the last seat is paid, or failed at expiresAt; abandoned when the leader's
 * order is cancelled unpaid. seatsTaken counts reserved + paid seats; seats are taken with a guarded update.
 */
export const groupBuyGroups = pgTable(
  'groupbuy_groups',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    leaderId: text('leader_id').notNull(),
    size: integer('size').notNull(),
    newUserSeats: integer('new_user_seats').notNull(),
    seatsTaken: integer('seats_taken').notNull().default(0),
    /** Seats held by accounts that are not new users: at most size − newUserSeats. */
    regularSeatsTaken: integer('regular_seats_taken').notNull().default(0),
    paidCount: integer('paid_count').notNull().default(0),
    status: text('status', { enum: GROUP_STATUSES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    succeededAt: timestamp('succeeded_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
  },
  (t) => [
    index('groupbuy_groups_campaign_idx').on(t.campaignId, t.status, t.id),
    check(
      'groupbuy_groups_seats',
      sql`${t.seatsTaken} between 0 and ${t.size} and ${t.paidCount} between 0 and ${t.seatsTaken}`,
    ),
    check('groupbuy_groups_regular_seats', sql`${t.regularSeatsTaken} between 0 and ${t.size} - ${t.newUserSeats}`),
  ],
);

export const MEMBER_STATUSES = ['reserved', 'paid', 'released', 'refunding', 'refunded'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/**
 * A seat: reserved when its order is placed → paid with the order → released if the order is cancelled unpaid;
 * when the group fails a paid seat is refunding → refunded. `refundedAfterSuccess` marks a member who later
 * returned the goods of a succeeded group (the group and the others are not affected).
 */
export const groupBuyMembers = pgTable(
  'groupbuy_members',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id').notNull(),
    campaignId: text('campaign_id').notNull(),
    userId: text('user_id').notNull(),
    orderId: text('order_id').notNull(),
    checkoutId: text('checkout_id').notNull(),
    isLeader: boolean('is_leader').notNull(),
    isNewUser: boolean('is_new_user').notNull(),
    status: text('status', { enum: MEMBER_STATUSES }).notNull(),
    payAmount: bigint('pay_amount', { mode: 'number' }).notNull(),
    refundId: text('refund_id'),
    refundedAfterSuccess: boolean('refunded_after_success').notNull().default(false),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('groupbuy_members_order_uq').on(t.orderId),
    // One live seat per account per group; a released seat may be taken again.
    uniqueIndex('groupbuy_members_one_seat_uq')
      .on(t.groupId, t.userId)
      .where(sql`${t.status} <> 'released'`),
    index('groupbuy_members_group_idx').on(t.groupId, t.id),
    index('groupbuy_members_user_idx').on(t.userId, t.id),
    index('groupbuy_members_campaign_user_idx').on(t.campaignId, t.userId),
  ],
);
