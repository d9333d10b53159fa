// `npm run reconcile`: checks the ledger against payments, refunds and orders on the configured database
// (DATABASE_URL, or the embedded PGlite at DATA_DIR/pglite — stop the server first: PGlite allows one process).
// Prints a report in Chinese and English; exits 1 when anything does not reconcile.
import path from 'node:path';
import { openConfiguredDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { reconcile } from '../src/modules/payments/service.ts';

const config = loadConfig();
const where = config.DATABASE_URL
  ? 'PostgreSQL (DATABASE_URL)'
  : `PGlite ${path.join(path.resolve(config.DATA_DIR), 'pglite')}`;
// The same database main.ts opens, migrated to the current schema.
const database = await openConfiguredDatabase(config);

let exitCode: number;
try {
  const report = await reconcile(database.db, new Date());
  console.log(`\n好物 资金对账 / Haowu reconciliation — ${report.checkedAt}\n数据库 / database: ${where}\n`);
  for (const c of report.checks) {
    console.log(`  ${c.ok ? '✓ 通过 ok  ' : '✗ 不符 FAIL'} ${c.name} [${c.code}]`);
    console.log(`      ${c.detail}`);
  }
  if (report.problems.length > 0) {
    console.log(`\n问题 / problems (${report.problems.length}):`);
    for (const p of report.problems) console.log(`  - ${p}`);
  }
  console.log(
    report.ok
      ? '\n结论：账实相符 / everything reconciles.\n'
      : '\n结论：存在不符，请核查上列问题 / NOT reconciled: see the problems above.\n',
  );
  exitCode = report.ok ? 0 : 1;
} catch (err) {
  console.error(`对账失败 / reconciliation failed: ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
