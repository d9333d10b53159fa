// `npm run seed`: seeds the demo marketplace into the configured database (DATABASE_URL, or the embedded PGlite at
// DATA_DIR/pglite — stop the server first: PGlite allows one process), unless it already has merchants.
// Migrates first, prints progress lines and the demo accounts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { createDeps, openConfiguredDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_ACCOUNTS, seedIfEmpty } from '../src/seed/seed.ts';

const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
const where = config.DATABASE_URL
  ? 'PostgreSQL (DATABASE_URL)'
  : `PGlite ${path.join(path.resolve(config.DATA_DIR), 'pglite')}`;
console.log(`[seed] 数据库 ${where}`);
const database = await openConfiguredDatabase(config);
// Events are dispatched explicitly by the seed, so what happens when is the same on every run.
const deps = createDeps(config, database, { autoDispatch: false });
// The app serves DATA_DIR/media; make it exist so a fresh install does not warn.
mkdirSync(path.join(path.resolve(config.DATA_DIR), 'media'), { recursive: true });
// Building the app wires the modules' event subscribers and job handlers and creates the category tree.
const app = await buildApp(deps);

let exitCode = 0;
try {
  const summary = await seedIfEmpty(deps, (line) => console.log(line));
  if (!summary) {
    console.log('[seed] 数据库中已有商家，未写入演示数据。演示账号（若由本命令创建）：');
    for (const a of DEMO_ACCOUNTS) console.log(`[seed]   ${a.role}：${a.phone} / ${a.password}`);
  }
} catch (err) {
  console.error(`[seed] 失败：${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  exitCode = 1;
} finally {
  await app.close();
  await database.close();
}
process.exit(exitCode);
