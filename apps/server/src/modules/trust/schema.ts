import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const APPLICATION_STATUSES = ['submitted', 'needs-info', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface QualificationDoc {
  kind: string;
  number: string;
  imageUrl: string;
  /** Last valid day (YYYY-MM-DD, Asia/Shanghai); absent on applications made before validity was asked for. */
  validUntil?: string | null;
}

/**
 * A person's application to open a shop (入驻申请). Personal data is kept only as far as review needs it: the legal
 * representative's masked name and ID tail, the bank account's last four.
 */
export const merchantApplications = pgTable(
  'merchant_applications',
  {
    id: text('id').primaryKey(),
    applicantId: text('applicant_id').notNull(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
    entityType: text('entity_type', { enum: ['company', 'individual'] }).notNull(),
    shopName: text('shop_name').notNull(),
    categoryId: text('category_id').notNull(),
    /** Company or 个体工商户 name as on the licence. */
    licenceName: text('licence_name').notNull(),
    creditCode: text('credit_code').notNull(),
    licenceImageUrl: text('licence_image_url').notNull(),
    /** The licence's last valid day; null with licencePermanent false on applications made before it was asked. */
    licenceValidUntil: date('licence_valid_until', { mode: 'string' }),
    /** 长期: the licence has no expiry. */
    licencePermanent: boolean('licence_permanent').notNull().default(false),
    qualifications: jsonb('qualifications').$type<QualificationDoc[]>().notNull(),
    legalRepName: text('legal_rep_name').notNull(),
    legalRepIdTail: text('legal_rep_id_tail').notNull(),
    legalRepVerifiedAt: timestamp('legal_rep_verified_at', { withTimezone: true }).notNull(),
    bankName: text('bank_name').notNull(),
    bankAccountHolder: text('bank_account_holder').notNull(),
    bankAccountTail: text('bank_account_tail').notNull(),
    /** How many times it was (re)submitted. */
    revision: integer('revision').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** Review SLA; cleared once decided, restarted on resubmission. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    merchantId: text('merchant_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('merchant_applications_applicant_idx').on(t.applicantId, t.createdAt),
    index('merchant_applications_queue_idx').on(t.status, t.dueAt),
    // One open application per person, also when two submissions race.
    uniqueIndex('merchant_applications_one_open_uq')
      .on(t.applicantId)
      .where(sql`${t.status} in ('submitted', 'needs-info')`),
  ],
);

export const APPLICATION_ACTIONS = ['submitted', 'resubmitted', 'info-requested', 'approved', 'rejected'] as const;

/** Every step of an application, who took it and why: the history both sides see. */
export const merchantApplicationEvents = pgTable(
  'merchant_application_events',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id').notNull(),
    action: text('action', { enum: APPLICATION_ACTIONS }).notNull(),
    actorId: text('actor_id').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('merchant_application_events_app_idx').on(t.applicationId, t.at)],
);

export const DEPOSIT_STATUSES = ['active', 'exiting', 'refunded'] as const;

/** The deposit (保证金) a merchant keeps for its main category; the money itself is on the ledger. */
export const merchantDeposits = pgTable('merchant_deposits', {
  merchantId: text('merchant_id').primaryKey(),
  categoryId: text('category_id').notNull(),
  required: bigint('required', { mode: 'number' }).notNull(),
  status: text('status', { enum: DEPOSIT_STATUSES }).notNull(),
  exitRequestedAt: timestamp('exit_requested_at', { withTimezone: true }),
  refundableAt: timestamp('refundable_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const DEPOSIT_MOVEMENTS = ['transfer-in', 'from-balance', 'deduction', 'recovery', 'refund'] as const;

/** Each change of a deposit, with the journal that moved the money and the reason (penalty deductions above all). */
export const depositMovements = pgTable(
  'deposit_movements',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    kind: text('kind', { enum: DEPOSIT_MOVEMENTS }).notNull(),
    /** Signed: what the deposit gained (+) or lost (−). */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    actorId: text('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('deposit_movements_merchant_idx').on(t.merchantId, t.at)],
);

export const PENALTY_KINDS = ['warning', 'delist', 'suspension', 'deposit-deduction'] as const;

/** Penalties (处罚) an operator imposed on a merchant; the shop's staff see their own. */
export const merchantPenalties = pgTable(
  'merchant_penalties',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    kind: text('kind', { enum: PENALTY_KINDS }).notNull(),
    reason: text('reason').notNull(),
    /** Fen deducted from the deposit (deposit-deduction only). */
    amount: bigint('amount', { mode: 'number' }),
    /** The product taken off sale (delist only). */
    productId: text('product_id'),
    /** The patrol finding this penalty acts on, if any. */
    findingId: text('finding_id'),
    actorId: text('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('merchant_penalties_merchant_idx').on(t.merchantId, t.at)],
);

// Complaints, 先行赔付 claims, credit inputs and patrol findings live in their own file; drizzle-kit reads them here.
export * from './schema-cases.ts';
export * from './schema-qualifications.ts';
