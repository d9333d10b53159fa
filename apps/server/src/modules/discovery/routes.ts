import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { LiveCardSchema } from '../live/api.ts';
import { PostCardSchema } from '../posts/api.ts';
import * as svc from './service.ts';

const tags = ['推荐'];
const Id = z.string().min(1).max(64);

const Reason = z.object({
  kind: z.enum(['social', 'together', 'similar', 'category', 'fresh', 'popular']),
  /** The one line on the card. */
  text: z.string(),
  /** The 为什么推荐 sheet's explanation of the source. */
  detail: z.string(),
  userId: z.string().optional(),
  nickname: z.string().optional(),
  action: z.enum(['bought', 'posted']).optional(),
  anchorProductId: z.string().optional(),
  categoryId: z.string().optional(),
});
const FeedItem = z.object({
  productId: z.string(),
  title: z.string(),
  imageUrl: z.string().nullable(),
  minPrice: z.number().int(),
  salesCount: z.number().int(),
  merchantId: z.string(),
  merchantName: z.string(),
  reason: Reason,
});
const SideReason = z.object({
  kind: z.enum(['following', 'topic', 'live', 'popular']),
  text: z.string(),
  detail: z.string(),
  userId: z.string().optional(),
  nickname: z.string().optional(),
  merchantId: z.string().optional(),
  categoryId: z.string().optional(),
});
const HomeEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('product'), product: FeedItem }),
  z.object({
    kind: z.literal('post'),
    post: PostCardSchema.omit({ liked: true, status: true }).describe('「广告」：sponsor 不为空时必须展示'),
    reason: SideReason,
  }),
  z.object({ kind: z.literal('live'), live: LiveCardSchema, reason: SideReason }),
]);
const Settings = z.object({ personalised: z.boolean(), updatedAt: z.string().nullable() });
const InterestTag = z.object({ tag: z.string(), name: z.string(), weight: z.number() });

export default async function discoveryRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/discovery/feed',
    {
      config: { permission: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '为你推荐（每项附推荐理由；关闭个性化后为热门与新品）',
        querystring: z.object({
          cursor: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
          ranker: z
            .enum(svc.FEED_RANKERS)
            .default('diverse')
            .describe('排序方式（首页推荐排序实验 feed-ranker 的变体）：diverse 长尾穿插（默认），score 仅按模型分数'),
        }),
        response: {
          200: z.object({ personalised: z.boolean(), items: z.array(FeedItem), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) => svc.discoveryFeed(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/discovery/home',
    {
      config: { permission: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '首页推荐：商品、笔记与直播混排（每项附推荐理由；品牌合作笔记标「广告」）',
        querystring: z.object({
          cursor: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
          ranker: z.enum(svc.FEED_RANKERS).default('diverse').describe('商品部分的排序方式（同 /discovery/feed）'),
        }),
        response: {
          200: z.object({ personalised: z.boolean(), entries: z.array(HomeEntry), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) => svc.discoveryHome(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/products/:id/recommendations',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '看了又看 / 买了又买',
        params: z.object({ id: Id }),
        querystring: z.object({
          kind: z.enum(['similar', 'bought-together']).default('similar'),
          limit: z.coerce.number().int().min(1).max(20).default(10),
        }),
        response: { 200: z.object({ personalised: z.boolean(), items: z.array(FeedItem) }) },
      },
    },
    async (req) => svc.productRecommendations(ctxOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/me/recommendation-settings',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '个性化推荐设置', response: { 200: Settings } },
    },
    async (req) => svc.getRecommendationSettings(ctxOf(req)),
  );

  r.put(
    '/api/v1/me/recommendation-settings',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '开启 / 关闭个性化推荐（立即生效）',
        body: z.object({ personalised: z.boolean() }),
        response: { 200: Settings },
      },
    },
    async (req) => svc.setRecommendationSettings(ctxOf(req), req.body),
  );

  r.get(
    '/api/v1/me/interest-tags',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的兴趣标签', response: { 200: z.object({ items: z.array(InterestTag) }) } },
    },
    async (req) => svc.listInterestTags(ctxOf(req)),
  );

  r.delete(
    '/api/v1/me/interest-tags/:tag',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '删除兴趣标签（不再用于推荐）',
        params: z.object({ tag: Id }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.deleteInterestTag(ctxOf(req), req.params.tag);
      return reply.status(204).send(null);
    },
  );
}
