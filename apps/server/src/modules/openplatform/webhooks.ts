import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { webhookTargetRefusal } from './delivery.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, type WebhookEventType } from './schema.ts';

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  disabledBy: 'merchant' | 'failures' | null;
  disabledReason: string | null;
  disabledAt: string | null;
  consecutiveFailures: number;
  createdAt: string;
}

const view = (e: typeof webhookEndpoints.$inferSelect): WebhookEndpointView => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes as WebhookEventType[],
  enabled: e.enabled,
  disabledBy: e.disabledBy,
  disabledReason: e.disabledReason,
  disabledAt: e.disabledAt?.toISOString() ?? null,
  consecutiveFailures: e.consecutiveFailures,
  createdAt: e.createdAt.toISOString(),
});

const owningMerchant = (ctx: Ctx) => actingMerchant(ctx.actor, ctx.merchantHint, 'openplatform.manage').merchantId;

function checkTarget(ctx: Ctx, url: string): void {
  const refusal = webhookTargetRefusal(ctx.deps, url);
  if (refusal) throw badRequest('推送地址不可用', refusal);
}

export async function createWebhookEndpoint(
  ctx: Ctx,
  input: { url: string; description: string; eventTypes: WebhookEventType[] },
): Promise<WebhookEndpointView & { secret: string }> {
  const merchantId = owningMerchant(ctx);
  checkTarget(ctx, input.url);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const [row] = await ctx.db
    .insert(webhookEndpoints)
    .values({
      id: newId('whk'),
      merchantId,
      url: input.url,
      description: input.description,
      eventTypes: [...new Set(input.eventTypes)],
      secret: ctx.deps.fieldCrypto.seal(secret),
      enabled: true,
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      createdAt: ctx.now(),
    })
    .returning();
  return { ...view(row!), secret };
}

export async function listWebhookEndpoints(ctx: Ctx): Promise<WebhookEndpointView[]> {
  const merchantId = owningMerchant(ctx);
  const rows = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.merchantId, merchantId))
    .orderBy(desc(webhookEndpoints.createdAt));
  return rows.map(view);
}

async function ownEndpoint(ctx: Ctx, id: string) {
  const merchantId = owningMerchant(ctx);
  const [row] = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.merchantId, merchantId)));
  if (!row) throw notFound('Webhook', id);
  return row;
}

/** Re-enabling starts the failure count afresh: the merchant says the receiver is fixed. */
export async function updateWebhookEndpoint(
  ctx: Ctx,
  id: string,
  input: { url?: string; description?: string; eventTypes?: WebhookEventType[]; enabled?: boolean },
): Promise<WebhookEndpointView> {
  const endpoint = await ownEndpoint(ctx, id);
  if (input.url) checkTarget(ctx, input.url);
  const reenabled = input.enabled === true && !endpoint.enabled;
  const disabled = input.enabled === false && endpoint.enabled;
  const [row] = await ctx.db
    .update(webhookEndpoints)
    .set({
      ...(input.url ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.eventTypes ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
      ...(reenabled
        ? {
            enabled: true,
            disabledBy: null,
            disabledAt: null,
            disabledReason: null,
            consecutiveFailures: 0,
            failingSince: null,
          }
        : {}),
      ...(disabled
        ? { enabled: false, disabledBy: 'merchant' as const, disabledAt: ctx.now(), disabledReason: '商家手动停用' }
        : {}),
    })
    .where(eq(webhookEndpoints.id, endpoint.id))
    .returning();
  return view(row!);
}

/** The signing secret, for the owner setting up a receiver (it is also shown once at creation). */
export async function revealWebhookSecret(ctx: Ctx, id: string): Promise<{ secret: string }> {
  const endpoint = await ownEndpoint(ctx, id);
  return { secret: ctx.deps.fieldCrypto.open(endpoint.secret) };
}

/** Queues a `webhook.test` delivery; it goes out with the next sweep, like every other one. */
export async function sendTestWebhook(ctx: Ctx, id: string): Promise<{ deliveryId: string }> {
  const endpoint = await ownEndpoint(ctx, id);
  const now = ctx.now();
  const deliveryId = newId('whd');
  await ctx.db.insert(webhookDeliveries).values({
    id: deliveryId,
    endpointId: endpoint.id,
    merchantId: endpoint.merchantId,
    sourceEventId: null,
    eventType: 'webhook.test',
    payload: {
      id: deliveryId,
      type: 'webhook.test',
      createdAt: now.toISOString(),
      merchantId: endpoint.merchantId,
      data: { message: '这是一条来自好物开放平台的测试推送', endpointId: endpoint.id },
    },
    status: 'pending',
    nextAttemptAt: now,
    nextTrigger: 'test',
    createdAt: now,
  });
  return { deliveryId };
}

export interface DeliveryView {
  id: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: unknown;
  log: {
    at: string;
    trigger: 'automatic' | 'replay' | 'test';
    statusCode: number | null;
    durationMs: number;
    error: string | null;
  }[];
}

/** The latest 50 deliveries of an endpoint, each with every attempt made. */
export async function listDeliveries(ctx: Ctx, endpointId: string): Promise<DeliveryView[]> {
  const endpoint = await ownEndpoint(ctx, endpointId);
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpoint.id))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(50);
  const log =
    rows.length === 0
      ? []
      : await ctx.db
          .select()
          .from(webhookAttempts)
          .where(
            inArray(
              webhookAttempts.deliveryId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(desc(webhookAttempts.at), desc(webhookAttempts.id));
  return rows.map((r) => ({
    id: r.id,
    eventType: r.eventType,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    payload: r.payload,
    log: log
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({
        at: a.at.toISOString(),
        trigger: a.trigger,
        statusCode: a.statusCode,
        durationMs: a.durationMs,
        error: a.error,
      })),
  }));
}

/** Sends a delivery again now, with the same id (receivers deduplicate on it), whatever its state. */
export async function replayDelivery(ctx: Ctx, deliveryId: string): Promise<{ deliveryId: string }> {
  const merchantId = owningMerchant(ctx);
  const [row] = await ctx.db
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: ctx.now(), nextTrigger: 'replay' })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.merchantId, merchantId)))
    .returning({ id: webhookDeliveries.id });
  if (!row) throw notFound('推送记录', deliveryId);
  return { deliveryId: row.id };
}
