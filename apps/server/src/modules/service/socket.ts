import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type ClientSocket, onClientFrames, signInFromTicket, SOCKET_OPEN } from '../../platform/socket.ts';
import { redeemSocketTicket } from '../accounts/api.ts';
import { consumerConversation, deskOf } from './access.ts';
import { markReadByConsumer } from './conversations.ts';
import { conversationChannel, deskChannel } from './messages.ts';

/**
 * Realtime for customer service. Messages are sent over HTTP (persisted first); sockets only carry what happened,
 * published on the realtime bus so every process forwards it to its own sockets.
 *
 * GET /api/v1/service/conversations/:id/socket — the consumer's conversation.
 * GET /api/v1/service/desk/socket?desk=shop|platform — every conversation of the desk, for the workbench.
 * Server → client: {type:'ready', lastSeq?} | {type:'message', message} | {type:'read', conversationId, side, seq}
 *                  | {type:'conversation', conversationId, status, agentId} | {type:'sla-breached', conversationId, dueAt} | {type:'pong'}
 * Client → server: {type:'read', seq} (consumer) | {type:'ping'}
 * After a reconnect, `ready` carries the conversation's lastSeq: the client fetches messages?afterSeq=<its last seq>.
 */

const Params = z.object({ id: z.string().min(1).max(64) });
const DeskParams = z.object({ desk: z.enum(['shop', 'platform']).default('shop') });
const ConsumerFrame = z.union([
  z.object({ type: z.literal('read'), seq: z.number().int().min(0) }),
  z.object({ type: z.literal('ping') }),
]);
const DeskFrame = z.object({ type: z.literal('ping') });

const channels = new WeakMap<FastifyRequest, { channel: string; lastSeq?: number; conversationId?: string }>();

export default async function serviceSocketRoutes(app: App) {
  const opts = { websocket: true as const, config: { permission: 'user' as const }, schema: { hide: true } };

  app.get(
    '/api/v1/service/conversations/:id/socket',
    {
      ...opts,
      onRequest: signInFromTicket(redeemSocketTicket),
      preHandler: async (req) => {
        const { id } = Params.parse(req.params);
        const row = await consumerConversation(ctxOf(req), req.server.deps.database.db, id);
        channels.set(req, { channel: conversationChannel(id), lastSeq: row.lastSeq, conversationId: id });
      },
    },
    (socket: ClientSocket, req: FastifyRequest) => {
      const opened = channels.get(req)!;
      const send = serve(socket, req, opened.channel, { lastSeq: opened.lastSeq });
      socket.on(
        'message',
        onClientFrames(req, ConsumerFrame, send, async (msg) => {
          if (msg.type === 'read') await markReadByConsumer(ctxOf(req), opened.conversationId!, msg.seq);
        }),
      );
    },
  );

  app.get(
    '/api/v1/service/desk/socket',
    {
      ...opts,
      onRequest: signInFromTicket(redeemSocketTicket),
      preHandler: async (req) => {
        const { desk } = DeskParams.parse(req.query);
        channels.set(req, { channel: deskChannel(deskOf(ctxOf(req), desk).desk) });
      },
    },
    (socket: ClientSocket, req: FastifyRequest) => {
      const send = serve(socket, req, channels.get(req)!.channel, {});
      socket.on(
        'message',
        onClientFrames(req, DeskFrame, send, () => Promise.resolve()),
      );
    },
  );
}

/** Forwards the channel to the socket until it closes; says `ready` once the subscription is active. */
function serve(socket: ClientSocket, req: FastifyRequest, channel: string, ready: { lastSeq?: number | undefined }) {
  const bus = req.server.deps.realtime;
  const send = (data: unknown) => {
    if (socket.readyState === SOCKET_OPEN) socket.send(JSON.stringify(data));
  };
  const unsubscribe = bus.subscribe(channel, send);
  socket.on('close', unsubscribe);
  void bus.ready().then(
    () => send({ type: 'ready', ...ready }),
    (err: unknown) => {
      req.log.error({ err }, 'realtime subscription failed');
      socket.close(1011, 'realtime unavailable');
    },
  );
  return send;
}
