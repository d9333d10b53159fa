// npm run bench:analytics — behaviour events at scale: generate BENCH_EVENTS (default 10M; BENCH_EVENTS=1000000
// for a quick try), ingest them through the PostgreSQL inbox and the loader into embedded DuckDB, then time the
// funnel (view → add_to_cart → checkout → pay within a day, per channel), weekly retention cohorts and the 大屏
// snapshot on the engine, and the same funnel on PostgreSQL over the same rows as the reference.
// Writes bench/results/analytics.json. Needs PostgreSQL (BENCH_DATABASE_URL, an admin URL; a scratch database is
// created and dropped). The queries are the insights functions the console calls (funnelReport, retentionReport,
// realtimeSnapshot); postgres-reference.ts computes the same funnel on PostgreSQL and the bench fails if they differ.
import { execSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import {
  type BehaviourEvent,
  copyCsvIntoInbox,
  csvChunks,
  eventRow,
} from '../../apps/server/src/modules/analytics/api.ts';
import { EventLoader } from '../../apps/server/src/modules/analytics/loader.ts';
import { funnelReport, realtimeSnapshot, retentionReport } from '../../apps/server/src/modules/insights/api.ts';
import type { Deps } from '../../apps/server/src/deps.ts';
import { DuckDbEngine } from '../../apps/server/src/platform/analytics/duckdb.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { HistoryGenerator } from '../../apps/server/src/seed/behaviour-history.ts';
import { createScratchDatabase, repoRoot } from '../lib.ts';
import { type FunnelCounts, postgresFunnel } from './postgres-reference.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Events per inbox transaction (one COPY). */
const CHUNK = 200_000;
const PRODUCTS = 5_000;
const RUNS = 3;
const FUNNEL_STEPS = ['view', 'add_to_cart', 'checkout', 'pay'];

// The code measured: read now, not when a long run ends (a commit made meanwhile is not what ran).
const commit = execSync('git rev-parse --short HEAD', { cwd: repoRoot }).toString().trim();
const startLoadAverage = os.loadavg().map((x) => Math.round(x * 10) / 10);
const scratch = await createScratchDatabase(ADMIN_URL, 'bench_analytics');
const dir = await mkdtemp(path.join(os.tmpdir(), 'haowu-bench-analytics-'));
const database = await openDatabase({ url: scratch.url, poolSize: 4 });
const engine = await DuckDbEngine.open(path.join(dir, 'events.duckdb'));
try {
  await database.migrate();
  const loader = new EventLoader(database, engine);

  // ---- generation, then ingest: COPY into the inbox, load into DuckDB ----
  const until = new Date();
  const from = new Date(until.getTime() - 90 * 86_400_000);
  const catalogue = Array.from({ length: PRODUCTS }, (_, i) => ({
    productId: `prd_bench_${i}`,
    merchantId: `mch_bench_${i % 200}`,
    categoryId: `cat_bench_${i % 60}`,
    price: 1_900 + ((i * 7919) % 50_000),
  }));
  // 1. Generation (the workload, not the product): the demo-history generator's events, plus payments, as inbox
  //    CSV in spool files of CHUNK events — one inbox transaction each. Timed on its own.
  const generationStarted = performance.now();
  const spool: string[] = [];
  let n = 0;
  {
    const events = withPayments(new HistoryGenerator(catalogue, from, until).events(EVENTS));
    let chunks: Uint8Array[] = [];
    let inFile = 0;
    const counted = function* () {
      for (const e of events) {
        n++;
        inFile++;
        yield e;
      }
    };
    const flushFile = async () => {
      const file = path.join(dir, `inbox-${spool.length}.csv`);
      await writeFile(file, chunks);
      spool.push(file);
      chunks = [];
      inFile = 0;
    };
    for (const chunk of csvChunks(counted())) {
      chunks.push(chunk);
      if (inFile >= CHUNK) await flushFile();
    }
    if (chunks.length > 0) await flushFile();
  }
  const generationSeconds = (performance.now() - generationStarted) / 1000;
  console.log(`generated ${n.toLocaleString()} events in ${generationSeconds.toFixed(1)} s (not part of ingest)`);

  // 2. Ingest: each spool file is one COPY into the inbox (the bulk writers' path, under the inbox lock). Between
  //    two of them no writer holds the lock: the loader takes its horizon there, an instant, and copies up to it
  //    into DuckDB while the next COPY runs (PostgreSQL parses one transaction while DuckDB loads the last).
  const started = performance.now();
  let copyMs = 0;
  let loaderBusy: Promise<number> | undefined;
  for (const file of spool) {
    const c = performance.now();
    await copyCsvIntoInbox(database, createReadStream(file, { highWaterMark: 1 << 20 }));
    copyMs += performance.now() - c;
    await rm(file);
    if (loaderBusy) continue;
    const horizon = await loader.committedHorizon();
    if (horizon) loaderBusy = loader.loadUpTo(horizon).finally(() => (loaderBusy = undefined));
  }
  const tail = performance.now();
  await loaderBusy;
  await loader.load();
  const tailMs = performance.now() - tail;
  const loadSeconds = (performance.now() - started) / 1000;
  const [{ count } = { count: 0 }] = await engine.query<{ count: number }>(`SELECT count(*) AS count FROM events`);
  if (count !== n) throw new Error(`engine holds ${count} events, expected ${n}`);
  console.log(
    `ingest: ${n.toLocaleString()} events in ${loadSeconds.toFixed(1)} s = ${Math.round(n / loadSeconds).toLocaleString()}/s ` +
      `(COPY into the inbox ${(copyMs / 1000).toFixed(1)} s, the loader overlapping it, then ${(tailMs / 1000).toFixed(1)} s to load the rest)`,
  );

  // ---- queries: the insights functions the console calls, over the engine ----
  // They read the engine through `deps.analytics` and the catalogue and live rooms through `deps.database` (the
  // 大屏's product titles and live-room count: empty tables here, as cheap as on a real install).
  const deps = { database, analytics: engine } as Pick<Deps, 'database' | 'analytics'> as Deps;
  const platform = { merchantId: null };
  const [{ last } = { last: until }] = await engine.query<{ last: Date }>(`SELECT max(ts) AS last FROM events`);
  const now = new Date(last);
  // The console's default periods: the last 30 Beijing days for the funnel, 12 weeks of weekly cohorts.
  const today = new Date(Math.floor((now.getTime() + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000);
  const funnelInput = {
    steps: FUNNEL_STEPS.map((type) => ({ type })),
    from: new Date(today.getTime() - 29 * 86_400_000),
    to: new Date(today.getTime() + 86_400_000),
    windowHours: 24,
    breakdown: 'channel' as const,
  };
  const retentionInput = {
    cohort: 'first_purchase' as const,
    granularity: 'week' as const,
    returnOn: 'active' as const,
    from: new Date(today.getTime() - 83 * 86_400_000),
    to: new Date(today.getTime() + 86_400_000),
  };

  const cpu: number[] = [];
  const funnelMs = await timed('funnel (DuckDB, funnelReport)', () => funnelReport(deps, platform, funnelInput), cpu);
  const retentionMs = await timed(
    'retention (DuckDB, retentionReport)',
    () => retentionReport(deps, platform, retentionInput, now),
    cpu,
  );
  const dashboardMs = await timed(
    '大屏 refresh (DuckDB, realtimeSnapshot)',
    () => realtimeSnapshot(deps, platform, now),
    cpu,
  );
  const [funnelCpuMs, retentionCpuMs, dashboardCpuMs] = cpu;
  const funnel = await funnelReport(deps, platform, funnelInput);
  const engineCounts: FunnelCounts = new Map(funnel.groups.map((g) => [g.key, g.steps.map((s) => s.count)]));

  // PostgreSQL: the same funnel over the same rows (the inbox holds every event, with the same columns).
  await database.db.execute(sql.raw(`ANALYZE analytics_inbox`));
  const postgresFunnelMs = await timed('funnel (PostgreSQL reference)', () => postgresFunnel(database, funnelInput));
  const pgCounts = await postgresFunnel(database, funnelInput);
  const table = (m: FunnelCounts) =>
    [...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, ns]) => `${k}: ${ns.join(' → ')}`);
  if (JSON.stringify(table(engineCounts)) !== JSON.stringify(table(pgCounts)))
    throw new Error(
      `the engines disagree on the funnel:\nDuckDB     ${table(engineCounts).join('; ')}\nPostgreSQL ${table(pgCounts).join('; ')}`,
    );
  console.log(`funnel ${FUNNEL_STEPS.join(' → ')} per channel (30 days, 24 h window), both engines:`);
  for (const line of table(engineCounts)) console.log(`  ${line}`);

  const ratioToPostgres = Math.round((postgresFunnelMs / funnelMs) * 10) / 10;
  const result = {
    events: n,
    loadSeconds: Math.round(loadSeconds * 10) / 10,
    ingestPerSecond: Math.round(n / loadSeconds),
    inboxCopySeconds: Math.round(copyMs / 100) / 10,
    loaderTailSeconds: Math.round(tailMs / 100) / 10,
    generationSeconds: Math.round(generationSeconds * 10) / 10,
    endToEndPerSecond: Math.round(n / (generationSeconds + loadSeconds)),
    funnelMs,
    funnel: Object.fromEntries([...engineCounts].sort(([a], [b]) => a.localeCompare(b))),
    retentionMs,
    dashboardMs,
    // CPU time of this process (DuckDB's work) per run, median: comparable across runs whatever the load.
    funnelCpuMs,
    retentionCpuMs,
    dashboardCpuMs,
    postgresFunnelMs,
    ratioToPostgres,
    engine: 'duckdb',
    threads: os.availableParallelism(),
    loadAverageAtStart: startLoadAverage,
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
    date: new Date().toISOString(),
    commit,
  };
  console.log(
    `funnel ${funnelMs} ms (goal ≤ 1000 over 10M), 大屏 ${dashboardMs} ms (goal ≤ 200), ingest ${result.ingestPerSecond}/s ` +
      `(goal ≥ 50k), PostgreSQL funnel ${postgresFunnelMs} ms → DuckDB is ${ratioToPostgres}× faster (goal ≥ 8×)`,
  );
  const out = path.join(repoRoot, 'bench/results', process.env.BENCH_OUT ?? 'analytics.json');
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path.relative(repoRoot, out)}`);
} finally {
  await engine.close();
  await database.close();
  await scratch.drop();
  await rm(dir, { recursive: true, force: true });
}

/**
 * The demo generator stops at checkout (demo data never invents a purchase); a benchmark needs the last step:
 * four in five checkouts are paid a minute later, one `pay` row per line as the server derives them.
 */
function* withPayments(events: Generator<BehaviourEvent>): Generator<BehaviourEvent> {
  let i = 0;
  for (const e of events) {
    yield e;
    if (e.type === 'checkout' && i++ % 5 !== 4) {
      yield eventRow({
        ...e,
        id: `pay:${e.id}`,
        type: 'pay',
        ts: new Date(e.ts.getTime() + 60_000),
        receivedAt: new Date(e.ts.getTime() + 60_000),
        orderId: `ord_${e.id}`,
      });
    }
  }
}

/**
 * Median of RUNS timed runs after one warm-up, wall time; `cpu`: the median CPU time this process spent meanwhile
 * (DuckDB runs in it, so for the engine's queries that is the engine's work whatever the machine's load; the
 * PostgreSQL reference works in its own backend, so its figure here is only the client's).
 */
async function timed(label: string, run: () => Promise<unknown>, cpu?: number[]): Promise<number> {
  await run();
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await run();
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpus.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const median = Math.round(times[Math.floor(times.length / 2)]!);
  const cpuMedian = Math.round(cpus[Math.floor(cpus.length / 2)]!);
  cpu?.push(cpuMedian);
  console.log(`${label}: ${median} ms (runs ${times.map((t) => Math.round(t)).join(', ')}; CPU ${cpuMedian} ms)`);
  return median;
}
