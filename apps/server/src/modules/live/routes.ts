import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { closeChatLimiter } from './chat-limit.ts';
import { liveCounters } from './counters.ts';
import { Id, page, SessionCard, SessionDetail, SessionParams } from './dto.ts';
import { liveFanout } from './fanout.ts';
import { publishStaffMetrics } from './metrics.ts';
import { listSessions, sessionDetail } from './queries.ts';
import { productClick } from './room.ts';
import { setReminder } from './sessions.ts';
import liveSocketRoutes from './socket.ts';
import { endOpenVisits } from './visits.ts';

const tags = ['live 直播'];

/** The shop's live routes and the room's WebSocket; also owns the process's fan-out and counters lifecycle. */
export default async function liveRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const fanout = liveFanout(deps);
  const counters = liveCounters(deps);
  // Peak viewers come from the fan-out's cross-process count; staff dashboards refresh after each flush.
  fanout.onViewerCount((sessionId, n) => counters.viewers(sessionId, n));
  counters.sampleViewersFrom(fanout);
  counters.onFlushed((ids) => publishStaffMetrics(deps, deps.database.db, ids));
  app.addHook('onClose', async () => {
    // Before the database closes: the sockets' own close events would come too late to close their visits.
    await endOpenVisits(deps);
    await fanout.close();
    await counters.close();
    await closeChatLimiter(deps);
  });

  r.get(
    '/api/v1/live/sessions',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '直播列表：直播中 / 预告 / 回放',
        querystring: z.object({
          tab: z.enum(['live', 'upcoming', 'replay']).default('live'),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
          merchantId: Id.optional(),
          reminded: z.enum(['true']).optional().describe('「我的预约」：只看我预约了提醒的场次（需登录）'),
        }),
        response: { 200: page(SessionCard) },
      },
    },
    async (req) => listSessions(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/live/sessions/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '直播间详情（预告页、直播间、回放）',
        params: SessionParams,
        response: { 200: SessionDetail },
      },
    },
    async (req) => sessionDetail(ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/live/sessions/:id/reminder',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '预约开播提醒',
        params: SessionParams,
        response: { 200: z.object({ reminded: z.boolean() }) },
      },
    },
    async (req) => setReminder(ctxOf(req), req.params.id, true),
  );
  r.delete(
    '/api/v1/live/sessions/:id/reminder',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '取消开播提醒',
        params: SessionParams,
        response: { 200: z.object({ reminded: z.boolean() }) },
      },
    },
    async (req) => setReminder(ctxOf(req), req.params.id, false),
  );

  r.post(
    '/api/v1/live/sessions/:id/product-clicks',
    {
      config: { permission: 'user', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '直播间点击商品（打开购买弹层时调用，下单归因到本场直播）',
        params: SessionParams,
        body: z.object({ productId: Id }).strict(),
        response: { 200: z.object({ recorded: z.boolean() }) },
      },
    },
    async (req) => unwrap(await productClick(ctxOf(req), req.params.id, req.body.productId)),
  );

  await liveSocketRoutes(app);
}
