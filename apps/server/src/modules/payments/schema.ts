import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * One attempt to collect the money of a checkout. `succeeded` means it paid the checkout (at most one per checkout);
 * `duplicate` means money arrived for a checkout another payment had already paid, so all of it is refunded.
 */
export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(),
    checkoutId: text('checkout_id').notNull(),
    userId: text('user_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    provider: text('provider').notNull(),
    providerRef: text('provider_ref').notNull(),
    payUrl: text('pay_url').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed', 'duplicate'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** Blind index of the payer's account at the provider (openid / buyer id) as its callback named it. */
    payerIndex: text('payer_index'),
    /** The same account sealed: 假一赔十 compensation is transferred to it (the provider pays the account that paid). */
    payerAccount: text('payer_account'),
  },
  (t) => [
    index('payments_checkout_idx').on(t.checkoutId),
    index('payments_user_idx').on(t.userId, t.createdAt),
    // The database itself keeps a checkout to one open and one successful payment, also under concurrent requests.
    uniqueIndex('payments_one_open_uq')
      .on(t.checkoutId)
      .where(sql`${t.status} = 'pending'`),
    uniqueIndex('payments_one_success_uq')
      .on(t.checkoutId)
      .where(sql`${t.status} = 'succeeded'`),
    check('payments_amount_positive', sql`${t.amount} > 0`),
  ],
);

/**
 * The orders a payment pays for, with each order's share, fixed when the payment is created. After the money
 * arrives each becomes `paid` (credited to the merchant) or `not_payable` (cancelled meanwhile: held in
 * suspense and refunded). Reconciliation and refunds use this mapping, never the orders tables.
 */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    paymentId: text('payment_id').notNull(),
    orderId: text('order_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    outcome: text('outcome', { enum: ['awaiting', 'paid', 'not_payable'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.paymentId, t.orderId] }), index('payment_orders_order_idx').on(t.orderId)],
);

export const refunds = pgTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    /** The caller's reference (after-sale id, late-payment key …): asking twice with it returns the first refund. */
    refId: text('ref_id').notNull(),
    paymentId: text('payment_id').notNull(),
    orderId: text('order_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    userId: text('user_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    /**
     * `order`: paid to the merchant, taken back from them; `late_payment`: never theirs, taken from suspense;
     * `guarantee_fund`: 先行赔付, paid by the platform's guarantee fund (the trust module recovers it from the deposit).
     */
    source: text('source', { enum: ['order', 'late_payment', 'guarantee_fund'] }).notNull(),
    status: text('status', { enum: ['pending', 'completed'] }).notNull(),
    /** The ledger account the refund was debited to, set when it completes. */
    debitAccount: text('debit_account'),
    providerRefundRef: text('provider_refund_ref'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('refunds_ref_uq').on(t.refId),
    index('refunds_order_idx').on(t.orderId),
    index('refunds_payment_idx').on(t.paymentId, t.orderId),
    check('refunds_amount_positive', sql`${t.amount} > 0`),
  ],
);

/**
 * Money the platform pays a consumer beyond any refund (假一赔十's tenfold), to their account at the provider. The
 * caller names the ledger account it is debited to (the liability it settles); `refId` makes the request idempotent.
 */
export const compensationTransfers = pgTable(
  'compensation_transfers',
  {
    id: text('id').primaryKey(),
    refId: text('ref_id').notNull(),
    userId: text('user_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    memo: text('memo').notNull(),
    debitAccount: text('debit_account').notNull(),
    provider: text('provider').notNull(),
    /**
     * `pending`: asked (or to be asked) of the provider, outcome not final; `failed`: the provider refused it and no
     * money moved (an operator retries or pays by hand); `completed`: paid by the provider, or by hand (`manualNote`).
     */
    status: text('status', { enum: ['pending', 'completed', 'failed'] }).notNull(),
    /** The order whose payer receives the money (their account at the provider), when the caller names one. */
    orderId: text('order_id'),
    /** The payee's account at the provider (openid / Alipay user id), sealed; null when no payment named it. */
    payeeAccount: text('payee_account'),
    /**
     * Bumped when an operator retries after a definite refusal: the provider's request number (out_biz_no,
     * out_batch_no) is the transfer id plus this, so a retry of an unknown outcome reuses the number (never pays
     * twice) and a retry after a refusal is a new request.
     */
    generation: integer('generation').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** Paid outside the provider (bank transfer): the operator's note and who recorded it. */
    manualNote: text('manual_note'),
    manualBy: text('manual_by'),
    providerTransferRef: text('provider_transfer_ref'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('compensation_transfers_ref_uq').on(t.refId),
    index('compensation_transfers_user_idx').on(t.userId),
    index('compensation_transfers_open_idx')
      .on(t.requestedAt)
      .where(sql`${t.status} <> 'completed'`),
    check('compensation_transfers_amount_positive', sql`${t.amount} > 0`),
  ],
);
