import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** A merchant's physical store: where its vouchers are redeemed and what the nearby list measures from. */
export const localStores = pgTable(
  'local_stores',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    name: text('name').notNull(),
    /** The street address as the merchant writes it; coordinates are entered or picked, never geocoded. */
    address: text('address').notNull(),
    city: text('city').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /** 营业时间 as shown, e.g. "10:00-22:00". */
    hours: text('hours').notNull(),
    services: text('services').array().notNull().default([]),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // The nearby query's bounding box: a range on lat, lng checked inside the index, then exact haversine.
    index('local_stores_lat_lng_idx').on(t.lat, t.lng),
    index('local_stores_merchant_idx').on(t.merchantId, t.id),
    check('local_stores_coordinates', sql`${t.lat} between -90 and 90 and ${t.lng} between -180 and 180`),
  ],
);

/** A voucher (团购券) or set meal (套餐) of one store, sold online at `price` against a catalog SKU. */
export const localOffers = pgTable(
  'local_offers',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    storeId: text('store_id').notNull(),
    kind: text('kind', { enum: ['voucher', 'set_meal'] }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    productId: text('product_id').notNull(),
    skuId: text('sku_id').notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    /** What the voucher is worth in the store (面值 / 门市价), shown struck through. */
    faceValue: bigint('face_value', { mode: 'number' }).notNull(),
    quota: integer('quota').notNull(),
    sold: integer('sold').notNull().default(0),
    /** Vouchers bought are redeemable until this moment. */
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    /** 过期自动退: unused vouchers are refunded in full when they expire. */
    refundAtExpiry: boolean('refund_at_expiry').notNull().default(true),
    status: text('status', { enum: ['active', 'ended'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('local_offers_store_idx').on(t.storeId, t.status),
    index('local_offers_merchant_idx').on(t.merchantId, t.id),
    check('local_offers_sold_within_quota', sql`${t.sold} between 0 and ${t.quota}`),
    check('local_offers_price_positive', sql`${t.price} > 0 and ${t.faceValue} >= ${t.price}`),
  ],
);

export const VOUCHER_STATUSES = ['pending', 'unused', 'used', 'expired', 'refunding', 'refunded', 'void'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

/** One bought voucher: created with its order, given a code when paid, redeemed once in the store. */
export const localVouchers = pgTable(
  'local_vouchers',
  {
    id: text('id').primaryKey(),
    offerId: text('offer_id').notNull(),
    storeId: text('store_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    orderId: text('order_id').notNull(),
    userId: text('user_id').notNull(),
    /** 12 digits, issued at payment; what the buyer shows and the store types or scans. */
    code: text('code'),
    status: text('status', { enum: VOUCHER_STATUSES }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** The staff member who verified it. */
    usedBy: text('used_by'),
    refundId: text('refund_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('local_vouchers_code_uq').on(t.code),
    uniqueIndex('local_vouchers_order_uq').on(t.orderId),
    index('local_vouchers_user_idx').on(t.userId, t.id),
    index('local_vouchers_merchant_used_idx').on(t.merchantId, t.usedAt),
  ],
);
