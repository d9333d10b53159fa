import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { ok, type Result, unwrap } from '../../platform/errors.ts';
import { artSvg } from './art.ts';
import { placeholderSvg } from './placeholder.ts';
import * as svc from './service.ts';

const Size = z.coerce
  .number()
  .int('尺寸须为整数')
  .min(16, '尺寸至少 16 像素')
  .max(2000, '尺寸最多 2000 像素')
  .optional();

export default async function mediaRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['媒体'];

  r.get(
    '/media/placeholder/:name.svg',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '占位图（SVG，颜色由名称决定，居中显示文字）',
        params: z.object({
          name: z.string().regex(/^[\p{L}\p{N}_-]{1,80}$/u, '名称只能包含文字、数字、下划线和连字符'),
        }),
        querystring: z.object({ label: z.string().max(100, '文字最多 100 个字').optional(), w: Size, h: Size }),
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        // Same URL, same picture, forever: let browsers and CDNs keep it.
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(
          placeholderSvg({ name: req.params.name, label: req.query.label, width: req.query.w, height: req.query.h }),
        ),
  );

  r.get(
    '/media/art/:name.svg',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '生成的商品插画（SVG，按名称前缀画出对应品类的商品或生活场景，同名同图）',
        params: z.object({
          name: z.string().regex(/^[a-z0-9-]{1,80}$/, '名称只能包含小写字母、数字和连字符'),
        }),
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(artSvg(req.params.name)),
  );

  r.post(
    '/api/v1/media',
    {
      config: {
        permission: 'user',
        rateLimit: { max: 60, timeWindow: '10 minutes', keyGenerator: (req) => `upload:${req.ip}` },
      },
      schema: {
        tags,
        summary: '上传图片（multipart，单个文件 ≤ 5 MB，JPEG/PNG/WebP/GIF）',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ url: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.uploadImage(ctxOf(req), await readSingleFile(req)))),
  );

  r.post(
    '/api/v1/media/videos',
    {
      config: {
        permission: 'user',
        rateLimit: { max: 20, timeWindow: '10 minutes', keyGenerator: (req) => `upload-video:${req.ip}` },
      },
      schema: {
        tags,
        summary: '上传短视频（multipart，单个文件 ≤ 50 MB，MP4/WebM；封面图另行上传）',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ url: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(unwrap(await svc.uploadVideo(ctxOf(req), await readSingleFile(req, svc.MAX_VIDEO_BYTES)))),
  );
}

/** The bytes of the one uploaded file, or why there are none. */
async function readSingleFile(req: FastifyRequest, maxBytes?: number): Promise<Result<Buffer>> {
  if (!req.isMultipart()) return svc.refuse('file-missing');
  const file = await req.file(maxBytes ? { limits: { fileSize: maxBytes } } : undefined);
  if (!file) return svc.refuse('file-missing');
  try {
    return ok(await file.toBuffer());
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return svc.refuse('file-too-large');
    throw err;
  }
}
