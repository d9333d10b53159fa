import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import * as svc from './service.ts';

const tags = ['隐私'];
const Purpose = z.enum(['marketing', 'personalisation', 'location', 'analytics']);
const Cancellation = z.object({
  id: z.string(),
  status: z.enum(['pending', 'revoked', 'erased']),
  requestedAt: z.string(),
  eraseAt: z.string(),
});
const Centre = z.object({
  policy: z.object({
    current: z.string(),
    accepted: z.string().nullable(),
    needsConsent: z.boolean(),
    versions: z.array(z.object({ version: z.string(), publishedAt: z.string(), summary: z.string() })),
  }),
  consents: z.array(z.object({ purpose: Purpose, title: z.string(), description: z.string(), granted: z.boolean() })),
  cancellation: Cancellation.nullable(),
});
const Export = z.object({
  id: z.string(),
  status: z.enum(['pending', 'ready', 'expired']),
  requestedAt: z.string(),
  readyAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  tableCount: z.number().int().nullable(),
  rowCount: z.number().int().nullable(),
});
const InventoryEntry = z.object({
  module: z.string(),
  table: z.string(),
  purpose: z.string(),
  columns: z.array(z.object({ name: z.string(), class: z.enum(['personal', 'sensitive']) })),
  retention: z.string(),
  erasure: z.enum(['delete', 'keep', 'anonymise']),
  erasureNote: z.string().nullable(),
});

export default async function privacyRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/me/privacy',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '隐私中心：政策版本、授权开关、注销状态', response: { 200: Centre } },
    },
    async (req) => svc.privacyCentre(ctxOf(req)),
  );

  r.get(
    '/api/v1/privacy/inventory',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '我们收集哪些个人信息、为什么、保存多久（由数据模型生成）',
        response: { 200: z.object({ items: z.array(InventoryEntry) }) },
      },
    },
    async () => svc.inventory(),
  );

  r.post(
    '/api/v1/me/privacy/policy-consent',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '同意当前版本的隐私政策',
        body: z.object({ version: z.string().min(1).max(32) }),
        response: { 200: z.object({ accepted: z.string() }) },
      },
    },
    async (req) => unwrap(await svc.acceptPolicy(ctxOf(req), req.body.version)),
  );

  r.put(
    '/api/v1/me/privacy/consents/:purpose',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '开启 / 关闭一项授权（每次变更都会记录）',
        params: z.object({ purpose: Purpose }),
        body: z.object({ granted: z.boolean() }),
        response: { 200: Centre },
      },
    },
    async (req) => svc.setConsent(ctxOf(req), req.params.purpose, req.body.granted),
  );

  r.get(
    '/api/v1/me/privacy/staff-accesses',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '平台员工查看我的信息的记录（岗位、时间、查看内容；不含员工身份）',
        querystring: z.object({
          cursor: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), roles: z.array(z.string()), what: z.string(), at: z.string() })),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => svc.staffAccesses(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/me/privacy/consent-records',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '授权变更记录',
        querystring: z.object({
          cursor: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                purpose: z.enum(['policy', 'marketing', 'personalisation', 'location', 'analytics']),
                granted: z.boolean(),
                policyVersion: z.string(),
                recordedAt: z.string(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => svc.consentRecords(ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/me/privacy/exports',
    {
      config: { permission: 'user', rateLimit: { max: 5, timeWindow: '1 hour' } },
      schema: { tags, summary: '申请下载我的数据（后台生成）', response: { 201: Export } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.requestExport(ctxOf(req)))),
  );

  r.get(
    '/api/v1/me/privacy/exports',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的数据下载记录（最近 10 次）',
        response: { 200: z.object({ items: z.array(Export) }) },
      },
    },
    async (req) => svc.listExports(ctxOf(req)),
  );

  r.get(
    '/api/v1/me/privacy/exports/:id/download',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '下载我的数据（JSON，过期后失效）',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const file = unwrap(await svc.downloadExport(ctxOf(req), req.params.id));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.json.toString('utf8'));
    },
  );

  r.delete(
    '/api/v1/me/privacy/data/:kind',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '删除特定数据：behaviour（浏览、搜索与购买行为记录）或 interest-tags（全部兴趣标签）',
        params: z.object({ kind: z.enum(['behaviour', 'interest-tags']) }),
        response: { 200: z.object({ deleted: z.number().int() }) },
      },
    },
    async (req) => svc.deleteData(ctxOf(req), req.params.kind),
  );

  r.post(
    '/api/v1/me/privacy/cancellation',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '申请注销账号（15 天冷静期后删除或匿名化个人信息）',
        body: z.object({ confirm: z.literal(true, { message: '请确认已了解注销后果' }) }),
        response: { 201: Cancellation },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.requestCancellation(ctxOf(req)))),
  );

  r.delete(
    '/api/v1/me/privacy/cancellation',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '撤销注销', response: { 200: z.object({ revoked: z.literal(true) }) } },
    },
    async (req) => unwrap(await svc.revokeCancellation(ctxOf(req))),
  );
}
