// npm run bench:flash-sale — STOCK units of one hot SKU, BUYERS logged-in buyers each tapping 立即抢购 once at
// CONNECTIONS concurrent connections, against the production server (PROCESSES processes) on PGlite or, with
// DATABASE_URL, PostgreSQL. In the same run: the same server's trivial endpoint, and the naive one-transaction-per-
// purchase baseline on the same database. Prints and writes bench/results/flash-sale.json.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gitCommit, measureHello, processTreeCpuMs, repoRoot, startServer, tracedStatements } from '../lib.ts';
import { measureNaiveBaseline } from './baseline.ts';
import { runFlashLoad } from './load.ts';
import { openWorldDatabase, prepareFlashWorld } from './setup.ts';
import { verifyFlashOutcome } from './verify.ts';

const STOCK = Number(process.env.STOCK ?? 10_000);
const BUYERS = Number(process.env.BUYERS ?? 20_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
// PROCESSES=1,2 runs the whole bench once per process count (a fresh world each) and writes the matrix.
const PROCESS_COUNTS = (process.env.PROCESSES ?? '1').split(',').map(Number);
const PORT = Number(process.env.PORT ?? 3910);
const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;

if (PROCESS_COUNTS.some((n) => n > 1) && !DATABASE_URL)
  throw new Error('PROCESSES > 1 needs DATABASE_URL (PGlite is one process only)');
const dir = path.join(repoRoot, 'bench/results');
await mkdir(dir, { recursive: true });
const matrix = [];
for (const processes of PROCESS_COUNTS) {
  const result = await runOnce(processes);
  matrix.push(result);
  if (result.oversold > 0 || result.duplicatePerUser > 0 || result.acknowledgedMissing > 0) {
    console.error('[bench:flash-sale] CORRECTNESS FAILURE: oversold, duplicate or missing acknowledged orders');
    process.exitCode = 1;
  }
}
if (matrix.length > 1) {
  const summary = {
    database: matrix[0]!.database,
    redis: Boolean(REDIS_URL),
    processes: matrix.map((r) => ({
      processes: r.processes,
      successPerSec: r.successPerSec,
      baselinePerSec: r.baselinePerSec,
      helloPerSec: r.helloPerSec,
      ratioToBaseline: r.ratioToBaseline,
      ratioToHello: r.ratioToHello,
      cpuMsPerOrder: r.cpuMsPerOrder,
      statementsPerOrder: r.statementsPerOrder,
      oversold: r.oversold,
      duplicatePerUser: r.duplicatePerUser,
      acknowledgedMissing: r.acknowledgedMissing,
    })),
    runs: matrix,
  };
  console.log(JSON.stringify(summary.processes, null, 2));
  const name = `flash-sale-${summary.database}${REDIS_URL ? '-redis' : ''}-matrix.json`;
  await writeFile(path.join(dir, name), `${JSON.stringify(summary, null, 2)}\n`);
}

async function runOnce(PROCESSES: number) {
  console.log(
    `[bench:flash-sale] ${DATABASE_URL ? 'PostgreSQL' : 'PGlite'} · stock ${STOCK} · buyers ${BUYERS} · ${CONNECTIONS} connections · ${PROCESSES} process(es)${REDIS_URL ? ' · Redis' : ''}`,
  );
  const world = await prepareFlashWorld({ stock: STOCK, buyers: BUYERS, databaseUrl: DATABASE_URL });
  try {
    // Every server process writes its SQL statement histogram at SIGTERM (statementsPerOrder: the whole server life).
    const trace = path.join(os.tmpdir(), `haowu-bench-flash-${process.pid}-${Date.now()}`);
    const server = await startServer(
      { ...world.env, SERVER_PROCESSES: String(PROCESSES), SQL_TRACE: trace, ...(REDIS_URL ? { REDIS_URL } : {}) },
      PORT,
    );
    let load;
    let helloPerSec;
    let cpuMs = 0;
    try {
      helloPerSec = await measureHello(server.baseUrl, Number(process.env.HELLO_SECONDS ?? 5), CONNECTIONS);
      console.log(`[bench:flash-sale] hello: ${helloPerSec.toFixed(0)} req/s`);
      const cpuBefore = processTreeCpuMs(server.child.pid!);
      load = await runFlashLoad({
        baseUrl: server.baseUrl,
        itemId: world.itemId,
        tokens: world.tokens,
        connections: CONNECTIONS,
      });
      cpuMs = processTreeCpuMs(server.child.pid!) - cpuBefore;
      console.log(
        `[bench:flash-sale] ${load.wins} won of ${load.attempts} attempts, ${load.successPerSec.toFixed(0)} purchases/s, refusals ${JSON.stringify(load.refusals)}, errors ${load.errors}`,
      );
    } finally {
      await server.stop();
    }
    const db = await openWorldDatabase(world);
    const outcome = await verifyFlashOutcome(db, world.itemId, world.skuId, load.acknowledged);
    await db.close();
    const baseline = await measureNaiveBaseline({
      url: world.url,
      dataDir: world.dataDir,
      stock: STOCK,
      buyers: BUYERS,
      connections: CONNECTIONS,
    });
    console.log(
      `[bench:flash-sale] naive baseline: ${baseline.perSec.toFixed(0)} purchases/s (${baseline.sold} sold, oversold ${baseline.oversold})`,
    );

    const result = {
      successPerSec: Math.round(load.successPerSec),
      p50Ms: Number(load.p50Ms.toFixed(1)),
      p99Ms: Number(load.p99Ms.toFixed(1)),
      sold: outcome.sold,
      stock: STOCK,
      acknowledged: load.wins,
      acknowledgedMissing: outcome.acknowledgedMissing,
      oversold: outcome.oversold,
      duplicatePerUser: outcome.duplicatePerUser,
      ordersPlaced: outcome.orders,
      attempts: load.attempts,
      refusals: load.refusals,
      errors: load.errors,
      baselinePerSec: Math.round(baseline.perSec),
      helloPerSec: Math.round(helloPerSec),
      ratioToBaseline: Number((load.successPerSec / baseline.perSec).toFixed(2)),
      ratioToHello: Number((load.successPerSec / helloPerSec).toFixed(3)),
      /** Server CPU (all its processes, user + system) during the purchase phase, per acknowledged purchase. */
      cpuMsPerOrder: Number((cpuMs / Math.max(1, load.wins)).toFixed(2)),
      /** Every SQL statement the server processes sent over their life (setup included), per acknowledged purchase. */
      statementsPerOrder: Number((tracedStatements(trace) / Math.max(1, load.wins)).toFixed(1)),
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      database: world.database,
      processes: PROCESSES,
      redis: Boolean(REDIS_URL),
      buyers: BUYERS,
      connections: CONNECTIONS,
      node: process.version,
      date: new Date().toISOString(),
      commit: gitCommit(),
    };
    console.log(JSON.stringify(result, null, 2));
    const variant = `${world.database}${PROCESSES > 1 ? `-${PROCESSES}p` : ''}${REDIS_URL ? '-redis' : ''}`;
    await writeFile(path.join(dir, 'flash-sale.json'), `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(path.join(dir, `flash-sale-${variant}.json`), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await world.drop();
  }
}
