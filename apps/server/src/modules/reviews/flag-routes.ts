import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import * as flags from './flags.ts';
import { REVIEW_FLAG_STATUSES } from './schema.ts';

const tags = ['评价审核'];
const operator = { permission: 'staff:content.moderate' as const };

const Flag = z.object({
  reviewId: z.string(),
  productId: z.string(),
  productTitle: z.string().nullable(),
  merchantId: z.string(),
  rating: z.number().nullable(),
  content: z.string(),
  images: z.array(z.string()),
  reviewedAt: z.string(),
  status: z.enum(REVIEW_FLAG_STATUSES),
  score: z.number().int(),
  signals: z.array(z.object({ code: z.string(), label: z.string(), weight: z.number(), detail: z.string() })),
  flaggedAt: z.string(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
});

export default async function reviewFlagRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/review-flags',
    {
      config: operator,
      schema: {
        tags,
        summary: '疑似虚假评价队列（附触发的信号）',
        querystring: z.object({
          status: z.enum(REVIEW_FLAG_STATUSES).default('pending'),
          cursor: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(Flag),
            nextCursor: z.string().nullable(),
            counts: z.object({ pending: z.number(), cleared: z.number(), removed: z.number() }),
          }),
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return { ...(await flags.listFlags(ctx, req.query)), counts: await flags.flagCounts(ctx) };
    },
  );

  r.post(
    '/api/v1/admin/review-flags/:id/decision',
    {
      config: operator,
      schema: {
        tags,
        summary: '审核结论：放行（恢复计分）或移除',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({
          decision: z.enum(['clear', 'remove']),
          note: z.string().trim().max(200, '备注最多 200 个字').default(''),
        }),
        response: { 200: z.object({ reviewId: z.string(), status: z.enum(REVIEW_FLAG_STATUSES) }) },
      },
    },
    async (req) => unwrap(await flags.decideFlag(ctxOf(req), req.params.id, req.body)),
  );
}
