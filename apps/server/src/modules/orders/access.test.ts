import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { buyer, HANGZHOU, payCheckout, placeOrder, shop } from '../../../test/order-factories.ts';

const t = await createTestApp();
const anon = new Client(t);

// Two shops, two buyers: 小王 buys from both, 小李 from 乙店 only.
const shopA = await shop(t, { name: '甲店', title: '羊绒围巾', price: 19900 });
const shopB = await shop(t, { name: '乙店', title: '手冲咖啡豆', price: 6800 });
const wang = await buyer(t, HANGZHOU);
const li = await buyer(t, { ...HANGZHOU, recipient: '李雷', phone: '13700137000' });
const wangFromA = (await placeOrder(t, wang, [{ skuId: shopA.skuId, qty: 1 }])).orders[0]!.id;
t.clock.advanceDays(1);
const wangFromB = await placeOrder(t, wang, [{ skuId: shopB.skuId, qty: 2 }]);
t.clock.advanceDays(1);
const liFromB = (await placeOrder(t, li, [{ skuId: shopB.skuId, qty: 1 }])).orders[0]!.id;
await payCheckout(t, wangFromB.checkoutId);
const wangFromBId = wangFromB.orders[0]!.id;

describe('who may see and touch an order', () => {
  it("answers 404 for another consumer's order, whatever the action", async () => {
    expect((await li.get(`/api/v1/orders/${wangFromA}`)).status).toBe(404);
    expect((await li.post(`/api/v1/orders/${wangFromA}/cancel`)).status).toBe(404);
    expect((await li.post(`/api/v1/orders/${wangFromBId}/confirm-receipt`)).status).toBe(404);
    expect((await wang.get(`/api/v1/orders/${wangFromA}`)).status).toBe(200);
  });

  it("answers 404 when a merchant reads or ships another merchant's order", async () => {
    expect((await shopA.owner.get(`/api/v1/merchant/orders/${wangFromBId}`)).status).toBe(404);
    const ship = await shopA.owner.post(`/api/v1/merchant/orders/${wangFromBId}/ship`, {
      carrier: '顺丰速运',
      trackingNo: 'SF1234567890123',
    });
    expect(ship.status).toBe(404);
    expect((await shopB.owner.get(`/api/v1/merchant/orders/${wangFromBId}`)).body.status).toBe('paid');
  });

  it('answers 401 to anonymous callers and 403 to consumers on merchant and operator routes', async () => {
    for (const url of [
      '/api/v1/orders',
      `/api/v1/orders/${wangFromA}`,
      '/api/v1/merchant/orders',
      '/api/v1/admin/orders',
      '/api/v1/cart',
    ]) {
      expect((await anon.get(url)).status, url).toBe(401);
    }
    expect((await anon.post(`/api/v1/orders/${wangFromA}/cancel`)).status).toBe(401);
    expect((await wang.get('/api/v1/merchant/orders')).status).toBe(403);
    expect((await wang.get('/api/v1/admin/orders')).status).toBe(403);
    expect((await shopA.owner.get('/api/v1/admin/orders')).status).toBe(403);
  });
});

describe('order lists', () => {
  it("lists a buyer's own orders newest first, by status, with a cursor", async () => {
    const all = await wang.get('/api/v1/orders');
    expect(all.body.items.map((o: any) => o.id)).toEqual([wangFromBId, wangFromA]);
    expect((await wang.get('/api/v1/orders?status=paid')).body.items.map((o: any) => o.id)).toEqual([wangFromBId]);
    const first = await wang.get('/api/v1/orders?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBe(wangFromBId);
    const second = await wang.get(`/api/v1/orders?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: wangFromA })], nextCursor: null });
    expect((await wang.get('/api/v1/orders?limit=101')).status).toBe(400);
  });

  it("lists only the merchant's own orders, searchable by product, recipient, order id and day", async () => {
    const mine = await shopB.owner.get('/api/v1/merchant/orders');
    expect(mine.body.items.map((o: any) => o.id)).toEqual([liFromB, wangFromBId]);
    expect(mine.body.items[0]).toMatchObject({ recipient: '李雷', userId: li.userId, merchantName: '乙店' });
    expect((await shopA.owner.get('/api/v1/merchant/orders')).body.items.map((o: any) => o.id)).toEqual([wangFromA]);

    const q = async (query: string) =>
      (await shopB.owner.get(`/api/v1/merchant/orders?${query}`)).body.items.map((o: any) => o.id);
    expect(await q(`q=${encodeURIComponent('咖啡')}`)).toEqual([liFromB, wangFromBId]);
    expect(await q(`q=${encodeURIComponent('围巾')}`)).toEqual([]);
    expect(await q(`q=${encodeURIComponent('李雷')}`)).toEqual([liFromB]);
    expect(await q(`q=${wangFromBId}`)).toEqual([wangFromBId]);
    expect(await q('status=pending_payment')).toEqual([liFromB]);
    // Days are business days in Asia/Shanghai; the test clock starts at 2026-11-20 10:00 Beijing time.
    expect(await q('from=2026-11-21&to=2026-11-21')).toEqual([wangFromBId]);
    expect(await q('from=2026-11-22')).toEqual([liFromB]);
    expect(await q('to=2026-11-20')).toEqual([]);
    expect((await shopB.owner.get('/api/v1/merchant/orders?from=yesterday')).status).toBe(400);
  });

  it('shows the operator every order with personal data masked', async () => {
    const op = await operator(t);
    const all = await op.get('/api/v1/admin/orders');
    expect(all.body.items.map((o: any) => o.id)).toEqual([liFromB, wangFromBId, wangFromA]);
    expect(all.body.items[0].recipient).toBe('李*');
    expect(
      (await op.get(`/api/v1/admin/orders?merchantId=${shopA.merchantId}`)).body.items.map((o: any) => o.id),
    ).toEqual([wangFromA]);
    expect((await op.get(`/api/v1/admin/orders?userId=${li.userId}`)).body.items.map((o: any) => o.id)).toEqual([
      liFromB,
    ]);
    const detail = await op.get(`/api/v1/admin/orders/${wangFromA}`);
    expect(detail.body.address.phone).toBe('138****8000');
    expect((await shopB.owner.get(`/api/v1/merchant/orders/${wangFromBId}`)).body.address.phone).toBe('13800138000');
  });
});
