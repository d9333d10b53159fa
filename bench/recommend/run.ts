// npm run bench:recommend — the recommender on a seeded synthetic market (≥ 100k products, ≥ 50k users, ≥ 5M
// interactions with latent tastes, a social and creator-follow graph): trains on the first part of the timeline,
// evaluates on the last week against a popularity and an item-kNN baseline (offline.ts), then loads the same
// catalogue and model into a scratch PostgreSQL database and measures GET /api/v1/discovery/feed over HTTP at 50
// concurrent signed-in users, with the same server's hello req/s. Writes bench/results/recommend.json.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createDeps } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createUser } from '../../apps/server/src/modules/accounts/service.ts';
import type { RecommenderModel } from '../../apps/server/src/modules/discovery/model/market-model.ts';
import { precomputeAllUserFeeds } from '../../apps/server/src/modules/discovery/precompute.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { createScratchDatabase, gitCommit, measureHello, percentile, repoRoot, startServer } from '../lib.ts';
import { generateMarket, type Market } from './market.ts';
import { evaluateOffline } from './offline.ts';

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
let t0 = performance.now();
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
      DATA_DIR: path.join(os.tmpdir(), 'haowu-bench'),
    });
    const database = await openDatabase({ url: scratch.url, poolSize: 4 });
    await database.migrate();
    const deps = createDeps(config, database, { autoDispatch: false });
    const { buildApp } = await import('../../apps/server/src/app.ts');
    const app = await buildApp(deps); // module init: the category tree
    const db = database.db;
    t0 = performance.now();
    const leafRows = await db.execute(sql`select id from categories where parent_id is not null order by id`);
    const leaves = ((leafRows as { rows: { id: string }[] }).rows ?? []).map((r) => r.id);
    const now = new Date(m.end - 7 * 86_400_000);
    await db.execute(sql`insert into merchants (id, name, status, created_at)
      select 'mch_b' || g, '基准店铺 ' || g, 'active', ${now} from generate_series(0, ${spec.merchants - 1}) g`);
    const n = m.items.count;
    const cat = Array.from(m.items.category, (c) => leaves[c % leaves.length]!);
    const merchant = Array.from(m.items.merchant, (x) => `mch_b${x}`);
    const created = Array.from(m.items.createdAt, (t) => new Date(t).toISOString());
    const available = Array.from(m.items.available, (a) => a === 1);
    const pop = Array.from(model.popularity, (p) => Math.round(p * 1000) / 1000);
    await db.execute(sql`insert into products (id, merchant_id, category_id, title, images, status, min_price, max_price, created_at, updated_at)
      select 'prd_b' || (g - 1), v.m, v.c, '基准商品 ' || (g - 1), '{}', case when v.a then 'listed' else 'delisted' end, 9900, 9900, v.t, v.t
      from unnest(${sql.param(merchant)}::text[], ${sql.param(cat)}::text[], ${sql.param(created)}::timestamptz[], ${sql.param(available)}::boolean[]) with ordinality as v(m, c, t, a, g)`);
    await db.execute(sql`insert into skus (id, product_id, merchant_id, spec_values, spec_text, price, stock, created_at)
      select 'sku_b' || substr(id, 6), id, merchant_id, '{}'::jsonb, '默认', 9900, 100, created_at from products where id like 'prd_b%'`);
    await db.execute(sql`insert into discovery_items (product_id, merchant_id, category_id, listed_at, available, popularity, updated_at)
      select 'prd_b' || (g - 1), v.m, v.c, v.t, v.a, v.p, ${now}
      from unnest(${sql.param(merchant)}::text[], ${sql.param(cat)}::text[], ${sql.param(created)}::timestamptz[], ${sql.param(available)}::boolean[], ${sql.param(pop)}::float8[]) with ordinality as v(m, c, t, a, p, g)`);
    // Top-10 neighbours per product, written in slices.
    const { k, ids, scores } = model.neighbours;
    for (let start = 0; start < n; start += 10_000) {
      const from: string[] = [];
      const rank: number[] = [];
      const to: string[] = [];
      const score: number[] = [];
      for (let i = start; i < Math.min(n, start + 10_000); i++)
        for (let r = 0; r < 10; r++) {
          const j = ids[i * k + r]!;
          if (j < 0) break;
          from.push(`prd_b${i}`);
          rank.push(r);
          to.push(`prd_b${j}`);
          score.push(scores[i * k + r]!);
        }
      await db.execute(sql`insert into discovery_neighbours (product_id, kind, rank, neighbour_id, score)
        select v.f, 'similar', v.r, v.t, v.s from unnest(${sql.param(from)}::text[], ${sql.param(rank)}::int[], ${sql.param(to)}::text[], ${sql.param(score)}::float8[]) as v(f, r, t, s)`);
    }
    say(`  catalogue and neighbours loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Bench users: the non-creators following the most creators; their creators come along.
    const following = model.following;
    const candidates = Array.from({ length: spec.users - spec.creators }, (_, i) => i + spec.creators)
      .map((u) => ({ u, f: following.offsets[u + 1]! - following.offsets[u]! }))
      .sort((a, b) => b.f - a.f || a.u - b.u)
      .slice(0, BENCH_USERS)
      .map((x) => x.u);
    const people = new Set(candidates);
    for (const u of candidates)
      for (let p = following.offsets[u]!; p < following.offsets[u + 1]!; p++) people.add(following.cols[p]!);
    const userId = new Map<number, string>();
    const phones = new Map<number, string>();
    let i = 0;
    for (const u of people) {
      const phone = `139${String(10_000_000 + i++).slice(-8)}`;
      const { id } = await createUser(deps, db, { phone, now, password: 'bench-2026' });
      userId.set(u, id);
      phones.set(u, phone);
    }
    const iu: string[] = [];
    const ip: string[] = [];
    const iw: number[] = [];
    const it: string[] = [];
    for (const u of people)
      for (let p = model.byUser.offsets[u]!; p < model.byUser.offsets[u + 1]!; p++) {
        iu.push(userId.get(u)!);
        ip.push(`prd_b${model.byUser.cols[p]!}`);
        iw.push(model.byUser.values[p]!);
        it.push(new Date(model.byUser.lastTimes[p]!).toISOString());
      }
    await db.execute(sql`insert into discovery_interactions (user_id, product_id, kind, weight, last_at, last_event_id)
      select v.u, v.p, 'bought', v.w, v.t, 'bench' from unnest(${sql.param(iu)}::text[], ${sql.param(ip)}::text[], ${sql.param(iw)}::float8[], ${sql.param(it)}::timestamptz[]) as v(u, p, w, t)`);
    await db.execute(sql`insert into discovery_interest_tags (user_id, category_id, weight, updated_at)
      select i.user_id, d.category_id, sum(i.weight), ${now} from discovery_interactions i join discovery_items d on d.product_id = i.product_id
      group by i.user_id, d.category_id having sum(i.weight) >= 10`);
    const fu: string[] = [];
    const fv: string[] = [];
    for (const u of candidates)
      for (let p = following.offsets[u]!; p < following.offsets[u + 1]!; p++) {
        fu.push(userId.get(u)!);
        fv.push(userId.get(following.cols[p]!)!);
      }
    await db.execute(sql`insert into follows (follower_id, target_type, target_id, created_at)
      select v.a, 'user', v.b, ${now} from unnest(${sql.param(fu)}::text[], ${sql.param(fv)}::text[]) as v(a, b) on conflict do nothing`);
    // The rebuild job's last step: each bench user's precomputed candidates (the feed reads one row per user).
    t0 = performance.now();
    const precomputed = await precomputeAllUserFeeds(db, now);
    say(`  precomputed candidates of ${precomputed} users in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // The rows above are this run's build: the server's start-up rebuild sees a fresh one and leaves them.
    await db.execute(sql`insert into discovery_builds (id, built_at, items, interactions, neighbour_rows, millis)
      values ('dbd_bench', ${new Date()}, ${n}, ${iu.length}, 0, 0)`);
    await db.execute(sql`analyze`);
    say(
      `  ${candidates.length} bench users (${people.size} with their creators), ${iu.length} interactions, ${fu.length} follows`,
    );
    await app.close();
    await database.close();

    const server = await startServer({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: '10' }, PORT);
    try {
      const tokens: string[] = [];
      for (const u of candidates) {
        const res = await fetch(`${server.baseUrl}/api/v1/auth/login/password`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phone: phones.get(u), password: 'bench-2026' }),
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
