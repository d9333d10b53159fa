import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { developerCatalogue } from './docs.ts';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from './keys.ts';
import { platformKeyRoutes } from './platform-routes.ts';
import { DELIVERY_STATUSES, ATTEMPT_TRIGGERS, WEBHOOK_EVENT_TYPES } from './schema.ts';
import { SCOPE_NAMES } from './scopes.ts';
import {
  createWebhookEndpoint,
  listDeliveries,
  listWebhookEndpoints,
  replayDelivery,
  revealWebhookSecret,
  sendTestWebhook,
  updateWebhookEndpoint,
} from './webhooks.ts';

const ApiKey = z.object({
  id: z.string().describe('密钥 ID：每个请求放在 X-Haowu-Key 头中'),
  name: z.string(),
  scopes: z.array(z.enum(SCOPE_NAMES)),
  rateLimitPerMinute: z.number().int(),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
  previousSecretExpiresAt: z.string().nullable().describe('轮换后旧密钥的失效时间（宽限期内新旧密钥都可签名）'),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const WithSecret = ApiKey.extend({ secret: z.string().describe('签名密钥，仅此一次显示') });
const EventType = z.enum(WEBHOOK_EVENT_TYPES);
const Endpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(EventType),
  enabled: z.boolean(),
  disabledBy: z.enum(['merchant', 'failures']).nullable().describe('谁停用的：商家，或连续失败规则'),
  disabledReason: z.string().nullable(),
  disabledAt: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  createdAt: z.string(),
});
const Delivery = z.object({
  id: z.string(),
  eventType: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  payload: z.unknown(),
  log: z.array(
    z.object({
      at: z.string(),
      trigger: z.enum(ATTEMPT_TRIGGERS),
      statusCode: z.number().int().nullable(),
      durationMs: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
});
const Params = z.object({ id: z.string().min(1).max(64) });
const Url = z
  .string()
  .trim()
  .max(500, '地址最多 500 个字符')
  .url('请输入完整的 http(s) 地址')
  .refine((u) => /^https?:\/\//.test(u), '只支持 http 或 https 地址');
const Name = z.string().trim().min(1, '请填写名称').max(40, '名称最多 40 字');

export default async function openPlatformRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['开放平台'];
  const config = { permission: 'merchant:openplatform.manage' as const };
  const base = '/api/v1/merchant/open-platform';
  platformKeyRoutes(app);

  r.get(
    `${base}/keys`,
    { config, schema: { tags, summary: 'API 密钥列表', response: { 200: z.object({ items: z.array(ApiKey) }) } } },
    async (req) => ({ items: await listApiKeys(ctxOf(req)) }),
  );
  r.post(
    `${base}/keys`,
    {
      config,
      schema: {
        tags,
        summary: '创建 API 密钥（密钥只显示一次）',
        body: z.object({
          name: Name,
          scopes: z.array(z.enum(SCOPE_NAMES)).min(1, '至少选择一个权限范围'),
          rateLimitPerMinute: z.number().int().min(10, '每分钟至少 10 次').max(6000, '每分钟最多 6000 次').default(600),
        }),
        response: { 200: WithSecret },
      },
    },
    async (req) => createApiKey(ctxOf(req), req.body),
  );
  r.post(
    `${base}/keys/:id/rotate`,
    {
      config,
      schema: {
        tags,
        summary: '轮换密钥：生成新密钥，旧密钥在宽限期内仍可用',
        params: Params,
        body: z.object({ graceHours: z.number().int().min(0).max(168, '宽限期最长 7 天').default(24) }),
        response: { 200: WithSecret },
      },
    },
    async (req) => unwrap(await rotateApiKey(ctxOf(req), req.params.id, req.body.graceHours)),
  );
  r.post(
    `${base}/keys/:id/revoke`,
    { config, schema: { tags, summary: '吊销密钥（立即失效）', params: Params, response: { 200: ApiKey } } },
    async (req) => revokeApiKey(ctxOf(req), req.params.id),
  );

  r.get(
    `${base}/webhooks`,
    { config, schema: { tags, summary: 'Webhook 列表', response: { 200: z.object({ items: z.array(Endpoint) }) } } },
    async (req) => ({ items: await listWebhookEndpoints(ctxOf(req)) }),
  );
  r.post(
    `${base}/webhooks`,
    {
      config,
      schema: {
        tags,
        summary: '创建 Webhook（签名密钥随之返回）',
        body: z.object({
          url: Url,
          description: z.string().trim().max(100, '备注最多 100 字').default(''),
          eventTypes: z.array(EventType).min(1, '至少订阅一种事件'),
        }),
        response: { 200: Endpoint.extend({ secret: z.string() }) },
      },
    },
    async (req) => createWebhookEndpoint(ctxOf(req), req.body),
  );
  r.patch(
    `${base}/webhooks/:id`,
    {
      config,
      schema: {
        tags,
        summary: '修改 Webhook（地址、订阅事件、启用或停用）',
        params: Params,
        body: z.object({
          url: Url.optional(),
          description: z.string().trim().max(100, '备注最多 100 字').optional(),
          eventTypes: z.array(EventType).min(1, '至少订阅一种事件').optional(),
          enabled: z.boolean().optional(),
        }),
        response: { 200: Endpoint },
      },
    },
    async (req) => updateWebhookEndpoint(ctxOf(req), req.params.id, req.body),
  );
  r.get(
    `${base}/webhooks/:id/secret`,
    {
      config,
      schema: {
        tags,
        summary: '查看 Webhook 签名密钥',
        params: Params,
        response: { 200: z.object({ secret: z.string() }) },
      },
    },
    async (req) => revealWebhookSecret(ctxOf(req), req.params.id),
  );
  r.post(
    `${base}/webhooks/:id/test`,
    {
      config,
      schema: {
        tags,
        summary: '发送测试推送（webhook.test）',
        params: Params,
        response: { 200: z.object({ deliveryId: z.string() }) },
      },
    },
    async (req) => sendTestWebhook(ctxOf(req), req.params.id),
  );
  r.get(
    `${base}/webhooks/:id/deliveries`,
    {
      config,
      schema: {
        tags,
        summary: '推送记录（最近 50 条，含每次尝试的状态码与耗时）',
        params: Params,
        response: { 200: z.object({ items: z.array(Delivery) }) },
      },
    },
    async (req) => ({ items: await listDeliveries(ctxOf(req), req.params.id) }),
  );
  r.post(
    `${base}/deliveries/:id/replay`,
    {
      config,
      schema: { tags, summary: '重新推送', params: Params, response: { 200: z.object({ deliveryId: z.string() }) } },
    },
    async (req) => replayDelivery(ctxOf(req), req.params.id),
  );

  r.get(
    `${base}/docs`,
    {
      config,
      schema: {
        tags,
        summary: '开发者文档：各权限范围可调用的接口（取自 OpenAPI 文档）、事件类型与签名参数',
        response: {
          200: z.object({
            scopes: z.array(
              z.object({
                scope: z.enum(SCOPE_NAMES),
                label: z.string(),
                endpoints: z.array(
                  z.object({ method: z.string(), path: z.string(), summary: z.string(), tag: z.string() }),
                ),
              }),
            ),
            events: z.array(z.object({ type: EventType, label: z.string() })),
            signing: z.object({
              headers: z.array(z.string()),
              windowSeconds: z.number().int(),
              webhookSignatureHeader: z.string(),
              retryAfterSeconds: z.array(z.number().int()),
              disableAfterFailures: z.number().int(),
              disableAfterHours: z.number().int(),
            }),
          }),
        },
      },
    },
    async () => developerCatalogue(app.swagger() as Parameters<typeof developerCatalogue>[0]),
  );
}
