// npm run bench:recommend — the recommender on a seeded synthetic market (≥ 100k products, ≥ 50k users, ≥ 5M
// interactions with latent tastes, a social and creator-follow graph): trains on the first part of the timeline,
// evaluates on the last week against a popularity and an item-kNN baseline (offline.ts), then loads the same
// catalogue and model into a scratch PostgreSQL database and measures GET /api/v1/discovery/feed over HTTP at 50
// concurrent signed-in users, with the same server's hello req/s. Writes bench/results/recommend.json.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDeps } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import type { RecommenderModel } from '../../apps/server/src/modules/discovery/model/market-model.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import {
  createScratchDatabase,
  gitCommit,
  measureHello,
  percentile,
  repoRoot,
  runDataKey,
  startServer,
} from '../lib.ts';
import { generateMarket, type Market } from './market.ts';
import { evaluateOffline } from './offline.ts';
import { loadServingData } from './serving.ts';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const spec = {
  products: num('PRODUCTS', 100_000),
  users: num('USERS', 50_000),
  interactions: num('INTERACTIONS', 5_000_000),
  categories: 60,
  merchants: 2_000,
  creators: 500,
  days: 60,
  seed: 20_261_206,
};
const CONCURRENCY = num('CONCURRENCY', 50);
const BENCH_USERS = num('BENCH_USERS', 200);
const SECONDS = num('SECONDS', 20);
const PORT = num('PORT', 3972);
const adminUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const say = (s: string) => console.log(`[bench:recommend] ${s}`);

say(`market: ${spec.products} products, ${spec.users} users, ${spec.interactions} interactions`);
const t0 = performance.now();
const market = generateMarket(spec);
say(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${market.log.length} interactions)`);
const offline = evaluateOffline(market, { log: say });
const { recommender, popularity, itemKnn } = offline;
const fmt = (e: typeof recommender) =>
  `HitRate@20 ${e.hitRate.toFixed(4)} NDCG@20 ${e.ndcg.toFixed(4)} coverage ${(e.coverage * 100).toFixed(1)}% diversity ${e.diversity.toFixed(3)}`;
say(`ours        ${fmt(recommender)}`);
say(`popularity  ${fmt(popularity)}`);
say(`item-kNN    ${fmt(itemKnn)}`);

const http = process.env.SKIP_HTTP === '1' ? null : await measureFeed(market, offline.model);

const result = {
  date: new Date().toISOString(),
  commit: gitCommit(),
  products: spec.products,
  users: spec.users,
  interactions: market.log.length,
  evaluatedUsers: recommender.users,
  hitRate20: round(recommender.hitRate),
  popularityHitRate20: round(popularity.hitRate),
  itemKnnHitRate20: round(itemKnn.hitRate),
  ratioToPopularity: round(recommender.hitRate / (popularity.hitRate || 1e-9)),
  ndcg20: round(recommender.ndcg),
  popularityNdcg20: round(popularity.ndcg),
  itemKnnNdcg20: round(itemKnn.ndcg),
  coverage: round(recommender.coverage),
  popularityCoverage: round(popularity.coverage),
  itemKnnCoverage: round(itemKnn.coverage),
  diversity: round(recommender.diversity),
  weights: Object.fromEntries(Object.entries(offline.weights).map(([k, v]) => [k, round(v)])),
  buildSeconds: round(offline.buildSeconds),
  ...(http ?? { p50Ms: null, p99Ms: null, helloPerSec: null }),
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`,
};
await writeFile(path.join(repoRoot, 'bench/results/recommend.json'), `${JSON.stringify(result, null, 2)}\n`);
say(JSON.stringify(result));

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * The serving path at the market's scale: the catalogue (products, one SKU each, shops), discovery's item rows,
 * popularity and top-10 neighbours from the model, and BENCH_USERS signed-in users — the most active followers of
 * creators — with their history, interest tags and follow edges (the creators with their purchases too).
 */
async function measureFeed(m: Market, model: RecommenderModel) {
  say(`scratch PostgreSQL database on ${new URL(adminUrl).host}`);
  const scratch = await createScratchDatabase(adminUrl, 'haowu_bench_recommend');
  try {
    const config = loadConfig({
      DATABASE_URL: scratch.url,
      LOG_LEVEL: 'warn',
      DATA_ENCRYPTION_KEY: runDataKey,
      DATA_DIR: path.join(os.tmpdir(), 'haowu-bench'),
    });
    const database = await openDatabase({ url: scratch.url, poolSize: 4 });
    await database.migrate();
    const deps = createDeps(config, database, { autoDispatch: false });
    const { buildApp } = await import('../../apps/server/src/app.ts');
    const app = await buildApp(deps); // module init: the category tree
    const { phones } = await loadServingData(deps, database.db, m, model, BENCH_USERS, say);
    await app.close();
    await database.close();

    const server = await startServer({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: '10' }, PORT);
    try {
      const tokens: string[] = [];
      for (const phone of phones) {
        const res = await fetch(`${server.baseUrl}/api/v1/auth/login/password`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phone, password: 'bench-2026' }),
        });
        tokens.push(((await res.json()) as { token: string }).token);
      }
      const get = async (token: string, path = '/api/v1/discovery/feed?limit=20') => {
        const res = await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { personalised: boolean; items: { reason: { kind: string } }[] };
        if (!res.ok || !body.personalised) throw new Error(`feed ${res.status}`);
        return body;
      };
      const kinds = new Map<string, number>();
      for (const token of tokens.slice(0, 50))
        for (const item of (await get(token)).items)
          kinds.set(item.reason.kind, (kinds.get(item.reason.kind) ?? 0) + 1);
      say(`  reasons on first pages: ${JSON.stringify(Object.fromEntries(kinds))}`);
      /** 50 closed-loop users for SECONDS: sorted latencies and failures. */
      const load = async (path?: string) => {
        const latencies: number[] = [];
        let failures = 0;
        const until = performance.now() + SECONDS * 1000;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, w) => {
            for (let r = 0; performance.now() < until; r++) {
              const started = performance.now();
              try {
                await get(tokens[(w + r * CONCURRENCY) % tokens.length]!, path);
                latencies.push(performance.now() - started);
              } catch {
                failures++;
              }
            }
          }),
        );
        return { latencies: latencies.sort((a, b) => a - b), failures };
      };
      const { latencies, failures } = await load();
      // The shop's home page asks for the mixed feed (products, posts, live sessions): measured the same way.
      const home = process.env.HOME_FEED === '1' ? (await load('/api/v1/discovery/home?limit=20')).latencies : null;
      const helloPerSec = await measureHello(server.baseUrl);
      const out = {
        p50Ms: round(percentile(latencies, 50)),
        p99Ms: round(percentile(latencies, 99)),
        feedPerSec: round(latencies.length / SECONDS),
        feedRequests: latencies.length,
        feedFailures: failures,
        concurrency: CONCURRENCY,
        helloPerSec: round(helloPerSec),
        ...(home ? { homeP50Ms: round(percentile(home, 50)), homeP99Ms: round(percentile(home, 99)) } : {}),
      };
      say(`  feed p50 ${out.p50Ms} ms, p99 ${out.p99Ms} ms, ${out.feedPerSec} req/s; hello ${out.helloPerSec} req/s`);
      if (home)
        say(`  home (mixed) p50 ${out.homeP50Ms} ms, p99 ${out.homeP99Ms} ms, ${round(home.length / SECONDS)} req/s`);
      return out;
    } finally {
      await server.stop();
    }
  } finally {
    if (process.env.KEEP_DB === '1') say(`kept ${scratch.url}`);
    else await scratch.drop();
  }
}
