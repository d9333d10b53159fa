import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { type ClientSocket, errorFrame, onClientFrames, signInFromTicket, SOCKET_OPEN } from '../../platform/socket.ts';
import { ctxOf } from '../../platform/context.ts';
import { redeemSocketTicket } from '../accounts/api.ts';
import { markRead } from './chat-admin.ts';
import { groupChannel, openGroup, sendChatMessage } from './chat.ts';
import { chatInput } from './dto.ts';

/**
 * Group chat over WebSocket: GET /api/v1/community-groups/:groupId/socket (session cookie `haowu_session`, a Bearer
 * header, or a single-use `?ticket=` from POST /api/v1/socket-tickets). Only members of the group (and the
 * community's moderators and owners) may connect. Messages go through the same use-case as the HTTP route:
 * persisted first, then published on the group's channel; every process forwards the channel to its own sockets.
 *
 * Client → server: {type:'send', clientId?, message: {kind, text?, imageUrls?, productId?}} | {type:'read', messageId} | {type:'ping'}
 * Server → client: {type:'ready'} | {type:'message', message} | {type:'removed', messageId} | {type:'pinned', messageId, pinned}
 *                  | {type:'announcement', announcementId, title} | {type:'ack', clientId, messageId} | {type:'error', clientId?, problem} | {type:'pong'}
 */

const Params = z.object({ groupId: z.string().min(1).max(64) });
const ClientMessage = z.union([
  z.object({ type: z.literal('send'), clientId: z.string().max(64).optional(), message: chatInput }),
  z.object({ type: z.literal('read'), messageId: z.string().max(64) }),
  z.object({ type: z.literal('ping') }),
]);

const opened = new WeakMap<FastifyRequest, { groupId: string; communityId: string }>();

export default async function communitySocketRoutes(app: App) {
  app.get(
    '/api/v1/community-groups/:groupId/socket',
    {
      websocket: true,
      config: { permission: 'user' },
      schema: { hide: true },
      // Before the permission check: a browser's WebSocket carries the session in the query string or cookie.
      onRequest: signInFromTicket(redeemSocketTicket),
      preHandler: async (req) => {
        const { groupId } = Params.parse(req.params);
        const { community } = await openGroup(req.server.deps.database.db, ctxOf(req), groupId);
        opened.set(req, { groupId, communityId: community.id });
      },
    },
    (socket: ClientSocket, req: FastifyRequest) => {
      const { groupId, communityId } = opened.get(req)!;
      const bus = req.server.deps.realtime;
      const send = (data: unknown) => {
        if (socket.readyState === SOCKET_OPEN) socket.send(JSON.stringify(data));
      };
      const unsubscribe = [bus.subscribe(groupChannel(groupId), send), bus.subscribe(`community:${communityId}`, send)];
      socket.on('close', () => unsubscribe.forEach((u) => u()));
      socket.on(
        'message',
        onClientFrames(req, ClientMessage, send, async (msg) => {
          const ctx = ctxOf(req);
          if (msg.type === 'read') {
            await markRead(ctx, groupId, msg.messageId);
            return;
          }
          if (msg.type !== 'send') return;
          const result = await sendChatMessage(ctx, groupId, msg.message);
          send(
            result.ok
              ? { type: 'ack', clientId: msg.clientId, messageId: result.value.id }
              : errorFrame(result, msg.clientId),
          );
        }),
      );
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
