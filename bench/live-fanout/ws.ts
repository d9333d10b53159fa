// The ws client, typed by hand: the package ships no declarations here and is installed through the server's
// @fastify/websocket (hoisted to the root node_modules).
import { createRequire } from 'node:module';

export interface ClientSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  terminate(): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
}

type ClientSocketClass = new (
  url: string,
  options: {
    perMessageDeflate: boolean;
    skipUTF8Validation: boolean;
    handshakeTimeout: number;
    headers?: Record<string, string>;
  },
) => ClientSocket;

const require = createRequire(import.meta.url);
const WebSocketClass = require('ws') as ClientSocketClass;

/**
 * A client socket configured for load: no compression, no UTF-8 re-validation of what the server sends. A signed-in
 * client sends its session cookie with the handshake, as the shop's browser does (the server takes no token in the
 * URL; docs/SECURITY.md).
 */
export function openSocket(url: string, headers?: Record<string, string>): ClientSocket {
  return new WebSocketClass(url, {
    perMessageDeflate: false,
    skipUTF8Validation: true,
    handshakeTimeout: 60_000,
    ...(headers ? { headers } : {}),
  });
}

/** Resolves when the socket is open; rejects on an error (a refused upgrade reads "Unexpected server response: 403"). */
export function opened(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.on('open', resolve);
    socket.on('error', reject);
  });
}

/** The text a bench sender puts in a chat message: a marker, a sequence number and the send time (epoch ms). */
export const CHAT_MARK = '压测';
export const chatText = (seq: number, sentAt: number): string => `${CHAT_MARK}${seq}@${sentAt}`;
export function sentAtOf(text: string): number | null {
  if (!text.startsWith(CHAT_MARK)) return null;
  const at = Number(text.slice(text.lastIndexOf('@') + 1));
  return Number.isFinite(at) ? at : null;
}
