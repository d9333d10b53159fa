import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const API_KEY_KINDS = ['merchant', 'platform'] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

/**
 * An API key, a merchant's (acts for one shop) or the platform's (acts for the operator, created by staff). The id
 * is public (it names the key in every request); the secret signs requests and is stored sealed, because the server
 * must recompute each signature. A rotation keeps the previous secret valid until `previousSecretExpiresAt` so the
 * caller can switch without downtime.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: API_KEY_KINDS }).notNull().default('merchant'),
    /** The shop a merchant key acts for; null for a platform key. */
    merchantId: text('merchant_id'),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull(),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    /** Requests per minute this key may make; counted per key across processes (platform/rate-limit-store.ts). */
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull(),
    /** The staff member (of the shop, or of the platform) who created it. */
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('api_keys_merchant_idx').on(t.merchantId, t.createdAt),
    index('api_keys_kind_idx').on(t.kind, t.createdAt),
  ],
);

/** Nonces seen within the signature window: a second request with the same one is a replay. */
export const apiKeyNonces = pgTable(
  'api_key_nonces',
  {
    keyId: text('key_id').notNull(),
    nonce: text('nonce').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.nonce] }), index('api_key_nonces_expiry_idx').on(t.expiresAt)],
);

export const WEBHOOK_EVENT_TYPES = [
  'order.paid',
  'order.shipped',
  'order.refunded',
  'product.changed',
  'aftersale.opened',
  'review.posted',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Where a merchant wants events POSTed. Disabled by the merchant, or automatically after sustained failure. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    url: text('url').notNull(),
    description: text('description').notNull(),
    eventTypes: text('event_types').array().notNull(),
    secret: text('secret').notNull(),
    enabled: boolean('enabled').notNull(),
    /** Who switched it off: the merchant, or the failure rule (then the console warns until it is re-enabled). */
    disabledBy: text('disabled_by', { enum: ['merchant', 'failures'] }),
    disabledReason: text('disabled_reason'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** Failed attempts in a row, and when the first of them happened: both reset by a success. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webhook_endpoints_merchant_idx').on(t.merchantId)],
);

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const ATTEMPT_TRIGGERS = ['automatic', 'replay', 'test'] as const;

/** One event for one endpoint. Its id is the `webhook-id` receivers deduplicate on; replays reuse it. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    /** The outbox event it came from (null for a test send), so a redelivered event is not queued twice. */
    sourceEventId: text('source_event_id'),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** Why the next attempt happens: the retry schedule, or a person's replay or test send (which do not retry). */
    nextTrigger: text('next_trigger', { enum: ATTEMPT_TRIGGERS }).notNull().default('automatic'),
    lastStatusCode: integer('last_status_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_source_uq').on(t.endpointId, t.sourceEventId),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
  ],
);

/** Every POST made: the delivery log the console shows (status code, duration, error). */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    trigger: text('trigger', { enum: ATTEMPT_TRIGGERS }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.at)],
);
