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

export const POST_KINDS = ['image_text', 'video', 'review'] as const;
export type PostKind = (typeof POST_KINDS)[number];
/** published: visible; pending_review: flagged by moderation, visible to its author only; rejected/removed: hidden. */
export const POST_STATUSES = ['published', 'pending_review', 'rejected', 'removed', 'deleted'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** A post (笔记): image-text, short video or review/测评, tagging products and topics. Counters are kept in step with their rows. */
export const posts = pgTable(
  'posts',
  {
    id: text('id').primaryKey(),
    authorId: text('author_id').notNull(),
    kind: text('kind', { enum: POST_KINDS }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    images: text('images').array().notNull(),
    videoUrl: text('video_url'),
    posterUrl: text('poster_url'),
    productIds: text('product_ids').array().notNull(),
    /** Shops of the tagged products: a follower of the shop sees the post in the following feed. */
    merchantIds: text('merchant_ids').array().notNull(),
    /** Top-level categories of the tagged products, taken when the post is written: the discovery feed's interest key. */
    categoryIds: text('category_ids').array().notNull(),
    topics: text('topics').array().notNull(),
    status: text('status', { enum: POST_STATUSES }).notNull(),
    /** Set by a brand partnership; the author cannot change it (「广告」 label). */
    partnershipId: text('partnership_id'),
    sponsorMerchantId: text('sponsor_merchant_id'),
    /** 晒单: the author's own delivered order line this post shows. */
    orderLineId: text('order_line_id'),
    likeCount: integer('like_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    favouriteCount: integer('favourite_count').notNull().default(0),
    shareCount: integer('share_count').notNull().default(0),
    viewCount: integer('view_count').notNull().default(0),
    productClickCount: integer('product_click_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('posts_author_idx').on(t.authorId, t.createdAt),
    index('posts_status_created_idx').on(t.status, t.createdAt),
    uniqueIndex('posts_order_line_uq').on(t.orderLineId),
    index('posts_partnership_idx').on(t.partnershipId),
    check('posts_counts_nonneg', sql`${t.likeCount} >= 0 and ${t.commentCount} >= 0 and ${t.favouriteCount} >= 0`),
  ],
);

export const postTopics = pgTable(
  'post_topics',
  {
    topic: text('topic').notNull(),
    postId: text('post_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.topic, t.postId] }), index('post_topics_recent_idx').on(t.topic, t.createdAt)],
);

/** Topics (#话题#) exist once used; operators turn one into a challenge with a description and dates. */
export const topics = pgTable('topics', {
  name: text('name').primaryKey(),
  description: text('description').notNull().default(''),
  isChallenge: boolean('is_challenge').notNull().default(false),
  startsAt: timestamp('starts_at', { withTimezone: true }),
  endsAt: timestamp('ends_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const postLikes = pgTable(
  'post_likes',
  {
    postId: text('post_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index('post_likes_user_idx').on(t.userId, t.createdAt)],
);

export const postFavourites = pgTable(
  'post_favourites',
  {
    postId: text('post_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index('post_favourites_user_idx').on(t.userId, t.createdAt)],
);

/** Once per user per post, product and day: product clicks from a post. */
export const postProductClicks = pgTable(
  'post_product_clicks',
  {
    postId: text('post_id').notNull(),
    userId: text('user_id').notNull(),
    productId: text('product_id').notNull(),
    day: text('day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId, t.productId, t.day] })],
);

/**
 * Once per viewer per post per day: an honest view count, not a page-load count. `viewerId` is a user id, or for a
 * signed-out visitor `anon:` + a hash of their browser's random id (rules.ts visitorKey).
 */
export const postViews = pgTable(
  'post_views',
  { postId: text('post_id').notNull(), viewerId: text('viewer_id').notNull(), day: text('day').notNull() },
  (t) => [primaryKey({ columns: [t.postId, t.viewerId, t.day] })],
);

/** Two levels: a top-level comment (parentId null) and replies under it (parentId = the top-level comment). */
export const postComments = pgTable(
  'post_comments',
  {
    id: text('id').primaryKey(),
    postId: text('post_id').notNull(),
    authorId: text('author_id').notNull(),
    parentId: text('parent_id'),
    replyToUserId: text('reply_to_user_id'),
    body: text('body').notNull(),
    status: text('status', { enum: ['published', 'pending_review', 'rejected', 'removed'] }).notNull(),
    replyCount: integer('reply_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('post_comments_post_idx').on(t.postId, t.parentId, t.createdAt)],
);

/** Follows of people and of merchants (shops). */
export const follows = pgTable(
  'follows',
  {
    followerId: text('follower_id').notNull(),
    targetType: text('target_type', { enum: ['user', 'merchant'] }).notNull(),
    targetId: text('target_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.followerId, t.targetType, t.targetId] }),
    index('follows_target_idx').on(t.targetType, t.targetId),
  ],
);

/** A brand pays a creator for content (品牌合作). Posts it is attached to carry a 「广告」 label their author cannot remove. */
export const brandPartnerships = pgTable(
  'brand_partnerships',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    creatorId: text('creator_id').notNull(),
    title: text('title').notNull(),
    /** The fee the brand declares it pays the creator, in fen (paid outside the platform; recorded for disclosure). */
    feeAmount: bigint('fee_amount', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('brand_partnerships_creator_idx').on(t.creatorId),
    index('brand_partnerships_merchant_idx').on(t.merchantId, t.id),
  ],
);

/** 晒单返现 / 评价有礼 rewards earned, one per order line and kind, so a line is never rewarded twice. */
export const contentRewards = pgTable(
  'content_rewards',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['order_photo_post'] }).notNull(),
    userId: text('user_id').notNull(),
    orderLineId: text('order_line_id').notNull(),
    postId: text('post_id').notNull(),
    points: integer('points').notNull(),
    status: text('status', { enum: ['awarded', 'entitled'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('content_rewards_line_uq').on(t.kind, t.orderLineId)],
);
