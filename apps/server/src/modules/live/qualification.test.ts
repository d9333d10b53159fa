import { describe, expect, it } from 'vitest';
import { deliveredOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { signIn } from '../../../test/order-factories.ts';
import { LIVE, liveShop, VALID_ID_NUMBER } from '../../../test/live-factories.ts';
import { accountBalance, checkLedgerBalance } from '../../platform/ledger.ts';
import { isValidIdNumber } from './qualification.ts';

// A small deposit so one settled ¥99 order covers it.
const t = await createTestApp({ LIVE_DEPOSIT_AMOUNT: '5000' });

/** A real order, delivered and completed after its return window: the settlement gives the shop an available balance. */
async function settledOrder(s: Awaited<ReturnType<typeof liveShop>>) {
  await deliveredOrder(t, { merchant: { merchantId: s.merchantId, owner: s.owner }, product: s.products[0]! });
  t.clock.advanceDays(30);
  await t.runJobs();
  // A month later the owner signs in again.
  s.owner = await signIn(t, s.owner.phone);
}

describe('host qualification', () => {
  it('checks the ID number and keeps only a masked name and the last four characters', async () => {
    expect(isValidIdNumber(VALID_ID_NUMBER)).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491331002X')).toBe(false);
    const s = await liveShop(t, { products: 1 });
    const bad = await s.owner.post(`${LIVE}/qualification/real-name`, {
      name: '王小明',
      idNumber: '110105194912310021',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.type).toBe('id-number-invalid');
    expect((await s.owner.get(`${LIVE}/qualification`)).body.realNameVerifiedAt).toBeNull();
    const good = await s.owner.post(`${LIVE}/qualification/real-name`, {
      name: '王小明',
      idNumber: VALID_ID_NUMBER.toLowerCase(),
    });
    expect(good.body).toEqual({ realName: '王**', idNumberTail: '002X' });
    const q = await s.owner.get(`${LIVE}/qualification`);
    expect(q.body).toMatchObject({
      realName: '王**',
      idNumberTail: '002X',
      creditScore: 100,
      minCreditScore: 60,
      canStart: true,
    });
    expect(JSON.stringify(q.body)).not.toContain('110105');
  });

  it('holds the deposit on the ledger (balanced), shows 假一赔十 while held, and releases it', async () => {
    const s = await liveShop(t, { products: 1 });
    const none = await s.owner.post(`${LIVE}/qualification/deposit`);
    expect(none.status).toBe(409);
    expect(none.body.type).toBe('insufficient-balance');

    await settledOrder(s);
    const before = (await s.owner.get(`${LIVE}/qualification`)).body.availableBalance as number;
    expect(before).toBeGreaterThanOrEqual(5000);

    const paid = await s.owner.post(`${LIVE}/qualification/deposit`);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.depositHeld).toBe(5000);
    expect((await s.owner.post(`${LIVE}/qualification/deposit`)).body.type).toBe('deposit-already-held');
    const db = t.deps.database.db;
    expect(await accountBalance(db, `live-deposit:${s.merchantId}`)).toBe(-5000);
    const ledger = await checkLedgerBalance(db);
    expect(ledger.total).toBe(0);
    expect(ledger.unbalanced).toEqual([]);
    const q = (await s.owner.get(`${LIVE}/qualification`)).body;
    expect(q).toMatchObject({
      depositHeld: 5000,
      availableBalance: before - 5000,
      badges: { deposit: true, guarantee: true },
    });

    const released = await s.owner.post(`${LIVE}/qualification/deposit/release`);
    expect(released.body).toEqual({ depositHeld: 0, released: 5000 });
    expect(await accountBalance(db, `live-deposit:${s.merchantId}`)).toBe(0);
    expect((await s.owner.get(`${LIVE}/qualification`)).body).toMatchObject({
      availableBalance: before,
      badges: { guarantee: false },
    });
    expect((await checkLedgerBalance(db)).total).toBe(0);
  });

  it('will not release the deposit while a session is scheduled', async () => {
    const s = await liveShop(t, { products: 1 });
    await settledOrder(s);
    expect((await s.owner.post(`${LIVE}/qualification/deposit`)).status).toBe(200);
    await s.owner.post(`${LIVE}/sessions`, {
      title: '周末专场',
      scheduledAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
      products: [{ productId: s.products[0]!.productId }],
    });
    const refused = await s.owner.post(`${LIVE}/qualification/deposit/release`);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('sessions-pending');
  });
});
