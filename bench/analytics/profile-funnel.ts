// node bench/analytics/profile-funnel.ts — builds (once, kept in /tmp) a DuckDB file of PROFILE_EVENTS generated
// events (default 2M, plus payments as bench:analytics makes them) replicated PROFILE_COPIES times (default 5) with
// distinct people, then times `funnelReport` (the bench's funnel: 30 days, by channel) over it: wall and this
// process's CPU time (the engine's work, whatever the machine's load), median of PROFILE_RUNS. With
// PROFILE_SORTED=1 it also times the same SQL over a copy whose 200k-row pages are each sorted by (type, ts), as a
// loader could write them. For iterating on the funnel without a full bench run (docs/PERFORMANCE.md "Analytics").
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type BehaviourEvent, csvChunks, eventRow } from '../../apps/server/src/modules/analytics/api.ts';
import { eventsTableDdl } from '../../apps/server/src/modules/analytics/event-model.ts';
import { funnelReport } from '../../apps/server/src/modules/insights/api.ts';
import type { Deps } from '../../apps/server/src/deps.ts';
import { DuckDbEngine } from '../../apps/server/src/platform/analytics/duckdb.ts';
import { HistoryGenerator } from '../../apps/server/src/seed/behaviour-history.ts';

const EVENTS = Number(process.env.PROFILE_EVENTS ?? 2_000_000);
const COPIES = Number(process.env.PROFILE_COPIES ?? 5);
const RUNS = Number(process.env.PROFILE_RUNS ?? 7);
const file = process.env.PROFILE_FILE ?? `/tmp/haowu-profile-funnel/events-${EVENTS}x${COPIES}.duckdb`;
const fresh = !existsSync(file);
await mkdir(path.dirname(file), { recursive: true });
const engine = await DuckDbEngine.open(file);
const until = new Date('2026-12-06T12:00:00Z');
if (fresh) {
  await engine.ensure(eventsTableDdl(engine));
  const catalogue = Array.from({ length: 5000 }, (_, i) => ({
    productId: `prd_bench_${i}`,
    merchantId: `mch_bench_${i % 200}`,
    categoryId: `cat_bench_${i % 60}`,
    price: 1_900 + ((i * 7919) % 50_000),
  }));
  const events = withPayments(
    new HistoryGenerator(catalogue, new Date(until.getTime() - 90 * 86_400_000), until).events(EVENTS),
  );
  let batch: BehaviourEvent[] = [];
  let page = 0;
  for (const e of events) {
    batch.push(e);
    if (batch.length === 200_000) {
      await engine.appendCsv('events', Buffer.concat([...csvChunks(batch)]), {
        stream: 'profile',
        value: String(page++),
      });
      batch = [];
    }
  }
  if (batch.length)
    await engine.appendCsv('events', Buffer.concat([...csvChunks(batch)]), {
      stream: 'profile',
      value: String(page),
    });
  const cols = (await engine.query<{ name: string }>(`SELECT name FROM pragma_table_info('events')`)).map(
    (r) => r.name,
  );
  for (let c = 1; c < COPIES; c++) {
    const list = cols.map((n) =>
      n === 'actor' ? `actor || '#${c}' AS actor` : n === 'id' ? `id || '#${c}' AS id` : n,
    );
    await engine.run(`INSERT INTO events SELECT ${list.join(', ')} FROM events WHERE NOT contains(id, '#')`);
  }
  console.log('built', file, (await engine.query(`SELECT count(*) AS n FROM events`))[0]);
}

const [{ last } = { last: until }] = await engine.query<{ last: Date }>(`SELECT max(ts) AS last FROM events`);
const today = Math.floor((new Date(last).getTime() + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
const input = {
  steps: ['view', 'add_to_cart', 'checkout', 'pay'].map((type) => ({ type })),
  from: new Date(today - 29 * 86_400_000),
  to: new Date(today + 86_400_000),
  windowHours: 24,
  breakdown: 'channel' as const,
};
// The funnel's SQL, captured once, then run as is over `events` and (PROFILE_SORTED) over the page-sorted copy.
let captured: { sql: string; params: Parameters<DuckDbEngine['query']>[1] } | undefined;
const query = engine.query.bind(engine);
const deps = {
  analytics: Object.assign(Object.create(engine) as DuckDbEngine, {
    query: (sql: string, params?: Parameters<DuckDbEngine['query']>[1]) => {
      captured = { sql, params };
      return query(sql, params);
    },
  }),
} as Pick<Deps, 'analytics'> as Deps;
await funnelReport(deps, { merchantId: null }, input);
const variants: Record<string, string> = { events: captured!.sql };
if (process.env.PROFILE_SORTED) {
  await engine.run(`CREATE TABLE IF NOT EXISTS events_sorted AS SELECT * FROM events LIMIT 0`);
  const [{ n } = { n: 0 }] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM events_sorted`);
  const [{ total } = { total: 0 }] = await engine.query<{ total: number }>(`SELECT count(*) AS total FROM events`);
  for (let a = 0; n === 0 && a < total; a += 200_000)
    await engine.run(
      `INSERT INTO events_sorted SELECT * FROM events WHERE rowid >= ${a} AND rowid < ${a + 200_000} ORDER BY type, ts`,
    );
  variants.events_sorted = captured!.sql.replaceAll('FROM events', 'FROM events_sorted');
}
const runs: Record<string, { wall: number; cpu: number; out: string }[]> = {};
for (let i = 0; i <= RUNS; i++)
  for (const [name, sql] of Object.entries(variants)) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const out = JSON.stringify(await query(sql, captured!.params));
    const c = process.cpuUsage(c0);
    if (i > 0) (runs[name] ??= []).push({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, out });
  }
const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
for (const [name, rs] of Object.entries(runs))
  console.log(
    `${name}: wall ${median(rs.map((r) => r.wall))} ms, CPU ${median(rs.map((r) => r.cpu))} ms (median of ${RUNS}); ${rs[0]!.out}`,
  );
await engine.close();

function* withPayments(events: Generator<BehaviourEvent>): Generator<BehaviourEvent> {
  let i = 0;
  for (const e of events) {
    yield e;
    if (e.type === 'checkout' && i++ % 5 !== 4)
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
