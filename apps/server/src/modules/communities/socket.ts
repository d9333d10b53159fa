import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { resolveActor } from '../accounts/api.ts';
import { markRead } from './chat-admin.ts';
import { groupChannel, openGroup, sendChatMessage } from './chat.ts';
import { chatInput } from './dto.ts';

/**
 * Group chat over WebSocket: GET /api/v1/community-groups/:groupId/socket (session cookie `haowu_session`, a Bearer
 * header, or `?token=` since browsers cannot set headers on a WebSocket). Only members of the group (and the
 * community's moderators and owners) may connect. Messages go through the same use-case as the HTTP route:
 * persisted first, then published on the group's channel; every process forwards the channel to its own sockets.
 *
 * Client → server: {type:'send', clientId?, message: {kind, text?, imageUrls?, productId?}} | {type:'read', messageId} | {type:'ping'}
 * Server → client: {type:'ready'} | {type:'message', message} | {type:'removed', messageId} | {type:'pinned', messageId, pinned}
 *                  | {type:'announcement', announcementId, title} | {type:'ack', clientId, messageId} | {type:'error', clientId?, problem} | {type:'pong'}
 */

const Params = z.object({ groupId: z.string().min(1).max(64) });
const Query = z.object({ token: z.string().max(200).optional() });
const ClientMessage = z.union([
  z.object({ type: z.literal('send'), clientId: z.string().max(64).optional(), message: chatInput }),
  z.object({ type: z.literal('read'), messageId: z.string().max(64) }),
  z.object({ type: z.literal('ping') }),
]);

/** The part of ws's WebSocket this route uses (ws ships no type declarations in this install). */
interface ChatSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (raw: Buffer) => void): void;
  on(event: 'close', listener: () => void): void;
}
const OPEN = 1;

const opened = new WeakMap<FastifyRequest, { groupId: string; communityId: string }>();

export default async function communitySocketRoutes(app: App) {
  app.get(
    '/api/v1/community-groups/:groupId/socket',
    {
      websocket: true,
      config: { permission: 'user' },
      schema: { hide: true },
      // Before the permission check: a browser's WebSocket carries the session in the query string or cookie.
      preValidation: async (req) => {
        const { token } = Query.parse(req.query);
        if (req.actor.kind === 'anonymous' && token) req.actor = await resolveActor(req.server.deps, token);
      },
      preHandler: async (req) => {
        const { groupId } = Params.parse(req.params);
        const { community } = await openGroup(req.server.deps.database.db, ctxOf(req), groupId);
        opened.set(req, { groupId, communityId: community.id });
      },
    },
    (socket: ChatSocket, req: FastifyRequest) => {
      const { groupId, communityId } = opened.get(req)!;
      const bus = req.server.deps.realtime;
      const send = (data: unknown) => {
        if (socket.readyState === OPEN) socket.send(JSON.stringify(data));
      };
      const unsubscribe = [bus.subscribe(groupChannel(groupId), send), bus.subscribe(`community:${communityId}`, send)];
      socket.on('close', () => unsubscribe.forEach((u) => u()));
      socket.on('message', (raw: Buffer) => {
        void handle(req, groupId, String(raw), send).catch((err: unknown) => {
          req.log.error({ err }, 'community socket message failed');
          send({
            type: 'error',
            problem: { type: 'internal-error', title: '服务器开小差了，请稍后再试', status: 500 },
          });
        });
      });
      void bus.ready().then(
        () => send({ type: 'ready', groupId }),
        (err: unknown) => {
          req.log.error({ err }, 'realtime subscription failed');
          socket.close(1011, 'realtime unavailable');
        },
      );
    },
  );
}

async function handle(req: FastifyRequest, groupId: string, raw: string, send: (data: unknown) => void) {
  let parsed;
  try {
    parsed = ClientMessage.safeParse(JSON.parse(raw));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) {
    send({
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
  if (msg.type === 'ping') return send({ type: 'pong' });
  const ctx = ctxOf(req);
  try {
    if (msg.type === 'read') {
      await markRead(ctx, groupId, msg.messageId);
      return;
    }
    const result = await sendChatMessage(ctx, groupId, msg.message);
    if (result.ok) send({ type: 'ack', clientId: msg.clientId, messageId: result.value.id });
    else
      send({
        type: 'error',
        clientId: msg.clientId,
        problem: { type: result.type, title: result.title, status: result.status, detail: result.detail },
      });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    send({ type: 'error', problem: { type: err.type, title: err.title, status: err.status, detail: err.detail } });
  }
}
