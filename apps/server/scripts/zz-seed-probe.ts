import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { createDeps } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db.ts';
import { PGlite } from '@electric-sql/pglite';
import { runSeed } from '../src/seed/seed.ts';

const config = loadConfig({ LOG_LEVEL: 'warn', DATA_DIR: path.join(os.tmpdir(), 'seedprobe') });
const client = await PGlite.create(process.env.PROBE_DIR ? { dataDir: process.env.PROBE_DIR } : {});
const tally = new Map<string, { n: number; rows: number; ms: number }>();
for (const m of ['query', 'exec'] as const) {
  const orig = (client as any)[m].bind(client);
  (client as any)[m] = async (q: string, ...rest: unknown[]) => {
    const t = performance.now();
    const r = await orig(q, ...rest);
    const k = q.replace(/\s+/g, ' ').slice(0, 110);
    const e = tally.get(k) ?? { n: 0, rows: 0, ms: 0 };
    e.n++; e.rows += Array.isArray(r) ? r.reduce((a: number, x: any) => a + (x.rows?.length ?? 0), 0) : (r.rows?.length ?? 0); e.ms += performance.now() - t;
    tally.set(k, e);
    return r;
  };
}
const database = await openDatabase({ pglite: client });
await database.migrate();
const deps = createDeps(config, database, { autoDispatch: false });
const app = await buildApp(deps);
const c0 = process.cpuUsage();
const t0 = performance.now();
let last = t0;
let lastS = 0;
await runSeed(deps, (line) => {
  const now = performance.now();
  console.log(`${((now - t0) / 1000).toFixed(1)}s +${((now - last) / 1000).toFixed(1)}s stmts+${database.stats.statements - lastS} ${line}`);
  last = now;
  lastS = database.stats.statements;
});
console.log('seed cpu', process.cpuUsage(c0));
const top = [...tally].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30);
for (const [k, v] of top) console.log(v.ms.toFixed(0).padStart(7), String(v.n).padStart(6), String(v.rows).padStart(8), k);
await app.close();
await database.close();
