import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const SEGMENTS = ['new', 'active', 'loyal', 'churned'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const RULE_KINDS = ['new_welcome', 'active_member_day', 'loyal_care', 'churned_recall'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/**
 * Scope of a customer relationship: `platform` (every shopper of 好物) or a merchant id (that shop's own customers).
 * A shopper has one row per scope they belong to; segments, rules and reports never cross scopes.
 */

/** What lifecycle knows about one customer in one scope, as of the last recompute. */
export const lifecycleCustomers = pgTable(
  'lifecycle_customers',
  {
    scope: text('scope').notNull(),
    userId: text('user_id').notNull(),
    /** The analytics pseudonym, to join behaviour events (interactions, shares that sold) to the user. */
    userPid: text('user_pid').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
    orders: integer('orders').notNull().default(0),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
    firstPaidAt: timestamp('first_paid_at', { withTimezone: true }),
    lastPaidAt: timestamp('last_paid_at', { withTimezone: true }),
    interactions: integer('interactions').notNull().default(0),
    /** Orders other people paid through this user's shares. */
    influence: integer('influence').notNull().default(0),
    segment: text('segment', { enum: SEGMENTS }).notNull().default('new'),
    segmentSince: timestamp('segment_since', { withTimezone: true }).notNull(),
    health: integer('health').notNull().default(0),
    churnWarning: boolean('churn_warning').notNull().default(false),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.userId] }),
    index('lifecycle_customers_segment_idx').on(t.scope, t.segment),
  ],
);

/** Paid orders, one row per (scope, order), from order.paid: the frequency and value behind the segments. */
export const lifecyclePurchases = pgTable(
  'lifecycle_purchases',
  {
    scope: text('scope').notNull(),
    orderId: text('order_id').notNull(),
    userId: text('user_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.orderId] }), index('lifecycle_purchases_user_idx').on(t.scope, t.userId)],
);

/** Every segment change, so transitions (new → active, active → churned …) can be reported. */
export const lifecycleTransitions = pgTable(
  'lifecycle_transitions',
  {
    id: text('id').primaryKey(),
    scope: text('scope').notNull(),
    userId: text('user_id').notNull(),
    fromSegment: text('from_segment', { enum: SEGMENTS }),
    toSegment: text('to_segment', { enum: SEGMENTS }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('lifecycle_transitions_scope_idx').on(t.scope, t.at)],
);

/** How many customers each segment had at the end of each Beijing day (the last run of the day wins). */
export const lifecycleSnapshots = pgTable(
  'lifecycle_snapshots',
  {
    scope: text('scope').notNull(),
    day: date('day').notNull(),
    segment: text('segment', { enum: SEGMENTS }).notNull(),
    users: integer('users').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.day, t.segment] })],
);

/** An automation an operator (scope platform) or merchant switched on or off; absent rows are off with defaults. */
export const lifecycleRules = pgTable(
  'lifecycle_rules',
  {
    id: text('id').primaryKey(),
    scope: text('scope').notNull(),
    kind: text('kind', { enum: RULE_KINDS }).notNull(),
    enabled: boolean('enabled').notNull(),
    /** At most one action of this rule per user per this many days. */
    capDays: integer('cap_days').notNull(),
    /** Beijing hours [quietStart, quietEnd) wrapping midnight: nothing is sent then, it waits for quietEnd. */
    quietStart: integer('quiet_start').notNull(),
    quietEnd: integer('quiet_end').notNull(),
    /** Percent of targeted users held out (they get nothing) so uplift can be measured. */
    holdoutPct: integer('holdout_pct').notNull(),
    /** A purchase within this many days after the action counts as a conversion. */
    conversionDays: integer('conversion_days').notNull(),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [uniqueIndex('lifecycle_rules_scope_kind_uq').on(t.scope, t.kind)],
);

export const ACTION_STATUSES = ['sent', 'deferred', 'holdout'] as const;

/** One rule's decision about one user: sent, deferred by quiet hours, or held out. Conversions are marked on it. */
export const lifecycleActions = pgTable(
  'lifecycle_actions',
  {
    id: text('id').primaryKey(),
    ruleId: text('rule_id').notNull(),
    scope: text('scope').notNull(),
    userId: text('user_id').notNull(),
    status: text('status', { enum: ACTION_STATUSES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When it may be sent (deferred) or was sent / held out. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    actedAt: timestamp('acted_at', { withTimezone: true }),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }),
    convertedAt: timestamp('converted_at', { withTimezone: true }),
    couponId: text('coupon_id'),
    text: text('text'),
  },
  (t) => [
    index('lifecycle_actions_rule_idx').on(t.ruleId, t.userId, t.createdAt),
    index('lifecycle_actions_user_idx').on(t.userId, t.status),
    index('lifecycle_actions_due_idx').on(t.status, t.dueAt),
  ],
);

/** The shopper's 营销消息 switch; no row means marketing is allowed. */
export const lifecyclePreferences = pgTable('lifecycle_preferences', {
  userId: text('user_id').primaryKey(),
  marketingOptOut: boolean('marketing_opt_out').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
