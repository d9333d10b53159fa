// npm run bench:live-fanout — one live room on ONE production server process: VIEWERS anonymous viewer sockets (spread
// over CLIENT_WORKERS client processes) and RATE chat messages per second from signed-in accounts for SECONDS per
// level. Per level: viewers connected, messages sent/s, deliveries/s (summed over viewers), delivery latency p50/p99
// (receive time − send time carried in the text), chat-dropped, server CPU and RSS, client CPU and the load average.
// TARGET=harness runs the same load against the fan-out alone (bench/live-fanout/harness.ts, no database).
// Prints and writes bench/results/live-fanout.json and live-fanout-<pglite|postgres|harness>.json.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitCommit, measureHello, repoRoot, startServer } from '../lib.ts';
import { ChatSenders } from './senders.ts';
import { prepareLiveWorld } from './setup.ts';
import { cpuMeter, histogramCount, histogramPercentile, mergeInto, newHistogram, processRssMiB } from './stats.ts';
import type { FromWorker, ToWorker } from './viewers.ts';

const VIEWERS = (process.env.VIEWERS ?? '1000,5000,10000').split(',').map(Number);
const RATE = Number(process.env.RATE ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 20);
const CLIENT_WORKERS = Number(process.env.CLIENT_WORKERS ?? 4);
const PORT = Number(process.env.PORT ?? 4121);
const TARGET = process.env.TARGET === 'harness' ? 'harness' : 'server';
const DATABASE_URL = process.env.DATABASE_URL;
// PROCESSES > 1: the server as that many node:cluster processes on one port (viewers spread over them by the
// cluster's round-robin accept), rooms shared through the Redis bus — needs DATABASE_URL and REDIS_URL.
const PROCESSES = Number(process.env.PROCESSES ?? 1);
const REDIS_URL = process.env.REDIS_URL;
if (PROCESSES > 1 && (!DATABASE_URL || !REDIS_URL || TARGET !== 'server'))
  throw new Error('PROCESSES > 1 needs TARGET=server, DATABASE_URL and REDIS_URL (the rooms share the Redis bus)');
/** After the last message: time for the last batch to arrive before the workers report. */
const GRACE_MS = 1_500;
const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => console.log(`[bench:live-fanout] ${line}`);

const senderCount = ChatSenders.accountsFor(RATE);
log(
  `${TARGET === 'harness' ? 'fan-out harness' : DATABASE_URL ? 'server on PostgreSQL' : 'server on PGlite'} · ${PROCESSES} process(es)${REDIS_URL ? ' · Redis' : ''} · viewers ${VIEWERS.join('/')} · ${RATE} msg/s · ${SECONDS} s per level · ${CLIENT_WORKERS} client workers · ${senderCount} chat accounts`,
);

const world =
  TARGET === 'server'
    ? await prepareLiveWorld({ senders: senderCount, databaseUrl: DATABASE_URL })
    : {
        env: {},
        database: 'none',
        sessionId: 'bench',
        tokens: Array.from({ length: senderCount }, (_, i) => `t${i}`),
        drop: async () => {},
      };
const server =
  TARGET === 'server'
    ? await startProduction(
        { ...world.env, SERVER_PROCESSES: String(PROCESSES), ...(REDIS_URL ? { REDIS_URL } : {}) },
        PORT,
      )
    : await startHarness(PORT);
const socketUrl = `ws://127.0.0.1:${PORT}/api/v1/live/sessions/${world.sessionId}/socket`;
const workers = Array.from({ length: CLIENT_WORKERS }, () =>
  fork(path.join(here, 'viewers.ts'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
);
const senders = new ChatSenders();
const levels = [];
let helloPerSec: number | null = null;
try {
  if (TARGET === 'server') {
    // The same server's trivial endpoint, as in the other benches: how fast this machine is right now.
    helloPerSec = Math.round(await measureHello(`http://127.0.0.1:${PORT}`, 3, 32));
    log(`hello: ${helloPerSec} req/s`);
  }
  await senders.open(socketUrl, world.tokens);
  const serverCpu = cpuMeter(server.pid);
  for (const viewers of VIEWERS) {
    const connectStarted = performance.now();
    const connected = await Promise.all(
      workers.map((w, i) =>
        ask(w, { cmd: 'connect', url: socketUrl, total: share(viewers, i), concurrency: 25 }, 'connected'),
      ),
    );
    const open = connected.reduce((n, c) => n + c.open, 0);
    const failed = connected.reduce((n, c) => n + c.failed, 0);
    const connectSeconds = Number(((performance.now() - connectStarted) / 1000).toFixed(1));
    log(
      `${open} viewers connected (${failed} failed${failed ? `: ${connected.find((c) => c.firstError)?.firstError}` : ''}) in ${connectSeconds} s`,
    );
    await new Promise((r) => setTimeout(r, 2_500)); // the connect burst settles; presence has reported once

    const load1 = os.loadavg()[0]!;
    const since = Date.now();
    for (const w of workers) w.send({ cmd: 'measure', since } satisfies ToWorker);
    serverCpu.reset();
    const ownCpu = process.cpuUsage();
    const measureStarted = performance.now();
    const sent = await senders.run(RATE, SECONDS);
    await new Promise((r) => setTimeout(r, GRACE_MS));
    const cpuPercent = serverCpu.percent();
    const measuredSeconds = (performance.now() - measureStarted) / 1000;
    const reports = await Promise.all(workers.map((w) => ask(w, { cmd: 'report' }, 'report')));
    const own = process.cpuUsage(ownCpu);

    const histogram = newHistogram();
    const fanoutHistogram = newHistogram();
    for (const r of reports) {
      mergeInto(histogram, r.histogram);
      mergeInto(fanoutHistogram, r.fanoutHistogram);
    }
    const delivered = histogramCount(histogram);
    const viewersOpen = reports.reduce((n, r) => n + r.open, 0);
    const clientCpuSeconds = reports.reduce((n, r) => n + r.cpuSeconds, 0) + (own.user + own.system) / 1e6;
    const level = {
      viewers: viewersOpen,
      viewersWanted: viewers,
      connectFailures: failed,
      connectSeconds,
      closedByServer: reports.reduce((n, r) => n + r.closedByServer, 0),
      sentPerSec: Number((sent.sent / sent.seconds).toFixed(1)),
      sent: sent.sent,
      acked: senders.acked,
      ackMs: senders.ackLatency(),
      chatErrors: senders.errors,
      deliveredPerSec: Math.round(delivered / sent.seconds),
      deliveryRatio: Number((delivered / Math.max(1, sent.sent * viewersOpen)).toFixed(4)),
      p50Ms: histogramPercentile(histogram, 50),
      p99Ms: histogramPercentile(histogram, 99),
      maxMs: histogramPercentile(histogram, 100),
      // The message's server time → receipt: batching + writing, without the chat handling before it (ackMs).
      fanoutMs: { p50Ms: histogramPercentile(fanoutHistogram, 50), p99Ms: histogramPercentile(fanoutHistogram, 99) },
      chatDroppedPerViewer: Math.round(reports.reduce((n, r) => n + r.dropped, 0) / Math.max(1, viewersOpen)),
      framesPerViewerPerSec: Number(
        (reports.reduce((n, r) => n + r.frames, 0) / Math.max(1, viewersOpen) / measuredSeconds).toFixed(1),
      ),
      serverCpuPercent: cpuPercent,
      serverRssMiB: processRssMiB(server.pid),
      clientCpuPercent: Math.round((clientCpuSeconds / measuredSeconds) * 100),
      loadAverage: [Number(load1.toFixed(2)), Number(os.loadavg()[0]!.toFixed(2))],
    };
    log(`${viewers}: ${JSON.stringify(level)}`);
    levels.push(level);
  }
} finally {
  for (const w of workers) w.send({ cmd: 'exit' } satisfies ToWorker);
  senders.close();
  await server.stop();
  await world.drop();
}

const last = levels.at(-1)!;
const result = {
  target: TARGET,
  database: world.database,
  processes: PROCESSES,
  redis: Boolean(REDIS_URL),
  rate: RATE,
  secondsPerLevel: SECONDS,
  chatAccounts: senderCount,
  clientWorkers: CLIENT_WORKERS,
  helloPerSec,
  levels,
  goal: {
    viewers: 10_000,
    rate: 50,
    p99Ms: 250,
    met: last.viewers >= 10_000 && RATE >= 50 && last.p99Ms < 250 && last.deliveryRatio >= 0.99,
  },
  cpus: os.cpus().length,
  node: process.version,
  date: new Date().toISOString(),
  commit: gitCommit(),
};
console.log(JSON.stringify(result, null, 2));
const dir = path.join(repoRoot, 'bench/results');
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'live-fanout.json'), `${JSON.stringify(result, null, 2)}\n`);
await writeFile(
  path.join(dir, `live-fanout-${TARGET === 'harness' ? 'harness' : world.database}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
process.exit(0);

/** Viewers of client worker i when `total` are spread evenly. */
function share(total: number, i: number): number {
  return Math.floor(total / CLIENT_WORKERS) + (i < total % CLIENT_WORKERS ? 1 : 0);
}

function ask<E extends FromWorker['ev']>(
  worker: ChildProcess,
  message: ToWorker,
  ev: E,
): Promise<Extract<FromWorker, { ev: E }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromWorker) => {
      if (m.ev !== ev) return;
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(m as Extract<FromWorker, { ev: E }>);
    };
    const onExit = (code: number) => reject(new Error(`client worker exited with ${code}`));
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    worker.send(message);
  });
}

async function startProduction(env: Record<string, string>, port: number) {
  const s = await startServer(env, port);
  return { pid: s.child.pid!, stop: () => s.stop() };
}

async function startHarness(port: number) {
  const child = spawn(process.execPath, [path.join(here, 'harness.ts'), String(port)], {
    env: { ...process.env, NODE_ENV: 'production', NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let tries = 0; ; tries++) {
    if (tries > 100) throw new Error('harness did not start');
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
