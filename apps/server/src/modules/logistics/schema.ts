import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * First `firstUnits` pieces (grams, in a weight template) cost `firstFee`; every further `extraUnits` (or part of
 * them) costs `extraFee`.
 */
export interface FeeRule {
  firstUnits: number;
  firstFee: number;
  extraUnits: number;
  extraFee: number;
}
export interface RegionRule extends FeeRule {
  /** Short province names (广东, 新疆 …) this rule prices instead of the default one. */
  provinces: string[];
}

export const REMOTE_MODES = ['surcharge', 'undeliverable'] as const;
export type RemoteMode = (typeof REMOTE_MODES)[number];

/** pieces: the rules' units are pieces; weight: they are grams (首重 1000 g, 续重 each 500 g …). */
export const CHARGE_MODES = ['pieces', 'weight'] as const;
export type ChargeMode = (typeof CHARGE_MODES)[number];

/**
 * A merchant's shipping template (运费模板), priced by pieces or by weight: first N pieces (grams), then per M more, with province groups
 * overriding the default rule. One template per merchant is active and prices its checkouts; merchants without one
 * get DEFAULT_SHIPPING_TEMPLATE (¥8, free from ¥99).
 */
export const shippingTemplates = pgTable(
  'shipping_templates',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(false),
    chargeBy: text('charge_by', { enum: CHARGE_MODES }).notNull().default('pieces'),
    defaultRule: jsonb('default_rule').$type<FeeRule>().notNull(),
    regions: jsonb('regions').$type<RegionRule[]>().notNull().default([]),
    /** Items amount (before discounts) from which the piece fee is waived; null: never free. */
    freeThreshold: bigint('free_threshold', { mode: 'number' }),
    /** Short province names (新疆, 西藏 …): surcharged even when shipping is free, or not delivered at all. */
    remoteProvinces: text('remote_provinces').array().notNull().default([]),
    remoteMode: text('remote_mode', { enum: REMOTE_MODES }).notNull().default('surcharge'),
    remoteExtraFee: bigint('remote_extra_fee', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    index('shipping_templates_merchant_idx').on(t.merchantId, t.id),
    uniqueIndex('shipping_templates_active_uq')
      .on(t.merchantId)
      .where(sql`${t.active}`),
  ],
);

export const TRACKING_STATUSES = ['collected', 'in_transit', 'delivering', 'signed', 'exception'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

/** One shipped parcel followed at the tracking aggregator (快递100, or nothing in the sandbox). */
export const trackingSubscriptions = pgTable(
  'tracking_subscriptions',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    carrier: text('carrier').notNull(),
    /** The aggregator's company code (shunfeng, zhongtong …). */
    carrierCode: text('carrier_code').notNull(),
    trackingNo: text('tracking_no').notNull(),
    provider: text('provider').notNull(),
    status: text('status', { enum: TRACKING_STATUSES }),
    subscribedAt: timestamp('subscribed_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    /** Why the provider refused the subscription for good (bad carrier code, bad key …); null while fine. */
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('tracking_subscriptions_order_uq').on(t.orderId),
    index('tracking_subscriptions_waybill_idx').on(t.carrierCode, t.trackingNo),
  ],
);

/** The parcel's scans as the aggregator pushed them; a pushed scan seen before is skipped (pushes repeat the history). */
export const trackingEvents = pgTable(
  'tracking_events',
  {
    id: text('id').primaryKey(),
    subscriptionId: text('subscription_id').notNull(),
    orderId: text('order_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    status: text('status', { enum: TRACKING_STATUSES }).notNull(),
    text: text('text').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('tracking_events_scan_uq').on(t.subscriptionId, t.at, t.text),
    index('tracking_events_order_idx').on(t.orderId, t.at),
  ],
);
