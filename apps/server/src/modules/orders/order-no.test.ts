import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop } from '../../../test/order-factories.ts';

const t = await createTestApp();

describe('order numbers', () => {
  it('gives concurrent checkouts distinct numbers of the Beijing day, rising in creation order', async () => {
    const s = await shop(t, { price: 1000, stock: 100 });
    const buyers = [];
    for (let i = 0; i < 20; i++) buyers.push(await buyer(t));
    const placed = await Promise.all(buyers.map((b) => placeOrder(t, b, [{ skuId: s.skuId, qty: 1 }])));
    const numbers = placed.map((p) => p.orders[0]!.orderNo);
    expect(new Set(numbers).size).toBe(20);
    const day = beijingDayOf(t.clock.now());
    expect(numbers.every((n) => /^\d{14}$/.test(n) && n.startsWith(day))).toBe(true);

    t.clock.advanceMinutes(1);
    const later = await placeOrder(t, buyers[0]!, [{ skuId: s.skuId, qty: 1 }]);
    const laterNo = later.orders[0]!.orderNo;
    expect(numbers.every((n) => n < laterNo)).toBe(true);
  });

  it('dates an order placed at 23:30 UTC on the next Beijing day, starting that day at 000001', async () => {
    const now = t.clock.now();
    const lateEvening = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 3, 23, 30);
    t.clock.advance(lateEvening - now.getTime());
    const s = await shop(t, { price: 1000 });
    const me = await buyer(t);
    const placed = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const nextDay = new Date(lateEvening + 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    expect(placed.orders[0]!.orderNo).toBe(`${nextDay}000001`);
  });

  it('shows the number to buyer, merchant and operator, and finds the order by it in the console search', async () => {
    const s = await shop(t, { price: 1000 });
    const me = await buyer(t);
    const other = await buyer(t);
    const placed = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    await placeOrder(t, other, [{ skuId: s.skuId, qty: 1 }]);
    const { id } = placed.orders[0]!;
    const orderNo = placed.orders[0]!.orderNo;
    const ops = await operator(t);

    expect((await me.get(`/api/v1/orders/${id}`)).body.orderNo).toBe(orderNo);
    expect((await me.get('/api/v1/orders')).body.items.map((o: { orderNo: string }) => o.orderNo)).toEqual([orderNo]);
    const merchantHits = await s.owner.get(`/api/v1/merchant/orders?q=${orderNo}`);
    expect(merchantHits.body.items.map((o: { id: string }) => o.id)).toEqual([id]);
    const adminHits = await ops.get(`/api/v1/admin/orders?q=${orderNo}`);
    expect(adminHits.status).toBe(200);
    expect(adminHits.body.items.map((o: { id: string; orderNo: string }) => [o.id, o.orderNo])).toEqual([
      [id, orderNo],
    ]);
    // Exact match only: a prefix of the number is not a hit.
    expect((await ops.get(`/api/v1/admin/orders?q=${orderNo.slice(0, 8)}`)).body.items).toEqual([]);
  });
});

function beijingDayOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}
