import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { buyer, HANGZHOU, placeOrder, shop, URUMQI } from '../../../test/order-factories.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';

const t = await createTestApp();
const stockOf = async (skuId: string) => (await loadSkusForCheckout(t.deps.database.db, [skuId])).get(skuId)!.stock;

describe('quote', () => {
  it('groups per merchant with the default ¥8 shipping below ¥99 and free shipping from ¥99', async () => {
    const a = await shop(t, { name: '甲店', price: 5000 });
    const b = await shop(t, { name: '乙店', price: 9900 });
    const me = await buyer(t);
    const res = await me.post('/api/v1/checkout/quote', {
      items: [
        { skuId: a.skuId, qty: 1 },
        { skuId: b.skuId, qty: 1 },
      ],
      addressId: me.addressId,
    });
    expect(res.status).toBe(200);
    expect(res.body.merchants.map((m: any) => [m.merchantName, m.itemsAmount, m.shippingFee, m.payAmount])).toEqual([
      ['甲店', 5000, 800, 5800],
      ['乙店', 9900, 0, 9900],
    ]);
    expect(res.body).toMatchObject({
      itemsAmount: 14900,
      discountAmount: 0,
      shippingFee: 800,
      amount: 15700,
      addressId: me.addressId,
    });
    expect(res.body.merchants[0].lines[0]).toMatchObject({
      title: '玻尿酸保湿面霜 50ml',
      specText: expect.any(String),
      unitPrice: 5000,
      qty: 1,
      payAmount: 5000,
    });
  });

  it("uses the merchant's own template, with the remote-province surcharge for 新疆", async () => {
    const s = await shop(t, { price: 3000 });
    const put = await s.owner.post('/api/v1/merchant/shipping-templates', {
      name: '默认模板',
      defaultRule: { firstUnits: 1, firstFee: 1000, extraUnits: 1, extraFee: 0 },
      freeThreshold: 5000,
      remoteProvinces: ['新疆', '西藏'],
      remoteExtraFee: 2000,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ active: true, defaultRule: { firstFee: 1000 } });
    expect((await s.owner.get('/api/v1/merchant/shipping-templates')).body.items[0].remoteProvinces).toEqual([
      '新疆',
      '西藏',
    ]);
    const local = await buyer(t, HANGZHOU);
    const remote = await buyer(t, URUMQI);
    const q = (who: typeof local, qty: number) =>
      who.post('/api/v1/checkout/quote', { items: [{ skuId: s.skuId, qty }], addressId: who.addressId });
    expect((await q(local, 1)).body.shippingFee).toBe(1000);
    expect((await q(local, 2)).body.shippingFee).toBe(0);
    expect((await q(remote, 1)).body.shippingFee).toBe(3000);
    expect((await q(remote, 2)).body.shippingFee).toBe(2000);
    // Without an address there is no province to surcharge.
    expect(
      (await remote.post('/api/v1/checkout/quote', { items: [{ skuId: s.skuId, qty: 1 }] })).body.shippingFee,
    ).toBe(1000);
  });

  it('refuses bad templates and shows the default to a merchant without one', async () => {
    const s = await shop(t);
    expect((await s.owner.get('/api/v1/merchant/shipping-templates')).body).toMatchObject({
      items: [],
      platformDefault: { defaultRule: { firstFee: 800 }, freeThreshold: 9900 },
    });
    const bad = await s.owner.post('/api/v1/merchant/shipping-templates', {
      name: '默认模板',
      defaultRule: { firstUnits: 1, firstFee: -1, extraUnits: 1, extraFee: 0 },
      freeThreshold: null,
      remoteProvinces: ['火星'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('validation-failed');
    const me = await buyer(t);
    expect((await me.get('/api/v1/merchant/shipping-templates')).status).toBe(403);
  });

  it('quotes the selected cart lines, and refuses when nothing is selected', async () => {
    const s = await shop(t, { price: 2000 });
    const me = await buyer(t);
    await me.post('/api/v1/cart/items', { skuId: s.skuId, qty: 3 });
    expect((await me.post('/api/v1/checkout/quote', { fromCart: true })).body.amount).toBe(6800);
    await me.patch('/api/v1/cart/selection', { selected: false });
    const none = await me.post('/api/v1/checkout/quote', { fromCart: true });
    expect(none.status).toBe(422);
    expect(none.body.type).toBe('nothing-to-checkout');
    const both = await me.post('/api/v1/checkout/quote', { fromCart: true, items: [{ skuId: s.skuId, qty: 1 }] });
    expect(both.status).toBe(400);
  });
});

describe('placing an order', () => {
  it('creates one checkout and one order per merchant, snapshots lines and address, takes stock, empties the cart', async () => {
    const a = await shop(t, { name: '甲店', price: 5000, stock: 10 });
    const b = await shop(t, { name: '乙店', price: 12000, stock: 10 });
    const me = await buyer(t);
    await me.post('/api/v1/cart/items', { skuId: a.skuId, qty: 2 });
    await me.post('/api/v1/cart/items', { skuId: b.skuId, qty: 1 });
    const quote = await me.post('/api/v1/checkout/quote', { fromCart: true, addressId: me.addressId });
    const res = await me.post(
      '/api/v1/orders',
      { fromCart: true, addressId: me.addressId, note: '请周末送货', expectedAmount: quote.body.amount },
      { idempotencyKey: 'place-1' },
    );
    expect(res.status).toBe(201);
    expect(res.body.checkoutId).toMatch(/^chk_/);
    expect(res.body.amount).toBe(10000 + 12000);
    expect(res.body.orders).toHaveLength(2);
    expect(
      res.body.orders.every(
        (o: any) => o.id.startsWith('ord_') && o.status === 'pending_payment' && o.lines[0].id.startsWith('orl_'),
      ),
    ).toBe(true);
    expect(await stockOf(a.skuId)).toBe(8);
    expect(await stockOf(b.skuId)).toBe(9);
    expect((await me.get('/api/v1/cart')).body.lineCount).toBe(0);

    const fromA = res.body.orders.find((o: any) => o.merchantId === a.merchantId);
    const detail = await me.get(`/api/v1/orders/${fromA.id}`);
    expect(detail.body).toMatchObject({
      status: 'pending_payment',
      statusLabel: '待付款',
      note: '请周末送货',
      address: { ...HANGZHOU },
      merchantName: '甲店',
    });
    expect(detail.body.lines[0]).toMatchObject({
      unitPrice: 5000,
      qty: 2,
      lineAmount: 10000,
      returnPolicy: { noReason7d: true },
    });
    expect(detail.body.timeline.map((e: any) => e.type)).toEqual(['created']);

    const checkout = await me.get(`/api/v1/checkouts/${res.body.checkoutId}`);
    expect(checkout.body).toMatchObject({
      id: res.body.checkoutId,
      status: 'pending_payment',
      amount: 22000,
      payableAmount: 22000,
    });
    expect(new Date(checkout.body.payDeadline).getTime() - t.clock.now().getTime()).toBe(15 * 60_000);
  });

  it('refuses with price-changed when the amount shown is stale, and writes nothing', async () => {
    const s = await shop(t, { price: 5000, stock: 5 });
    const me = await buyer(t);
    const res = await me.post(
      '/api/v1/orders',
      { items: [{ skuId: s.skuId, qty: 1 }], addressId: me.addressId, expectedAmount: 5000 },
      { idempotencyKey: 'stale' },
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: 'price-changed', title: '商品价格或运费有变动，请确认新的金额后再提交' });
    expect(res.body.detail).toContain('¥58.00');
    expect(await stockOf(s.skuId)).toBe(5);
    expect((await me.get('/api/v1/orders')).body.items).toHaveLength(0);
    // The refusal was not stored: the same key works once the buyer accepts the new amount.
    const retry = await me.post(
      '/api/v1/orders',
      { items: [{ skuId: s.skuId, qty: 1 }], addressId: me.addressId, expectedAmount: 5800 },
      { idempotencyKey: 'stale-2' },
    );
    expect(retry.status).toBe(201);
  });

  it('refuses out-of-stock naming the product and spec, and takes nothing from any line', async () => {
    const plenty = await shop(t, { price: 1000, stock: 50 });
    const scarce = await shop(t, { title: '限量香水', price: 30000, stock: 1 });
    const me = await buyer(t);
    const items = [
      { skuId: plenty.skuId, qty: 3 },
      { skuId: scarce.skuId, qty: 2 },
    ];
    const res = await me.post(
      '/api/v1/orders',
      { items, addressId: me.addressId, expectedAmount: 63000 },
      { idempotencyKey: 'oos' },
    );
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('out-of-stock');
    expect(res.body.detail).toContain('限量香水 标准装');
    expect(await stockOf(plenty.skuId)).toBe(50);
    expect(await stockOf(scarce.skuId)).toBe(1);
  });

  it('replays the same Idempotency-Key with the same body, and refuses it with another body', async () => {
    const s = await shop(t, { price: 9900, stock: 10 });
    const me = await buyer(t);
    const body = { items: [{ skuId: s.skuId, qty: 1 }], addressId: me.addressId, expectedAmount: 9900 };
    const first = await me.post('/api/v1/orders', body, { idempotencyKey: 'same-key' });
    const again = await me.post('/api/v1/orders', body, { idempotencyKey: 'same-key' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await me.get('/api/v1/orders')).body.items).toHaveLength(1);
    expect(await stockOf(s.skuId)).toBe(9);
    const other = await me.post(
      '/api/v1/orders',
      { ...body, items: [{ skuId: s.skuId, qty: 2 }], expectedAmount: 19800 },
      { idempotencyKey: 'same-key' },
    );
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('idempotency-key-reused');
    expect((await me.get('/api/v1/orders')).body.items).toHaveLength(1);
  });

  it("refuses someone else's address, a delisted SKU, and anonymous callers", async () => {
    const s = await shop(t, { price: 9900 });
    const me = await buyer(t);
    const other = await buyer(t);
    const res = await me.post(
      '/api/v1/orders',
      { items: [{ skuId: s.skuId, qty: 1 }], addressId: other.addressId, expectedAmount: 9900 },
      { idempotencyKey: 'refuse-foreign-address' },
    );
    expect(res.status).toBe(404);
    const ghost = await me.post(
      '/api/v1/orders',
      { items: [{ skuId: 'sku_nope', qty: 1 }], addressId: me.addressId, expectedAmount: 9900 },
      { idempotencyKey: 'refuse-ghost-sku' },
    );
    expect(ghost.status).toBe(409);
    expect(ghost.body.type).toBe('sku-unavailable');
    expect(
      (
        await new Client(t).post(
          '/api/v1/orders',
          { items: [{ skuId: s.skuId, qty: 1 }], addressId: me.addressId, expectedAmount: 9900 },
          { idempotencyKey: 'refuse-anonymous' },
        )
      ).status,
    ).toBe(401);
    const mine = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    expect((await me.get(`/api/v1/checkouts/${mine.checkoutId}`)).status).toBe(200);
    expect((await other.get(`/api/v1/checkouts/${mine.checkoutId}`)).status).toBe(404);
  });
});
