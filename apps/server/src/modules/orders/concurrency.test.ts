import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, shop } from '../../../test/order-factories.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';

const t = await createTestApp();

describe('many buyers at once', () => {
  it('sells exactly the 50 units in stock to 200 concurrent buyers; the rest are refused out-of-stock', async () => {
    const s = await shop(t, { title: '限量礼盒', price: 9900, stock: 50 });
    const buyers = [];
    for (let i = 0; i < 200; i++) buyers.push(await buyer(t));

    const results = await Promise.all(
      buyers.map((b, i) =>
        b.post(
          '/api/v1/orders',
          { items: [{ skuId: s.skuId, qty: 1 }], addressId: b.addressId, expectedAmount: 9900 },
          { idempotencyKey: `rush-${i}` },
        ),
      ),
    );

    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(created).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(refused.every((r) => r.status === 409 && r.body.type === 'out-of-stock')).toBe(true);
    expect(new Set(created.map((r) => r.body.orders[0].id)).size).toBe(50);
    expect((await loadSkusForCheckout(t.deps.database.db, [s.skuId])).get(s.skuId)!.stock).toBe(0);

    const merchantOrders = await s.owner.get('/api/v1/merchant/orders?limit=100');
    expect(merchantOrders.body.items).toHaveLength(50);
    expect(merchantOrders.body.items.reduce((a: number, o: any) => a + o.lines[0].qty, 0)).toBe(50);
  });
});
