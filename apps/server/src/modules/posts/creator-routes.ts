import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { DRAFT_STYLES } from './drafts.ts';
import { Id, IdParams, page, PageQuery } from './dto.ts';
import * as svc from './service.ts';

const tags = ['创作者'];
const Partnership = z.object({
  id: z.string(),
  merchantId: z.string(),
  brandName: z.string(),
  creatorId: z.string(),
  title: z.string(),
  feeAmount: z.number(),
  createdAt: z.string(),
});
const Challenge = z.object({
  name: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  state: z.enum(['upcoming', 'running', 'ended']).describe('upcoming 未开始 / running 进行中 / ended 已结束'),
  postCount: z.number().int().describe('带此话题的已发布笔记数'),
  createdAt: z.string(),
});
const MerchantPartnership = Partnership.extend({
  creator: z.object({ id: z.string(), nickname: z.string(), avatarUrl: z.string().nullable() }),
  posts: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
});
const PostStats = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  status: z.string(),
  coverUrl: z.string().nullable(),
  sponsored: z.boolean(),
  createdAt: z.string(),
  views: z.number(),
  productClicks: z.number(),
  likes: z.number(),
  comments: z.number(),
  favourites: z.number(),
  shares: z.number(),
  orders: z.number(),
  gmv: z.number(),
  commission: z.number(),
  commissionSettled: z.number(),
});
const AttributedLine = z.object({
  lineId: z.string(),
  orderId: z.string(),
  productId: z.string(),
  productTitle: z.string(),
  postId: z.string().nullable(),
  postTitle: z.string().nullable(),
  source: z.string(),
  sharerId: z.string().nullable(),
  qty: z.number(),
  payAmount: z.number(),
  orderedAt: z.string(),
  status: z.enum(['pending_payment', 'paid', 'voided']),
});

export default async function creatorRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/creator/overview',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '创作者中心：每篇笔记的浏览、商品点击、成交订单、GMV 与佣金（按末次触点归因）',
        response: {
          200: z.object({
            totals: z.object({
              posts: z.number(),
              views: z.number(),
              productClicks: z.number(),
              likes: z.number(),
              orders: z.number(),
              gmv: z.number(),
              commission: z.number(),
            }),
            posts: z.array(PostStats),
            recentOrders: z.array(AttributedLine),
          }),
        },
      },
    },
    async (req) => svc.creatorOverview(ctxOf(req)),
  );

  r.get(
    '/api/v1/creator/partnerships',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的品牌合作（发布时可关联，关联后显示「广告」）',
        response: { 200: z.array(Partnership) },
      },
    },
    async (req) => svc.listMyPartnerships(ctxOf(req)),
  );

  r.get(
    '/api/v1/creator/rewards',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的晒单返现',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              kind: z.string(),
              postId: z.string(),
              orderLineId: z.string(),
              points: z.number(),
              status: z.string(),
              createdAt: z.string(),
            }),
          ),
        },
      },
    },
    async (req) => svc.myRewards(ctxOf(req)),
  );

  r.post(
    '/api/v1/posts/drafts',
    {
      config: { permission: 'user', rateLimit: { max: 60, timeWindow: '10 minutes' } },
      schema: {
        tags,
        summary: 'AI 辅助写笔记：根据商品属性生成草稿（模板生成，可接入模型）',
        body: z.object({
          productId: Id,
          style: z.enum(DRAFT_STYLES).default('seeding'),
          variant: z.number().int().min(0).max(100).default(0),
        }),
        response: { 200: z.object({ title: z.string(), body: z.string(), topics: z.array(z.string()) }) },
      },
    },
    async (req) => svc.draftPost(ctxOf(req), req.body),
  );

  r.post(
    '/api/v1/merchant/products/:id/copy-draft',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: {
        tags,
        summary: 'AI 辅助生成商品文案（标题、卖点、描述）',
        params: IdParams,
        body: z.object({ variant: z.number().int().min(0).max(100).default(0) }),
        response: { 200: z.object({ title: z.string(), sellingPoints: z.array(z.string()), description: z.string() }) },
      },
    },
    async (req) => svc.draftProductCopy(ctxOf(req), { productId: req.params.id, variant: req.body.variant }),
  );

  r.post(
    '/api/v1/merchant/partnerships',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: {
        tags,
        summary: '登记品牌合作（品牌向创作者付费）；指定笔记时立即加「广告」标识，创作者不能去除',
        body: z.object({
          creatorId: Id,
          title: z.string().trim().min(1, '请填写合作名称').max(60),
          feeAmount: z.number().int().min(0).max(100_000_000),
          postId: Id.optional(),
        }),
        response: { 201: z.object({ id: z.string(), postId: z.string().nullable() }) },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createPartnership(ctxOf(req), req.body))),
  );

  r.get(
    '/api/v1/merchant/partnerships',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: {
        tags,
        summary: '本店的品牌合作（新的在前；游标分页），含创作者与已加「广告」标识的笔记',
        querystring: PageQuery,
        response: { 200: page(MerchantPartnership) },
      },
    },
    async (req) => svc.listMerchantPartnerships(ctxOf(req), req.query),
  );

  r.put(
    '/api/v1/admin/challenges/:name',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags,
        summary: '设置话题挑战赛（如 #晒出你的穿搭#）',
        params: z.object({ name: z.string().min(1).max(20) }),
        body: z.object({
          description: z.string().max(300),
          startsAt: z.iso.datetime({ offset: true }),
          endsAt: z.iso.datetime({ offset: true }),
        }),
        response: { 200: z.object({ name: z.string() }) },
      },
    },
    async (req) => unwrap(await svc.upsertChallenge(ctxOf(req), { name: req.params.name, ...req.body })),
  );

  r.get(
    '/api/v1/admin/challenges',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags,
        summary: '话题挑战赛（按开始时间倒序；游标分页）',
        querystring: PageQuery,
        response: { 200: page(Challenge) },
      },
    },
    async (req) => svc.listChallenges(ctxOf(req), req.query),
  );
}
