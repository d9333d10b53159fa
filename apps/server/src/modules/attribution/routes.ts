import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { TOUCH_KINDS } from './schema.ts';
import * as svc from './service.ts';

const Id = z.string().min(1).max(64);
const tags = ['归因'];

export default async function attributionRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/attribution/touches',
    {
      config: { permission: 'user', rateLimit: { max: 600, timeWindow: '10 minutes' } },
      schema: {
        tags,
        summary: '记录一次来源触点（从笔记、分享链接、推广链接、社群、直播或搜索打开商品）',
        description:
          '笔记的创作者由笔记决定；分享者、笔记由分享口令（shareToken）决定。打开自己的分享链接不记录。' +
          'affiliateCode 只在 kind=affiliate 时采用；从笔记或分享打开时，推广码由服务端决定：分享者是分销员用分享者的，否则用笔记作者的（不是本人时）。',
        body: z.object({
          kind: z.enum(TOUCH_KINDS),
          productId: Id.optional(),
          postId: Id.optional(),
          creatorId: Id.optional(),
          sharerId: Id.optional(),
          shareToken: z.string().min(1).max(64).optional(),
          communityId: Id.optional(),
          liveSessionId: Id.optional(),
          affiliateCode: z.string().min(1).max(64).optional(),
        }),
        response: { 201: z.object({ id: z.string().nullable(), recorded: z.boolean() }) },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.recordTouch(ctxOf(req), req.body))),
  );

  r.post(
    '/api/v1/attribution/share-links',
    {
      config: { permission: 'user', rateLimit: { max: 120, timeWindow: '10 minutes' } },
      schema: {
        tags,
        summary: '生成分享链接（带归因口令）',
        body: z.object({ postId: Id.optional(), productId: Id.optional() }),
        response: { 201: z.object({ token: z.string(), path: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createShareLink(ctxOf(req), req.body))),
  );
}
