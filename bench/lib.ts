// Shared benchmark machinery: throw-away PostgreSQL databases, the production server as a child process,
// an open-loop load driver and percentiles. Everything targets 127.0.0.1 and stops by itself.
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function createScratchDatabase(
  adminUrl: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface ServerProcess {
  baseUrl: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A run that crashes or gives up must not leave its server behind, holding the port and its database. */
function dieWithParent(child: ChildProcess) {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

// Stable across runs (a benchmark database may be reused) and throw-away: never a real deployment's key.
export const runDataKey =
  process.env.DATA_ENCRYPTION_KEY ?? createHash('sha256').update('haowu-bench-data-key').digest('hex');

/** Starts `node apps/server/src/main.ts` in production mode and waits for /api/health. */
export async function startServer(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'apps/server/src/main.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      RATE_LIMIT_ENABLED: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      // Production refuses the public default secrets (docs/SECURITY.md); a throw-away server gets throw-away ones.
      PAYMENT_SANDBOX_SECRET: randomBytes(32).toString('hex'),
      ANALYTICS_PSEUDONYM_SECRET: randomBytes(32).toString('hex'),
      // One field-encryption master key for every process of this run: they seal into the same database.
      DATA_ENCRYPTION_KEY: runDataKey,
      // e.g. BENCH_SERVER_NODE_OPTIONS=--cpu-prof to profile the server alone
      NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  dieWithParent(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  // First start seeds the demo data, which takes a while on a busy 2-core machine.
  // SERVER_START_SECONDS stretches it on a machine shared with other work.
  const deadline = Date.now() + Number(process.env.SERVER_START_SECONDS ?? 240) * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy within ${process.env.SERVER_START_SECONDS ?? 240} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null) return;
      child.kill(signal);
      // A graceful stop waits for open transactions (a background job's); a bench does not wait minutes for one.
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await once(child, 'exit');
      clearTimeout(killer);
    },
  };
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux). Differences over a run give the
 * server's CPU per order, which unlike latency does not depend on how busy the rest of the machine is.
 */
const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** `processCpuMs` of a process and its direct children (the node:cluster workers of a multi-process server). */
export function processTreeCpuMs(pid: number): number {
  let total = processCpuMs(pid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) total += processCpuMs(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}

/** Sums the statement histograms SQL_TRACE=`prefix` wrote (one file per process, `prefix.<pid>`, at SIGTERM). */
export function tracedStatements(prefix: string): number {
  const dir = path.dirname(prefix);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${path.basename(prefix)}.`))
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line.split('\t')[0]), 0);
}

/**
 * `npm run worker` (jobs and outbox dispatch) as its own process, for a server started with WORKERS_ENABLED=false.
 * `statements()` after `stop()`: the SQL statements it sent over its whole life (written by SQL_TRACE at SIGTERM).
 */
export function startWorker(env: Record<string, string>) {
  const trace = path.join(os.tmpdir(), `haowu-bench-worker-${process.pid}-${Date.now()}`);
  const child = spawn(process.execPath, [path.join(repoRoot, 'apps/server/src/worker.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PAYMENT_SANDBOX_SECRET: randomBytes(32).toString('hex'),
      ANALYTICS_PSEUDONYM_SECRET: randomBytes(32).toString('hex'),
      DATA_ENCRYPTION_KEY: runDataKey,
      SQL_TRACE: trace,
      NODE_OPTIONS: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  dieWithParent(child);
  return {
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await once(child, 'exit');
      clearTimeout(killer);
    },
    statements: () => tracedStatements(trace),
  };
}

/** Requests per second of the same server's trivial endpoint, driven by autocannon. */
export async function measureHello(baseUrl: string, seconds = 5, connections = 32): Promise<number> {
  const result = await autocannon({ url: `${baseUrl}/api/hello`, connections, duration: seconds, pipelining: 1 });
  return result.requests.average;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Open-loop load: starts `task` at a fixed rate for `seconds`, whatever the latency, with at most
 * `maxInFlight` outstanding (arrivals beyond that are counted as dropped, not queued).
 */
export async function fixedRate<T>(opts: {
  rate: number;
  seconds: number;
  maxInFlight: number;
  task: (i: number) => Promise<T>;
}) {
  const latencies: number[] = [];
  let failures = 0;
  let dropped = 0;
  let inFlight = 0;
  const started = performance.now();
  const total = Math.round(opts.rate * opts.seconds);
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= opts.maxInFlight) {
      dropped++;
      continue;
    }
    inFlight++;
    const t0 = performance.now();
    pending.push(
      opts
        .task(i)
        .then(() => void latencies.push(performance.now() - t0))
        .catch(() => void failures++)
        .finally(() => void inFlight--),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { completed: latencies.length, failures, dropped, elapsed, latencies };
}

export function gitCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: repoRoot }).toString().trim();
  } catch {
    return 'unknown';
  }
}
