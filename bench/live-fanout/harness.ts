// The fan-out alone (TARGET=harness): a bare HTTP + ws server that speaks the room socket's protocol with the real
// LiveFanout and the in-process bus, and nothing else — no database, sessions, rate limits or moderation. Comparing
// it with the full server in the same conditions shows what the rest of the request path costs.
// Usage: node bench/live-fanout/harness.ts <port>
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import { pino } from 'pino';
import { roomChannel } from '../../apps/server/src/modules/live/channel.ts';
import { LiveFanout, type RoomSocket } from '../../apps/server/src/modules/live/fanout.ts';
import { systemClock } from '../../apps/server/src/platform/clock.ts';
import { InProcessRealtimeBus } from '../../apps/server/src/platform/realtime.ts';

interface ServerSocket extends RoomSocket {
  on(event: 'message', listener: (raw: Buffer) => void): void;
  on(event: 'close', listener: () => void): void;
}
interface WsServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, done: (ws: ServerSocket) => void): void;
}
const require = createRequire(import.meta.url);
const { WebSocketServer } = require('ws') as {
  WebSocketServer: new (o: { noServer: true; perMessageDeflate: false }) => WsServer;
};

const port = Number(process.argv[2] ?? 4122);
const log = pino({ level: 'warn' });
const bus = new InProcessRealtimeBus(log);
const fanout = new LiveFanout({ realtime: bus, clock: systemClock, log });
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const PATH = /^\/api\/v1\/live\/sessions\/([\w-]+)\/socket(\?|$)/;

const server = createServer((req, res) => {
  res.writeHead(req.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' }).end('{}');
});
server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
  const sessionId = PATH.exec(req.url ?? '')?.[1];
  if (!sessionId) return socket.destroy();
  // Signed-in senders carry the session cookie, as they do against the real server.
  const signedIn = req.headers.cookie !== undefined;
  wss.handleUpgrade(req, socket, head, (ws) => {
    const leave = fanout.join(sessionId, ws, { staff: false });
    ws.on('close', leave);
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string; clientId?: string; text?: string };
      if (msg.type === 'ping') return fanout.direct(ws, { type: 'pong' });
      if (msg.type !== 'chat' || !signedIn) return;
      const id = randomUUID();
      const message = {
        id,
        userId: 'bench',
        nickname: '压测观众',
        avatarUrl: null,
        text: msg.text ?? '',
        at: new Date().toISOString(),
      };
      void bus.publish(roomChannel(sessionId), { type: 'chat', message });
      fanout.direct(ws, { type: 'ack', clientId: msg.clientId, messageId: id });
    });
    fanout.direct(ws, { type: 'ready', snapshot: { id: sessionId } });
  });
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  void fanout.close();
  server.close();
  process.exit(0);
});
