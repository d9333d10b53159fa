import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { Actor } from './auth.ts';
import { AppError } from './errors.ts';

// What every WebSocket route does the same way (group chat, live room): sign in from a `?ticket=`, parse each
// client frame against a schema, answer ping, and turn refusals and errors into `error` frames carrying an RFC 9457
// problem — never a stack. Each route keeps its own connect flow and messages.

/** The part of ws's WebSocket the socket routes use (ws ships no type declarations in this install). */
export interface ClientSocket {
  readonly readyState: number;
  send(data: string | Buffer, options?: { binary?: boolean }): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (raw: Buffer) => void): void;
  on(event: 'close', listener: () => void): void;
}

export const SOCKET_OPEN = 1;

export type ReplyFrame = (frame: object) => void;

interface ProblemLike {
  type: string;
  title: string;
  status: number;
  detail?: string | undefined;
}

/** An error frame for a refusal or an AppError; `clientId` ties it to the client's message. */
export const errorFrame = (problem: ProblemLike, clientId?: string) => ({
  type: 'error',
  ...(clientId === undefined ? {} : { clientId }),
  problem: { type: problem.type, title: problem.title, status: problem.status, detail: problem.detail },
});

/**
 * A route onRequest hook (after the app's session hook, before the permission check in preValidation): a socket
 * signs in with the session cookie (browsers send it with the handshake), a Bearer
 * header, or a single-use `?ticket=` from POST /api/v1/socket-tickets. The long-lived session token is never
 * accepted in the URL: URLs are written to logs and proxies' access logs.
 */
export const signInFromTicket =
  (redeem: (deps: Deps, ticket: string) => Promise<Actor>) =>
  async (req: FastifyRequest): Promise<void> => {
    const { ticket } = req.query as { ticket?: unknown };
    if (req.actor.kind === 'anonymous' && typeof ticket === 'string' && ticket.length > 0 && ticket.length <= 200)
      req.actor = await redeem(req.server.deps, ticket);
  };

/**
 * The socket's message listener. A frame that is not JSON or that the schema refuses is answered with
 * `validation-failed`; `ping` with `pong`; anything else goes to `handle`, whose AppErrors become error frames for
 * the message's clientId. Any other failure is logged and answered with `internal-error`.
 */
export function onClientFrames<M extends { type: string }>(
  req: FastifyRequest,
  schema: z.ZodType<M>,
  reply: ReplyFrame,
  handle: (message: M) => Promise<void>,
): (raw: Buffer) => void {
  const run = async (text: string) => {
    let parsed: z.ZodSafeParseResult<M> | undefined;
    try {
      parsed = schema.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      const detail = parsed?.error.issues[0]?.message;
      return reply(errorFrame({ type: 'validation-failed', title: '消息格式不正确', status: 400, detail }));
    }
    const message = parsed.data;
    if (message.type === 'ping') return reply({ type: 'pong' });
    try {
      await handle(message);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const clientId = 'clientId' in message && typeof message.clientId === 'string' ? message.clientId : undefined;
      reply(errorFrame(err, clientId));
    }
  };
  return (raw) => {
    void run(String(raw)).catch((err: unknown) => {
      req.log.error({ err }, 'socket message failed');
      reply(errorFrame({ type: 'internal-error', title: '服务器开小差了，请稍后再试', status: 500 }));
    });
  };
}
