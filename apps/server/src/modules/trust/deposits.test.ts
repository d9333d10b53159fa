import { describe, expect, it } from 'vitest';
import { merchantWithOwner, operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { VALID_ID_NUMBER } from '../../../test/live-factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { accountBalance, checkLedgerBalance } from '../../platform/ledger.ts';
import { depositAccounts } from './deposits.ts';

const t = await createTestApp();
const ops = await operator(t);
const db = t.deps.database.db;
const IMG = '/media/u/00000000/licence.png';

/** A home-goods shop (deposit ¥3,000, no extra qualification), opened through the real admission path. */
async function approvedShop() {
  const applicant = await signIn(t);
  const app = await applicant.post('/api/v1/merchant-applications', {
    entityType: 'individual',
    shopName: '小林家居',
    categoryId: 'cat_home',
    licenceName: '杭州市西湖区小林家居用品店',
    creditCode: '91310000775785552L',
    licenceImageUrl: IMG,
    licenceValidUntil: null,
    licencePermanent: true,
    qualifications: [],
    legalRep: { name: '林小', idNumber: VALID_ID_NUMBER },
    bank: { bankName: '农业银行', accountHolder: '林小', accountNumber: '6228480012345678' },
  });
  const approved = await ops.post(`/api/v1/admin/merchant-applications/${app.body.id}/decision`, {
    decision: 'approve',
  });
  return { merchantId: approved.body.merchantId as string, owner: applicant };
}

describe('penalties', () => {
  it('records a warning, suspends the shop on a suspension, and shows each shop only its own record', async () => {
    const { merchantId, owner } = await approvedShop();
    const other = await merchantWithOwner(t, '别家店');
    const url = `/api/v1/admin/merchants/${merchantId}/penalties`;
    expect((await ops.post(url, { kind: 'deposit-deduction', reason: '无金额' })).body.type).toBe('amount-required');
    expect((await ops.post(url, { kind: 'warning', reason: '商品主图与实物不符' })).status).toBe(201);
    t.clock.advance(60_000);
    expect((await ops.post(url, { kind: 'suspension', reason: '屡次警告未整改' })).status).toBe(201);
    expect((await ops.get(`/api/v1/admin/merchants?q=${merchantId}`)).body.items[0].status).toBe('suspended');
    const own = (await owner.get('/api/v1/merchant/penalties')).body.items;
    expect(own.map((p: { kind: string; reason: string }) => [p.kind, p.reason])).toEqual([
      ['suspension', '屡次警告未整改'],
      ['warning', '商品主图与实物不符'],
    ]);
    expect((await ops.get(url)).body.items).toHaveLength(2);
    expect((await other.owner.get('/api/v1/merchant/penalties')).body.items).toEqual([]);
    expect((await other.owner.get(url)).status).toBe(403);
  });
});

describe('category deposit on the ledger', () => {
  it('is held by transfer, deducted by a penalty into the guarantee fund, refunded after the exit window — balanced throughout', async () => {
    const { merchantId, owner } = await approvedShop();
    const url = `/api/v1/admin/merchants/${merchantId}`;
    expect((await owner.get('/api/v1/merchant/deposit')).body).toMatchObject({
      required: 300_000,
      held: 0,
      shortfall: 300_000,
    });

    const paid = await ops.post(
      `${url}/deposit/transfers`,
      { amount: 300_000, reference: 'CMB20261120001' },
      { idempotencyKey: 'tr-1' },
    );
    expect(paid.body).toMatchObject({ held: 300_000, shortfall: 0 });
    // The bank's retry of the same confirmation does not count the money twice.
    await ops.post(
      `${url}/deposit/transfers`,
      { amount: 300_000, reference: 'CMB20261120001' },
      { idempotencyKey: 'tr-1' },
    );
    expect((await owner.get('/api/v1/merchant/deposit')).body.held).toBe(300_000);

    const penalty = { kind: 'deposit-deduction', reason: '虚假发货' };
    const tooMuch = await ops.post(`${url}/penalties`, { ...penalty, amount: 300_001 });
    expect(tooMuch.body.type).toBe('deduction-exceeds-deposit');
    expect((await owner.get('/api/v1/merchant/penalties')).body.items).toEqual([]);
    expect((await ops.post(`${url}/penalties`, { ...penalty, amount: 50_000 })).status).toBe(201);
    const deducted = (await owner.get('/api/v1/merchant/deposit')).body;
    expect(deducted).toMatchObject({ held: 250_000, shortfall: 50_000 });
    expect(deducted.movements[0]).toMatchObject({ kind: 'deduction', amount: -50_000, reason: '处罚扣除：虚假发货' });
    expect((await owner.get('/api/v1/merchant/penalties')).body.items).toEqual([
      expect.objectContaining({ kind: 'deposit-deduction', amount: 50_000, reason: '虚假发货' }),
    ]);
    expect(await accountBalance(db, depositAccounts.guaranteeFund)).toBe(-50_000);

    // Topping up from the shop balance needs money there; a new shop has none.
    expect((await owner.post('/api/v1/merchant/deposit/pay-from-balance')).body.type).toBe('insufficient-balance');

    expect((await ops.post(`${url}/deposit/refund`)).body.type).toBe('not-exiting');
    const exiting = await ops.post(`${url}/exit`, { reason: '商家主动申请退出' });
    expect(exiting.body).toMatchObject({ status: 'exiting', shortfall: 0 });
    expect((await ops.get(`/api/v1/admin/merchants?q=${merchantId}`)).body.items[0].status).toBe('suspended');
    t.clock.advance(14 * 86_400_000);
    const early = await ops.post(`${url}/deposit/refund`);
    expect(early.body.type).toBe('after-sale-window-open');
    t.clock.advance(86_400_000);
    const refunded = await ops.post(`${url}/deposit/refund`);
    expect(refunded.body).toMatchObject({ status: 'refunded', held: 0 });
    expect(refunded.body.movements.map((m: { kind: string; amount: number }) => [m.kind, m.amount])).toEqual([
      ['refund', -250_000],
      ['deduction', -50_000],
      ['transfer-in', 300_000],
    ]);
    expect(-(await accountBalance(db, depositAccounts.merchantAvailable(merchantId)))).toBe(250_000);
    expect(await accountBalance(db, depositAccounts.deposit(merchantId))).toBe(0);
    const ledger = await checkLedgerBalance(db);
    expect(ledger.total).toBe(0);
    expect(ledger.unbalanced).toEqual([]);
    expect((await ops.post(`${url}/penalties`, { ...penalty, amount: 1 })).body.type).toBe('deposit-closed');
  });

  it('is the operator’s to move and each shop’s own to see', async () => {
    const { merchantId, owner } = await approvedShop();
    const other = await merchantWithOwner(t, '别家店');
    expect(
      (await owner.post(`/api/v1/admin/merchants/${merchantId}/penalties`, { kind: 'warning', reason: '自罚' })).status,
    ).toBe(403);
    expect((await owner.get(`/api/v1/admin/merchants/${merchantId}/deposit`)).status).toBe(403);
    // A shop opened by hand before admission existed has no deposit account yet.
    expect((await other.owner.get('/api/v1/merchant/deposit')).status).toBe(404);
    expect(
      (await other.owner.withHeaders({ 'x-merchant-id': merchantId }).get('/api/v1/merchant/deposit')).status,
    ).toBe(403);
  });
});
