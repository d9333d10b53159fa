import type { Deps } from '../../deps.ts';
import { EventDeriver, type OrderAttributed, type OrderPaid, type OrderPlaced } from './derive.ts';
import { analyticsLoader } from './loader.ts';
import { pruneExpiredEvents } from './privacy.ts';

// analytics publishes no domain events; it turns other modules' events into behaviour rows (derive.ts).

export function wireAnalytics(deps: Deps): void {
  const derive = new EventDeriver(deps.config.ANALYTICS_PSEUDONYM_SECRET);
  const on = <P>(type: string, name: string, handler: Parameters<typeof deps.events.subscribe<P>>[2]) =>
    deps.events.subscribe<P>(type, `analytics.${name}`, handler);

  on<OrderPlaced>('order.created', 'order-rows', async (db, e) => {
    await derive.orderRows(db, e, e.payload);
    await derive.orderFact(db, e.payload.orderId, { placed: e.payload });
  });
  on<OrderAttributed>('order.attributed', 'order-channel', (db, e) =>
    derive.orderFact(db, e.payload.orderId, { attributed: e.payload }),
  );
  on<OrderPaid>('order.paid', 'pay-rows', (db, e) => derive.orderFact(db, e.payload.orderId, { paid: e.payload }));
  on<{ refundId: string; orderId: string; merchantId: string; amount: number; completedAt?: string }>(
    'refund.completed',
    'refund-row',
    (db, e) => derive.refundRow(db, e, e.payload),
  );
  on<{ userId: string; registeredAt?: string }>('user.registered', 'signup', (db, e) =>
    derive.single(db, e, 'signup', e.payload.userId, { at: e.payload.registeredAt }),
  );
  on<{ sharerId: string; postId: string | null; productId: string | null; createdAt?: string }>(
    'share.created',
    'share',
    (db, e) =>
      derive.single(db, e, 'share', e.payload.sharerId, {
        at: e.payload.createdAt,
        postId: e.payload.postId,
        productId: e.payload.productId,
      }),
  );
  on<{ followerId: string; targetType: string; targetId: string; at?: string }>('follow.created', 'follow', (db, e) =>
    derive.single(db, e, 'follow', e.payload.followerId, {
      at: e.payload.at,
      channelRef: e.payload.targetId,
      props: JSON.stringify({ targetType: e.payload.targetType }),
    }),
  );
  on<{ communityId: string; userId: string; source: string; at?: string }>('community.joined', 'join', (db, e) =>
    derive.single(db, e, 'join_community', e.payload.userId, {
      at: e.payload.at,
      communityId: e.payload.communityId,
      props: JSON.stringify({ source: e.payload.source }),
    }),
  );
  on<{ postId: string; userId: string; at?: string }>('post.liked', 'post-like', (db, e) =>
    derive.single(db, e, 'post_interaction', e.payload.userId, {
      at: e.payload.at,
      postId: e.payload.postId,
      props: JSON.stringify({ action: 'like' }),
    }),
  );
  on<{ postId: string; authorId: string; at?: string }>('post.commented', 'post-comment', (db, e) =>
    derive.single(db, e, 'post_interaction', e.payload.authorId, {
      at: e.payload.at,
      postId: e.payload.postId,
      props: JSON.stringify({ action: 'comment' }),
    }),
  );
  on<{
    couponId: string;
    templateId: string;
    userId: string;
    merchantId: string | null;
    source: string;
    issuedAt?: string;
  }>('coupon.issued', 'coupon-claim', (db, e) =>
    derive.single(db, e, 'coupon_claim', e.payload.userId, {
      at: e.payload.issuedAt,
      merchantId: e.payload.merchantId,
      channelRef: e.payload.templateId,
      props: JSON.stringify({ source: e.payload.source, couponId: e.payload.couponId }),
    }),
  );
  on<{
    couponId: string;
    templateId: string;
    userId: string;
    orderId: string;
    merchantId: string;
    amount: number;
    usedAt?: string;
  }>('coupon.used', 'coupon-use', (db, e) =>
    derive.single(db, e, 'coupon_use', e.payload.userId, {
      at: e.payload.usedAt,
      merchantId: e.payload.merchantId,
      orderId: e.payload.orderId,
      amount: e.payload.amount,
      channelRef: e.payload.templateId,
    }),
  );
  // Customer service (docs/SERVICE.md): opened, closed with its figures, rated. No message text ever enters an event.
  on<{ userId: string; merchantId: string | null; source: string; at?: string }>(
    'service.conversation_opened',
    'service-open',
    (db, e) =>
      derive.single(db, e, 'service_open', e.payload.userId, {
        at: e.payload.at,
        merchantId: e.payload.merchantId,
        channelRef: e.payload.source,
      }),
  );
  on<{
    userId: string;
    merchantId: string | null;
    source: string;
    reason: string;
    human: boolean;
    firstResponseSeconds: number | null;
    resolutionSeconds: number | null;
    slaBreached: boolean;
    closedAt?: string;
  }>('service.conversation_closed', 'service-close', (db, e) =>
    derive.single(db, e, 'service_close', e.payload.userId, {
      at: e.payload.closedAt,
      merchantId: e.payload.merchantId,
      channelRef: e.payload.source,
      props: JSON.stringify({
        reason: e.payload.reason,
        human: e.payload.human,
        firstResponseSeconds: e.payload.firstResponseSeconds,
        resolutionSeconds: e.payload.resolutionSeconds,
        slaBreached: e.payload.slaBreached,
      }),
    }),
  );
  on<{ userId: string; merchantId: string | null; score: number; human: boolean; at?: string }>(
    'service.rated',
    'service-rate',
    (db, e) =>
      derive.single(db, e, 'service_rate', e.payload.userId, {
        at: e.payload.at,
        merchantId: e.payload.merchantId,
        qty: e.payload.score,
        props: JSON.stringify({ human: e.payload.human }),
      }),
  );
}

/** Background work of a serving process: copy new events into this process's engine every few seconds. */
export function startAnalytics(deps: Deps): () => void {
  const interval = deps.config.ANALYTICS_LOAD_INTERVAL_MS;
  if (interval === 0) return () => undefined;
  const loader = analyticsLoader(deps);
  let pruneAt = 0;
  let expireAt = 0;
  const tick = async () => {
    await loader.load();
    if (Date.now() >= pruneAt) {
      pruneAt = Date.now() + 3_600_000;
      await loader.pruneInbox(deps.clock.now(), deps.config.ANALYTICS_INBOX_DAYS);
    }
    // Retention, once a day per engine: each process's DuckDB file is its own (docs/ANALYTICS.md "Engines").
    if (Date.now() >= expireAt) {
      expireAt = Date.now() + 86_400_000;
      await pruneExpiredEvents(deps, deps.clock.now());
    }
  };
  const timer = setInterval(() => {
    tick().catch((err: unknown) => deps.log.warn({ err }, 'analytics: loading events failed; will retry'));
  }, interval);
  timer.unref();
  return () => clearInterval(timer);
}
