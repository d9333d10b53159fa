import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, type Buyer, shop } from '../../../test/order-factories.ts';
import { checkLedgerBalance } from '../../platform/ledger.ts';
import { newId } from '../../platform/ids.ts';
import { reconcile, requestRefund } from './service.ts';

// Random interleavings of ordering, paying (on time, late, failed), cancelling, timing out and partial refunds:
// whatever happens, the ledger sums to zero and reconciles with payments, refunds and orders.

const t = await createTestApp();
const db = t.deps.database.db;
const shops = [
  await shop(t, { name: '甲店', price: 3300, stock: 4 }),
  await shop(t, { name: '乙店', price: 5000 }),
  await shop(t, { name: '丙店', price: 12900 }),
];
const buyers: Buyer[] = [await buyer(t), await buyer(t)];

type Op =
  | { kind: 'place'; buyer: number; lines: { shop: number; qty: number }[] }
  | { kind: 'payNow'; checkout: number; outcome: 'succeeded' | 'failed' }
  | { kind: 'start'; checkout: number }
  | { kind: 'latePay'; checkout: number }
  | { kind: 'pay'; payment: number; outcome: 'succeeded' | 'failed' }
  | { kind: 'cancel'; checkout: number }
  | { kind: 'timeout' }
  | { kind: 'refund'; checkout: number; share: number }
  | { kind: 'jobs' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      buyer: fc.nat(buyers.length - 1),
      lines: fc.uniqueArray(fc.record({ shop: fc.nat(shops.length - 1), qty: fc.integer({ min: 1, max: 3 }) }), {
        minLength: 1,
        maxLength: 3,
        selector: (l) => l.shop,
      }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('payNow' as const),
      checkout: fc.nat(20),
      outcome: fc.constantFrom('succeeded' as const, 'succeeded' as const, 'failed' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('start' as const), checkout: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      payment: fc.nat(20),
      outcome: fc.constantFrom('succeeded' as const, 'succeeded' as const, 'failed' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), checkout: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'timeout' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('latePay' as const), checkout: fc.nat(20) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      checkout: fc.nat(20),
      share: fc.double({ min: 0.05, max: 1.3, noNaN: true }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'jobs' as const }) },
);

interface Placed {
  who: Buyer;
  checkoutId: string;
  orders: { id: string; merchantId: string; payAmount: number }[];
}
interface Started {
  who: Buyer;
  payUrl: string;
  checkout: Placed;
}

async function run(ops: Op[]): Promise<void> {
  const checkouts: Placed[] = [];
  const payments: Started[] = [];
  // Refunds mostly target checkouts whose payment went through, so partial refunds really happen.
  const paid: Placed[] = [];
  const pick = <T>(list: T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
  for (const o of ops) {
    if (o.kind === 'place') {
      const who = buyers[o.buyer]!;
      const items = o.lines.map((l) => ({ skuId: shops[l.shop]!.skuId, qty: l.qty }));
      const quote = await who.post('/api/v1/checkout/quote', { items, addressId: who.addressId });
      if (quote.status !== 200) {
        expect(quote.body.type).toBe('out-of-stock');
        continue;
      }
      const placed = await who.post(
        '/api/v1/orders',
        { items, addressId: who.addressId, expectedAmount: quote.body.amount },
        { idempotencyKey: newId('idem') },
      );
      expect([201, 409]).toContain(placed.status);
      if (placed.status === 201)
        checkouts.push({
          who,
          checkoutId: placed.body.checkoutId,
          orders: placed.body.orders.map((x: any) => ({ id: x.id, merchantId: x.merchantId, payAmount: x.payAmount })),
        });
    } else if (o.kind === 'latePay') {
      // Start paying, let the order time out, then the money arrives.
      const c = pick(checkouts, o.checkout);
      if (!c) continue;
      const res = await c.who.post('/api/v1/payments', { checkoutId: c.checkoutId });
      if (res.status !== 200) continue;
      t.clock.advanceMinutes(16);
      await t.runJobs();
      await payAt({ who: c.who, payUrl: res.body.payUrl, checkout: c }, 'succeeded');
    } else if (o.kind === 'start' || o.kind === 'payNow') {
      const c = pick(checkouts, o.checkout);
      if (!c) continue;
      const res = await c.who.post('/api/v1/payments', { checkoutId: c.checkoutId });
      expect([200, 409, 422]).toContain(res.status);
      if (res.status !== 200) continue;
      payments.push({ who: c.who, payUrl: res.body.payUrl, checkout: c });
      if (o.kind === 'payNow' && (await payAt(payments[payments.length - 1]!, o.outcome))) paid.push(c);
    } else if (o.kind === 'pay') {
      const p = pick(payments, o.payment);
      if (p && (await payAt(p, o.outcome))) paid.push(p.checkout);
    } else if (o.kind === 'cancel') {
      const c = pick(checkouts, o.checkout);
      if (!c) continue;
      const res = await c.who.post(`/api/v1/orders/${c.orders[0]!.id}/cancel`, {});
      expect([200, 409]).toContain(res.status);
    } else if (o.kind === 'timeout') {
      t.clock.advanceMinutes(16);
      await t.runJobs();
    } else if (o.kind === 'refund') {
      const c = pick(paid.length > 0 && o.checkout % 4 !== 0 ? paid : checkouts, o.checkout);
      if (!c) continue;
      const order = c.orders[o.checkout % c.orders.length]!;
      const amount = Math.max(1, Math.floor(order.payAmount * o.share));
      const result = await db.transaction((tx) =>
        requestRefund(tx, {
          orderId: order.id,
          merchantId: order.merchantId,
          amount,
          refId: newId('prop'),
          reason: '随机退款',
          at: t.clock.now(),
        }),
      );
      if (!result.ok) expect(['order-not-paid', 'refund-exceeds-paid']).toContain(result.type);
      if (amount > order.payAmount) expect(result.ok).toBe(false);
    } else {
      await t.runJobs();
    }
  }
  await t.runJobs();
}

/** Completes a started payment on the sandbox page; true when its money arrived. */
async function payAt(p: Started, outcome: 'succeeded' | 'failed'): Promise<boolean> {
  const res = await p.who.post(p.payUrl, { outcome });
  expect([200, 409]).toContain(res.status);
  await t.drain();
  return res.status === 200 && res.body.status === 'succeeded';
}

describe('ledger under random sequences', () => {
  // 15 random sequences of up to 16 money operations: the limit is a hang guard sized for two busy CI cores.
  it('always reconciles and sums to zero', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 6, maxLength: 16 }), async (ops) => {
        await run(ops);
        const report = await reconcile(db, t.clock.now());
        expect(report.ok, JSON.stringify(report.problems)).toBe(true);
        const ledger = await checkLedgerBalance(db);
        expect(ledger.total).toBe(0);
        expect(ledger.unbalanced).toEqual([]);
      }),
      { numRuns: 15 },
    );
    // The sequences did move money: something was captured.
    const report = await reconcile(db, t.clock.now());
    expect(report.checks.find((c) => c.code === 'captures-posted')!.expected).toBeGreaterThan(0);
  });
});
