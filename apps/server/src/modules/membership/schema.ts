import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const TIER_CODES = ['regular', 'silver', 'gold', 'diamond'] as const;

/**
 * Growth value (成长值) movements: +1 per yuan paid for an order, minus its share on refunds. A reversal carries
 * the time of the purchase it reverses, so both leave the 365-day window together.
 */
export const memberGrowth = pgTable(
  'member_growth',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: ['purchase', 'refund'] }).notNull(),
    /** The order (purchase) or refund (reversal) it comes from; unique with kind, so events never count twice. */
    refId: text('ref_id').notNull(),
    orderId: text('order_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Fen the order was paid, on purchase rows: refunds are taken back in proportion to it. */
    payAmount: bigint('pay_amount', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('member_growth_ref_uq').on(t.kind, t.refId),
    index('member_growth_user_idx').on(t.userId, t.at),
    index('member_growth_order_idx').on(t.orderId),
  ],
);

/** A member's current tier and profile; users without a row are 普通 (regular). */
export const members = pgTable(
  'members',
  {
    userId: text('user_id').primaryKey(),
    tier: text('tier', { enum: TIER_CODES }).notNull(),
    /** Growth value in the trailing 365 days, as of the last recompute. */
    growth: bigint('growth', { mode: 'number' }).notNull(),
    tierSince: timestamp('tier_since', { withTimezone: true }).notNull(),
    recomputedAt: timestamp('recomputed_at', { withTimezone: true }).notNull(),
    /** MM-DD, set once by the member (it cannot be changed later, so birthday gifts cannot be farmed). */
    birthday: text('birthday'),
    /** The year the last birthday gift was given. */
    birthdayGiftYear: integer('birthday_gift_year'),
    /** Signed up for new-product trials (金卡 and above). */
    trialOptIn: boolean('trial_opt_in').notNull().default(false),
  },
  (t) => [index('members_tier_idx').on(t.tier), index('members_birthday_idx').on(t.birthday)],
);

/** Member-day percent off per tier (e.g. { gold: 12 } = 金卡 88折 that day); a tier left out keeps its member price. */
export type MemberDayTierPercents = Partial<Record<(typeof TIER_CODES)[number], number>>;

/**
 * 会员日 as operators configure it: one row (`id` 'platform'). Without a row the defaults apply (member-day.ts),
 * with the day of month from LIFECYCLE_MEMBER_DAY.
 */
export const memberDaySettings = pgTable('member_day_settings', {
  id: text('id').primaryKey(),
  enabled: boolean('enabled').notNull(),
  /** Day of the month in Beijing time (1–28, so every month has one). */
  dayOfMonth: integer('day_of_month').notNull(),
  /** Purchase points multiplier for orders paid on the day (1 = none, 2 = 双倍积分). */
  pointsMultiplier: integer('points_multiplier').notNull(),
  tierPercentOff: jsonb('tier_percent_off').$type<MemberDayTierPercents>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
