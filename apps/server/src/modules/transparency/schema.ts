import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The append-only transparency log: one row per public fact, in the order it was appended. `leafData` is the
 * exact text whose leaf hash enters the Merkle tree; rows are never updated or deleted, so anyone holding a signed
 * tree head can prove an entry is (still) there and unchanged.
 */
export const transparencyEntries = pgTable(
  'transparency_entries',
  {
    /** Zero-based leaf index in the tree. */
    leafIndex: integer('leaf_index').primaryKey(),
    kind: text('kind').notNull(),
    subjectId: text('subject_id').notNull(),
    leafData: text('leaf_data').notNull(),
    leafHash: text('leaf_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('transparency_entries_subject_idx').on(t.kind, t.subjectId)],
);

/** How many leaves the log has; the one row is locked while appending, so indexes never collide or skip. */
export const transparencyLogSize = pgTable('transparency_log_size', {
  id: integer('id').primaryKey(),
  size: integer('size').notNull(),
});

/** Signed tree heads (STH), one per tree size that someone asked for; kept so old heads stay checkable. */
export const transparencyTreeHeads = pgTable('transparency_tree_heads', {
  treeSize: integer('tree_size').primaryKey(),
  rootHash: text('root_hash').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  /** Ed25519 over treeHeadMessage(), base64. */
  signature: text('signature').notNull(),
  keyId: text('key_id').notNull(),
});
