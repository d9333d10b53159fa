import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { APPEAL_NOTE_MAX, APPEAL_NOTE_MIN, APPEAL_REASON_MAX, APPEAL_REASON_MIN } from './appeal-rules.ts';
import * as appeals from './appeals.ts';
import { REVIEW_APPEAL_STATUSES } from './schema.ts';

// The permission review moderation already uses (评价审核): whoever decides holds decides their appeals.
const operator = { permission: 'staff:content.moderate' as const };

const Appeal = z.object({
  reviewId: z.string(),
  productId: z.string(),
  productTitle: z.string().nullable(),
  merchantId: z.string(),
  rating: z.number().nullable(),
  content: z.string(),
  images: z.array(z.string()),
  reviewedAt: z.string(),
  score: z.number().int(),
  signals: z.array(z.object({ code: z.string(), label: z.string(), weight: z.number(), detail: z.string() })),
  flaggedAt: z.string(),
  removedAt: z.string(),
  removalNote: z.string().nullable(),
  reason: z.string(),
  status: z.enum(REVIEW_APPEAL_STATUSES),
  appealedAt: z.string(),
  dueBy: z.string(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
});
const Decided = z.object({ reviewId: z.string(), status: z.enum(REVIEW_APPEAL_STATUSES) });

export default async function reviewAppealRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/reviews/:id/appeal',
    {
      config: { permission: 'user' },
      schema: {
        tags: ['评价'],
        summary: '对审核后未展示的评价申诉（每条评价一次）',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({
          reason: z
            .string()
            .trim()
            .min(APPEAL_REASON_MIN, `申诉理由至少 ${APPEAL_REASON_MIN} 个字`)
            .max(APPEAL_REASON_MAX, `申诉理由最多 ${APPEAL_REASON_MAX} 个字`),
        }),
        response: {
          201: z.object({ reviewId: z.string(), status: z.enum(REVIEW_APPEAL_STATUSES), appealedAt: z.string() }),
        },
      },
    },
    async (req, reply) =>
      reply.status(201).send(unwrap(await appeals.fileAppeal(ctxOf(req), req.params.id, req.body.reason))),
  );

  r.get(
    '/api/v1/admin/review-appeals',
    {
      config: operator,
      schema: {
        tags: ['评价审核'],
        summary: '评价申诉队列（待处理按申诉时间从早到晚）',
        querystring: z.object({
          status: z.enum(REVIEW_APPEAL_STATUSES).default('pending'),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(Appeal),
            nextCursor: z.string().nullable(),
            counts: z.object({ pending: z.number(), reinstated: z.number(), upheld: z.number() }),
          }),
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return { ...(await appeals.listAppeals(ctx, req.query)), counts: await appeals.appealCounts(ctx) };
    },
  );

  r.post(
    '/api/v1/admin/review-appeals/:id/decision',
    {
      config: operator,
      schema: {
        tags: ['评价审核'],
        summary: '申诉结论：恢复展示（计入评分）或维持不展示；说明会告知评价人',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({
          decision: z.enum(['reinstate', 'uphold']),
          note: z
            .string()
            .trim()
            .min(APPEAL_NOTE_MIN, `请填写处理说明（至少 ${APPEAL_NOTE_MIN} 个字）`)
            .max(APPEAL_NOTE_MAX, `处理说明最多 ${APPEAL_NOTE_MAX} 个字`),
        }),
        response: { 200: Decided },
      },
    },
    async (req) => unwrap(await appeals.decideAppeal(ctxOf(req), req.params.id, req.body)),
  );
}
