import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { listPostsForOperators, setPostVisibility } from './admin.ts';
import { Author, Id, IdParams, page } from './dto.ts';
import { POST_KINDS, POST_STATUSES } from './schema.ts';

const tags = ['内容管理'];
const Decision = z.object({
  id: z.string(),
  action: z.enum(['hide', 'restore']),
  reason: z.string(),
  operatorId: z.string(),
  at: z.string(),
});
const AdminPost = z.object({
  id: z.string(),
  kind: z.enum(POST_KINDS),
  title: z.string(),
  excerpt: z.string(),
  coverUrl: z.string().nullable(),
  status: z.enum(POST_STATUSES),
  author: Author,
  sponsored: z.boolean(),
  verifiedPurchase: z.boolean(),
  views: z.number(),
  likes: z.number(),
  comments: z.number(),
  createdAt: z.string(),
  lastDecision: Decision.nullable(),
});

export default async function postAdminRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/posts',
    {
      config: { permission: 'staff:content.moderate' },
      schema: {
        tags,
        summary: '全部笔记（按标题/正文搜索，按作者 ID 或手机号、状态筛选；游标分页）',
        querystring: z.object({
          q: z.string().trim().max(50, '搜索词最多 50 字').optional(),
          author: z.string().trim().max(64).optional(),
          status: z.enum(POST_STATUSES).optional(),
          cursor: Id.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: page(AdminPost) },
      },
    },
    async (req) =>
      listPostsForOperators(ctxOf(req), {
        ...req.query,
        q: req.query.q || undefined,
        author: req.query.author || undefined,
      }),
  );

  r.post(
    '/api/v1/admin/posts/:id/visibility',
    {
      config: { permission: 'staff:content.moderate' },
      schema: {
        tags,
        summary: '下架或恢复笔记（须填写原因，记入审核决定）',
        params: IdParams,
        body: z.object({
          action: z.enum(['hide', 'restore']),
          reason: z.string().trim().min(2, '请填写原因（至少 2 个字）').max(200, '原因最多 200 字'),
        }),
        response: { 200: z.object({ id: z.string(), status: z.enum(POST_STATUSES), decision: Decision }) },
      },
    },
    async (req) => unwrap(await setPostVisibility(ctxOf(req), req.params.id, req.body)),
  );
}
