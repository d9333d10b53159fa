import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { REPORT_REASONS } from './schema.ts';
import { appealModerationItem, listOwnModerationItems } from './appeals.ts';
import * as svc from './service.ts';

const QueueItem = z.object({
  id: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  authorId: z.string(),
  text: z.string(),
  imageUrls: z.array(z.string()),
  verdict: z.enum(['flagged', 'rejected']),
  reasons: z.array(z.string()),
  reasonText: z.string(),
  matchedWords: z.array(z.string()),
  lexiconVersion: z.number().int().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decisionNote: z.string().nullable(),
  appealReason: z.string().nullable(),
  appealedAt: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
const Report = z.object({
  id: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  reporterId: z.string(),
  reason: z.string(),
  detail: z.string(),
  status: z.enum(['open', 'removed', 'dismissed']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const PageQuery = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const IdParams = z.object({ id: z.string().max(64) });
const tags = ['内容审核'];

export default async function moderationRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/moderation/items',
    {
      config: { permission: 'staff:content.moderate' },
      schema: {
        tags,
        summary: '内容审核队列（pending 为待审核）',
        querystring: PageQuery.extend({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
        response: { 200: page(QueueItem) },
      },
    },
    async (req) => svc.listModerationQueue(ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/admin/moderation/items/:id/decision',
    {
      config: { permission: 'staff:content.moderate' },
      schema: {
        tags,
        summary: '审核通过或驳回',
        params: IdParams,
        body: z.object({
          decision: z.enum(['approve', 'reject']),
          note: z.string().trim().max(200, '备注最多 200 字').optional(),
        }),
        response: { 200: QueueItem },
      },
    },
    async (req) => unwrap(await svc.decideModerationItem(ctxOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/moderation/mine',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的内容（含我所在店铺的商品）的审核结果与处理记录',
        querystring: z.object({
          subjectType: z.string().max(32).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.array(
            z.object({
              item: QueueItem,
              events: z.array(
                z.object({
                  action: z.enum(['approve', 'reject', 'appeal']),
                  note: z.string().nullable(),
                  at: z.string(),
                }),
              ),
            }),
          ),
        },
      },
    },
    async (req) =>
      (await listOwnModerationItems(ctxOf(req), req.query)).map(({ item, events }) => ({
        item: svc.toQueueItem(item),
        events: events.map((e) => ({ action: e.action, note: e.note, at: e.at.toISOString() })),
      })),
  );

  r.post(
    '/api/v1/moderation/items/:id/appeal',
    {
      config: { permission: 'user', rateLimit: { max: 20, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary: '对驳回提出申诉（写明理由，重新进入人工审核）',
        params: IdParams,
        body: z.object({ reason: z.string().trim().min(5, '请写明申诉理由（至少 5 个字）').max(500) }),
        response: { 200: QueueItem },
      },
    },
    async (req) => svc.toQueueItem(unwrap(await appealModerationItem(ctxOf(req), req.params.id, req.body.reason))),
  );

  r.post(
    '/api/v1/reports',
    {
      config: { permission: 'user', rateLimit: { max: 30, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary: '举报内容',
        body: z.object({
          subjectType: z.enum(['post', 'comment', 'user', 'community_message']),
          subjectId: z.string().min(1).max(64),
          reason: z.enum(REPORT_REASONS),
          detail: z.string().max(500, '补充说明最多 500 字').default(''),
        }),
        response: { 201: z.object({ id: z.string(), status: z.literal('open') }) },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.fileReport(ctxOf(req), req.body))),
  );

  r.get(
    '/api/v1/admin/reports',
    {
      config: { permission: 'staff:content.moderate' },
      schema: {
        tags,
        summary: '举报队列（open 为待处理）',
        querystring: PageQuery.extend({ status: z.enum(['open', 'removed', 'dismissed']).default('open') }),
        response: { 200: page(Report) },
      },
    },
    async (req) => svc.listReports(ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/admin/reports/:id/resolve',
    {
      config: { permission: 'staff:content.moderate' },
      schema: {
        tags,
        summary: '处理举报：下架内容或驳回举报（同一内容的其他举报一并关闭）',
        params: IdParams,
        body: z.object({ action: z.enum(['remove', 'dismiss']) }),
        response: { 200: z.object({ resolved: z.number(), status: z.enum(['removed', 'dismissed']) }) },
      },
    },
    async (req) => unwrap(await svc.resolveReport(ctxOf(req), req.params.id, req.body.action)),
  );
}
