import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { OwnMediaUrl } from '../../platform/media.ts';
import { contentProblem, contentProblemText, MAX_CONTENT_CHARS, MAX_IMAGES } from './rules.ts';
import * as svc from './service.ts';

const Stars = z.number().int().min(1, '评分为 1–5 星').max(5, '评分为 1–5 星');
const Images = z.array(OwnMediaUrl).max(MAX_IMAGES, `最多上传 ${MAX_IMAGES} 张图片`).default([]);
const content = (required: boolean) =>
  z
    .string()
    .trim()
    .superRefine((s, c) => {
      const problem = contentProblem(s, required);
      if (problem) c.addIssue({ code: 'custom', message: contentProblemText[problem] });
    });

const Reply = z.object({ content: z.string(), createdAt: z.string() });
const Author = z.object({ nickname: z.string(), avatarUrl: z.string().nullable(), anonymous: z.boolean() });
const Ratings = z.object({ quality: z.number(), logistics: z.number(), service: z.number() });
const Review = z.object({
  id: z.string(),
  productId: z.string(),
  skuId: z.string(),
  specText: z.string(),
  rating: z.number(),
  ratings: Ratings,
  content: z.string(),
  images: z.array(z.string()),
  author: Author,
  createdAt: z.string(),
  reply: Reply.nullable(),
  followUp: z
    .object({
      id: z.string(),
      content: z.string(),
      images: z.array(z.string()),
      createdAt: z.string(),
      daysLater: z.number(),
      reply: Reply.nullable(),
    })
    .nullable(),
});
const ProductRef = z.object({ title: z.string(), imageUrl: z.string().nullable() }).nullable();
const Moderation = z.object({
  state: z.enum(['held', 'cleared', 'removed', 'appealed', 'reinstated', 'upheld']),
  reasons: z.array(z.string()),
  heldAt: z.string(),
  removedAt: z.string().nullable(),
  canAppeal: z.boolean(),
  appeal: z
    .object({
      reason: z.string(),
      appealedAt: z.string(),
      dueBy: z.string(),
      decidedAt: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
});
const MyReview = Review.extend({
  orderId: z.string(),
  orderLineId: z.string(),
  canFollowUp: z.boolean(),
  product: ProductRef,
  moderation: Moderation.nullable(),
});
const MerchantReview = z.object({
  id: z.string(),
  kind: z.enum(['initial', 'follow_up']),
  parentId: z.string().nullable(),
  orderId: z.string(),
  productId: z.string(),
  skuId: z.string(),
  specText: z.string(),
  rating: z.number().nullable(),
  ratings: Ratings.nullable(),
  content: z.string(),
  images: z.array(z.string()),
  author: Author,
  createdAt: z.string(),
  reply: Reply.nullable(),
  product: ProductRef,
});
const Published = z.object({
  id: z.string(),
  productId: z.string(),
  seq: z.number(),
  contentHash: z.string(),
  createdAt: z.string(),
});
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
const ProductParams = z.object({ id: z.string().max(64) });

const tags = ['评价'];

export default async function reviewRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/reviews',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '发表评价（确认收货后，每件商品一次）',
        description:
          '总评星级 = 质量、物流、服务三项评分的平均值（四舍五入），不单独填写。只打星可不写文字；写文字则至少 5 个字。',
        body: z.object({
          orderLineId: z.string().min(1).max(64),
          ratings: z.object({ quality: Stars, logistics: Stars, service: Stars }),
          content: content(false).default(''),
          images: Images,
          anonymous: z.boolean().default(false),
        }),
        // The shop's device id: one device behind many "buyers" is a fake-review signal (kept only as a keyed hash).
        headers: z.object({ 'x-device-id': z.string().max(100).optional() }),
        response: { 201: Published },
      },
    },
    async (req, reply) =>
      reply.status(201).send(unwrap(await svc.publishReview(ctxOf(req), req.body, req.headers['x-device-id']))),
  );

  r.post(
    '/api/v1/reviews/:id/follow-up',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '追评（确认收货后 180 天内，一次）',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({ content: content(true), images: Images }),
        response: { 201: Published },
      },
    },
    async (req, reply) =>
      reply.status(201).send(unwrap(await svc.publishFollowUp(ctxOf(req), req.params.id, req.body))),
  );

  r.post(
    '/api/v1/merchant/reviews/:id/reply',
    {
      config: { permission: 'merchant:reviews.reply' },
      schema: {
        tags,
        summary: '商家回复评价（每条一次）',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({
          content: z
            .string()
            .trim()
            .min(1, '请填写回复内容')
            .max(MAX_CONTENT_CHARS, `回复最多 ${MAX_CONTENT_CHARS} 个字`),
        }),
        response: { 201: z.object({ reviewId: z.string(), createdAt: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(unwrap(await svc.replyToReview(ctxOf(req), req.params.id, req.body.content))),
  );

  r.get(
    '/api/v1/products/:id/reviews',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '商品评价列表',
        params: ProductParams,
        querystring: PageQuery.extend({ filter: z.enum(['all', 'with_images', 'good', 'bad']).default('all') }),
        response: { 200: page(Review) },
      },
    },
    async (req) => svc.listProductReviews(ctxOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/products/:id/reviews/summary',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '商品评价概况（各项均分、好评率、带图数）',
        params: ProductParams,
        response: {
          200: z.object({
            productId: z.string(),
            count: z.number(),
            averageRating: z.number().nullable(),
            averages: z.object({
              quality: z.number().nullable(),
              logistics: z.number().nullable(),
              service: z.number().nullable(),
            }),
            goodRate: z.number().nullable(),
            counts: z.object({
              good: z.number(),
              neutral: z.number(),
              bad: z.number(),
              withImages: z.number(),
              followUps: z.number(),
            }),
            underReview: z.number().int(),
          }),
        },
      },
    },
    async (req) => svc.reviewSummary(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/products/:id/reviews/verify',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '校验商品评价未被篡改（重新计算哈希链）',
        params: ProductParams,
        response: {
          200: z.object({
            productId: z.string(),
            ok: z.boolean(),
            count: z.number(),
            headHash: z.string().nullable(),
            firstBroken: z
              .object({
                reviewId: z.string().nullable(),
                seq: z.number(),
                reason: z.enum(['seq-gap', 'prev-hash-mismatch', 'content-changed', 'reply-changed', 'head-mismatch']),
                message: z.string(),
              })
              .nullable(),
          }),
        },
      },
    },
    async (req) => svc.verifyProductReviews(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/reviews/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '一条评价（供透明度页核对；审核中的评价只返回 held）',
        params: ProductParams,
        response: { 200: z.union([Review, z.object({ held: z.literal(true), id: z.string() })]) },
      },
    },
    async (req) => svc.getPublicReview(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/me/reviews',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的评价', querystring: PageQuery, response: { 200: page(MyReview) } },
    },
    async (req) => svc.listMyReviews(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/me/reviews/:id',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的一条评价（含审核与申诉进度）',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: MyReview },
      },
    },
    async (req) => svc.getMyReview(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/merchant/reviews',
    {
      config: { permission: 'merchant:reviews.reply' },
      schema: {
        tags,
        summary: '本店评价（replied=false 为待回复）',
        querystring: PageQuery.extend({ replied: z.enum(['true', 'false']).optional() }),
        response: { 200: page(MerchantReview) },
      },
    },
    async (req) =>
      svc.listMerchantReviews(ctxOf(req), {
        cursor: req.query.cursor,
        limit: req.query.limit,
        replied: req.query.replied === undefined ? undefined : req.query.replied === 'true',
      }),
  );
}
