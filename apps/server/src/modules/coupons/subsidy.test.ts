import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import {
  claim,
  createTemplate,
  MERCHANT_TEMPLATES,
  order,
  PLATFORM_TEMPLATES,
} from '../../../test/coupon-factories.ts';
import { accountBalance, checkLedgerBalance } from '../../platform/ledger.ts';
import { couponSubsidies } from './schema.ts';
import { subsidiesOf, subsidyAccounts } from './subsidy.ts';

const t = await createTestApp();
const admin = await operator(t);
const db = t.deps.database.db;

/**
 * 3 × ¥40 = ¥120 (free shipping from ¥99) with a platform 满100减12 coupon: the buyer pays ¥108 and the platform
 * owes the merchant the other ¥12. `shopCoupon` adds the shop's own ¥5 coupon, which is the merchant's cost.
 */
async function paidWithPlatformCoupon(opts: { shopCoupon?: boolean } = {}) {
  const s = await shop(t, { price: 4000, stock: 20 });
  const platform = await createTemplate(t, admin, PLATFORM_TEMPLATES, {
    name: '平台满100减12',
    thresholdAmount: 10000,
    discountAmount: 1200,
  });
  const me = await buyer(t);
  const ids = [(await claim(me, platform.id)).id];
  if (opts.shopCoupon) {
    const own = await createTemplate(t, s.owner, MERCHANT_TEMPLATES, {
      kind: 'no_threshold',
      thresholdAmount: 0,
      discountAmount: 500,
    });
    ids.push((await claim(me, own.id)).id);
  }
  const placed = await order(me, [{ skuId: s.skuId, qty: 3 }], ids);
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const o = placed.body.orders[0];
  await payThroughSandbox(t, me, placed.body.checkoutId);
  await t.drain();
  return {
    ...s,
    me,
    couponId: ids[0]!,
    orderId: o.id as string,
    lineId: o.lines[0].id as string,
    payAmount: o.payAmount as number,
  };
}

async function refund(o: Awaited<ReturnType<typeof paidWithPlatformCoupon>>, qty: number) {
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
  pending: 0 - (await accountBalance(db, subsidyAccounts.pending(merchantId))),
  available: 0 - (await accountBalance(db, subsidyAccounts.available(merchantId))),
});

async function ledgerReconciles() {
  const ledger = await checkLedgerBalance(db);
  expect(ledger).toMatchObject({ total: 0, unbalanced: [] });
  const payments = (await admin.get('/api/v1/admin/reconciliation')).body;
  expect(payments.ok, JSON.stringify(payments.problems)).toBe(true);
}

describe('platform coupon subsidy', () => {
  it('is posted when the order is paid, so the merchant is owed the pre-coupon price', async () => {
    const o = await paidWithPlatformCoupon();
    expect(o.payAmount).toBe(10800);
    expect(await owed(o.merchantId)).toEqual({ pending: 12000, available: 0 });
    expect(await subsidiesOf(db, o.orderId)).toMatchObject([
      { couponId: o.couponId, merchantId: o.merchantId, amount: 1200, reversedAmount: 0 },
    ]);
    const finance = (await o.owner.get('/api/v1/merchant/finance')).body;
    expect(finance.pending).toBe(12000);
    expect(finance.recent.map((e: { kindLabel: string; amount: number }) => [e.kindLabel, e.amount])).toEqual(
      expect.arrayContaining([
        ['订单收款', 10800],
        ['平台券补贴', 1200],
      ]),
    );
    await ledgerReconciles();
  });

  it('is reversed in proportion to a partial refund and entirely by the rest', async () => {
    const o = await paidWithPlatformCoupon();
    expect((await refund(o, 1)).amount).toBe(3600); // a third of the ¥108 paid for items
    expect(await subsidiesOf(db, o.orderId)).toMatchObject([{ amount: 1200, reversedAmount: 400 }]);
    // Two units left: ¥72 paid by the buyer + ¥8 of the platform's subsidy = their ¥80 list price.
    expect(await owed(o.merchantId)).toEqual({ pending: 8000, available: 0 });
    await ledgerReconciles();

    await refund(o, 2);
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('closed');
    expect(await subsidiesOf(db, o.orderId)).toMatchObject([{ amount: 1200, reversedAmount: 1200 }]);
    expect(await owed(o.merchantId)).toEqual({ pending: 0, available: 0 });
    expect(await accountBalance(db, subsidyAccounts.platform)).toBe(await platformNet());
    await ledgerReconciles();
  });

  it('settles with the order; a shop coupon stays the merchant’s own cost', async () => {
    const o = await paidWithPlatformCoupon({ shopCoupon: true });
    // ¥120 − ¥12 platform − ¥5 shop = ¥103 paid; the merchant is owed ¥115: everything but its own ¥5.
    expect(o.payAmount).toBe(10300);
    expect(await owed(o.merchantId)).toEqual({ pending: 11500, available: 0 });
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
    expect(await owed(o.merchantId)).toEqual({ pending: 0, available: 11500 });
    expect((await subsidiesOf(db, o.orderId))[0]!.settledAt).not.toBeNull();
    await ledgerReconciles();
  });
});

/** The platform's net subsidy cost, from the coupons module's own rows: Σ (amount − reversed). */
async function platformNet(): Promise<number> {
  const all = await db.select().from(couponSubsidies);
  return all.reduce((a, r) => a + r.amount - r.reversedAmount, 0);
}
