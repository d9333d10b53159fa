// `npm run bench:nearby`: 100k stores clustered around 20 Chinese city centres in a throw-away PostgreSQL database
// (or an in-memory PGlite with BENCH_ENGINE=pglite), then shopper positions near those centres through the nearby
// query the shop uses (bounding box on the (lat, lng) index, exact haversine, nearest 50 within 3 km), against the
// same answer computed over every row in the same run (the full-scan baseline, on a sample of the positions).
// Writes bench/results/nearby.json. Run it niced: `nice -n 10 npm run bench:nearby`.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { localStores } from '../../apps/server/src/modules/local/schema.ts';
import { storesWithin } from '../../apps/server/src/modules/local/nearby.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { Random } from '../../apps/server/src/seed/random.ts';
import { createScratchDatabase, gitCommit, percentile, repoRoot } from '../lib.ts';

const STORES = Number(process.env.BENCH_STORES ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const FULL_QUERIES = Number(process.env.BENCH_FULL_QUERIES ?? 50);
const RADIUS_M = 3000;
const ENGINE = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgresql';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const say = (s: string) => console.log(`[bench:nearby] ${s}`);

// City centres (WGS-84); stores spread around each with a ~12 km standard deviation, denser near the centre.
const CITIES = [
  [31.2304, 121.4737],
  [39.9087, 116.3975],
  [23.1291, 113.2644],
  [22.5431, 114.0579],
  [30.2741, 120.1551],
  [30.5728, 104.0668],
  [29.563, 106.5516],
  [30.5928, 114.3055],
  [34.3416, 108.9398],
  [32.0603, 118.7969],
  [31.2989, 120.5853],
  [39.3434, 117.3616],
  [28.2282, 112.9388],
  [36.0671, 120.3826],
  [38.0428, 114.5149],
  [34.7466, 113.6253],
  [41.8057, 123.4315],
  [25.0389, 102.7183],
  [26.0745, 119.2965],
  [24.4798, 118.0894],
] as const;
const KM_DEG = 1 / 111.195;

const rng = new Random(20_261_207);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
const around = (spreadKm: number) => {
  const [lat, lng] = CITIES[rng.int(0, CITIES.length - 1)]!;
  const dLat = gauss() * spreadKm * KM_DEG;
  return { lat: lat + dLat, lng: lng + (gauss() * spreadKm * KM_DEG) / Math.cos((lat * Math.PI) / 180) };
};

const scratch = ENGINE === 'postgresql' ? await createScratchDatabase(adminUrl, 'bench_nearby') : null;
const database = scratch
  ? await openDatabase({ url: scratch.url, poolSize: 2 })
  : await openDatabase({ pglite: await PGlite.create() });
try {
  await database.migrate();
  const now = new Date();
  let started = performance.now();
  for (let i = 0; i < STORES; i += 2000) {
    const rows = Array.from({ length: Math.min(2000, STORES - i) }, (_, j) => ({
      id: `sto_b${String(i + j).padStart(7, '0')}`,
      merchantId: `mch_b${(i + j) % 5000}`,
      name: `门店 ${i + j}`,
      address: '基准测试地址',
      city: '基准',
      ...around(12),
      hours: '10:00-22:00',
      services: [],
      createdAt: now,
      updatedAt: now,
    }));
    await database.db.insert(localStores).values(rows);
  }
  if (scratch) await database.db.execute(sql`analyze ${localStores}`);
  say(`${STORES} stores on ${ENGINE} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const points = Array.from({ length: QUERIES }, () => around(8));
  const timed = async (scan: 'box' | 'full', list: typeof points) => {
    const ms: number[] = [];
    const found: number[][] = [];
    for (const p of list) {
      const t0 = performance.now();
      const rows = await storesWithin(database.db, p, RADIUS_M, 50, scan);
      ms.push(performance.now() - t0);
      found.push(rows.map((r) => r.distanceM));
    }
    return { ms: ms.sort((a, b) => a - b), found };
  };
  await timed('box', points.slice(0, 20)); // warm the plan cache and the buffer pool
  started = performance.now();
  const box = await timed('box', points);
  say(`box+haversine: ${QUERIES} queries in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const full = await timed('full', points.slice(0, FULL_QUERIES));
  // The baseline is also the correctness check: the same stores at the same distances for every sampled position.
  const mismatches = full.found.filter((f, i) => JSON.stringify(f) !== JSON.stringify(box.found[i])).length;
  const avgFound = box.found.reduce((a, f) => a + f.length, 0) / box.found.length;

  const round = (n: number) => Math.round(n * 100) / 100;
  const load = os.loadavg().map(round);
  const result = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    engine: ENGINE,
    stores: STORES,
    radiusM: RADIUS_M,
    queries: QUERIES,
    avgStoresFound: round(avgFound),
    p50Ms: round(percentile(box.ms, 50)),
    p99Ms: round(percentile(box.ms, 99)),
    fullScanQueries: FULL_QUERIES,
    fullScanP50Ms: round(percentile(full.ms, 50)),
    fullScanP99Ms: round(percentile(full.ms, 99)),
    speedupP50: round(percentile(full.ms, 50) / percentile(box.ms, 50)),
    mismatchesAgainstFullScan: mismatches,
    goalP99Ms: 50,
    machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`,
    loadAverage1m5m15m: load,
  };
  say(JSON.stringify(result));
  await writeFile(path.join(repoRoot, 'bench/results/nearby.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await database.close();
  await scratch?.drop();
}
