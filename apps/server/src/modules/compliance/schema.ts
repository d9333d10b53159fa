import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const LEXICON_ACTIONS = ['block', 'review'] as const;
export const LEXICON_SCOPES = ['all', 'only', 'except'] as const;

/**
 * 广告法词库: the terms and patterns the scanner applies. Seeded from rules.ts on the first start (ids
 * `adl_builtin_<rule id>`); operators add, change and disable entries from then on. Never deleted: a disabled
 * entry keeps its history and can be enabled again.
 */
export const adLexiconEntries = pgTable(
  'ad_lexicon_entries',
  {
    id: text('id').primaryKey(),
    /** term: the words as written (folded like the text); pattern: a regular expression over folded text. */
    kind: text('kind', { enum: ['term', 'pattern'] }).notNull(),
    text: text('text').notNull(),
    /** A hit whose match plus six following characters matches this is not a finding (patterns only). */
    exceptPattern: text('except_pattern'),
    category: text('category').notNull(),
    action: text('action', { enum: LEXICON_ACTIONS }).notNull(),
    article: text('article').notNull(),
    title: text('title').notNull(),
    /** What to write instead ('' = delete the words); null on a built-in entry = its own rewrite in rules.ts. */
    rewrite: text('rewrite'),
    /** all: every text; only: texts about goods in these categories; except: every text but those. */
    scope: text('scope', { enum: LEXICON_SCOPES }).notNull(),
    categoryIds: text('category_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    enabled: boolean('enabled').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Who made the last change (null for the built-in seed). */
    updatedBy: text('updated_by'),
  },
  (t) => [
    uniqueIndex('ad_lexicon_entries_text_uq').on(t.kind, t.text),
    index('ad_lexicon_entries_list_idx').on(t.updatedAt, t.id),
  ],
);

/** Every change to the lexicon is a new version: who, when, which entry, before and after (null before a create). */
export const adLexiconVersions = pgTable(
  'ad_lexicon_versions',
  {
    version: integer('version').primaryKey(),
    entryId: text('entry_id').notNull(),
    action: text('action', { enum: ['create', 'update', 'disable', 'enable'] }).notNull(),
    actorId: text('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('ad_lexicon_versions_entry_idx').on(t.entryId, t.version)],
);
