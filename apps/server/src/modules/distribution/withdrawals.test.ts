import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { nextPhone } from '../../../test/http.ts';
import { buyer, type Buyer, signIn } from '../../../test/order-factories.ts';
import { createUser } from '../accounts/api.ts';
import { postJournal } from '../../platform/ledger.ts';
import { FieldCrypto } from '../../platform/field-crypto.ts';
import { newId } from '../../platform/ids.ts';
import { accounts } from './accounts.ts';
import { payoutAccounts } from './schema.ts';
import { sealPlainHolderNames } from './withdrawals.ts';
import { labourIncomeTax, withholdingFor } from './tax.ts';

const t = await createTestApp();
const db = t.deps.database.db;
const phone = nextPhone();
await createUser(t.deps, db, { phone, now: t.clock.now(), roles: ['consumer', 'operator'], nickname: '平台运营' });
const admin = await signIn(t, phone);

/** Available balance for a promoter, as settled commission would leave it (posted the way invitation rewards are). */
async function fund(who: Buyer, amount: number) {
  await db.transaction((tx) =>
    postJournal(tx, {
      kind: 'invite.reward',
      refId: newId('usr'),
      memo: '测试资金',
      at: t.clock.now(),
      lines: [
        { account: accounts.inviteRewards, amount },
        { account: accounts.promoterAvailable(who.userId), amount: -amount },
      ],
    }),
  );
}
const earnings = async (who: Buyer) => (await who.get('/api/v1/me/earnings')).body;
const withdraw = (who: Buyer, amount: number, key = newId('idem')) =>
  who.post('/api/v1/me/withdrawals', { amount }, { idempotencyKey: key });

describe('payout account holder name', () => {
  it('is sealed at rest, shown masked; a plain one from before is sealed once at start', async () => {
    const me = await buyer(t);
    await me.put('/api/v1/me/payout-account', { holderName: '赵晓燕', accountNo: '6222021234561111' });
    const raw = async () => (await db.select().from(payoutAccounts).where(eq(payoutAccounts.userId, me.userId)))[0]!;
    expect(FieldCrypto.isSealed((await raw()).holderName)).toBe(true);
    expect(JSON.stringify(await raw())).not.toContain('晓燕');
    await db.update(payoutAccounts).set({ holderName: '赵晓燕' }).where(eq(payoutAccounts.userId, me.userId));
    expect(await sealPlainHolderNames(t.deps)).toBe(1);
    expect(await sealPlainHolderNames(t.deps)).toBe(0);
    expect(t.deps.fieldCrypto.open((await raw()).holderName)).toBe('赵晓燕');
    expect((await me.get('/api/v1/me/payout-account')).body.account.holderName).toBe('赵**');
  });
});

describe('withdrawals', () => {
  it('need a payout account and the minimum, never more than is available; a retry withdraws once', async () => {
    const me = await buyer(t);
    await fund(me, 5000);
    expect((await withdraw(me, 2000)).body.type).toBe('payout-account-missing');
    const bound = await me.put('/api/v1/me/payout-account', { holderName: '王小明', accountNo: '6222021234567890' });
    expect(bound.body).toMatchObject({ holderName: '王**', maskedAccount: '6222 **** **** 7890' });
    expect((await withdraw(me, 999)).body.type).toBe('withdrawal-below-minimum');
    expect((await withdraw(me, 5001)).body.type).toBe('insufficient-balance');

    const key = newId('idem');
    const first = await withdraw(me, 3000, key);
    const retry = await withdraw(me, 3000, key);
    expect(first.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(first.body).toMatchObject({ amount: 3000, withheld: 0, net: 3000, status: 'processing' });
    expect(await earnings(me)).toMatchObject({ available: 2000, withdrawing: 3000 });

    await t.runJobs();
    expect((await me.get('/api/v1/me/withdrawals')).body.items).toMatchObject([
      { id: first.body.id, status: 'paid', net: 3000 },
    ]);
    expect(await earnings(me)).toMatchObject({ available: 2000, withdrawing: 0, withdrawn: 3000 });
    expect((await admin.get('/api/v1/admin/distribution/reconciliation')).body.ok).toBe(true);
  });

  it('parallel withdrawals cannot spend the same balance twice', async () => {
    const me = await buyer(t);
    await fund(me, 3000);
    await me.put('/api/v1/me/payout-account', { holderName: '李雷', accountNo: '13800001111' });
    const results = await Promise.all([withdraw(me, 2000), withdraw(me, 2000), withdraw(me, 2000)]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.body.type === 'insufficient-balance')).toHaveLength(2);
    expect((await earnings(me)).available).toBe(1000);
  });

  it('a payout the provider refuses returns the money to the available balance', async () => {
    const me = await buyer(t);
    await fund(me, 2000);
    await me.put('/api/v1/me/payout-account', { holderName: '韩梅梅', accountNo: '6222020000000000' });
    const w = await withdraw(me, 2000);
    await t.runJobs();
    const [row] = (await me.get('/api/v1/me/withdrawals')).body.items;
    expect(row).toMatchObject({ id: w.body.id, status: 'failed', failureReason: '收款账户状态异常，渠道拒绝打款' });
    expect(await earnings(me)).toMatchObject({ available: 2000, withdrawing: 0, withdrawn: 0 });
    expect((await admin.get('/api/v1/admin/distribution/reconciliation')).body.ok).toBe(true);
  });

  it("withholds income tax on the month's total and lists everything in the monthly CSV statement", async () => {
    const me = await buyer(t);
    await fund(me, 600_000);
    await me.put('/api/v1/me/payout-account', { holderName: '张三', accountNo: '6222021234560001' });
    const a = (await withdraw(me, 50_000)).body;
    const b = (await withdraw(me, 250_000)).body;
    // ¥500 is under the ¥800 threshold; with ¥3,000 the month's ¥3,000 owes (3000 − 800) × 20% = ¥440.
    expect(a).toMatchObject({ withheld: 0, net: 50_000 });
    expect(b).toMatchObject({ withheld: 44_000, net: 206_000 });
    await t.runJobs();
    const month = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
    const csv = await me.request('GET', `/api/v1/me/statements/${month}`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const text = String(csv.body);
    expect(text.startsWith('\uFEFF"日期","类型"')).toBe(true);
    expect(text).toContain('"提现","' + b.id + '","至 6222 **** **** 0001","2500.00","已到账","440.00","2060.00"');
    expect(text).toContain('"邀请奖励"');
  });
});

describe('tax rule', () => {
  it('follows the 劳务报酬 brackets', () => {
    expect(labourIncomeTax(80_000)).toBe(0);
    expect(labourIncomeTax(400_000)).toBe(64_000);
    expect(labourIncomeTax(1_000_000)).toBe(160_000);
    expect(labourIncomeTax(5_000_000)).toBe(1_000_000);
    expect(withholdingFor(400_000, 100_000)).toBe(labourIncomeTax(500_000) - 64_000);
  });
});
