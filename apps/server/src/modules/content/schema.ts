import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const COURSE_KINDS = ['course', 'column'] as const;
export const COURSE_PRICINGS = ['purchase', 'subscription'] as const;
export const LESSON_MEDIA = ['video', 'audio', 'article'] as const;

/**
 * A paid course (课程) or column (专栏) of one merchant, sold at `price` against one of its catalog SKUs through the
 * standard order path: bought once (purchase) or per month (subscription).
 */
export const contentCourses = pgTable(
  'content_courses',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    kind: text('kind', { enum: COURSE_KINDS }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    coverUrl: text('cover_url'),
    productId: text('product_id').notNull(),
    skuId: text('sku_id').notNull(),
    pricing: text('pricing', { enum: COURSE_PRICINGS }).notNull(),
    /** One-time price, or the price of one month when pricing is subscription. */
    price: bigint('price', { mode: 'number' }).notNull(),
    /** Members of this tier or above learn it free (会员免费); null for none. */
    memberFreeFrom: text('member_free_from'),
    /** Buying any of these catalog products grants the course (买刀送课). */
    bundleProductIds: text('bundle_product_ids').array().notNull().default([]),
    /** The creator paid a share of each sale (basis points of what the buyer paid); null when the merchant keeps all. */
    creatorUserId: text('creator_user_id'),
    creatorShareBp: integer('creator_share_bp').notNull().default(0),
    status: text('status', { enum: ['active', 'ended'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('content_courses_merchant_idx').on(t.merchantId, t.id),
    index('content_courses_status_idx').on(t.status, t.id),
    check('content_courses_price_positive', sql`${t.price} > 0`),
    check('content_courses_share_range', sql`${t.creatorShareBp} between 0 and 9000`),
  ],
);

/** One lesson (课时): a video or audio uploaded through the media module, or an article; trial lessons are free. */
export const contentLessons = pgTable(
  'content_lessons',
  {
    id: text('id').primaryKey(),
    courseId: text('course_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    media: text('media', { enum: LESSON_MEDIA }).notNull(),
    mediaUrl: text('media_url'),
    body: text('body').notNull().default(''),
    durationSec: integer('duration_sec').notNull().default(0),
    trial: boolean('trial').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('content_lessons_course_position_uq').on(t.courseId, t.position)],
);

export const ENTITLEMENT_SOURCES = ['purchase', 'subscription', 'bundle'] as const;

/** A user's right to a course, from an order: pending until paid, revoked when the order is refunded. */
export const contentEntitlements = pgTable(
  'content_entitlements',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    courseId: text('course_id').notNull(),
    orderId: text('order_id').notNull(),
    source: text('source', { enum: ENTITLEMENT_SOURCES }).notNull(),
    status: text('status', { enum: ['pending', 'active', 'revoked'] }).notNull(),
    /** Subscriptions end; purchases and bundles do not (null). */
    startsAt: timestamp('starts_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('content_entitlements_order_course_uq').on(t.orderId, t.courseId),
    index('content_entitlements_user_idx').on(t.userId, t.courseId),
  ],
);

/** Where a learner is in a lesson (学习进度). */
export const contentProgress = pgTable(
  'content_progress',
  {
    userId: text('user_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    courseId: text('course_id').notNull(),
    positionSec: integer('position_sec').notNull().default(0),
    completed: boolean('completed').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.lessonId] }),
    index('content_progress_course_idx').on(t.userId, t.courseId),
  ],
);

/** The creator's share of one paid course order, mirrored on the ledger (recorded → reversed/settled). */
export const contentCreatorShares = pgTable(
  'content_creator_shares',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    courseId: text('course_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    creatorUserId: text('creator_user_id').notNull(),
    baseAmount: bigint('base_amount', { mode: 'number' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reversedAmount: bigint('reversed_amount', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: ['pending', 'settled', 'reversed'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('content_creator_shares_order_uq').on(t.orderId),
    index('content_creator_shares_creator_idx').on(t.creatorUserId, t.id),
    index('content_creator_shares_course_idx').on(t.courseId),
    check('content_creator_shares_reversal', sql`${t.reversedAmount} between 0 and ${t.amount}`),
  ],
);
