import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { withDatabase } from '../../../test/global-setup.ts';
import { copyPgliteTemplate, createTestApp } from '../../../test/harness.ts';
import { operator } from '../../../test/factories.ts';
import { buyer, placeOrder, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { openDatabase } from '../../platform/db.ts';
import { postJournal } from '../../platform/ledger.ts';

const t = await createTestApp();
const admin = await operator(t);
const run = promisify(execFile);
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('reconciliation', () => {
  it('reports, in Chinese, money on the provider account that no refund explains', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    await payThroughSandbox(t, me, checkout.checkoutId);
    expect((await admin.get('/api/v1/admin/reconciliation')).body.ok).toBe(true);

    // A balanced journal nobody recorded: the ledger still sums to zero, but it no longer matches the refunds.
    await postJournal(t.deps.database.db, {
      kind: 'refund',
      refId: 'rfd_unrecorded',
      at: t.clock.now(),
      lines: [
        { account: `merchant:${s.merchantId}:pending`, amount: 1234 },
        { account: 'provider:sandbox', amount: -1234 },
      ],
    });
    const report = (await admin.get('/api/v1/admin/reconciliation')).body;
    expect(report.ok).toBe(false);
    const failed = report.checks.filter((c: any) => !c.ok).map((c: any) => c.code);
    expect(failed).toEqual(['refunds-posted', 'provider-balance']);
    expect(report.checks.find((c: any) => c.code === 'ledger-total-zero').ok).toBe(true);
    expect(report.problems).toContain('已完成退款 = 渠道账户贷方：合计应为 ¥0.00，实为 ¥12.34');
  });

  // Two runs of the command, each a fresh Node process migrating a scratch database: a hang guard for busy CI cores.
  it(
    '`npm run reconcile` prints the report and exits 1 only when something does not reconcile',
    {
      timeout: 300_000,
    },
    async () => {
      const scratch = await scratchDatabase();
      const env = { ...process.env, LOG_LEVEL: 'silent', ...scratch.env };
      try {
        const clean = await run(process.execPath, ['scripts/reconcile.ts'], { cwd: serverDir, env });
        expect(clean.stdout).toContain('结论：账实相符 / everything reconciles.');

        const database = await scratch.open();
        await postJournal(database.db, {
          kind: 'refund',
          refId: 'rfd_ghost',
          at: new Date(),
          lines: [
            { account: 'suspense:late-payments', amount: 500 },
            { account: 'provider:sandbox', amount: -500 },
          ],
        });
        await database.close();

        const broken = await run(process.execPath, ['scripts/reconcile.ts'], { cwd: serverDir, env }).catch(
          (err: { code: number; stdout: string }) => err,
        );
        expect('code' in broken ? broken.code : 0).toBe(1);
        expect(broken.stdout).toContain('✗ 不符 FAIL 已完成退款 = 渠道账户贷方');
        expect(broken.stdout).toContain('NOT reconciled');
      } finally {
        await scratch.cleanup();
      }
    },
  );
});

/** A migrated database of its own for the script, copied from the test template (PGlite dir or PostgreSQL database). */
async function scratchDatabase() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `haowu_rc_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
    const url = withDatabase(adminUrl, name);
    return {
      env: { DATABASE_URL: url },
      open: () => openDatabase({ url, poolSize: 1 }),
      cleanup: async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'haowu-reconcile-'));
  const pgliteDir = path.join(dataDir, 'pglite');
  await copyPgliteTemplate(pgliteDir);
  return {
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir: pgliteDir }),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}
