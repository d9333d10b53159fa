import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who granted or withdrew which roles from whom, append-only (docs/SECURITY.md "Staff roles", "Merchant roles"):
 * platform roles when `merchant_id` is null, else the shop's sub-account roles.
 */
export const staffRoleChanges = pgTable(
  'staff_role_changes',
  {
    id: text('id').primaryKey(),
    /** The staff member whose roles changed. */
    staffUserId: text('staff_user_id').notNull(),
    /** The super-admin (or, in a shop, its owner) who changed them. */
    changedBy: text('changed_by').notNull(),
    /** The shop whose sub-account changed; null for platform roles. */
    merchantId: text('merchant_id'),
    action: text('action', { enum: ['invite', 'assign', 'revoke'] }).notNull(),
    rolesBefore: text('roles_before').array().notNull(),
    rolesAfter: text('roles_after').array().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_role_changes_at_idx').on(t.at), index('staff_role_changes_merchant_idx').on(t.merchantId, t.id)],
);

/** A staff member's TOTP secret (RFC 6238); confirmed once a first code was accepted. */
export const staffTotp = pgTable('staff_totp', {
  staffUserId: text('staff_user_id').primaryKey(),
  /** Base32 secret, sealed with the field-encryption envelope (platform/field-crypto.ts). */
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The last time step accepted: a code is good once (RFC 6238 §5.2). */
  lastStep: text('last_step'),
});

/** One-time recovery codes, stored as SHA-256 hashes: a leaked table lets nobody in. */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    id: text('id').primaryKey(),
    staffUserId: text('staff_user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('staff_recovery_codes_user_idx').on(t.staffUserId)],
);

/**
 * Every staff read of a person's data (PIPL Art. 51; docs/PRIVACY.md "Staff access trail"): who, when, what, why.
 * The roles are copied at the time so the person can be told which kind of staff looked, never who.
 */
export const staffAccessLog = pgTable(
  'staff_access_log',
  {
    id: text('id').primaryKey(),
    staffUserId: text('staff_user_id').notNull(),
    staffRoles: text('staff_roles').array().notNull(),
    /** The person whose data was read; null for a bulk read (an export of many orders). */
    subjectUserId: text('subject_user_id'),
    /** What was read: 'order.phone', 'order.detail', 'orders.export', 'user.profile'. */
    action: text('action').notNull(),
    resource: text('resource').notNull(),
    reason: text('reason'),
    /** How many people the read covered: 1, or an export's distinct buyers. The abnormal-access watch counts them. */
    people: integer('people').notNull().default(1),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('staff_access_log_subject_idx').on(t.subjectUserId, t.at),
    index('staff_access_log_staff_idx').on(t.staffUserId, t.at),
    index('staff_access_log_at_idx').on(t.at),
  ],
);
