// node bench/analytics/append-variants.ts — where one loader page (200k events, the CSV PostgreSQL's COPY gives
// the loader) spends its time in DuckDB, and which way of appending it sorted costs least. Each variant runs in
// its own transaction, interleaved over 4 rounds, into a file database; prints wall and process CPU ms per run
// (CPU is the figure to compare on a shared machine). Needs PostgreSQL (a scratch database, dropped at the end).
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyIntoInbox } from '../../apps/server/src/modules/analytics/api.ts';
import { EVENT_COLUMNS, eventsTableDdl } from '../../apps/server/src/modules/analytics/event-model.ts';
import { DuckDbEngine } from '../../apps/server/src/platform/analytics/duckdb.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { HistoryGenerator } from '../../apps/server/src/seed/behaviour-history.ts';
import { createScratchDatabase } from '../lib.ts';

const scratch = await createScratchDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'micro_append');
const database = await openDatabase({ url: scratch.url, poolSize: 2 });
await database.migrate();
const until = new Date();
const catalogue = Array.from({ length: 5000 }, (_, i) => ({
  productId: `p${i}`,
  merchantId: `m${i % 200}`,
  categoryId: `c${i % 60}`,
  price: 1900 + i,
}));
await copyIntoInbox(
  database,
  new HistoryGenerator(catalogue, new Date(until.getTime() - 90 * 86400000), until).events(200_000),
);
const selectList = EVENT_COLUMNS.map(([c]) => c).join(', ');
let t = performance.now();
const csv = await database.copyOut(`SELECT ${selectList} FROM analytics_inbox ORDER BY seq`);
console.log(`copyOut ${(performance.now() - t).toFixed(0)} ms, ${csv.byteLength} bytes`);
t = performance.now();
await database.copyOut(
  `SELECT count(*)::int AS n, max(seq) FROM (SELECT seq FROM analytics_inbox ORDER BY seq LIMIT 200000) p`,
);
console.log(`bounds ${(performance.now() - t).toFixed(0)} ms`);
const dir = await mkdtemp(path.join(os.tmpdir(), 'micro-'));
const file = path.join(dir, 'page.csv');
await writeFile(file, csv);
const engine = await DuckDbEngine.open(path.join(dir, 'events.duckdb'));
await engine.ensure(eventsTableDdl(engine));
await engine.run(`CREATE TEMP TABLE stage AS SELECT * FROM events LIMIT 0`);
const types = await engine.query<{ name: string; type: string }>(
  `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position`,
);
const columns = `{${types.map((c) => `'${c.name}': '${c.type}'`).join(', ')}}`;
const copyOptions = `(FORMAT csv, HEADER false, NULLSTR '\\N', TIMESTAMPFORMAT 'auto')`;
const readCsv = `read_csv('${file}', columns = ${columns}, header = false, nullstr = '\\N', timestampformat = 'auto', auto_detect = false)`;
/** Each variant's statements, run in one engine transaction. */
const variants: Record<string, string[]> = {
  'COPY into events (unsorted)': [`COPY events FROM '${file}' ${copyOptions}`],
  'COPY into a stage, INSERT … ORDER BY (the loader before)': [
    `COPY stage FROM '${file}' ${copyOptions}`,
    `INSERT INTO events SELECT * FROM stage ORDER BY type, ts`,
    `DELETE FROM stage`,
  ],
  'INSERT … FROM read_csv ORDER BY (the loader now)': [`INSERT INTO events SELECT * FROM ${readCsv} ORDER BY type, ts`],
  'COPY into a stage only (parsing)': [`COPY stage FROM '${file}' ${copyOptions}`, `DELETE FROM stage`],
};
const ms: Record<string, { wall: number[]; cpu: number[] }> = {};
for (let round = 0; round < 4; round++)
  for (const [name, statements] of Object.entries(variants)) {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await engine.runAtomically(statements);
    const cpu = process.cpuUsage(cpu0);
    const m = (ms[name] ??= { wall: [], cpu: [] });
    m.wall.push(Math.round(performance.now() - started));
    m.cpu.push(Math.round((cpu.user + cpu.system) / 1000));
  }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, m] of Object.entries(ms))
  console.log(`${name}: CPU median ${median(m.cpu)} ms (${m.cpu.join(', ')}), wall ${m.wall.join(', ')} ms`);
console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
await engine.close();
await database.close();
await scratch.drop();
