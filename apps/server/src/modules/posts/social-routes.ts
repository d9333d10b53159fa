import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { Author, Id, IdParams, page, PageQuery, PostCard, TaggedProduct } from './dto.ts';
import * as svc from './service.ts';

const tags = ['笔记互动'];
const On = z.object({ on: z.boolean() });

export default async function socialRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/api/v1/posts/:id/like',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '点赞 / 取消点赞',
        params: IdParams,
        body: On,
        response: { 200: z.object({ liked: z.boolean(), likeCount: z.number() }) },
      },
    },
    async (req) => svc.setLiked(ctxOf(req), req.params.id, req.body.on),
  );

  r.put(
    '/api/v1/posts/:id/favourite',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '收藏 / 取消收藏',
        params: IdParams,
        body: On,
        response: { 200: z.object({ favourited: z.boolean(), favouriteCount: z.number() }) },
      },
    },
    async (req) => svc.setFavourited(ctxOf(req), req.params.id, req.body.on),
  );

  r.put(
    '/api/v1/follows/:type/:id',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '关注 / 取消关注（用户或店铺）',
        params: z.object({ type: z.enum(['user', 'merchant']), id: Id }),
        body: On,
        response: { 200: z.object({ following: z.boolean() }) },
      },
    },
    async (req) =>
      unwrap(await svc.setFollowing(ctxOf(req), { type: req.params.type, id: req.params.id }, req.body.on)),
  );

  r.post(
    '/api/v1/posts/:id/product-clicks',
    {
      config: { permission: 'user', rateLimit: { max: 300, timeWindow: '10 minutes' } },
      schema: {
        tags,
        summary: '从笔记打开商品（计入商品点击，并记录归因触点；从分享链接进入时带 shareToken）',
        params: IdParams,
        body: z.object({ productId: Id, shareToken: z.string().min(1).max(64).optional() }),
        response: { 200: z.object({ recorded: z.boolean() }) },
      },
    },
    async (req) => svc.recordProductClick(ctxOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/users/:id/profile',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '个人主页（粉丝、关注、获赞、笔记中的商品）',
        params: IdParams,
        response: {
          200: z.object({
            user: Author,
            followers: z.number(),
            following: z.number(),
            postCount: z.number(),
            likesReceived: z.number(),
            followedByMe: z.boolean(),
            isMe: z.boolean(),
            products: z.array(TaggedProduct),
          }),
        },
      },
    },
    async (req) => svc.getProfile(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/users/:id/posts',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '某人的笔记（本人可见审核中的）',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(PostCard) },
      },
    },
    async (req) => svc.listAuthorPosts(ctxOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/users/:id/likes',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '某人赞过的笔记',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(PostCard) },
      },
    },
    async (req) => svc.listLikedPosts(ctxOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/topics/:name',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '话题页（含挑战赛信息）',
        params: z.object({ name: z.string().min(1).max(20) }),
        querystring: PageQuery,
        response: {
          200: z.object({
            topic: z.object({
              name: z.string(),
              description: z.string(),
              isChallenge: z.boolean(),
              startsAt: z.string().nullable(),
              endsAt: z.string().nullable(),
              postCount: z.number(),
            }),
            posts: page(PostCard),
          }),
        },
      },
    },
    async (req) => svc.getTopic(ctxOf(req), req.params.name, req.query),
  );

  r.get(
    '/api/v1/topics',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '近 30 天热门话题',
        response: { 200: z.array(z.object({ name: z.string(), postCount: z.number(), isChallenge: z.boolean() })) },
      },
    },
    async (req) => svc.trendingTopics(ctxOf(req)),
  );
}
