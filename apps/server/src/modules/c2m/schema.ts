import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// C2M (docs/SUPPLY.md, "C2M"): the demand pool, design voting and crowdfunded pre-sales.

/** A consumer's proposal: a product or variant (colour, size, flavour) they want in a category. */
export const c2mProposals = pgTable(
  'c2m_proposals',
  {
    id: text('id').primaryKey(),
    categoryId: text('category_id').notNull(),
    title: text('title').notNull(),
    /** 颜色 / 尺码 / 口味 …, free text ("雾霾蓝 / L"). */
    variant: text('variant').notNull().default(''),
    description: text('description').notNull().default(''),
    proposedBy: text('proposed_by').notNull(),
    /** Kept equal to the proposal's rows in c2m_proposal_votes, in the same transaction as each vote and undo. */
    voteCount: integer('vote_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('c2m_proposals_category_idx').on(t.categoryId, t.voteCount),
    check('c2m_proposals_votes', sql`${t.voteCount} >= 0`),
  ],
);

/** One vote per user per proposal (the primary key); undo deletes it. */
export const c2mProposalVotes = pgTable(
  'c2m_proposal_votes',
  {
    proposalId: text('proposal_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] }), index('c2m_proposal_votes_user_idx').on(t.userId)],
);

/** A merchant's design vote: 2–6 options, open until closesAt; counts are shown only after it closes. */
export const c2mDesignVotes = pgTable(
  'c2m_design_votes',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    categoryId: text('category_id').notNull(),
    proposalId: text('proposal_id'),
    title: text('title').notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('c2m_design_votes_merchant_idx').on(t.merchantId, t.id)],
);

export const c2mDesignOptions = pgTable(
  'c2m_design_options',
  {
    id: text('id').primaryKey(),
    designVoteId: text('design_vote_id').notNull(),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    description: text('description').notNull().default(''),
    voteCount: integer('vote_count').notNull().default(0),
  },
  (t) => [index('c2m_design_options_vote_idx').on(t.designVoteId, t.position)],
);

/** One ballot per user per design vote (the primary key). */
export const c2mDesignBallots = pgTable(
  'c2m_design_ballots',
  {
    designVoteId: text('design_vote_id').notNull(),
    userId: text('user_id').notNull(),
    optionId: text('option_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.designVoteId, t.userId] })],
);

export const PRESALE_STATUSES = ['funding', 'succeeded', 'failed'] as const;
export type PresaleStatus = (typeof PRESALE_STATUSES)[number];

/**
 * A crowdfunded pre-sale of one SKU: funding until the deadline, then succeeded (paid units ≥ target: a production
 * order goes to the supplier) or failed (every buyer refunded). paidQty counts paid units, changed with guarded
 * updates in the transaction that confirms or refunds the pledge.
 */
export const c2mPresales = pgTable(
  'c2m_presales',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    productId: text('product_id').notNull(),
    skuId: text('sku_id').notNull(),
    title: text('title').notNull(),
    designVoteId: text('design_vote_id'),
    price: bigint('price', { mode: 'number' }).notNull(),
    minBatch: integer('min_batch').notNull(),
    targetQty: integer('target_qty').notNull(),
    paidQty: integer('paid_qty').notNull().default(0),
    backers: integer('backers').notNull().default(0),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    deliverBy: timestamp('deliver_by', { withTimezone: true }).notNull(),
    supplierId: text('supplier_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    status: text('status', { enum: PRESALE_STATUSES }).notNull().default('funding'),
    poId: text('po_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('c2m_presales_merchant_idx').on(t.merchantId, t.id),
    index('c2m_presales_product_idx').on(t.productId),
    check('c2m_presales_qty', sql`${t.minBatch} > 0 and ${t.targetQty} >= ${t.minBatch} and ${t.paidQty} >= 0`),
    check('c2m_presales_price', sql`${t.price} > 0`),
  ],
);

export const PLEDGE_STATUSES = ['reserved', 'paid', 'released', 'refunding', 'refunded'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/**
 * A buyer's part in a pre-sale: one order (placed through the standard checkout at the pre-sale price, held from
 * shipping until the pre-sale succeeds). reserved → paid, or released when the order is cancelled unpaid;
 * paid → refunding → refunded when the pre-sale fails or the buyer refunds a late delivery.
 */
export const c2mPledges = pgTable(
  'c2m_pledges',
  {
    id: text('id').primaryKey(),
    presaleId: text('presale_id').notNull(),
    userId: text('user_id').notNull(),
    qty: integer('qty').notNull(),
    orderId: text('order_id').notNull().unique(),
    status: text('status', { enum: PLEDGE_STATUSES }).notNull(),
    payAmount: bigint('pay_amount', { mode: 'number' }).notNull(),
    refundId: text('refund_id'),
    /** Why it was refunded: the pre-sale failed, or the buyer gave up on a late delivery. */
    refundReason: text('refund_reason', { enum: ['failed', 'late'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
  },
  (t) => [
    index('c2m_pledges_presale_idx').on(t.presaleId, t.status),
    index('c2m_pledges_user_idx').on(t.userId, t.id),
    check('c2m_pledges_qty', sql`${t.qty} between 1 and 99`),
  ],
);
