import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Each user's invite code, made the first time they open 我的邀请. */
export const inviteCodes = pgTable('invite_codes', {
  userId: text('user_id').primaryKey(),
  code: text('code').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const INVITE_REWARD_STATUSES = ['waiting', 'rewarded'] as const;
export type InviteRewardStatus = (typeof INVITE_REWARD_STATUSES)[number];

/**
 * Who invited whom: one row per invitee, written once when a new account binds a code. `ancestors` is the chain
 * upward, nearest first (inviter, inviter's inviter, …), so chain-length reports need no recursive query.
 */
export const invitations = pgTable(
  'invitations',
  {
    inviteeId: text('invitee_id').primaryKey(),
    inviterId: text('inviter_id').notNull(),
    code: text('code').notNull(),
    ancestors: text('ancestors').array().notNull(),
    boundAt: timestamp('bound_at', { withTimezone: true }).notNull(),
    rewardStatus: text('reward_status', { enum: INVITE_REWARD_STATUSES }).notNull().default('waiting'),
    /** The first paid order that completed with nothing refunded: the one that passed the fission threshold. */
    rewardOrderId: text('reward_order_id'),
    rewardAmount: bigint('reward_amount', { mode: 'number' }).notNull().default(0),
    rewardedAt: timestamp('rewarded_at', { withTimezone: true }),
  },
  (t) => [index('invitations_inviter_idx').on(t.inviterId, t.boundAt)],
);

export const INVITEE_ORDER_STATUSES = ['paid', 'completed', 'refunded'] as const;
export type InviteeOrderStatus = (typeof INVITEE_ORDER_STATUSES)[number];

/**
 * The paid orders of invited users, as seen through order events: what the threshold waits on and what the
 * fission report counts (conversion, refunds). `refunded` = closed by refunds, or completed with a refund.
 */
export const inviteeOrders = pgTable(
  'invitee_orders',
  {
    orderId: text('order_id').primaryKey(),
    inviteeId: text('invitee_id').notNull(),
    inviterId: text('inviter_id').notNull(),
    status: text('status', { enum: INVITEE_ORDER_STATUSES }).notNull(),
    payAmount: bigint('pay_amount', { mode: 'number' }).notNull(),
    refundedAmount: bigint('refunded_amount', { mode: 'number' }).notNull().default(0),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('invitee_orders_invitee_idx').on(t.inviteeId), index('invitee_orders_inviter_idx').on(t.inviterId)],
);

/** When each user first paid an order: an account that has bought before is not a new user and cannot be bound. */
export const firstPurchases = pgTable('first_purchases', {
  userId: text('user_id').primaryKey(),
  orderId: text('order_id').notNull(),
  paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
});
