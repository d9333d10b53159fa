import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// Tables of the platform machinery: outbox, jobs, ledger, idempotency. No business rules live here.

export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_pending_idx').on(t.dispatchedAt, t.createdAt)],
);

/** One row per (event, subscriber) that has run: makes redelivery harmless. */
export const eventDeliveries = pgTable(
  'event_deliveries',
  {
    eventId: text('event_id').notNull(),
    subscriber: text('subscriber').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.subscriber] })],
);

export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** At most one pending job per key: enqueueing the same key twice is a no-op. */
    key: text('key'),
    payload: jsonb('payload').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('jobs_due_idx').on(t.doneAt, t.runAt), uniqueIndex('jobs_key_uq').on(t.key)],
);

export const ledgerJournals = pgTable(
  'ledger_journals',
  {
    id: text('id').primaryKey(),
    /** What kind of movement (payment.captured, refund.completed, settlement …); with refId unique, so a retry never posts twice. */
    kind: text('kind').notNull(),
    refId: text('ref_id').notNull(),
    memo: text('memo'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('ledger_journal_ref_uq').on(t.kind, t.refId)],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: text('id').primaryKey(),
    journalId: text('journal_id')
      .notNull()
      .references(() => ledgerJournals.id),
    account: text('account').notNull(),
    /** Signed fen: debits positive, credits negative. The entries of a journal sum to zero. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ledger_entries_account_idx').on(t.account), index('ledger_entries_journal_idx').on(t.journalId)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorId: text('actor_id').notNull(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.scope, t.key] })],
);

/**
 * Field encryption's data keys (platform/field-crypto.ts), each stored only wrapped by the master key named in
 * `master_key_id`. `data` keys seal values (the newest active one seals new writes); the one `index` key makes the
 * blind indexes and never changes, so lookups keep working across rotations.
 */
export const encryptionKeys = pgTable('encryption_keys', {
  id: text('id').primaryKey(),
  purpose: text('purpose', { enum: ['data', 'index'] }).notNull(),
  wrappedKey: text('wrapped_key').notNull(),
  masterKeyId: text('master_key_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** Set when a newer data key took over new writes; old values stay readable with it. */
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
