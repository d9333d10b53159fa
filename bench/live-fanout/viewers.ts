// One client worker of bench/live-fanout (a child process; the runner forks several so the clients use every core):
// holds a share of the anonymous viewer sockets of the room and measures what they receive. For every bench chat
// message in a batch it records, per viewer, the delivery latency (receive time − the send time in the text).
//
// The same batch reaches every viewer as identical bytes, so the worker decodes each distinct frame once and looks
// later copies up by byte comparison: 10,000 sockets must not cost the client 10,000 JSON.parse calls per batch,
// or the client, not the server, would be what the bench measures.
import { histogramCount, newHistogram, record } from './stats.ts';
import { type ClientSocket, openSocket, opened, sentAtOf } from './ws.ts';

export type ToWorker =
  | { cmd: 'connect'; url: string; total: number; concurrency: number }
  | { cmd: 'measure'; since: number }
  | { cmd: 'report' }
  | { cmd: 'exit' };

export type FromWorker =
  | { ev: 'connected'; open: number; failed: number; firstError: string | null }
  | {
      ev: 'report';
      open: number;
      closedByServer: number;
      frames: number;
      delivered: number;
      dropped: number;
      /** Send time (in the text) → receipt: the whole path. */
      histogram: number[];
      /** The message's server time (`at`, when the server accepted it) → receipt: the fan-out's share. */
      fanoutHistogram: number[];
      cpuSeconds: number;
    };

interface Decoded {
  frame: Buffer;
  /** Send times of the bench chat messages in the batch, and the server's time of each (`message.at`). */
  sentAt: number[];
  serverAt: number[];
  dropped: number;
}

const sockets = new Set<ClientSocket>();
let closedByServer = 0;
let since = Number.POSITIVE_INFINITY;
let histogram = newHistogram();
let fanoutHistogram = newHistogram();
let frames = 0;
let dropped = 0;
let cpuAtStart = process.cpuUsage();
/** The last distinct frames: every viewer gets the same few within a batch interval. */
const recent: Decoded[] = [];

function decode(frame: Buffer): Decoded {
  for (const d of recent) if (d.frame.length === frame.length && d.frame.equals(frame)) return d;
  const decoded: Decoded = { frame, sentAt: [], serverAt: [], dropped: 0 };
  const message = JSON.parse(frame.toString()) as {
    type: string;
    events?: { type: string; count?: number; message?: { text: string; at: string } }[];
  };
  if (message.type === 'batch') {
    for (const e of message.events ?? []) {
      if (e.type === 'chat-dropped') decoded.dropped += e.count ?? 0;
      const at = e.type === 'chat' && e.message ? sentAtOf(e.message.text) : null;
      if (at !== null) {
        decoded.sentAt.push(at);
        decoded.serverAt.push(Date.parse(e.message!.at));
      }
    }
  }
  recent.unshift(decoded);
  if (recent.length > 8) recent.pop();
  return decoded;
}

function onFrame(frame: Buffer): void {
  const now = Date.now();
  const d = decode(frame);
  frames++;
  dropped += d.dropped;
  for (let i = 0; i < d.sentAt.length; i++) {
    if (d.sentAt[i]! < since) continue;
    record(histogram, now - d.sentAt[i]!);
    record(fanoutHistogram, now - d.serverAt[i]!);
  }
}

async function connect(url: string, total: number, concurrency: number): Promise<void> {
  let failed = 0;
  let firstError: string | null = null;
  const one = async () => {
    const socket = openSocket(url);
    socket.on('message', onFrame);
    try {
      await opened(socket);
      sockets.add(socket);
      socket.on('close', () => {
        if (sockets.delete(socket)) closedByServer++;
      });
    } catch (err) {
      failed++;
      firstError ??= (err as Error).message;
      socket.terminate();
    }
  };
  const wanted = total - sockets.size;
  let started = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, wanted) }, async () => {
      while (started < wanted) {
        started++;
        await one();
      }
    }),
  );
  send({ ev: 'connected', open: sockets.size, failed, firstError });
}

function send(message: FromWorker): void {
  process.send!(message);
}

process.on('message', (message: ToWorker) => {
  if (message.cmd === 'connect') void connect(message.url, message.total, message.concurrency);
  else if (message.cmd === 'measure') {
    since = message.since;
    histogram = newHistogram();
    fanoutHistogram = newHistogram();
    frames = 0;
    dropped = 0;
    cpuAtStart = process.cpuUsage();
  } else if (message.cmd === 'report') {
    const cpu = process.cpuUsage(cpuAtStart);
    send({
      ev: 'report',
      open: sockets.size,
      closedByServer,
      frames,
      delivered: histogramCount(histogram),
      dropped,
      histogram,
      fanoutHistogram,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    });
    since = Number.POSITIVE_INFINITY;
  } else {
    for (const socket of sockets) socket.terminate();
    sockets.clear();
    process.exit(0);
  }
});
