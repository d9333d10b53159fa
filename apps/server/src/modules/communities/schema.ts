import { sql } from 'drizzle-orm';
import {
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

export const ADMISSIONS = ['open', 'application', 'tier', 'purchase'] as const;
export type Admission = (typeof ADMISSIONS)[number];
/** A member's tier inside one community: 普通 / VIP / 核心粉丝. */
export const MEMBER_TIERS = ['regular', 'vip', 'core'] as const;
export type MemberTier = (typeof MEMBER_TIERS)[number];
export const MEMBER_ROLES = ['member', 'moderator', 'admin'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** An interest community owned by a merchant (merchantId) or by a creator (ownerUserId). */
export const communities = pgTable(
  'communities',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id'),
    ownerUserId: text('owner_user_id'),
    name: text('name').notNull(),
    description: text('description').notNull(),
    coverUrl: text('cover_url'),
    admission: text('admission', { enum: ADMISSIONS }).notNull(),
    /** For admission 'tier': the platform membership tier required (membership module's TierCode). */
    admissionMinTier: text('admission_min_tier'),
    /** The merchant's exclusive community: buyers join it automatically after their first order. */
    exclusive: boolean('exclusive').notNull().default(false),
    /** Members per group; the product rule is 500 and the API never accepts more. */
    groupCapacity: integer('group_capacity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('communities_exclusive_uq')
      .on(t.merchantId)
      .where(sql`${t.exclusive}`),
    index('communities_merchant_idx').on(t.merchantId),
    check('communities_capacity_range', sql`${t.groupCapacity} between 2 and 500`),
    check('communities_owner', sql`${t.merchantId} is not null or ${t.ownerUserId} is not null`),
  ],
);

/** Chat groups of one community, numbered 1, 2, …; a new one opens when the last is full. */
export const communityGroups = pgTable(
  'community_groups',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    seq: integer('seq').notNull(),
    capacity: integer('capacity').notNull(),
    memberCount: integer('member_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('community_groups_seq_uq').on(t.communityId, t.seq),
    check('community_groups_not_over_capacity', sql`${t.memberCount} between 0 and ${t.capacity}`),
    check('community_groups_capacity_range', sql`${t.capacity} between 2 and 500`),
  ],
);

/** One row per (community, user) ever joined; leftAt marks a member who left or was removed. */
export const communityMembers = pgTable(
  'community_members',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    userId: text('user_id').notNull(),
    groupId: text('group_id').notNull(),
    tier: text('tier', { enum: MEMBER_TIERS }).notNull().default('regular'),
    role: text('role', { enum: MEMBER_ROLES }).notNull().default('member'),
    /** How they came in: joined themselves, approved application, first order, or demo seed. */
    source: text('source', { enum: ['join', 'application', 'order', 'owner', 'seed'] }).notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    mutedUntil: timestamp('muted_until', { withTimezone: true }),
    lastReadMessageId: text('last_read_message_id'),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.userId] }),
    index('community_members_user_idx').on(t.userId),
    index('community_members_group_idx').on(t.groupId),
  ],
);

export const communityApplications = pgTable(
  'community_applications',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id').notNull(),
    userId: text('user_id').notNull(),
    message: text('message').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    decidedBy: text('decided_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('community_applications_pending_uq')
      .on(t.communityId, t.userId)
      .where(sql`${t.status} = 'pending'`),
    index('community_applications_list_idx').on(t.communityId, t.status, t.createdAt),
  ],
);

/** First paid order per (merchant, buyer), recorded from order.paid: drives auto-join and 'purchase' admission. */
export const merchantBuyers = pgTable(
  'community_merchant_buyers',
  {
    merchantId: text('merchant_id').notNull(),
    userId: text('user_id').notNull(),
    firstOrderId: text('first_order_id').notNull(),
    firstPaidAt: timestamp('first_paid_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.userId] })],
);

export const chatMessages = pgTable(
  'community_chat_messages',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id').notNull(),
    groupId: text('group_id').notNull(),
    senderId: text('sender_id').notNull(),
    kind: text('kind', { enum: ['text', 'image', 'product'] }).notNull(),
    text: text('text').notNull(),
    imageUrls: text('image_urls').array().notNull(),
    /** Product card snapshot at send time: { productId, title, imageUrl, minPrice }. */
    product: jsonb('product').$type<{ productId: string; title: string; imageUrl: string | null; minPrice: number }>(),
    verdict: text('verdict', { enum: ['approved', 'flagged'] }).notNull(),
    pinnedAt: timestamp('pinned_at', { withTimezone: true }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: text('removed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('community_chat_group_idx').on(t.groupId, t.id),
    index('community_chat_sender_idx').on(t.senderId, t.createdAt),
  ],
);

export const announcements = pgTable(
  'community_announcements',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    promotional: boolean('promotional').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('community_announcements_idx').on(t.communityId, t.createdAt)],
);

/** The content calendar: each promotional push takes one of the community's 3 slots of its ISO week (Asia/Shanghai). */
export const promoPushes = pgTable(
  'community_promo_pushes',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id').notNull(),
    week: text('week').notNull(),
    slot: integer('slot').notNull(),
    kind: text('kind', { enum: ['announcement', 'segment-message'] }).notNull(),
    refId: text('ref_id').notNull(),
    title: text('title').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('community_promo_pushes_slot_uq').on(t.communityId, t.week, t.slot),
    check('community_promo_pushes_slot_range', sql`${t.slot} between 1 and 3`),
  ],
);

/** Offline meetups with sign-up; signedUp never passes capacity (guarded update + CHECK). */
export const meetups = pgTable(
  'community_meetups',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    location: text('location').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    signedUp: integer('signed_up').notNull().default(0),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('community_meetups_idx').on(t.communityId, t.startsAt),
    check('community_meetups_capacity', sql`${t.signedUp} between 0 and ${t.capacity}`),
  ],
);

export const meetupSignups = pgTable(
  'community_meetup_signups',
  {
    meetupId: text('meetup_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetupId, t.userId] })],
);

/** Consent to promotional messages (PIPL): absent means no. Service messages do not need it. */
export const marketingConsents = pgTable('community_marketing_consents', {
  userId: text('user_id').primaryKey(),
  consented: boolean('consented').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const TIMELINE_KINDS = ['joined', 'left', 'read', 'clicked', 'bought', 'asked'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** SCRM: a member's private-domain behaviour in one community. dedupeKey collapses repeats (reads per day, one order once). */
export const memberTimeline = pgTable(
  'community_member_timeline',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: TIMELINE_KINDS }).notNull(),
    refId: text('ref_id'),
    detail: text('detail').notNull(),
    dedupeKey: text('dedupe_key'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('community_timeline_dedupe_uq').on(t.dedupeKey),
    index('community_timeline_member_idx').on(t.communityId, t.userId, t.at),
  ],
);

export const memberTags = pgTable(
  'community_member_tags',
  {
    communityId: text('community_id').notNull(),
    userId: text('user_id').notNull(),
    tag: text('tag').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.userId, t.tag] }),
    index('community_member_tags_tag_idx').on(t.communityId, t.tag),
  ],
);

export const staffNotes = pgTable(
  'community_staff_notes',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id').notNull(),
    userId: text('user_id').notNull(),
    authorId: text('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('community_staff_notes_idx').on(t.communityId, t.userId, t.createdAt)],
);

/** A message to a segment of members (by tier and/or tag), delivered to each recipient's community inbox. */
export const segmentMessages = pgTable(
  'community_segment_messages',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    productId: text('product_id'),
    promotional: boolean('promotional').notNull(),
    segment: jsonb('segment').$type<{ tiers: MemberTier[]; tags: string[] }>().notNull(),
    recipients: integer('recipients').notNull(),
    skippedNoConsent: integer('skipped_no_consent').notNull(),
    sentBy: text('sent_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('community_segment_messages_idx').on(t.communityId, t.createdAt)],
);

export const inbox = pgTable(
  'community_inbox',
  {
    messageId: text('message_id').notNull(),
    userId: text('user_id').notNull(),
    communityId: text('community_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.userId] }),
    index('community_inbox_user_idx').on(t.userId, t.createdAt),
  ],
);
