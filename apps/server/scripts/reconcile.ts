// `npm run reconcile`: checks the ledger against payments, refunds and orders on the configured database
// (DATABASE_URL, or the embedded PGlite at DATA_DIR/pglite — stop the server first: PGlite allows one process).
// With the providers' daily bill files it also compares each bill with the books (docs/PAYMENTS.md):
//   npm run reconcile -- --date 2026-12-06 --alipay-bill 账务明细.csv --wechatpay-bill tradebill.csv
// Prints a report in Chinese and English; exits 1 when anything does not reconcile.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openConfiguredDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import {
  parseAlipayAccountBill,
  parseWechatTradeBill,
  reconcile,
  reconcileBill,
} from '../src/modules/payments/service.ts';

const { values: args } = parseArgs({
  options: {
    date: { type: 'string' },
    'alipay-bill': { type: 'string' },
    'wechatpay-bill': { type: 'string' },
  },
});
const bills = [
  ...(args['alipay-bill'] ? [parseAlipayAccountBill(await readFile(args['alipay-bill']))] : []),
  ...(args['wechatpay-bill'] ? [parseWechatTradeBill(await readFile(args['wechatpay-bill'], 'utf8'))] : []),
];
if (bills.length > 0 && !args.date) {
  console.error('对账单需要 --date YYYY-MM-DD（账单日，北京时间） / bill files need --date');
  process.exit(2);
}

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
  let billsOk = true;
  if (bills.length > 0) console.log('\n渠道账单 / provider bills:');
  for (const bill of bills) {
    const r = await reconcileBill(database.db, bill, args.date!);
    billsOk &&= r.ok;
    console.log(
      `  ${r.ok ? '✓ 通过 ok  ' : '✗ 不符 FAIL'} ${r.provider} ${r.date} 渠道账单：收款 ${r.matchedPayments} 笔、退款 ${r.matchedRefunds} 笔相符，手续费 ¥${(r.fees / 100).toFixed(2)}`,
    );
    for (const p of r.problems) console.log(`      - ${p}`);
  }
  console.log(
    report.ok && billsOk
      ? '\n结论：账实相符 / everything reconciles.\n'
      : '\n结论：存在不符，请核查上列问题 / NOT reconciled: see the problems above.\n',
  );
  exitCode = report.ok && billsOk ? 0 : 1;
} catch (err) {
  console.error(`对账失败 / reconciliation failed: ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
