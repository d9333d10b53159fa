// node bench/analytics/profile-history.ts — times each stage of the demo-history path on PGlite (in memory) and
// embedded DuckDB: generation, CSV building + COPY into the inbox, and the loader's COPY out and engine append.
// PROFILE_EVENTS (default 200k). Stage timers only; no PostgreSQL needed.
import { type BehaviourEvent, copyIntoInbox } from '../../apps/server/src/modules/analytics/api.ts';
import { EventLoader, loadHistoryIntoEngine } from '../../apps/server/src/modules/analytics/loader.ts';
import { DuckDbEngine } from '../../apps/server/src/platform/analytics/duckdb.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { HistoryGenerator } from '../../apps/server/src/seed/behaviour-history.ts';

const EVENTS = Number(process.env.PROFILE_EVENTS ?? 200_000);
const database = await openDatabase({});
await database.migrate();
const engine = await DuckDbEngine.open(undefined);
const t = { generate: 0, inboxCopy: 0, copyOut: 0, append: 0, load: 0 };
const copyOut = database.copyOut.bind(database);
database.copyOut = async (q) => {
  const s = performance.now();
  try {
    return await copyOut(q);
  } finally {
    t.copyOut += performance.now() - s;
  }
};
const append = engine.appendCsv.bind(engine);
engine.appendCsv = async (...args) => {
  const s = performance.now();
  try {
    return await append(...args);
  } finally {
    t.append += performance.now() - s;
  }
};
const until = new Date();
const catalogue = Array.from({ length: 500 }, (_, i) => ({
  productId: `prd_${i}`,
  merchantId: `mch_${i % 20}`,
  categoryId: `cat_${i % 30}`,
  price: 1_900 + i,
}));
const started = performance.now();
let s = performance.now();
const events: BehaviourEvent[] = [
  ...new HistoryGenerator(catalogue, new Date(until.getTime() - 90 * 86_400_000), until).events(EVENTS),
];
t.generate = performance.now() - s;
s = performance.now();
for (let i = 0; i < events.length; i += 100_000) await copyIntoInbox(database, events.slice(i, i + 100_000));
t.inboxCopy = performance.now() - s;
s = performance.now();
const loaded = await new EventLoader(database, engine).load();
t.load = performance.now() - s;
const total = performance.now() - started;
// The seed's path since the direct load: the same events straight into a second engine, 100k per transaction.
const direct = await DuckDbEngine.open(undefined);
s = performance.now();
for (let i = 0; i < events.length; i += 100_000)
  await loadHistoryIntoEngine(direct, events.slice(i, i + 100_000), { stream: 'demo-history', value: String(i) });
const directMs = performance.now() - s;
const digest = `SELECT count(*) AS n, CAST(sum(hash(id, type, ts, received_at, actor, props, channel, product_id) % 1000003) AS BIGINT) AS h FROM events`;
const same = JSON.stringify(await direct.query(digest)) === JSON.stringify(await engine.query(digest));
await direct.close();
const [{ n } = { n: 0 }] = await engine.query<{ n: number }>('SELECT count(*) AS n FROM events');
const r = (x: number) => Math.round(x / 100) / 10;
console.log(
  JSON.stringify({
    events: EVENTS,
    loaded,
    inEngine: n,
    directSameRows: same,
    seconds: Object.fromEntries(Object.entries({ ...t, total, directIntoEngine: directMs }).map(([k, v]) => [k, r(v)])),
  }),
);
await engine.close();
await database.close();
