import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Sealed (`ev1.…`, platform/field-crypto.ts); open it with deps.fieldCrypto. `erased:<id>` once erased. */
    phone: text('phone').notNull(),
    /**
     * Blind index of the phone (HMAC under the index key, context `users.phone`): login, registration and every
     * look-up by phone is one equality on this column, and its unique index keeps one account per phone. Null once
     * the account is erased (the phone is free to register again).
     */
    phoneIndex: text('phone_index'),
    passwordHash: text('password_hash'),
    nickname: text('nickname').notNull(),
    avatarUrl: text('avatar_url'),
    /** Platform roles; merchant staff roles live in merchant_staff. */
    roles: text('roles').array().notNull().default(['consumer']),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('users_phone_index_uq').on(t.phoneIndex)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** When the platform staff second factor (TOTP) was passed in this session; staff roles that need it wait for it. */
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

export const loginCodes = pgTable(
  'login_codes',
  {
    id: text('id').primaryKey(),
    /** Sealed (`ev1.…`); found by `phone_index` (context `login.phone`), never by value. */
    phone: text('phone').notNull(),
    /** Null only on rows written before sealing, until the start-up backfill fills it. */
    phoneIndex: text('phone_index'),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_codes_phone_index_idx').on(t.phoneIndex, t.createdAt)],
);

export const merchantStaff = pgTable(
  'merchant_staff',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    merchantId: text('merchant_id').notNull(),
    /** accounts/merchant-roles.ts; `operator` is the pre-roles value and reads as manager. */
    role: text('role', { enum: ['owner', 'manager', 'service', 'shipping', 'finance', 'operator'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.merchantId] })],
);

export const addresses = pgTable(
  'addresses',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    recipient: text('recipient').notNull(),
    phone: text('phone').notNull(),
    province: text('province').notNull(),
    city: text('city').notNull(),
    district: text('district').notNull(),
    detail: text('detail').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('addresses_user_idx').on(t.userId)],
);

/**
 * Failed password logins per phone, whatever address they come from: five in a row lock password login for a
 * minute, and each further failure doubles the lock up to an hour (docs/SECURITY.md "Limits and their keys").
 * A success clears the row; a day without failures starts the count afresh.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    /** Sealed (`ev1.…`): each row's ciphertext differs, so failures are counted on `phone_index`. */
    phone: text('phone').primaryKey(),
    /** Blind index of the phone (context `login.phone`); null only on rows written before sealing, until backfilled. */
    phoneIndex: text('phone_index'),
    failures: integer('failures').notNull(),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [uniqueIndex('login_failures_phone_index_uq').on(t.phoneIndex)],
);

/**
 * Single-use tickets that sign a WebSocket in (`?ticket=`), so the long-lived session token never travels in a
 * URL (URLs end up in logs). A ticket stands for the session it was issued to and lives a minute.
 */
export const socketTickets = pgTable(
  'socket_tickets',
  {
    ticketHash: text('ticket_hash').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('socket_tickets_expires_idx').on(t.expiresAt)],
);

/**
 * A WeChat identity bound to an account (one per account, one account per identity). Matched by unionid when WeChat
 * gives one (the same person across our 网站应用 and 公众号), else by the app's openid.
 */
export const wechatIdentities = pgTable(
  'wechat_identities',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id),
    appid: text('appid').notNull(),
    openid: text('openid').notNull(),
    unionid: text('unionid'),
    nickname: text('nickname'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('wechat_identities_openid_uq').on(t.appid, t.openid),
    uniqueIndex('wechat_identities_unionid_uq').on(t.unionid),
  ],
);

/**
 * One WeChat sign-in or binding, from the authorize URL to its end. `state_hash` is the CSRF state WeChat echoes
 * (single use, ten minutes); when WeChat knows the person but no account is bound, the identity waits here under a
 * `ticket_hash` until the person proves a phone by SMS code.
 */
export const wechatLogins = pgTable(
  'wechat_logins',
  {
    id: text('id').primaryKey(),
    stateHash: text('state_hash').notNull(),
    kind: text('kind', { enum: ['web', 'mp'] }).notNull(),
    scope: text('scope').notNull(),
    /** Set for a binding started from settings: only that account may finish it. */
    bindUserId: text('bind_user_id').references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    appid: text('appid'),
    openid: text('openid'),
    unionid: text('unionid'),
    nickname: text('nickname'),
    ticketHash: text('ticket_hash'),
    ticketExpiresAt: timestamp('ticket_expires_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('wechat_logins_state_uq').on(t.stateHash),
    uniqueIndex('wechat_logins_ticket_uq').on(t.ticketHash),
  ],
);
