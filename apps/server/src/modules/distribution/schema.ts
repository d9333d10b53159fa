import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** A promoter's link to one product: `/product/:id?aff=CODE`. One per (promoter, product). */
export const affiliateLinks = pgTable(
  'affiliate_links',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    promoterId: text('promoter_id').notNull(),
    productId: text('product_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('affiliate_links_promoter_product_uq').on(t.promoterId, t.productId)],
);

export const RULE_SCOPES = ['product', 'category', 'default'] as const;
export type RuleScope = (typeof RULE_SCOPES)[number];

/**
 * Commission rules. A merchant sets rules for its products or its products of a category (merchantId set); the
 * operator sets platform defaults per category and one overall default (merchantId null). Rates are basis points.
 */
export const commissionRules = pgTable(
  'commission_rules',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id'),
    scope: text('scope', { enum: RULE_SCOPES }).notNull(),
    /** The product id, the category id, or '*' for the overall default. */
    target: text('target').notNull(),
    rateBp: integer('rate_bp').notNull(),
    /** At most this much per order line and level (fen); null = no cap. */
    capAmount: bigint('cap_amount', { mode: 'number' }),
    /** Second level (the promoter's inviter); 0 = none. */
    secondRateBp: integer('second_rate_bp').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    uniqueIndex('commission_rules_target_uq').on(sql`coalesce(${t.merchantId}, '')`, t.scope, t.target),
    check(
      'commission_rules_rates',
      sql`${t.rateBp} >= 0 and ${t.secondRateBp} >= 0 and ${t.rateBp} + ${t.secondRateBp} <= 5000`,
    ),
  ],
);

export const COMMISSION_STATUSES = ['pending', 'settled', 'reversed'] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

/**
 * One commission per (order line, level). `amount` is what was recorded when the order was paid; `reversedAmount`
 * grows with refunds (never past amount); what settles is amount − reversedAmount.
 */
export const commissions = pgTable(
  'commissions',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    lineId: text('line_id').notNull(),
    level: integer('level').notNull(),
    promoterId: text('promoter_id').notNull(),
    buyerId: text('buyer_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    productId: text('product_id').notNull(),
    productTitle: text('product_title').notNull(),
    affiliateCode: text('affiliate_code').notNull(),
    ruleId: text('rule_id').notNull(),
    rateBp: integer('rate_bp').notNull(),
    baseAmount: bigint('base_amount', { mode: 'number' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reversedAmount: bigint('reversed_amount', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: COMMISSION_STATUSES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('commissions_line_level_uq').on(t.lineId, t.level),
    index('commissions_promoter_idx').on(t.promoterId, t.createdAt),
    index('commissions_order_idx').on(t.orderId),
    index('commissions_merchant_idx').on(t.merchantId, t.createdAt),
    check('commissions_reversed_le_amount', sql`${t.reversedAmount} >= 0 and ${t.reversedAmount} <= ${t.amount}`),
  ],
);

/** Where a promoter's withdrawals go: a token from the payout provider and a masked number, never the full one. */
export const payoutAccounts = pgTable('payout_accounts', {
  userId: text('user_id').primaryKey(),
  provider: text('provider').notNull(),
  providerAccountRef: text('provider_account_ref').notNull(),
  holderName: text('holder_name').notNull(),
  maskedAccount: text('masked_account').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const WITHDRAWAL_STATUSES = ['processing', 'paid', 'failed'] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];

export const withdrawals = pgTable(
  'withdrawals',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Individual income tax withheld (劳务报酬, see docs/DISTRIBUTION.md). */
    withheld: bigint('withheld', { mode: 'number' }).notNull(),
    net: bigint('net', { mode: 'number' }).notNull(),
    /** Asia/Shanghai month of the request, 2026-11: withholding is computed on the month's total. */
    taxMonth: text('tax_month').notNull(),
    status: text('status', { enum: WITHDRAWAL_STATUSES }).notNull(),
    provider: text('provider').notNull(),
    providerAccountRef: text('provider_account_ref').notNull(),
    maskedAccount: text('masked_account').notNull(),
    providerPayoutRef: text('provider_payout_ref'),
    failureReason: text('failure_reason'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('withdrawals_user_idx').on(t.userId, t.requestedAt),
    check(
      'withdrawals_amounts',
      sql`${t.amount} > 0 and ${t.withheld} >= 0 and ${t.net} = ${t.amount} - ${t.withheld}`,
    ),
  ],
);
