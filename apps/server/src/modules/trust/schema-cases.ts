import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// The consumer-facing half of trust: complaints (投诉), 先行赔付 claims, the credit score's inputs and the patrol's
// findings. Kept apart from schema.ts (admission, deposits, penalties) so each file stays readable.

export const COMPLAINT_CATEGORIES = [
  'not-as-described',
  'quality',
  'counterfeit',
  'service',
  'shipping',
  'other',
] as const;
export const COMPLAINT_STATUSES = ['open', 'responded', 'resolved'] as const;
export const COMPLAINT_OUTCOMES = ['upheld', 'not-upheld'] as const;
/** What a complaint is about: an order (and optionally one of its products), a live room, or a post (笔记). */
export const COMPLAINT_SUBJECTS = ['order', 'live-session', 'post'] as const;

/**
 * A consumer's complaint about an order, a live room or a post, answered first by the shop it concerns (none for a
 * creator's own post) and by the platform.
 */
export const complaints = pgTable(
  'trust_complaints',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    /** The shop that answers first; null for a post with no shop behind it (the platform answers alone). */
    merchantId: text('merchant_id'),
    subjectType: text('subject_type', { enum: COMPLAINT_SUBJECTS }).notNull().default('order'),
    /** The order, live session or post id. */
    subjectId: text('subject_id').notNull(),
    /** The live room's or the post's title when the complaint was filed (the queue names it). */
    subjectTitle: text('subject_title'),
    orderId: text('order_id'),
    productId: text('product_id'),
    category: text('category', { enum: COMPLAINT_CATEGORIES }).notNull(),
    description: text('description').notNull(),
    images: text('images').array().notNull(),
    status: text('status', { enum: COMPLAINT_STATUSES }).notNull(),
    /** First-response SLA: 2 h after filing. */
    respondBy: timestamp('respond_by', { withTimezone: true }).notNull(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    /** Set by the SLA job when nobody answered in time: the complaint goes to the top of the supervisors' queue. */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    outcome: text('outcome', { enum: COMPLAINT_OUTCOMES }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('trust_complaints_user_idx').on(t.userId, t.createdAt),
    index('trust_complaints_queue_idx').on(t.status, t.respondBy),
    index('trust_complaints_merchant_idx').on(t.merchantId, t.resolvedAt),
    // One open complaint per person per subject.
    uniqueIndex('trust_complaints_one_open_uq')
      .on(t.userId, t.subjectType, t.subjectId)
      .where(sql`${t.status} <> 'resolved'`),
  ],
);

export const CLAIM_REASONS = ['not-as-described', 'counterfeit', 'merchant-unresponsive', 'lost-in-delivery'] as const;
export const CLAIM_STATUSES = ['pending', 'paying', 'paid', 'rejected'] as const;

/** A 先行赔付 claim: the platform pays first from the guarantee fund, then recovers from the merchant's deposit. */
export const compensationClaims = pgTable(
  'trust_compensation_claims',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    orderId: text('order_id').notNull(),
    reason: text('reason', { enum: CLAIM_REASONS }).notNull(),
    description: text('description').notNull(),
    images: text('images').array().notNull(),
    /** What the consumer asked for, and what the operator approved (fen). */
    requested: bigint('requested', { mode: 'number' }).notNull(),
    approved: bigint('approved', { mode: 'number' }),
    /**
     * 假一赔十: ten times what the order's lines from a live room whose host held the guarantee were paid (fen), set
     * when a counterfeit claim is filed on such an order; paid on approval besides the refund. Null otherwise.
     */
    tenfold: bigint('tenfold', { mode: 'number' }),
    /** What came back from the host's live deposit and the merchant's deposit / balance; the rest is the fund's cost. */
    recovered: bigint('recovered', { mode: 'number' }),
    status: text('status', { enum: CLAIM_STATUSES }).notNull(),
    /** 24 h after the claim: paid (or refused with a reason) by then. */
    payBy: timestamp('pay_by', { withTimezone: true }).notNull(),
    refundId: text('refund_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('trust_claims_user_idx').on(t.userId, t.createdAt),
    index('trust_claims_queue_idx').on(t.status, t.payBy),
    index('trust_claims_merchant_idx').on(t.merchantId, t.paidAt),
    // One open claim per order.
    uniqueIndex('trust_claims_one_open_uq')
      .on(t.orderId)
      .where(sql`${t.status} in ('pending', 'paying')`),
  ],
);

/** Every step of a complaint or a claim: who did what, when, with what note — the history both sides see. */
export const caseEvents = pgTable(
  'trust_case_events',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    action: text('action').notNull(),
    by: text('by', { enum: ['consumer', 'merchant', 'operator', 'system'] }).notNull(),
    actorId: text('actor_id').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('trust_case_events_case_idx').on(t.caseId, t.at)],
);

export const CREDIT_FACTS = ['order-paid', 'order-shipped', 'after-sale', 'review'] as const;

/**
 * What other modules' events told the credit score (order paid/shipped, after-sale requested, review rating), per
 * merchant: the score reads these instead of other modules' tables. Idempotent by (kind, refId).
 */
export const creditFacts = pgTable(
  'trust_credit_facts',
  {
    kind: text('kind', { enum: CREDIT_FACTS }).notNull(),
    refId: text('ref_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    /** order-shipped: hours from payment to shipment; review: the rating; otherwise 1. */
    value: bigint('value', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('trust_credit_facts_ref_uq').on(t.kind, t.refId),
    index('trust_credit_facts_merchant_idx').on(t.merchantId, t.kind, t.at),
  ],
);

export interface CreditComponent {
  key: string;
  name: string;
  /** What was measured, in words (近 90 天 12 单售后 / 240 单). */
  measure: string;
  /** Points taken off 100 (0 or negative). */
  points: number;
  /** The most this component can take off. */
  cap: number;
}

/** The last computed score and its breakdown, as the merchant sees it. */
export const creditScores = pgTable('trust_credit_scores', {
  merchantId: text('merchant_id').primaryKey(),
  score: bigint('score', { mode: 'number' }).notNull(),
  components: jsonb('components').$type<CreditComponent[]>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});

export const FINDING_KINDS = [
  'missing-qualification',
  'untruthful-original-price',
  'stale-stock',
  'abnormal-refund-rate',
] as const;
export const FINDING_STATUSES = ['open', 'penalised', 'dismissed', 'fixed'] as const;

/** A daily patrol finding (巡检结果) about a shop or one of its listings. */
export const patrolFindings = pgTable(
  'trust_patrol_findings',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    productId: text('product_id'),
    kind: text('kind', { enum: FINDING_KINDS }).notNull(),
    detail: text('detail').notNull(),
    status: text('status', { enum: FINDING_STATUSES }).notNull(),
    /** Same finding on later patrols updates this row instead of adding one: (kind, merchant, product). */
    dedupeKey: text('dedupe_key').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('trust_findings_merchant_idx').on(t.merchantId, t.status),
    index('trust_findings_status_idx').on(t.status, t.lastSeenAt),
    uniqueIndex('trust_findings_open_uq')
      .on(t.dedupeKey)
      .where(sql`${t.status} = 'open'`),
  ],
);
