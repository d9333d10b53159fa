import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * 亲情付: a child binds a parent's account (the parent accepts) and pays the parent's orders within a monthly budget
 * and the allowed top-level categories (empty: every category).
 */
export const familyBindings = pgTable(
  'family_bindings',
  {
    id: text('id').primaryKey(),
    childId: text('child_id').notNull(),
    parentId: text('parent_id').notNull(),
    status: text('status', { enum: ['invited', 'active', 'declined', 'ended'] }).notNull(),
    monthlyBudget: bigint('monthly_budget', { mode: 'number' }).notNull(),
    allowedCategoryIds: text('allowed_category_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('family_bindings_child_idx').on(t.childId),
    index('family_bindings_parent_idx').on(t.parentId),
    // One live binding per pair, also when both tap "invite" at once.
    uniqueIndex('family_bindings_live_uq')
      .on(t.childId, t.parentId)
      .where(sql`${t.status} in ('invited', 'active')`),
    check('family_bindings_budget_positive', sql`${t.monthlyBudget} > 0`),
    check('family_bindings_not_self', sql`${t.childId} <> ${t.parentId}`),
  ],
);

/**
 * What a binding has committed of its budget in a Beijing calendar month ('2026-12'): reserved by open 亲情付 requests
 * and spent by paid ones, less refunds. Taken with one guarded update so two orders never both get the last of it.
 */
export const familyBudgetUsage = pgTable(
  'family_budget_usage',
  {
    bindingId: text('binding_id').notNull(),
    month: text('month').notNull(),
    used: bigint('used', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bindingId, t.month] }),
    check('family_budget_usage_not_negative', sql`${t.used} >= 0`),
  ],
);

/**
 * A request that someone else pays a checkout: `family` goes to the bound child and holds budget while open;
 * `link` is a 代付 link anyone signed in may pay. It expires with the checkout's payment deadline.
 */
export const familyPayRequests = pgTable(
  'family_pay_requests',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['family', 'link'] }).notNull(),
    checkoutId: text('checkout_id').notNull(),
    orderIds: text('order_ids').array().notNull(),
    requesterId: text('requester_id').notNull(),
    bindingId: text('binding_id'),
    /** The budget month the amount was charged to (family requests only). */
    month: text('month'),
    /** Unguessable: whoever holds a 代付 link may pay it. */
    token: text('token').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['open', 'paid', 'cancelled'] }).notNull(),
    payerId: text('payer_id'),
    paymentId: text('payment_id'),
    refundedAmount: bigint('refunded_amount', { mode: 'number' }).notNull().default(0),
    /** Refunds already counted, so a redelivered refund.completed restores the budget once. */
    refundIds: text('refund_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    cancelReason: text('cancel_reason'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('family_pay_requests_token_uq').on(t.token),
    index('family_pay_requests_checkout_idx').on(t.checkoutId),
    index('family_pay_requests_binding_idx').on(t.bindingId, t.status),
    index('family_pay_requests_requester_idx').on(t.requesterId, t.createdAt),
    index('family_pay_requests_payer_idx').on(t.payerId),
    // One open request per checkout: a second one would let two people pay it.
    uniqueIndex('family_pay_requests_open_uq')
      .on(t.checkoutId)
      .where(sql`${t.status} = 'open'`),
    check('family_pay_requests_amount_positive', sql`${t.amount} > 0`),
  ],
);

/** 关怀模式 (elder mode): stored on the server so a bound family member can switch it on for the parent. */
export const careModePreferences = pgTable('care_mode_preferences', {
  userId: text('user_id').primaryKey(),
  enabled: boolean('enabled').notNull(),
  voicePrices: boolean('voice_prices').notNull().default(false),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
