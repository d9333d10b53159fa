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

export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** 1 + N: the host plus field control (场控), customer service (客服) and data monitoring (数据). */
export const LIVE_ROLES = ['host', 'controller', 'service', 'analyst'] as const;
export type LiveRole = (typeof LIVE_ROLES)[number];

/** A live session of one merchant, hosted by one user account. */
export const liveSessions = pgTable(
  'live_sessions',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    /** A creator hosting for the merchant (null when the merchant's own staff hosts). */
    creatorId: text('creator_id'),
    hostUserId: text('host_user_id').notNull(),
    title: text('title').notNull(),
    coverUrl: text('cover_url'),
    status: text('status', { enum: SESSION_STATUSES }).notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Secret part of the ingest URL; shown only to the host and staff. */
    streamKey: text('stream_key').notNull(),
    playbackUrl: text('playback_url').notNull(),
    replayUrl: text('replay_url'),
    likes: bigint('likes', { mode: 'number' }).notNull().default(0),
    peakViewers: integer('peak_viewers').notNull().default(0),
    /** Simulated viewers of a demo session (seed only), shown apart as 演示观众 and never in real counts or metrics. */
    demoAudience: integer('demo_audience').notNull().default(0),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('live_sessions_status_idx').on(t.status, t.scheduledAt),
    index('live_sessions_merchant_idx').on(t.merchantId, t.scheduledAt),
    uniqueIndex('live_sessions_stream_key_uq').on(t.streamKey),
  ],
);

/** The product bag: products sold in the session, in display order, with the host's claim (moderated). */
export const liveSessionProducts = pgTable(
  'live_session_products',
  {
    sessionId: text('session_id').notNull(),
    productId: text('product_id').notNull(),
    position: integer('position').notNull(),
    claim: text('claim'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.productId] })],
);

/** Every pin, kept after unpinning: the replay's highlight clips are the pins' offsets from the start. */
export const livePins = pgTable(
  'live_pins',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    productId: text('product_id').notNull(),
    pinnedBy: text('pinned_by').notNull(),
    pinnedAt: timestamp('pinned_at', { withTimezone: true }).notNull(),
    unpinnedAt: timestamp('unpinned_at', { withTimezone: true }),
  },
  (t) => [
    index('live_pins_session_idx').on(t.sessionId, t.pinnedAt),
    // At most one product is pinned at a time in a session.
    uniqueIndex('live_pins_one_current_uq')
      .on(t.sessionId)
      .where(sql`${t.unpinnedAt} is null`),
  ],
);

export const liveRoles = pgTable(
  'live_roles',
  {
    sessionId: text('session_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role', { enum: LIVE_ROLES }).notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('live_roles_user_idx').on(t.userId)],
);

/** 开播提醒: viewers who asked to be told when the session starts. */
export const liveReminders = pgTable(
  'live_reminders',
  {
    sessionId: text('session_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

export const CHAT_KINDS = ['viewer', 'staff', 'answer'] as const;

/** Danmaku. Kept for moderation, lottery entry and replay; removed messages stay with removedAt set. */
export const liveChatMessages = pgTable(
  'live_chat_messages',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: CHAT_KINDS }).notNull(),
    text: text('text').notNull(),
    replyToId: text('reply_to_id'),
    /** 'flagged' by moderation: stored and queued for an operator, shown to nobody until approved. */
    verdict: text('verdict', { enum: ['approved', 'flagged'] })
      .notNull()
      .default('approved'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: text('removed_by'),
  },
  (t) => [index('live_chat_session_idx').on(t.sessionId, t.createdAt)],
);

export const liveMutes = pgTable(
  'live_mutes',
  {
    sessionId: text('session_id').notNull(),
    userId: text('user_id').notNull(),
    until: timestamp('until', { withTimezone: true }).notNull(),
    mutedBy: text('muted_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

/** One socket's stay in a room (viewerKey: the user id, or an anonymous device id): dwell time comes from here. */
export const liveVisits = pgTable(
  'live_visits',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    viewerKey: text('viewer_key').notNull(),
    userId: text('user_id'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    /** Taps sent during the visit (flushed in batches): a viewer who liked counts as interacting. */
    likes: integer('likes').notNull().default(0),
  },
  (t) => [index('live_visits_session_idx').on(t.sessionId, t.joinedAt)],
);

/**
 * Per-minute counters, added to by every process (upsert with increments), so the dashboard and the report read
 * one table whatever the number of processes.
 */
export const liveMetricMinutes = pgTable(
  'live_metric_minutes',
  {
    sessionId: text('session_id').notNull(),
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    viewers: integer('viewers').notNull().default(0),
    chats: integer('chats').notNull().default(0),
    likes: integer('likes').notNull().default(0),
    productClicks: integer('product_clicks').notNull().default(0),
    orders: integer('orders').notNull().default(0),
    gmv: bigint('gmv', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.minute] })],
);

/** Per product of a session, for the report: clicks (flushed counters), and units and GMV of paid, unvoided orders. */
export const liveProductStats = pgTable(
  'live_product_stats',
  {
    sessionId: text('session_id').notNull(),
    productId: text('product_id').notNull(),
    clicks: integer('clicks').notNull().default(0),
    units: integer('units').notNull().default(0),
    gmv: bigint('gmv', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.productId] })],
);

/** Orders attributed to a session (from attribution's order.attributed); GMV counts once paid. */
export const liveOrders = pgTable(
  'live_orders',
  {
    orderId: text('order_id').primaryKey(),
    sessionId: text('session_id').notNull(),
    userId: text('user_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** The host showed 假一赔十 (live deposit held) when the order was placed: a counterfeit claim pays ten times. */
    guaranteed: boolean('guaranteed').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (t) => [index('live_orders_session_idx').on(t.sessionId, t.createdAt)],
);

/** Host qualification of a user hosting for a merchant: real name, deposit held on the ledger. */
export const liveHostQualifications = pgTable(
  'live_host_qualifications',
  {
    merchantId: text('merchant_id').primaryKey(),
    realName: text('real_name'),
    /** Only the last four characters of the ID number are kept. */
    idNumberTail: text('id_number_tail'),
    realNameVerifiedAt: timestamp('real_name_verified_at', { withTimezone: true }),
    depositHeld: bigint('deposit_held', { mode: 'number' }).notNull().default(0),
    depositPaidAt: timestamp('deposit_paid_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('live_host_deposit_nonnegative', sql`${t.depositHeld} >= 0`)],
);

// ——— Interactions ———

export const LOTTERY_STATUSES = ['open', 'drawn', 'cancelled'] as const;

/** Danmaku lottery: sha256(seed) is published when it opens; the seed after the draw, so anyone can re-check. */
export const liveLotteries = pgTable(
  'live_lotteries',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    keyword: text('keyword').notNull(),
    prize: jsonb('prize').notNull(),
    winnersCount: integer('winners_count').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    seedCommitment: text('seed_commitment').notNull(),
    /** Secret until the draw. */
    seed: text('seed').notNull(),
    status: text('status', { enum: LOTTERY_STATUSES }).notNull(),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    /** Why the prize could not be issued to some winners (the template ran out or closed), shown with the result. */
    prizeNote: text('prize_note'),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    index('live_lotteries_session_idx').on(t.sessionId, t.opensAt),
    // One lottery open at a time per room: a chat message enters at most one.
    uniqueIndex('live_lotteries_one_open_uq')
      .on(t.sessionId)
      .where(sql`${t.status} = 'open'`),
  ],
);

export const liveLotteryEntries = pgTable(
  'live_lottery_entries',
  {
    lotteryId: text('lottery_id').notNull(),
    userId: text('user_id').notNull(),
    messageId: text('message_id').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    won: boolean('won').notNull().default(false),
    /** What the winner got (a coupon id or an order id). */
    prizeRef: text('prize_ref'),
  },
  (t) => [primaryKey({ columns: [t.lotteryId, t.userId] })],
);

export const livePolls = pgTable(
  'live_polls',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    question: text('question').notNull(),
    /** [{label, productId?}] */
    options: jsonb('options').notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('live_polls_session_idx').on(t.sessionId, t.createdAt),
    uniqueIndex('live_polls_one_open_uq')
      .on(t.sessionId)
      .where(sql`${t.closedAt} is null`),
  ],
);

export const livePollVotes = pgTable(
  'live_poll_votes',
  {
    pollId: text('poll_id').notNull(),
    userId: text('user_id').notNull(),
    optionIndex: integer('option_index').notNull(),
    votedAt: timestamp('voted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.userId] })],
);

export const PK_STATUSES = ['invited', 'running', 'finished', 'declined'] as const;
export const PK_METRICS = ['gmv', 'likes'] as const;
export const PK_WINNERS = ['a', 'b', 'draw'] as const;

/** Two rooms linked for a timed contest; scores are the rooms' GMV or likes gained during the PK. */
export const livePks = pgTable(
  'live_pks',
  {
    id: text('id').primaryKey(),
    sessionA: text('session_a').notNull(),
    sessionB: text('session_b').notNull(),
    metric: text('metric', { enum: PK_METRICS }).notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    status: text('status', { enum: PK_STATUSES }).notNull(),
    /** Each room's total at the start, so the score is what was gained during the PK. */
    baseA: bigint('base_a', { mode: 'number' }).notNull().default(0),
    baseB: bigint('base_b', { mode: 'number' }).notNull().default(0),
    scoreA: bigint('score_a', { mode: 'number' }),
    scoreB: bigint('score_b', { mode: 'number' }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    /** Who answered the invitation (B's host or merchant) and when. */
    respondedBy: text('responded_by'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    winner: text('winner', { enum: PK_WINNERS }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('live_pks_two_rooms', sql`${t.sessionA} <> ${t.sessionB}`),
    index('live_pks_a_idx').on(t.sessionA, t.status),
    index('live_pks_b_idx').on(t.sessionB, t.status),
  ],
);

/** A live flash sale: a flash-sale slot created from the room, starting after the host's countdown. */
export const liveFlashSales = pgTable(
  'live_flash_sales',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    flashSaleId: text('flash_sale_id').notNull(),
    flashItemId: text('flash_item_id').notNull(),
    productId: text('product_id').notNull(),
    skuId: text('sku_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('live_flash_session_idx').on(t.sessionId, t.startsAt),
    uniqueIndex('live_flash_item_uq').on(t.flashItemId),
  ],
);
