import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const MODERATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

/**
 * Every item moderate() did not simply approve: flagged ones wait for an operator (status pending),
 * rejected ones are kept so the author and operators can see why. One row per subject (re-moderation replaces it).
 */
export const moderationItems = pgTable(
  'moderation_items',
  {
    id: text('id').primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    imageUrls: text('image_urls').array().notNull(),
    /** What the rules said: flagged or rejected. */
    verdict: text('verdict', { enum: ['flagged', 'rejected'] }).notNull(),
    reasons: text('reasons').array().notNull(),
    matchedWords: text('matched_words').array().notNull(),
    /** The advertising-law lexicon version the text was scanned with (null before lexicons were versioned). */
    lexiconVersion: integer('lexicon_version'),
    status: text('status', { enum: MODERATION_STATUSES }).notNull(),
    decidedBy: text('decided_by'),
    decisionNote: text('decision_note'),
    /** The author's latest appeal of a rejection (申诉): it put the item back in the queue. */
    appealReason: text('appeal_reason'),
    appealedAt: timestamp('appealed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('moderation_items_subject_uq').on(t.subjectType, t.subjectId),
    index('moderation_items_queue_idx').on(t.status, t.createdAt),
  ],
);

export const REPORT_REASONS = ['spam', 'fraud', 'vulgar', 'illegal', 'infringement', 'false-ad', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** A user's report (举报) of a piece of content; open until an operator removes the content or dismisses it. */
export const contentReports = pgTable(
  'content_reports',
  {
    id: text('id').primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    reporterId: text('reporter_id').notNull(),
    reason: text('reason', { enum: REPORT_REASONS }).notNull(),
    detail: text('detail').notNull(),
    status: text('status', { enum: ['open', 'removed', 'dismissed'] }).notNull(),
    decidedBy: text('decided_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    // One report per person per subject: repeating it does not make it louder.
    uniqueIndex('content_reports_reporter_uq').on(t.subjectType, t.subjectId, t.reporterId),
    index('content_reports_queue_idx').on(t.status, t.createdAt),
  ],
);

export const OPERATOR_ACTIONS = ['hide', 'restore'] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

/** An operator hid or restored a piece of content from content management, with the reason; kept as history. */
export const moderationDecisions = pgTable(
  'moderation_decisions',
  {
    id: text('id').primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    authorId: text('author_id').notNull(),
    action: text('action', { enum: OPERATOR_ACTIONS }).notNull(),
    reason: text('reason').notNull(),
    operatorId: text('operator_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('moderation_decisions_subject_idx').on(t.subjectType, t.subjectId, t.createdAt)],
);

/** Every decision on and appeal of a queue item, in order: the item itself only keeps the latest. */
export const moderationItemEvents = pgTable(
  'moderation_item_events',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id').notNull(),
    action: text('action', { enum: ['approve', 'reject', 'appeal'] }).notNull(),
    actorId: text('actor_id').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('moderation_item_events_item_idx').on(t.itemId, t.at)],
);
