import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The landing zone of behaviour events: every event, from the shop or derived from a domain event, is written
 * here first (durably, deduplicated by its id), and the loader copies it into the columnar engine in `seq`
 * order up to a horizon below which every row is committed. Rows are deleted a few days after they were
 * loaded; queries never read this table. Columns are the engine's `events` columns (event-model.ts) + `seq`.
 */
export const analyticsInbox = pgTable(
  'analytics_inbox',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull().unique(),
    type: text('type').notNull(),
    ts: timestamp('ts', { withTimezone: true, precision: 3 }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull(),
    actor: text('actor').notNull(),
    userPid: text('user_pid'),
    deviceId: text('device_id'),
    sessionId: text('session_id'),
    platform: text('platform'),
    channel: text('channel'),
    channelRef: text('channel_ref'),
    merchantId: text('merchant_id'),
    productId: text('product_id'),
    categoryId: text('category_id'),
    postId: text('post_id'),
    liveId: text('live_id'),
    communityId: text('community_id'),
    orderId: text('order_id'),
    amount: bigint('amount', { mode: 'number' }),
    qty: integer('qty'),
    query: text('query'),
    results: integer('results'),
    slot: text('slot'),
    position: integer('position'),
    experiment: text('experiment'),
    variant: text('variant'),
    province: text('province'),
    payMethod: text('pay_method'),
    dwellMs: integer('dwell_ms'),
    props: text('props'),
  },
  // BRIN, not a B-tree: rows arrive in about `received_at` order, so block ranges summarise it well for pruning,
  // and a bulk COPY does not pay a B-tree insertion per row (a third of the inbox's COPY time in the benchmark).
  (t) => [index('analytics_inbox_received_idx').using('brin', t.receivedAt)],
);

/**
 * What the analytics module remembers about an order between its domain events, so that each paid line is
 * written once with its channel (from order.attributed), province (order.created) and payment method
 * (order.paid) — whichever of those events is dispatched last writes the `pay` rows.
 */
export const analyticsOrderFacts = pgTable('analytics_order_facts', {
  orderId: text('order_id').primaryKey(),
  placed: jsonb('placed'),
  attributed: jsonb('attributed'),
  paid: jsonb('paid'),
  payRowsWrittenAt: timestamp('pay_rows_written_at', { withTimezone: true }),
});

/** The device a signed-in shopper last used, so server-side events (pay, share) carry a device and platform. */
export const analyticsUserDevices = pgTable('analytics_user_devices', {
  userPid: text('user_pid').primaryKey(),
  deviceId: text('device_id').notNull(),
  platform: text('platform').notNull(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
});
