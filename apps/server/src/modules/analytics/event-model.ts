import type { AnalyticsEngine } from '../../platform/analytics/engine.ts';
import { recentTableDdl } from './recent.ts';

/**
 * One behaviour event, as stored in the engine's `events` table (docs/ANALYTICS.md "Event schema").
 * Wide and typed rather than a JSON blob: columnar engines scan a column like `channel` without parsing anything.
 * Identities are pseudonymous (`user_pid`, a keyed hash of the user id; `device_id`, a random id the shop keeps);
 * no phone, name or address ever enters an event.
 */
export interface BehaviourEvent {
  id: string;
  type: EventType;
  ts: Date;
  receivedAt: Date;
  /** Who did it, for counting people: the user's pseudonym when signed in, else `d:<device id>`. */
  actor: string;
  userPid: string | null;
  deviceId: string | null;
  sessionId: string | null;
  platform: Platform | null;
  channel: string | null;
  channelRef: string | null;
  merchantId: string | null;
  productId: string | null;
  categoryId: string | null;
  postId: string | null;
  liveId: string | null;
  communityId: string | null;
  orderId: string | null;
  amount: number | null;
  qty: number | null;
  query: string | null;
  results: number | null;
  slot: string | null;
  position: number | null;
  experiment: string | null;
  variant: string | null;
  province: string | null;
  payMethod: string | null;
  dwellMs: number | null;
  props: string | null;
}

/** Sent by the shop. */
export const CLIENT_EVENT_TYPES = [
  'view',
  'impression',
  'click',
  'search',
  'add_to_cart',
  'checkout',
  'live_enter',
  'live_leave',
  'exposure',
] as const;
/** Derived from domain events on the outbox: one source per type, never both. */
type ServerEventType =
  | 'signup'
  | 'order'
  | 'pay'
  | 'refund'
  | 'share'
  | 'follow'
  | 'join_community'
  | 'post_interaction'
  | 'coupon_claim'
  | 'coupon_use'
  | 'service_open'
  | 'service_close'
  | 'service_rate';
export type EventType = (typeof CLIENT_EVENT_TYPES)[number] | ServerEventType;
export type Platform = 'ios' | 'android' | 'desktop' | 'other';
/** Where a purchase or a visit came from: attribution's sources. */
export const CHANNELS = ['post', 'live', 'community', 'share', 'affiliate', 'search', 'direct'] as const;

type Kind = 'text' | 'time' | 'int';
/** Column order is the CSV order the loader writes; the PG inbox has the same columns (schema.ts). */
export const EVENT_COLUMNS: readonly (readonly [column: string, key: keyof BehaviourEvent, kind: Kind])[] = [
  ['id', 'id', 'text'],
  ['type', 'type', 'text'],
  ['ts', 'ts', 'time'],
  ['received_at', 'receivedAt', 'time'],
  ['actor', 'actor', 'text'],
  ['user_pid', 'userPid', 'text'],
  ['device_id', 'deviceId', 'text'],
  ['session_id', 'sessionId', 'text'],
  ['platform', 'platform', 'text'],
  ['channel', 'channel', 'text'],
  ['channel_ref', 'channelRef', 'text'],
  ['merchant_id', 'merchantId', 'text'],
  ['product_id', 'productId', 'text'],
  ['category_id', 'categoryId', 'text'],
  ['post_id', 'postId', 'text'],
  ['live_id', 'liveId', 'text'],
  ['community_id', 'communityId', 'text'],
  ['order_id', 'orderId', 'text'],
  ['amount', 'amount', 'int'],
  ['qty', 'qty', 'int'],
  ['query', 'query', 'text'],
  ['results', 'results', 'int'],
  ['slot', 'slot', 'text'],
  ['position', 'position', 'int'],
  ['experiment', 'experiment', 'text'],
  ['variant', 'variant', 'text'],
  ['province', 'province', 'text'],
  ['pay_method', 'payMethod', 'text'],
  ['dwell_ms', 'dwellMs', 'int'],
  ['props', 'props', 'text'],
];

const BIG = new Set(['amount']);

/** The engine's DDL for the events table (and DuckDB's recent-days table, recent.ts), in its dialect. */
export function eventsTableDdl(engine: AnalyticsEngine): string[] {
  if (engine.kind === 'duckdb') {
    const cols = EVENT_COLUMNS.map(
      ([c, , k]) =>
        `${c} ${k === 'time' ? 'TIMESTAMPTZ' : k === 'int' ? (BIG.has(c) ? 'BIGINT' : 'INTEGER') : 'VARCHAR'}`,
    );
    return [`CREATE TABLE IF NOT EXISTS events (${cols.join(', ')})`, recentTableDdl()];
  }
  const notNull = new Set(['id', 'type', 'ts', 'received_at', 'actor']);
  const cols = EVENT_COLUMNS.map(([c, , k]) => {
    const base =
      k === 'time'
        ? `DateTime64(3, 'UTC')`
        : k === 'int'
          ? BIG.has(c)
            ? 'Int64'
            : 'Int32'
          : ['type', 'platform', 'channel', 'province', 'pay_method', 'slot'].includes(c)
            ? 'LowCardinality(String)'
            : 'String';
    return `${c} ${notNull.has(c) ? base : `Nullable(${base.replace('LowCardinality(String)', 'String')})`}`;
  });
  return [
    `CREATE TABLE IF NOT EXISTS events (${cols.join(', ')}) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(ts) ORDER BY (type, ts, id)`,
  ];
}

/** `actor` for counting people: one person per signed-in user, one per anonymous device. */
const actorOf = (userPid: string | null, deviceId: string | null): string =>
  userPid ?? (deviceId ? `d:${deviceId}` : 'anonymous');

/**
 * A row with every column present (null where the event does not have it). Written out field by field rather
 * than looped over `EVENT_COLUMNS`: every row then has the same shape, which keeps the demo history and the
 * benchmark's millions of rows cheap to build and to turn into CSV (the return type lists every column).
 */
export function eventRow(e: Partial<BehaviourEvent> & Pick<BehaviourEvent, 'id' | 'type' | 'ts'>): BehaviourEvent {
  const userPid = e.userPid ?? null;
  const deviceId = e.deviceId ?? null;
  return {
    id: e.id,
    type: e.type,
    ts: e.ts,
    receivedAt: e.receivedAt ?? e.ts,
    actor: e.actor ?? actorOf(userPid, deviceId),
    userPid,
    deviceId,
    sessionId: e.sessionId ?? null,
    platform: e.platform ?? null,
    channel: e.channel ?? null,
    channelRef: e.channelRef ?? null,
    merchantId: e.merchantId ?? null,
    productId: e.productId ?? null,
    categoryId: e.categoryId ?? null,
    postId: e.postId ?? null,
    liveId: e.liveId ?? null,
    communityId: e.communityId ?? null,
    orderId: e.orderId ?? null,
    amount: e.amount ?? null,
    qty: e.qty ?? null,
    query: e.query ?? null,
    results: e.results ?? null,
    slot: e.slot ?? null,
    position: e.position ?? null,
    experiment: e.experiment ?? null,
    variant: e.variant ?? null,
    province: e.province ?? null,
    payMethod: e.payMethod ?? null,
    dwellMs: e.dwellMs ?? null,
    props: e.props ?? null,
  };
}
