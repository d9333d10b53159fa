import { randomBytes } from 'node:crypto';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { OwnMediaUrl } from '../../platform/media.ts';
import { Comment, Created, Id, IdParams, page, PageQuery, PostCard, PostDetail } from './dto.ts';
import {
  MAX_BODY_CHARS,
  MAX_COMMENT_CHARS,
  MAX_POST_IMAGES,
  MAX_TAGGED_PRODUCTS,
  MAX_TITLE_CHARS,
  MAX_TOPICS,
  VISITOR_COOKIE,
  visitorKey,
} from './rules.ts';
import { POST_KINDS } from './schema.ts';
import * as svc from './service.ts';

const Title = z
  .string()
  .trim()
  .min(1, '请填写标题')
  .max(MAX_TITLE_CHARS, `标题最多 ${MAX_TITLE_CHARS} 字`)
  .refine((s) => !s.includes('\n'), '标题不能换行');
const Body = z.string().trim().max(MAX_BODY_CHARS, `正文最多 ${MAX_BODY_CHARS} 字`).default('');
const Images = z.array(OwnMediaUrl).max(MAX_POST_IMAGES, `最多 ${MAX_POST_IMAGES} 张图片`).default([]);
const Topics = z
  .array(z.string().trim().min(1).max(20, '话题最多 20 字'))
  .max(MAX_TOPICS, `最多 ${MAX_TOPICS} 个话题`)
  .default([]);
const tags = ['笔记'];

export default async function postRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/posts',
    {
      config: { permission: 'user', rateLimit: { max: 30, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary: '发布笔记（图文、短视频、测评；可标记商品与话题）',
        description:
          '文字与图片经统一审核：命中敏感词的进入人工审核（仅作者可见），违禁内容直接拒绝。带 orderLineId 的为晒单笔记，须为本人已收货的订单商品。',
        body: z.object({
          kind: z.enum(POST_KINDS),
          title: Title,
          body: Body,
          images: Images,
          videoUrl: OwnMediaUrl.optional(),
          posterUrl: OwnMediaUrl.optional(),
          productIds: z.array(Id).max(MAX_TAGGED_PRODUCTS, `最多标记 ${MAX_TAGGED_PRODUCTS} 件商品`).default([]),
          topics: Topics,
          partnershipId: Id.optional(),
          orderLineId: Id.optional(),
        }),
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createPost(ctxOf(req), req.body))),
  );

  r.patch(
    '/api/v1/posts/:id',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '编辑自己的笔记（标题、正文、图片、话题；商品与「广告」标识不可改）',
        params: IdParams,
        body: z.object({ title: Title, body: Body, images: Images, topics: Topics }),
        response: { 200: Created },
      },
    },
    async (req) => unwrap(await svc.updatePost(ctxOf(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/v1/posts/:id',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '删除自己的笔记', params: IdParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await svc.deletePost(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/posts/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '笔记详情（含商品卡片）',
        description:
          '浏览按人按天计一次：登录用户按账号；未登录访客按浏览器随机标识（X-Device-Id，或服务端下发的 hw_vid Cookie），只存其哈希。',
        params: IdParams,
        headers: z.object({ 'x-device-id': z.string().max(100).optional() }),
        response: { 200: PostDetail },
      },
    },
    async (req, reply) => {
      const visitorId = req.headers['x-device-id'] ?? req.cookies[VISITOR_COOKIE];
      // A visitor we cannot recognise yet gets a random id for next time; this view is not counted (a client that
      // drops cookies would otherwise count every reload).
      if (req.actor.kind !== 'user' && !visitorKey(visitorId)) {
        void reply.setCookie(VISITOR_COOKIE, randomBytes(18).toString('base64url'), {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          maxAge: 365 * 86_400,
        });
      }
      return svc.getPost(ctxOf(req), req.params.id, visitorId);
    },
  );

  r.get(
    '/api/v1/feeds/discover',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '发现页双列瀑布流（按新鲜度、互动与兴趣类目排序）',
        querystring: PageQuery,
        response: { 200: page(PostCard) },
      },
    },
    async (req) => svc.listDiscovery(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/feeds/following',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '关注页（关注的人与店铺的笔记，按时间倒序）',
        querystring: PageQuery,
        response: { 200: page(PostCard) },
      },
    },
    async (req) => svc.listFollowing(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/posts/:id/comments',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '评论（两级：评论与回复；parentId 为某条评论时列出其全部回复）',
        params: IdParams,
        querystring: PageQuery.extend({ parentId: Id.optional() }),
        response: { 200: page(Comment) },
      },
    },
    async (req) => svc.listPostComments(ctxOf(req), req.params.id, req.query),
  );

  r.post(
    '/api/v1/posts/:id/comments',
    {
      config: { permission: 'user', rateLimit: { max: 60, timeWindow: '10 minutes' } },
      schema: {
        tags,
        summary: '发表评论或回复',
        params: IdParams,
        body: z.object({
          body: z.string().trim().min(1, '请填写评论').max(MAX_COMMENT_CHARS, `评论最多 ${MAX_COMMENT_CHARS} 字`),
          parentId: Id.optional(),
        }),
        response: { 201: z.object({ id: z.string(), status: z.enum(['published', 'pending_review']) }) },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.addComment(ctxOf(req), req.params.id, req.body))),
  );
}
