import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { resolveActor } from '../accounts/api.ts';
import { loadSession, requireAbility } from './access.ts';
import { liveFanout, type RoomSocket } from './fanout.ts';
import { sessionFigures } from './metrics.ts';
import { addLikes, sendChat } from './room.ts';
import { cachedSession } from './room-cache.ts';
import { roomSnapshots, viewerParts } from './snapshot-cache.ts';
import { recordVisit, trackVisit } from './visits.ts';

/**
 * The live room over WebSocket (docs/LIVE.md "WebSocket"): GET /api/v1/live/sessions/:id/socket. Anyone may watch
 * (session cookie, Bearer, `?token=` or nothing); signed-in viewers chat and like; `?staff=1` (a role with the
 * 'metrics' ability) also receives metrics. Room events arrive in batches from the fan-out; replies to this
 * socket (ready, ack, error, pong) go directly.
 */

const Params = z.object({ id: z.string().min(1).max(64) });
const Query = z.object({
  token: z.string().max(200).optional(),
  staff: z.enum(['0', '1']).optional(),
  /** An anonymous viewer's device id, so one person's reconnects count once. */
  viewer: z
    .string()
    .regex(/^[\w-]{8,64}$/)
    .optional(),
});
const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('chat'), clientId: z.string().max(64).optional(), text: z.string().max(200) }),
  z.object({
    type: z.literal('answer'),
    clientId: z.string().max(64).optional(),
    replyTo: z.string().min(1).max(64),
    text: z.string().max(200),
  }),
  z.object({ type: z.literal('like'), count: z.number().int().min(1, '点赞数 1–50').max(50, '点赞数 1–50') }),
  z.object({ type: z.literal('ping') }),
]);

interface LiveSocket extends RoomSocket {
  on(event: 'message', listener: (raw: Buffer) => void): void;
  on(event: 'close', listener: () => void): void;
}

const OPEN = 1;
const opened = new WeakMap<FastifyRequest, { sessionId: string; staff: boolean; live: boolean }>();

export default async function liveSocketRoutes(app: App) {
  app.get(
    '/api/v1/live/sessions/:id/socket',
    {
      websocket: true,
      config: { permission: 'public' },
      schema: { hide: true },
      preValidation: async (req) => {
        const { token } = Query.parse(req.query);
        if (req.actor.kind === 'anonymous' && token) req.actor = await resolveActor(req.server.deps, token);
      },
      // Before the upgrade: a missing room is a 404 and a staff socket without the ability a 401/403.
      preHandler: async (req) => {
        const { id } = Params.parse(req.params);
        const staff = Query.parse(req.query).staff === '1';
        // Viewers read the per-process session cache (a connect storm is thousands of these); staff are few.
        const session = staff
          ? (await requireAbility(ctxOf(req), id, 'metrics')).session
          : await cachedSession(req.server.deps, id);
        opened.set(req, { sessionId: id, staff, live: session.status === 'live' });
      },
    },
    (socket: LiveSocket, req: FastifyRequest) => {
      const { sessionId, staff, live } = opened.get(req)!;
      const deps = req.server.deps;
      const fanout = liveFanout(deps);
      const actor = req.actor;
      const userId = actor.kind === 'user' ? actor.userId : null;
      const viewerKey = userId ?? `anon:${Query.parse(req.query).viewer ?? randomUUID()}`;
      const leave = fanout.join(sessionId, socket, { staff });
      const snapshots = roomSnapshots(deps);
      const leaveSnapshots = snapshots.join(sessionId);
      // Dwell time: a visit per socket while the session is live (stored and closed in groups, visits.ts).
      // Staff sockets (control panel, dashboard) are not audience: no visit, as they are left out of viewer counts.
      const visitId = live && !staff ? newId('lvv') : null;
      const visitRecorded = visitId
        ? recordVisit(deps, sessionId, { id: visitId, viewerKey, userId, joinedAt: deps.clock.now() })
        : Promise.resolve(false);
      const endVisit = visitId ? trackVisit(deps, visitId, visitRecorded) : null;
      socket.on('close', () => {
        leave();
        leaveSnapshots();
        void endVisit?.().catch((err: unknown) => req.log.warn({ err }, 'live visit close failed'));
      });
      socket.on('message', (raw: Buffer) => {
        void handle(req, sessionId, visitId, live, String(raw), (m) => fanout.direct(socket, m)).catch(
          (err: unknown) => {
            req.log.error({ err }, 'live socket message failed');
            fanout.direct(socket, {
              type: 'error',
              problem: { type: 'internal-error', title: '服务器开小差了，请稍后再试', status: 500 },
            });
          },
        );
      });
      void (async () => {
        await visitRecorded;
        await deps.realtime.ready();
        // Anonymous viewers (nearly all of a big room) share one serialised frame; others add their own parts.
        if (!userId && !staff) {
          const frame = await snapshots.readyFrame(sessionId);
          if (socket.readyState === OPEN) socket.send(frame);
          return;
        }
        const view = await snapshots.view(sessionId);
        const mine = userId ? await viewerParts(deps, view, userId) : {};
        const metrics = staff
          ? await sessionFigures(deps, deps.database.db, await loadSession(deps.database.db, sessionId))
          : undefined;
        fanout.direct(socket, {
          type: 'ready',
          snapshot: { ...view.snapshot, ...mine },
          chat: view.chat,
          ...(metrics ? { metrics } : {}),
        });
      })().catch((err: unknown) => {
        req.log.error({ err }, 'live socket setup failed');
        socket.close(1011, 'live room unavailable');
      });
    },
  );
}

const problemOf = (p: { type: string; title: string; status: number; detail?: string | undefined }) => ({
  type: p.type,
  title: p.title,
  status: p.status,
  detail: p.detail,
});

async function handle(
  req: FastifyRequest,
  sessionId: string,
  visitId: string | null,
  live: boolean,
  raw: string,
  reply: (m: object) => void,
) {
  let parsed;
  try {
    parsed = ClientMessage.safeParse(JSON.parse(raw));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) {
    reply({
      type: 'error',
      problem: {
        type: 'validation-failed',
        title: '消息格式不正确',
        status: 400,
        detail: parsed?.error.issues[0]?.message,
      },
    });
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'ping') return reply({ type: 'pong' });
  const ctx = ctxOf(req);
  const clientId = 'clientId' in msg ? msg.clientId : undefined;
  try {
    if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', 401, '请先登录', '登录后才能发弹幕和点赞');
    if (msg.type === 'like') {
      // A warm-up socket may see the room go live; the session row is the judge then.
      if (!live && (await loadSession(ctx.db, sessionId)).status !== 'live')
        throw new AppError('not-live', 409, '直播未在进行中');
      addLikes(ctx, sessionId, visitId, msg.count);
      return;
    }
    const result = await sendChat(
      ctx,
      sessionId,
      msg.type === 'answer' ? { text: msg.text, replyTo: msg.replyTo } : { text: msg.text },
    );
    if (result.ok)
      reply({ type: 'ack', clientId, messageId: result.value.id, ...(result.value.pending ? { pending: true } : {}) });
    else reply({ type: 'error', clientId, problem: problemOf(result) });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    reply({ type: 'error', clientId, problem: problemOf(err) });
  }
}
