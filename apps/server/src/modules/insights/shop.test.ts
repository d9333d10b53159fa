import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxPaidOrder, type OrderFixture } from '../../../test/flows.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { merchant as newMerchant } from '../../../test/order-factories.ts';
import { analyticsLoader } from '../analytics/api.ts';

let t: TestApp;
let first: OrderFixture;
let second: OrderFixture;
let other: Awaited<ReturnType<typeof newMerchant>>;

beforeAll(async () => {
  t = await createTestApp();
  first = await sandboxPaidOrder(t);
  second = await sandboxPaidOrder(t, {
    merchant: { merchantId: first.merchantId, owner: first.owner },
    product: { productId: first.productId, skuIds: first.skuIds },
  });
  other = await newMerchant(t, '隔壁店');
  await analyticsLoader(t.deps).load();
});

describe('the merchant dashboard, computed on the server', () => {
  it('sums the shop’s paid orders by day with its to-dos, and shows another shop nothing of it', async () => {
    const res = await first.owner.get('/api/v1/merchant/insights/overview?days=7');
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(7);
    expect(res.body.days[6].day).toBe('2026-11-20');
    expect(res.body).toMatchObject({ paidOrders: 2, buyers: 2, refunded: 0, toShip: 2 });
    expect(res.body.gmv).toBeGreaterThan(0);
    expect(res.body.days[6]).toMatchObject({ orders: 2, gmv: res.body.gmv });
    expect(res.body.topProducts).toHaveLength(1);
    expect(res.body.topProducts[0]).toMatchObject({ productId: first.productId, units: 2 });
    expect(res.body.afterSales).toMatchObject({ requested: 0, toHandle: 0, overdue: 0 });

    const theirs = await other.owner.get('/api/v1/merchant/insights/overview?days=7');
    expect(theirs.body).toMatchObject({ paidOrders: 0, gmv: 0, toShip: 0, topProducts: [] });
  });

  it('names each order line’s source for its own shop only', async () => {
    const lines = [...first.lineIds, ...second.lineIds].join(',');
    const mine = await first.owner.get(`/api/v1/merchant/insights/order-sources?lineIds=${lines}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.items[0]).toMatchObject({ source: 'direct', label: null });
    const snooping = await other.owner.get(`/api/v1/merchant/insights/order-sources?lineIds=${lines}`);
    expect(snooping.body.items).toEqual([]);
    expect((await first.buyer.get(`/api/v1/merchant/insights/order-sources?lineIds=${lines}`)).status).toBe(403);
  });
});
