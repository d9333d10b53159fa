import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { emit, type OutboxEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { phonesOf } from '../accounts/api.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, type WebhookEventType } from './schema.ts';

/** Seconds before the next automatic attempt, after attempt n fails (Standard Webhooks' schedule): 8 attempts over ~28 h. */
export const RETRY_AFTER_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;
/** An endpoint is switched off after this many failures in a row spanning at least a day: one bad hour is not enough. */
export const DISABLE_AFTER_FAILURES = 20;
export const DISABLE_AFTER_MS = 24 * 3600_000;
/** A claimed delivery is not picked up again for this long (another process is sending it). */
const LEASE_MS = 60_000;
const BATCH = 20;

export const SIGNATURE_HEADER = 'x-haowu-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (the scheme Stripe made familiar). */
function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Queues one delivery per enabled endpoint of the merchant subscribed to `type`. Runs as an outbox subscriber. */
export async function queueDeliveries(
  db: Db,
  now: Date,
  event: OutboxEvent,
  type: WebhookEventType,
  merchantId: string,
  data: Record<string, unknown>,
): Promise<void> {
  const endpoints = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.merchantId, merchantId),
        eq(webhookEndpoints.enabled, true),
        sql`${type} = any(${webhookEndpoints.eventTypes})`,
      ),
    );
  if (endpoints.length === 0) return;
  await db
    .insert(webhookDeliveries)
    .values(
      endpoints.map((e) => ({
        id: newId('whd'),
        endpointId: e.id,
        merchantId,
        sourceEventId: event.id,
        eventType: type,
        payload: { id: event.id, type, createdAt: event.createdAt.toISOString(), merchantId, data },
        status: 'pending' as const,
        nextAttemptAt: now,
        nextTrigger: 'automatic' as const,
        createdAt: now,
      })),
    )
    .onConflictDoNothing();
}

/**
 * The sweep behind webhook delivery: claims due deliveries (a lease, SKIP LOCKED, so processes share them), POSTs
 * them outside any transaction — a slow receiver holds no connection and no lock — and records each attempt.
 */
export async function deliverDueWebhooks(deps: Deps, now: Date): Promise<number> {
  const db = deps.database.db;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(
        inArray(
          webhookDeliveries.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
  await Promise.all(claimed.map((d) => attempt(deps, d, now)));
  return claimed.length;
}

type Delivery = typeof webhookDeliveries.$inferSelect;

async function attempt(deps: Deps, delivery: Delivery, now: Date): Promise<void> {
  const db = deps.database.db;
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
  const trigger = delivery.nextTrigger;
  if (!endpoint || (!endpoint.enabled && trigger === 'automatic')) {
    await db
      .update(webhookDeliveries)
      .set({ status: 'failed', nextAttemptAt: null })
      .where(eq(webhookDeliveries.id, delivery.id));
    return;
  }
  const result = await post(deps, endpoint.url, deps.fieldCrypto.open(endpoint.secret), delivery, now);
  const succeeded = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const attempts = delivery.attempts + 1;
  const retryIn = trigger === 'automatic' && !succeeded ? RETRY_AFTER_SECONDS[attempts - 1] : undefined;
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      id: newId('wha'),
      deliveryId: delivery.id,
      trigger,
      at: now,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      error: result.error,
    });
    await tx
      .update(webhookDeliveries)
      .set({
        attempts,
        lastStatusCode: result.statusCode,
        status: succeeded ? 'succeeded' : retryIn !== undefined ? 'pending' : 'failed',
        nextAttemptAt: retryIn !== undefined ? new Date(now.getTime() + retryIn * 1000) : null,
        nextTrigger: 'automatic',
        deliveredAt: succeeded ? now : delivery.deliveredAt,
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    if (succeeded) {
      await tx
        .update(webhookEndpoints)
        .set({ consecutiveFailures: 0, failingSince: null })
        .where(eq(webhookEndpoints.id, endpoint.id));
      return;
    }
    const [failing] = await tx
      .update(webhookEndpoints)
      .set({
        consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1`,
        failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(webhookEndpoints.id, endpoint.id))
      .returning();
    if (
      failing!.enabled &&
      failing!.consecutiveFailures >= DISABLE_AFTER_FAILURES &&
      now.getTime() - failing!.failingSince!.getTime() >= DISABLE_AFTER_MS
    ) {
      await disableFailingEndpoint(deps, tx, failing!, now);
    }
  });
}

async function disableFailingEndpoint(deps: Deps, tx: Db, endpoint: typeof webhookEndpoints.$inferSelect, now: Date) {
  const reason = `连续 ${endpoint.consecutiveFailures} 次推送失败（自 ${endpoint.failingSince!.toISOString().slice(0, 16).replace('T', ' ')} UTC 起），已自动停用`;
  await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledBy: 'failures', disabledAt: now, disabledReason: reason })
    .where(eq(webhookEndpoints.id, endpoint.id));
  await tx
    .update(webhookDeliveries)
    .set({ status: 'failed', nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, 'pending')));
  await emit(tx, 'webhook.disabled', { endpointId: endpoint.id, merchantId: endpoint.merchantId, reason });
  // The console shows the reason on the endpoint; the person who set it up also gets an SMS, since nobody may be
  // looking at the console while their integration silently stops receiving events.
  if (endpoint.createdBy) {
    const phone = (await phonesOf(deps, tx, [endpoint.createdBy])).get(endpoint.createdBy);
    if (phone) {
      await deps.sms
        .sendNotice(
          phone,
          `【好物开放平台】你的 Webhook ${new URL(endpoint.url).host} ${reason}，修复后请在控制台重新启用`,
        )
        .catch((err: unknown) => deps.log.warn({ err, endpointId: endpoint.id }, 'webhook disable notice not sent'));
    }
  }
}

async function post(deps: Deps, url: string, secret: string, delivery: Delivery, now: Date) {
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const refusal = webhookTargetRefusal(deps, url);
  if (refusal) return { statusCode: null, durationMs: 0, error: refusal };
  try {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Haowu-Webhooks/1.0',
        'x-haowu-webhook-id': delivery.id,
        'x-haowu-event': delivery.eventType,
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(deps.config.WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel();
    return { statusCode: res.status, durationMs: took(), error: res.ok ? null : `接收方返回 HTTP ${res.status}` };
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    const message = timedOut
      ? `超时（${deps.config.WEBHOOK_TIMEOUT_MS} 毫秒内无响应）`
      : `连接失败：${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)}`;
    return { statusCode: null, durationMs: took(), error: message.slice(0, 500) };
  }
}

const PRIVATE_V4 = [
  /^10\./,
  /^127\./,
  /^169\.254\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^192\.168\./,
  /^0\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

/**
 * Where a webhook may point. Outside production anything (a developer's receiver on this machine); in production
 * only https, and never a literal loopback or private address — unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true (an
 * intranet deployment, the browser journeys). Host names are not resolved here: production should also send
 * through an egress proxy that refuses internal ranges (docs/OPEN-PLATFORM.md).
 */
export function webhookTargetRefusal(deps: Deps, url: string): string | undefined {
  const production = deps.config.NODE_ENV === 'production';
  const allowPrivate = deps.config.WEBHOOK_ALLOW_PRIVATE_TARGETS
    ? deps.config.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true'
    : !production;
  if (allowPrivate) return undefined;
  const target = new URL(url);
  if (production && target.protocol !== 'https:') return '生产环境只能推送到 https 地址';
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const isPrivate =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    (isIP(host) === 4 && PRIVATE_V4.some((r) => r.test(host))) ||
    (isIP(host) === 6 && (host === '::1' || /^f[cd]/i.test(host) || /^fe80/i.test(host)));
  return isPrivate ? '不允许推送到本机或内网地址' : undefined;
}
