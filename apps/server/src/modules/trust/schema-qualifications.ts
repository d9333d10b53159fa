import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// Qualification validity (资质有效期): the documents a shop holds in force, their renewals and what their expiry took
// off sale. Kept apart from schema.ts (admission, deposits, penalties) so each file stays readable.

/** The business licence, beside the category qualifications of rules.ts. */
export const BUSINESS_LICENCE = 'business-licence';

/**
 * One document a shop holds in force (营业执照 or a category qualification), first copied from its approved admission
 * application, then replaced by each approved renewal. `validUntil` is the last day it is valid (Asia/Shanghai);
 * null with `permanent` false means the shop was admitted before dates were asked for (未登记有效期).
 */
export const merchantQualifications = pgTable(
  'merchant_qualifications',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    imageUrl: text('image_url').notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    /** 长期 (no expiry): only a business licence may say so. */
    permanent: boolean('permanent').notNull().default(false),
    /** When the 30-day warning went out for the current validUntil; cleared by a renewal. */
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    /** When the daily run found it expired and delisted the affected products; cleared by a renewal. */
    expiredAt: timestamp('expired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('merchant_qualifications_kind_uq').on(t.merchantId, t.kind),
    index('merchant_qualifications_valid_idx').on(t.validUntil),
  ],
);

export const RENEWAL_STATUSES = ['pending', 'approved', 'rejected'] as const;

/** A new document the shop uploaded for one qualification, and the operator's decision on it (资质续期审核). */
export const qualificationRenewals = pgTable(
  'qualification_renewals',
  {
    id: text('id').primaryKey(),
    qualificationId: text('qualification_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    imageUrl: text('image_url').notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    permanent: boolean('permanent').notNull().default(false),
    status: text('status', { enum: RENEWAL_STATUSES }).notNull(),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The operator's reason: required for a rejection, which the shop sees. */
    reason: text('reason'),
  },
  (t) => [
    index('qualification_renewals_queue_idx').on(t.status, t.submittedAt),
    index('qualification_renewals_qualification_idx').on(t.qualificationId, t.submittedAt),
    // One renewal under review per document, also when two uploads race.
    uniqueIndex('qualification_renewals_one_pending_uq')
      .on(t.qualificationId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export const DELISTING_OUTCOMES = ['relisted', 'changed'] as const;

/**
 * A product the expiry of a qualification took off sale (原因：资质过期). On the renewal's approval it is listed again
 * if the shop has not touched it since (`outcome` relisted), otherwise left as the shop made it (`changed`).
 */
export const qualificationDelistings = pgTable(
  'qualification_delistings',
  {
    id: text('id').primaryKey(),
    qualificationId: text('qualification_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    productId: text('product_id').notNull(),
    productTitle: text('product_title').notNull(),
    topCategoryId: text('top_category_id').notNull(),
    reason: text('reason').notNull(),
    delistedAt: timestamp('delisted_at', { withTimezone: true }).notNull(),
    outcome: text('outcome', { enum: DELISTING_OUTCOMES }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('qualification_delistings_open_idx').on(t.qualificationId, t.closedAt)],
);
