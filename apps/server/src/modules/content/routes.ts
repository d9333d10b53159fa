import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { OwnMediaUrl } from '../../platform/media.ts';
import * as svc from './service.ts';

const tags = ['知识付费'];
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });
const Id = z.object({ id: z.string().min(1).max(64) });
const Tier = z.enum(['regular', 'silver', 'gold', 'diamond']);
const Kind = z.enum(['course', 'column']);
const Pricing = z.enum(['purchase', 'subscription']);
const Media = z.enum(['video', 'audio', 'article']);

const CourseBody = z.object({
  kind: Kind,
  title: z.string().trim().min(1).max(60),
  summary: z.string().max(2000).optional(),
  coverUrl: OwnMediaUrl.nullable().optional(),
  skuId: z.string().min(1).max(64),
  pricing: Pricing,
  price: z.number().int().positive().max(100_000_000),
  memberFreeFrom: Tier.nullable().optional(),
  bundleProductIds: z.array(z.string().min(1).max(64)).max(20).optional(),
  creatorUserId: z.string().min(1).max(64).nullable().optional(),
  creatorShareBp: z.number().int().min(0).max(9000).optional(),
});
const Course = z.object({
  id: z.string(),
  merchantId: z.string(),
  kind: Kind,
  title: z.string(),
  summary: z.string(),
  coverUrl: z.string().nullable(),
  productId: z.string(),
  skuId: z.string(),
  pricing: Pricing,
  price: z.number().int(),
  memberFreeFrom: Tier.nullable(),
  bundleProductIds: z.array(z.string()),
  creatorUserId: z.string().nullable(),
  creatorShareBp: z.number().int(),
  status: z.enum(['active', 'ended']),
  lessonCount: z.number().int(),
  createdAt: z.string(),
});
const Access = z.object({
  entitled: z.boolean(),
  reason: z.enum(['purchase', 'subscription', 'bundle', 'member']).nullable(),
  expiresAt: z.string().nullable(),
  lapsed: z.boolean(),
});
const LessonBody = z.object({
  title: z.string().trim().min(1).max(60),
  media: Media,
  mediaUrl: OwnMediaUrl.nullable().optional(),
  body: z.string().max(50_000).optional(),
  durationSec: z.number().int().min(0).max(36_000).optional(),
  trial: z.boolean(),
});
const Progress = z.object({ positionSec: z.number().int(), completed: z.boolean() });
const Lesson = z.object({
  id: z.string(),
  courseId: z.string(),
  position: z.number().int(),
  title: z.string(),
  media: Media,
  durationSec: z.number().int(),
  trial: z.boolean(),
  locked: z.boolean(),
  mediaUrl: z.string().nullable(),
  body: z.string(),
});

export default async function contentRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/content/courses',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '知识课程与专栏',
        response: { 200: z.object({ items: z.array(Course.extend({ access: Access })) }) },
      },
    },
    async (req) => svc.listCourses(ctxOf(req)),
  );
  r.get(
    '/api/v1/content/courses/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '课程详情（未购买时付费课时不含媒体地址）',
        params: Id,
        response: {
          200: Course.extend({
            access: Access,
            bundleProducts: z.array(
              z.object({
                id: z.string(),
                title: z.string(),
                imageUrl: z.string().nullable(),
                minPrice: z.number().int(),
              }),
            ),
            lessons: z.array(Lesson.extend({ progress: Progress.nullable() })),
          }),
        },
      },
    },
    async (req) => svc.getCourse(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/content/lessons/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '学习课时（试看课时任何人可看；其余须已购买、订阅中、会员免费或随商品赠送）',
        params: Id,
        response: { 200: Lesson.extend({ courseTitle: z.string(), progress: Progress.nullable() }) },
      },
    },
    async (req) => unwrap(await svc.getLesson(ctxOf(req), req.params.id)),
  );
  r.put(
    '/api/v1/me/content/lessons/:id/progress',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '记录学习进度',
        params: Id,
        body: z.object({ positionSec: z.number().int().min(0).max(36_000), completed: z.boolean() }),
        response: { 200: Progress.extend({ lessonId: z.string() }) },
      },
    },
    async (req) => unwrap(await svc.saveProgress(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/content/courses/:id/orders',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '购买或订阅课程（下单，需 Idempotency-Key；付款后即可学习）',
        headers: IdempotencyHeader,
        params: Id,
        body: z.object({ expectedAmount: z.number().int().positive() }),
        response: {
          201: z.object({
            orderId: z.string(),
            checkoutId: z.string(),
            amount: z.number().int(),
            payDeadline: z.string(),
          }),
        },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.buyCourse(ctxOf(req), req.params.id, req.body))),
  );
  r.get(
    '/api/v1/me/content/courses',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的课程',
        response: {
          200: z.object({ items: z.array(Course.extend({ access: Access, completedLessons: z.number().int() })) }),
        },
      },
    },
    async (req) => svc.myCourses(ctxOf(req)),
  );
  r.get(
    '/api/v1/me/content/earnings',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '创作者课程分成收益',
        response: {
          200: z.object({
            pending: z.number().int(),
            available: z.number().int(),
            items: z.array(
              z.object({
                id: z.string(),
                orderId: z.string(),
                courseId: z.string(),
                courseTitle: z.string(),
                baseAmount: z.number().int(),
                amount: z.number().int(),
                reversedAmount: z.number().int(),
                status: z.enum(['pending', 'settled', 'reversed']),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => svc.myCreatorEarnings(ctxOf(req)),
  );

  r.get(
    '/api/v1/merchant/content/courses',
    {
      config: { permission: 'merchant:products.read' },
      schema: {
        tags,
        summary: '本店课程（含销量与创作者分成）',
        response: {
          200: z.object({
            items: z.array(
              Course.extend({
                stats: z.object({
                  purchases: z.number().int(),
                  bundled: z.number().int(),
                  creatorShare: z.number().int(),
                  creatorShareReversed: z.number().int(),
                }),
              }),
            ),
          }),
        },
      },
    },
    async (req) => svc.listMerchantCourses(ctxOf(req)),
  );
  r.post(
    '/api/v1/merchant/content/courses',
    {
      config: { permission: 'merchant:products.manage' },
      schema: { tags, summary: '创建课程或专栏', body: CourseBody, response: { 201: Course } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createCourse(ctxOf(req), req.body))),
  );
  r.get(
    '/api/v1/merchant/content/courses/:id',
    {
      config: { permission: 'merchant:products.read' },
      schema: {
        tags,
        summary: '课程与全部课时',
        params: Id,
        response: { 200: Course.extend({ lessons: z.array(Lesson) }) },
      },
    },
    async (req) => svc.getMerchantCourse(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/merchant/content/courses/:id/lessons',
    {
      config: { permission: 'merchant:products.manage' },
      schema: {
        tags,
        summary: '添加课时（视频、音频或图文）',
        params: Id,
        body: LessonBody,
        response: { 201: Lesson },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.addLesson(ctxOf(req), req.params.id, req.body))),
  );
}
