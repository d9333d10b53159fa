import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { collectEvents } from './collect.ts';
import { BatchReceipt, EventBatch } from './dto.ts';

const tags = ['数据分析'];

export default async function analyticsRoutes(app: App) {
  // navigator.sendBeacon sends a string as text/plain (no CORS preflight, survives page unload): it is JSON.
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 128 * 1024 }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('请求体不是有效的 JSON'), { statusCode: 400 }), undefined);
    }
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/events',
    {
      bodyLimit: 128 * 1024,
      config: { permission: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '上报一批行为事件（浏览、曝光、点击、搜索、加购、下单、直播观看、实验曝光）',
        description:
          '商城按批上报（每批 ≤ 100 个，可用 navigator.sendBeacon 以 text/plain 发送）。事件 id 为客户端生成的 UUID，' +
          '重复上报同一 id 只记一次。登录用户的事件以假名标识，不含手机号、姓名、地址。',
        body: EventBatch,
        response: { 202: BatchReceipt },
      },
    },
    async (req, reply) => reply.status(202).send(await collectEvents(ctxOf(req), req.body, req.headers['user-agent'])),
  );
}
