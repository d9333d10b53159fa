import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * What discovery knows about a product, learned from catalog events through catalog's api: the features the
 * model needs (shop, category, listing time) and the popularity the rebuild job computes from interactions.
 */
export const discoveryItems = pgTable(
  'discovery_items',
  {
    productId: text('product_id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    categoryId: text('category_id').notNull(),
    listedAt: timestamp('listed_at', { withTimezone: true }).notNull(),
    /** Listed and in stock when last heard of; serving re-checks the page against catalog anyway. */
    available: boolean('available').notNull(),
    /** Time-decayed interaction weight (half-life 14 days), written by the rebuild job. */
    popularity: doublePrecision('popularity').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('discovery_items_category_idx').on(t.categoryId, t.popularity)],
);

/** Who touched what, how strongly, and when last: the implicit feedback the model learns from (one row per kind). */
export const discoveryInteractions = pgTable(
  'discovery_interactions',
  {
    userId: text('user_id').notNull(),
    productId: text('product_id').notNull(),
    /** bought (order.paid), posted (a published post tagging it). */
    kind: text('kind', { enum: ['bought', 'posted'] }).notNull(),
    weight: doublePrecision('weight').notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    /** The source event, so a redelivered event is counted once. */
    lastEventId: text('last_event_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.productId, t.kind] }),
    index('discovery_interactions_product_idx').on(t.productId),
    /** The feed's social source: a followed user's most recent interactions. */
    index('discovery_interactions_recent_idx').on(t.userId, t.lastAt),
  ],
);

/** Precomputed item neighbours (rebuild job): `similar` over all interactions, `together` over purchases only. */
export const discoveryNeighbours = pgTable(
  'discovery_neighbours',
  {
    productId: text('product_id').notNull(),
    kind: text('kind', { enum: ['similar', 'together'] }).notNull(),
    rank: integer('rank').notNull(),
    neighbourId: text('neighbour_id').notNull(),
    score: doublePrecision('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.kind, t.rank] })],
);

/** A user's interest tags (a category and its share of their activity); a deleted tag stays hidden for good. */
export const discoveryInterestTags = pgTable(
  'discovery_interest_tags',
  {
    userId: text('user_id').notNull(),
    categoryId: text('category_id').notNull(),
    weight: doublePrecision('weight').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.categoryId] })],
);

/** 算法推荐管理规定 Art. 17: the user's choice to switch personalised recommendation off. No row = on. */
export const discoverySettings = pgTable('discovery_settings', {
  userId: text('user_id').primaryKey(),
  personalised: boolean('personalised').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** One stored candidate (short keys: the rows of every active user are stored). */
export interface StoredCandidate {
  /** product, merchant, category */
  p: string;
  m: string;
  c: string;
  /** Summed neighbour similarity to the user's history, category affinity, decayed popularity, listed at (ms). */
  sim: number;
  aff: number;
  pop: number;
  at: number;
  /** The strongest anchor: product, 买了又买 (bought together) or similar, and whether the user bought it. */
  a?: { p: string; k: 'together' | 'similar'; b: boolean };
  /** Came from the interest-category source (that category), and/or is a new arrival. */
  cat?: string;
  fresh?: boolean;
  /** A long-tail neighbour (popularity below the catalogue's head): the feed keeps slots for these (diversity). */
  tail?: boolean;
}

export interface StoredFeed {
  /** What the user bought or posted lately: never recommended back (also not by the social source). */
  had: string[];
  /** Interest-category affinity, for the social source's items that are not among the candidates. */
  affinity: Record<string, number>;
  candidates: StoredCandidate[];
}

/**
 * Each user's precomputed candidates (precompute.ts): written for everyone with history by the rebuild job and for
 * one user when they buy, post or delete an interest tag; the feed reads this row instead of ranking from scratch.
 */
export const discoveryUserFeeds = pgTable('discovery_user_feeds', {
  userId: text('user_id').primaryKey(),
  feed: jsonb('feed').$type<StoredFeed>().notNull(),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull(),
});

/** When the neighbours were last rebuilt, and from how much. */
export const discoveryBuilds = pgTable('discovery_builds', {
  id: text('id').primaryKey(),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull(),
  items: integer('items').notNull(),
  interactions: integer('interactions').notNull(),
  neighbourRows: integer('neighbour_rows').notNull(),
  millis: integer('millis').notNull(),
});
