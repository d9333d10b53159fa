import { boolean, customType, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const CONSENT_PURPOSES = ['policy', 'marketing', 'personalisation', 'location', 'analytics'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * The current choice per purpose for the purposes this module owns (location, analytics, and 'policy': the
 * privacy-policy version accepted). Marketing and personalisation live in lifecycle and discovery, which act on them.
 */
export const privacyConsents = pgTable(
  'privacy_consents',
  {
    userId: text('user_id').notNull(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    granted: boolean('granted').notNull(),
    policyVersion: text('policy_version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.purpose] })],
);

/** Every consent change, append-only: what was chosen, when, under which policy version (PIPL Art. 14–15). */
export const privacyConsentRecords = pgTable(
  'privacy_consent_records',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    granted: boolean('granted').notNull(),
    policyVersion: text('policy_version').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('privacy_consent_records_user_idx').on(t.userId, t.recordedAt)],
);

/** "Download my data": built by a job, downloadable by its owner until it expires, then the archive is dropped. */
export const privacyExports = pgTable(
  'privacy_exports',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    status: text('status', { enum: ['pending', 'ready', 'expired'] }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** gzip of the JSON archive; null until ready and again once expired. */
    archive: bytea('archive'),
    sizeBytes: integer('size_bytes'),
    tableCount: integer('table_count'),
    rowCount: integer('row_count'),
  },
  (t) => [index('privacy_exports_user_idx').on(t.userId, t.requestedAt)],
);

/** Account cancellation: pending during the cooling-off period, then erased (or revoked by the user). */
export const accountCancellations = pgTable(
  'account_cancellations',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    status: text('status', { enum: ['pending', 'revoked', 'erased'] }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    eraseAt: timestamp('erase_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    /** When the erasure that runs outside transactions (behaviour events in the analytics engine) finished. */
    afterCommitDoneAt: timestamp('after_commit_done_at', { withTimezone: true }),
  },
  (t) => [index('account_cancellations_user_idx').on(t.userId, t.requestedAt)],
);
