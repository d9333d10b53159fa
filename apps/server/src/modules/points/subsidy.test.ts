import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { accountBalance, checkLedgerBalance } from '../../platform/ledger.ts';
import { newId } from '../../platform/ids.ts';
import { reconcilePoints } from './ledger-views.ts';
import { pointsSubsidies } from './schema.ts';
import { awardPoints } from './service.ts';
import { pointsSubsidyAccounts, pointsSubsidyOf } from './subsidy.ts';

const t = await createTestApp();
const admin = await operator(t);
const db = t.deps.database.db;

/**
 * 3 × ¥40 = ¥120 (free shipping from ¥99) paid partly with 2,400 points (the 20% cap, ¥24): the buyer pays ¥96
 * and the platform owes the merchant the other ¥24 in cash.
 */
async function paidWithPoints() {
  const s = await shop(t, { price: 4000, stock: 20 });
  const me = await buyer(t);
  await db.transaction((tx) =>
    awardPoints(tx, {
      userId: me.userId,
      amount: 2400,
      reason: '测试赠送',
      sourceType: 'test-grant',
      sourceId: me.userId,
      at: t.clock.now(),
    }),
  );
  const items = [{ skuId: s.skuId, qty: 3 }];
  const quote = (await me.post('/api/v1/checkout/quote', { items, addressId: me.addressId, usePoints: true })).body;
  expect(quote.merchants[0].discounts).toEqual([{ source: 'points', label: '积分抵扣（2400 积分）', amount: 2400 }]);
  const placed = await me.post(
    '/api/v1/orders',
    { items, addressId: me.addressId, expectedAmount: quote.amount, usePoints: true },
    { idempotencyKey: newId('idem') },
  );
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const o = placed.body.orders[0];
  await payThroughSandbox(t, me, placed.body.checkoutId);
  await t.drain();
  return { ...s, me, orderId: o.id as string, lineId: o.lines[0].id as string, payAmount: o.payAmount as number };
}

async function refund(o: Awaited<ReturnType<typeof paidWithPoints>>, qty: number) {
  const req = await o.me.post('/api/v1/after-sales', {
    orderId: o.orderId,
    lineId: o.lineId,
    qty,
    type: 'refund_only',
    reasonCode: 'other',
    description: '不想要了',
    images: [],
  });
  expect(req.status, JSON.stringify(req.body)).toBe(201);
  expect((await o.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`)).status).toBe(200);
  await t.runJobs();
  await t.drain();
  return req.body as { amount: number };
}

/** What the merchant is owed, pending and available (the ledger's merchant accounts are credit balances). */
const owed = async (merchantId: string) => ({
  pending: 0 - (await accountBalance(db, pointsSubsidyAccounts.pending(merchantId))),
  available: 0 - (await accountBalance(db, pointsSubsidyAccounts.available(merchantId))),
});

/** The platform's net points subsidy, from the points module's own rows: Σ (amount − reversed). */
async function platformNet(): Promise<number> {
  const all = await db.select().from(pointsSubsidies);
  return all.reduce((a, r) => a + r.amount - r.reversedAmount, 0);
}

async function ledgerReconciles() {
  expect(await checkLedgerBalance(db)).toMatchObject({ total: 0, unbalanced: [] });
  expect(await accountBalance(db, pointsSubsidyAccounts.platform)).toBe(await platformNet());
  expect(await reconcilePoints(db)).toMatchObject({ ok: true });
  const payments = (await admin.get('/api/v1/admin/reconciliation')).body;
  expect(payments.ok, JSON.stringify(payments.problems)).toBe(true);
}

describe('points subsidy', () => {
  it('is posted when the order is paid, so the merchant is owed the pre-points amount', async () => {
    const o = await paidWithPoints();
    expect(o.payAmount).toBe(9600);
    expect(await owed(o.merchantId)).toEqual({ pending: 12000, available: 0 });
    expect(await pointsSubsidyOf(db, o.orderId)).toMatchObject({
      merchantId: o.merchantId,
      amount: 2400,
      reversedAmount: 0,
      settledAt: null,
    });
    const finance = (await o.owner.get('/api/v1/merchant/finance')).body;
    expect(finance.pending).toBe(12000);
    expect(finance.recent.map((e: { kindLabel: string; amount: number }) => [e.kindLabel, e.amount])).toEqual(
      expect.arrayContaining([
        ['订单收款', 9600],
        ['积分抵扣补贴', 2400],
      ]),
    );
    await ledgerReconciles();
  });

  it('is reversed in proportion to a partial refund and entirely by the rest, once each', async () => {
    const o = await paidWithPoints();
    expect((await refund(o, 1)).amount).toBe(3200); // a third of the ¥96 paid for items
    expect(await pointsSubsidyOf(db, o.orderId)).toMatchObject({ amount: 2400, reversedAmount: 800 });
    // Two units left: ¥64 paid by the buyer + ¥16 of the platform's subsidy = their ¥80 list price.
    expect(await owed(o.merchantId)).toEqual({ pending: 8000, available: 0 });
    const finance = (await o.owner.get('/api/v1/merchant/finance')).body;
    expect(finance.recent.map((e: { kindLabel: string; amount: number }) => [e.kindLabel, e.amount])).toEqual(
      expect.arrayContaining([['积分抵扣补贴退回', -800]]),
    );
    await ledgerReconciles();

    await refund(o, 2);
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('closed');
    expect(await pointsSubsidyOf(db, o.orderId)).toMatchObject({ amount: 2400, reversedAmount: 2400 });
    expect(await owed(o.merchantId)).toEqual({ pending: 0, available: 0 });
    await ledgerReconciles();
  });

  it('settles pending → available with the order', async () => {
    const o = await paidWithPoints();
    expect(
      (
        await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
          carrier: '顺丰速运',
          trackingNo: 'SF1234567890123',
        })
      ).status,
    ).toBe(200);
    expect((await o.me.post(`/api/v1/orders/${o.orderId}/confirm-receipt`)).status).toBe(200);
    t.clock.advanceDays(8); // past the return window: the order completes and settles
    await t.runJobs();
    await t.drain();
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('completed');
    expect(await owed(o.merchantId)).toEqual({ pending: 0, available: 12000 });
    expect((await pointsSubsidyOf(db, o.orderId))!.settledAt).not.toBeNull();
    const finance = (await o.owner.get('/api/v1/merchant/finance')).body;
    expect(finance.recent.map((e: { kindLabel: string }) => e.kindLabel)).toContain('积分抵扣补贴结算');
    await ledgerReconciles();
  });
});
