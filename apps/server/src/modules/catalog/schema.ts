import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const merchants = pgTable('merchants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  logoUrl: text('logo_url'),
  description: text('description').notNull().default(''),
  status: text('status', { enum: ['active', 'suspended'] })
    .notNull()
    .default('active'),
  /** Filled by the trust module later; a stored score today. */
  creditScore: integer('credit_score').notNull().default(100),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const categories = pgTable('categories', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  name: text('name').notNull(),
  iconUrl: text('icon_url'),
  sort: integer('sort').notNull().default(0),
  /** 7-day no-reason returns (七天无理由退货) allowed for goods of this category. */
  noReasonReturn: boolean('no_reason_return').notNull().default(true),
  /** Shown to the buyer when no-reason returns are not allowed (e.g. perishable food). */
  returnPolicyNote: text('return_policy_note'),
});

export interface SpecDimension {
  name: string;
  values: string[];
}
export interface Attribute {
  name: string;
  value: string;
}

export const products = pgTable(
  'products',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id),
    title: text('title').notNull(),
    subtitle: text('subtitle').notNull().default(''),
    description: text('description').notNull().default(''),
    images: text('images').array().notNull().default([]),
    attributes: jsonb('attributes').$type<Attribute[]>().notNull().default([]),
    specs: jsonb('specs').$type<SpecDimension[]>().notNull().default([]),
    status: text('status', { enum: ['draft', 'listed', 'delisted'] })
      .notNull()
      .default('draft'),
    /** Made-to-order goods (定制) cannot be returned without reason. */
    madeToOrder: boolean('made_to_order').notNull().default(false),
    minPrice: bigint('min_price', { mode: 'number' }).notNull().default(0),
    maxPrice: bigint('max_price', { mode: 'number' }).notNull().default(0),
    /** Units sold in paid orders (real sales only; refunds do not inflate it). */
    salesCount: integer('sales_count').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    /** Space-separated jieba tokens of title, subtitle, attributes and description, for full-text search. */
    searchTokens: text('search_tokens').notNull().default(''),
    /** The title's tokens alone: a match here ranks above a match only in the description. */
    titleTokens: text('title_tokens').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('products_merchant_idx').on(t.merchantId),
    index('products_category_idx').on(t.categoryId, t.status),
    index('products_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchTokens})`),
    index('products_listed_created_idx').on(t.status, t.createdAt, t.id),
    check('products_sales_nonnegative', sql`${t.salesCount} >= 0`),
  ],
);

export const skus = pgTable(
  'skus',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    merchantId: text('merchant_id').notNull(),
    /** One value per spec dimension: { 颜色: '米白', 规格: '50ml' }. */
    specValues: jsonb('spec_values').$type<Record<string, string>>().notNull(),
    specText: text('spec_text').notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    /** 划线价: only accepted when ≤ the lowest price charged in the previous 7 days (明码标价). */
    originalPrice: bigint('original_price', { mode: 'number' }),
    stock: integer('stock').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Shipping weight in grams; weight-based shipping templates price the parcel by Σ weight × qty. 0: not set. */
    weightGrams: integer('weight_grams').notNull().default(0),
    /** 商家编码: the merchant's own SKU code (ERP, warehouse); unique within the merchant. */
    code: text('code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('skus_product_idx').on(t.productId),
    uniqueIndex('skus_merchant_code_uq')
      .on(t.merchantId, t.code)
      .where(sql`${t.code} is not null`),
    check('skus_weight_nonnegative', sql`${t.weightGrams} >= 0`),
    check('skus_stock_nonnegative', sql`${t.stock} >= 0`),
    check('skus_price_positive', sql`${t.price} > 0`),
  ],
);

export const skuPriceHistory = pgTable(
  'sku_price_history',
  {
    id: text('id').primaryKey(),
    skuId: text('sku_id').notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    originalPrice: bigint('original_price', { mode: 'number' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    changedBy: text('changed_by').notNull(),
  },
  (t) => [index('sku_price_history_idx').on(t.skuId, t.changedAt)],
);

/** Unit prices actually charged, recorded from order.paid: the evidence the 划线价 rule checks against. */
export const skuChargedPrices = pgTable(
  'sku_charged_prices',
  {
    skuId: text('sku_id').notNull(),
    orderId: text('order_id').notNull(),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    chargedAt: timestamp('charged_at', { withTimezone: true }).notNull(),
    /** Set when the order was confirmed a fake sale (its review removed as fake): its units left 已售. */
    fakeSaleAt: timestamp('fake_sale_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.skuId, t.orderId] }), index('sku_charged_prices_idx').on(t.skuId, t.chargedAt)],
);

/**
 * The operator-edited word lists of search (docs/SEARCH.md "Word lists"): a synonym group (`words`, two or more,
 * each word in one live group at most) or a category word (`words` = [the word], `category_ids` it names).
 * Seeded from search-words.ts on first start; deleting sets `deleted_at` so the change can be undone.
 * Every write moves the table's newest row version, which is how each process's search index notices it.
 */
export const searchWordEntries = pgTable(
  'search_word_entries',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['synonym', 'category'] }).notNull(),
    words: text('words').array().notNull(),
    categoryIds: text('category_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Who made the last change (null for the built-in list). */
    updatedBy: text('updated_by'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('search_word_entries_list_idx').on(t.kind, t.updatedAt, t.id)],
);

/** Every change to the word lists: who, when, and the entry before and after (null before a create). */
export const searchWordChanges = pgTable(
  'search_word_changes',
  {
    id: text('id').primaryKey(),
    entryId: text('entry_id').notNull(),
    action: text('action', { enum: ['create', 'update', 'delete', 'restore'] }).notNull(),
    actorId: text('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('search_word_changes_entry_idx').on(t.entryId, t.at)],
);
