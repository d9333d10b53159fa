import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import {
  type ClientSocket,
  errorFrame,
  onClientFrames,
  type ReplyFrame,
  signInFromTicket,
  SOCKET_OPEN,
} from '../../platform/socket.ts';
import { ctxOf, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { redeemSocketTicket } from '../accounts/api.ts';
import { loadSession, requireAbility } from './access.ts';
import { liveFanout } from './fanout.ts';
import { sessionFigures } from './metrics.ts';
import { addLikes, sendChat } from './room.ts';
import { cachedSession } from './room-cache.ts';
import { roomSnapshots, viewerParts } from './snapshot-cache.ts';
import { recordVisit, trackVisit } from './visits.ts';

/**
 * The live room over WebSocket (docs/LIVE.md "WebSocket"): GET /api/v1/live/sessions/:id/socket. Anyone may watch
 * (session cookie, Bearer, a single-use `?ticket=` or nothing); signed-in viewers chat and like; `?staff=1` (a role with the
 * 'metrics' ability) also receives metrics. Room events arrive in batches from the fan-out; replies to this
 * socket (ready, ack, error, pong) go directly.
 */

const Params = z.object({ id: z.string().min(1).max(64) });
const Query = z.object({
  ticket: z.string().max(200).optional(),
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
type ClientMessage = z.infer<typeof ClientMessage>;

const opened = new WeakMap<FastifyRequest, { sessionId: string; staff: boolean; live: boolean }>();

export default async function liveSocketRoutes(app: App) {
  app.get(
    '/api/v1/live/sessions/:id/socket',
    {
      websocket: true,
      config: { permission: 'public' },
      schema: { hide: true },
      onRequest: signInFromTicket(redeemSocketTicket),
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
    (socket: ClientSocket, req: FastifyRequest) => {
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
      const reply = (m: object) => fanout.direct(socket, m);
      socket.on(
        'message',
        onClientFrames(req, ClientMessage, reply, (msg) => handle(ctxOf(req), sessionId, visitId, live, msg, reply)),
      );
      void (async () => {
        await visitRecorded;
        await deps.realtime.ready();
        // Anonymous viewers (nearly all of a big room) share one serialised frame; others add their own parts.
        if (!userId && !staff) {
          const frame = await snapshots.readyFrame(sessionId);
          if (socket.readyState === SOCKET_OPEN) socket.send(frame);
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

/** One viewer message; ping and malformed frames are answered by onClientFrames. */
async function handle(
  ctx: Ctx,
  sessionId: string,
  visitId: string | null,
  live: boolean,
  msg: ClientMessage,
  reply: ReplyFrame,
): Promise<void> {
  if (msg.type === 'ping') return;
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
    reply({
      type: 'ack',
      clientId: msg.clientId,
      messageId: result.value.id,
      ...(result.value.pending ? { pending: true } : {}),
    });
  else reply(errorFrame(result, msg.clientId));
}
