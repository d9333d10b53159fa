// `npm run bench:search`: 100k products in a throw-away PostgreSQL database (the demo catalogue's product
// types × brands × series, regenerated with 330 seeds), then 1,000 shopper queries through the search use-case
// in this process: p50/p99 of the in-memory index path (docs/SEARCH.md), and of the old database ranker on the
// first 30 of the same queries. Writes bench/results/search.json. Run it niced: `nice -n 10 npm run bench:search`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemActor } from '../../apps/server/src/platform/auth.ts';
import { makeCtx } from '../../apps/server/src/platform/context.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import type { Deps } from '../../apps/server/src/deps.ts';
import { initCatalog } from '../../apps/server/src/modules/catalog/events.ts';
import { searchColumnsOf } from '../../apps/server/src/modules/catalog/product-views.ts';
import { merchants, products } from '../../apps/server/src/modules/catalog/schema.ts';
import { searchProducts } from '../../apps/server/src/modules/catalog/search.ts';
import { searchProductsInDatabase } from '../../apps/server/src/modules/catalog/search-sql.ts';
import { generateCatalogue } from '../../apps/server/src/seed/catalogue.ts';
import { DEMO_MERCHANTS } from '../../apps/server/src/seed/data/merchants.ts';
import { Random } from '../../apps/server/src/seed/random.ts';
import relevance from '../../apps/server/src/modules/catalog/search-relevance.json' with { type: 'json' };
import { createScratchDatabase, gitCommit, percentile, repoRoot } from '../lib.ts';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const QUERIES = 1000;
// The old ranker scores every product containing any query word: seconds per query at 100k, so a sample.
const OLD_QUERIES = Number(process.env.BENCH_OLD_QUERIES ?? 30);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const scratch = await createScratchDatabase(adminUrl, 'bench_search');
const database = await openDatabase({ url: scratch.url, poolSize: 4 });
try {
  await database.migrate();
  const deps = { database, clock: { now: () => new Date() }, events: { kick() {} } } as unknown as Deps;
  await initCatalog(deps);
  const now = new Date();
  await database.db
    .insert(merchants)
    .values(
      DEMO_MERCHANTS.map((m) => ({ id: `mch_${m.key}`, name: m.name, description: m.description, createdAt: now })),
    );

  let started = performance.now();
  const typeNames = new Set<string>();
  const brandTitles: string[] = [];
  const sales = new Random(7);
  let made = 0;
  for (let seed = 1; made < PRODUCTS; seed++) {
    const batch = generateCatalogue(new Random(seed)).slice(0, PRODUCTS - made);
    const rows = batch.map((p, i) => {
      const prices = p.input.skus.map((s) => s.price);
      if (brandTitles.length < 400 && i % 7 === 0) brandTitles.push(p.input.title.split(' ')[0]!);
      typeNames.add(p.input.title.split(' ')[0]!.slice(-4));
      return {
        id: `prd_b${String(made + i).padStart(7, '0')}`,
        merchantId: `mch_${p.merchantKey}`,
        categoryId: p.input.categoryId,
        title: p.input.title,
        subtitle: p.input.subtitle,
        description: p.input.description,
        images: p.input.images,
        attributes: p.input.attributes,
        specs: p.input.specs,
        status: 'listed' as const,
        minPrice: Math.min(...prices),
        maxPrice: Math.max(...prices),
        salesCount: sales.int(0, 2000),
        ...searchColumnsOf(p.input),
        createdAt: now,
        updatedAt: now,
      };
    });
    for (let i = 0; i < rows.length; i += 500) await database.db.insert(products).values(rows.slice(i, i + 500));
    made += rows.length;
    if (seed % 40 === 0) console.info(`[bench:search] ${made} products`);
  }
  const seedSeconds = (performance.now() - started) / 1000;

  // What shoppers type: the judged queries (pinyin and typos included), product words, brand + product titles.
  const pool = [...relevance.queries.map((q) => q.q), ...typeNames, ...brandTitles];
  const pick = new Random(11);
  const queries = Array.from({ length: QUERIES }, () => pick.pick(pool));

  const ctx = makeCtx(deps, systemActor('bench'));
  started = performance.now();
  await searchProducts(ctx, { q: '面霜', limit: 20 });
  const buildSeconds = (performance.now() - started) / 1000;

  const timed = async (run: (q: string) => Promise<unknown>, qs: string[]) => {
    const ms: number[] = [];
    for (const q of qs) {
      const t0 = performance.now();
      await run(q);
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return {
      queries: qs.length,
      p50Ms: round(percentile(ms, 50)),
      p99Ms: round(percentile(ms, 99)),
      maxMs: round(ms.at(-1)!),
    };
  };
  let empty = 0;
  const index = await timed(async (q) => {
    const res = await searchProducts(ctx, { q, limit: 20 });
    if (res.items.length === 0) empty++;
  }, queries);
  console.info(`[bench:search] index path: ${JSON.stringify(index)}, ${empty} empty`);
  const old = await timed((q) => searchProductsInDatabase(ctx, { q, limit: 20 }), queries.slice(0, OLD_QUERIES));

  const result = {
    products: made,
    queries: QUERIES,
    p50Ms: index.p50Ms,
    p99Ms: index.p99Ms,
    maxMs: index.maxMs,
    emptyResults: empty,
    indexBuildSeconds: round(buildSeconds),
    oldDatabaseRanker: old,
    seedSeconds: round(seedSeconds),
    database: 'postgres',
    measured: 'in-process use-case (searchProducts), sequential, after one warm-up query that builds the index',
    date: new Date().toISOString(),
    commit: gitCommit(),
  };
  console.info(JSON.stringify(result, null, 2));
  await writeFile(path.join(repoRoot, 'bench/results/search.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await database.close();
  await scratch.drop();
}
process.exit(0);

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
