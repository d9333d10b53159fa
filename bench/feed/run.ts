// npm run bench:feed — the personalised feed's serving latency alone (issue 15: p99 ≤ 100 ms at 50 concurrent
// users), without bench:recommend's offline evaluation: a seeded synthetic market (20k products by default) with
// its model built directly, loaded into a scratch PostgreSQL database (bench/recommend/serving.ts), then
// GET /api/v1/discovery/feed over HTTP from 50 closed-loop signed-in users (no think time): first pages for
// SECONDS, then scrolling (a first page and two cursor pages) for SCROLL_SECONDS, then the same server's hello
// req/s. Prints p50/p99, the server's CPU ms and SQL statements per feed request (session lookup included), and a
// fingerprint of 50 users' first pages (product and reason kind: the reasons' nicknames and user ids differ between runs).
// Writes bench/results/feed.json. Profile the server with BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=…".
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createDeps } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createUser } from '../../apps/server/src/modules/accounts/service.ts';
import { buildModel } from '../../apps/server/src/modules/discovery/model/build.ts';
import { splitAt } from '../../apps/server/src/modules/discovery/model/interactions.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import {
  createScratchDatabase,
  gitCommit,
  measureHello,
  percentile,
  processCpuMs,
  repoRoot,
  runDataKey,
  startServer,
} from '../lib.ts';
import { generateMarket } from '../recommend/market.ts';
import { loadServingData } from '../recommend/serving.ts';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const spec = {
  products: num('PRODUCTS', 20_000),
  users: num('USERS', 5_000),
  interactions: num('INTERACTIONS', 400_000),
  categories: 60,
  merchants: 1_000,
  creators: 200,
  days: 60,
  seed: 20_261_207,
};
const CONCURRENCY = num('CONCURRENCY', 50);
const BENCH_USERS = num('BENCH_USERS', 200);
const SECONDS = num('SECONDS', 15);
const SCROLL_SECONDS = num('SCROLL_SECONDS', 10);
const PORT = num('PORT', 3986);
const PASSWORD = 'bench-2026';
const adminUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const say = (s: string) => console.log(`[bench:feed] ${s}`);
const round = (x: number) => Math.round(x * 100) / 100;
const DAY = 86_400_000;

say(`market: ${spec.products} products, ${spec.users} users, ${spec.interactions} interactions`);
let t0 = performance.now();
const market = generateMarket(spec);
const { before: train } = splitAt(market.log, market.end - 7 * DAY);
const model = buildModel({
  items: market.items,
  users: spec.users,
  log: train,
  follows: market.follows,
  now: market.end - 7 * DAY,
});
say(`  generated and modelled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

say(`scratch PostgreSQL database on ${new URL(adminUrl).host}`);
const scratch = await createScratchDatabase(adminUrl, 'haowu_bench_feed');
let result: Record<string, unknown>;
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
  const { phones } = await loadServingData(deps, database.db, market, model, BENCH_USERS, say, 'bench');
  const operatorPhone = '13599990000';
  await createUser(deps, database.db, {
    phone: operatorPhone,
    now: new Date(),
    password: PASSWORD,
    roles: ['consumer', 'operator'],
  });
  // The setup's own events (user.created for every account) are not what is measured: other modules' handlers
  // (analytics, lifecycle) would run them during the load and be counted in the feed's statements and CPU.
  await database.db.execute(sql`update outbox_events set dispatched_at = now() where dispatched_at is null`);
  await app.close();
  await database.close();

  const server = await startServer({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: '10' }, PORT);
  try {
    const login = async (phone: string) => {
      const res = await fetch(`${server.baseUrl}/api/v1/auth/login/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, password: PASSWORD }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const tokens: string[] = [];
    for (const phone of phones) tokens.push(await login(phone));
    const operator = await login(operatorPhone);
    const statements = async () => {
      const res = await fetch(`${server.baseUrl}/api/v1/admin/metrics`, {
        headers: { authorization: `Bearer ${operator}` },
      });
      return ((await res.json()) as { sqlStatements: number }).sqlStatements;
    };
    type Page = {
      personalised: boolean;
      items: { productId: string; reason: { kind: string; text: string } }[];
      nextCursor: string | null;
    };
    let sent = 0;
    const get = async (token: string, cursor?: string | null) => {
      sent++;
      const q = cursor ? `&cursor=${cursor}` : '';
      const res = await fetch(`${server.baseUrl}/api/v1/discovery/feed?limit=20${q}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as Page;
      if (!res.ok || !body.personalised) throw new Error(`feed ${res.status}`);
      return body;
    };

    // Every bench user's first page once (warm-up, as a returning shopper's process would be), and the
    // fingerprint of the first 50 — the items and reasons, which no performance change may alter.
    const fingerprint = createHash('sha256');
    const kinds = new Map<string, number>();
    for (const [i, token] of tokens.entries()) {
      const page = await get(token);
      if (i >= 50) continue;
      for (const item of page.items) {
        fingerprint.update(`${item.productId}\t${item.reason.kind}\n`);
        kinds.set(item.reason.kind, (kinds.get(item.reason.kind) ?? 0) + 1);
      }
    }
    const pagesHash = fingerprint.digest('hex').slice(0, 16);
    say(`  reasons on 50 first pages: ${JSON.stringify(Object.fromEntries(kinds))}; fingerprint ${pagesHash}`);

    /** CONCURRENCY closed-loop users for `seconds`, each running `visit` (which times its own requests). */
    const load = async (seconds: number, visit: (token: string, times: number[]) => Promise<void>) => {
      const times: number[] = [];
      let failures = 0;
      // What a metrics call itself costs (its session lookup), so that only the feed's statements are counted.
      const own = -(await statements()) + (await statements());
      const sql0 = await statements();
      const cpu0 = processCpuMs(server.child.pid!);
      const sent0 = sent;
      const until = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, w) => {
          for (let r = 0; performance.now() < until; r++)
            await visit(tokens[(w + r * CONCURRENCY) % tokens.length]!, times).catch(() => void failures++);
        }),
      );
      const cpu = processCpuMs(server.child.pid!) - cpu0;
      const sqlCount = (await statements()) - sql0 - own;
      const requests = sent - sent0;
      times.sort((a, b) => a - b);
      return {
        p50Ms: round(percentile(times, 50)),
        p99Ms: round(percentile(times, 99)),
        perSec: round(times.length / seconds),
        timed: times.length,
        requests,
        failures,
        cpuMsPerRequest: round(cpu / Math.max(1, requests)),
        statementsPerRequest: round(sqlCount / Math.max(1, requests)),
      };
    };
    const timed = async (times: number[], f: () => Promise<Page>) => {
      const started = performance.now();
      const page = await f();
      times.push(performance.now() - started);
      return page;
    };

    t0 = performance.now();
    const firstPages = await load(SECONDS, async (token, times) => void (await timed(times, () => get(token))));
    say(
      `  first pages: p50 ${firstPages.p50Ms} ms, p99 ${firstPages.p99Ms} ms, ${firstPages.perSec} req/s, ` +
        `${firstPages.cpuMsPerRequest} CPU ms and ${firstPages.statementsPerRequest} statements per request` +
        (firstPages.failures ? `, ${firstPages.failures} failures` : ''),
    );
    // Scrolling: a first page (not timed) then two cursor pages (timed), as a shopper who scrolls on.
    const cursorPages = await load(SCROLL_SECONDS, async (token, times) => {
      let page = await get(token);
      for (let i = 0; i < 2 && page.nextCursor; i++) page = await timed(times, () => get(token, page.nextCursor));
    });
    say(
      `  cursor pages (each user: a first page, then two cursor pages): p50 ${cursorPages.p50Ms} ms, ` +
        `p99 ${cursorPages.p99Ms} ms; ${cursorPages.cpuMsPerRequest} CPU ms and ${cursorPages.statementsPerRequest} ` +
        `statements per request (first and cursor pages alike)`,
    );
    const helloPerSec = await measureHello(server.baseUrl);
    say(`  hello ${round(helloPerSec)} req/s (same server, after the feed); load ${os.loadavg().map(round).join(' ')}`);
    result = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      command: `nice -n 10 node bench/feed/run.ts`,
      market: { products: spec.products, users: spec.users, interactions: spec.interactions },
      benchUsers: tokens.length,
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      firstPages,
      cursorPages,
      helloPerSec: round(helloPerSec),
      reasons: Object.fromEntries(kinds),
      fingerprint: pagesHash,
      loadAverage: os.loadavg().map(round),
      loadSeconds: round((performance.now() - t0) / 1000),
    };
  } finally {
    await server.stop();
  }
} finally {
  if (process.env.KEEP_DB === '1') say(`kept ${scratch.url}`);
  else await scratch.drop();
}
await writeFile(path.join(repoRoot, 'bench/results/feed.json'), JSON.stringify(result, null, 2) + '\n');
say('wrote bench/results/feed.json');
