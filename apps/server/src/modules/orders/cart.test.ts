import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { addSkus, buyer, delist, editSku, shop } from '../../../test/order-factories.ts';

const t = await createTestApp();

const linesOf = (cart: any) => cart.groups.flatMap((g: any) => g.lines);

describe('cart', () => {
  it('adds SKUs, merges the same SKU into one line, and groups lines by merchant', async () => {
    const a = await shop(t, { name: '甲店', price: 1000 });
    const b = await shop(t, { name: '乙店', price: 2000 });
    const me = await buyer(t);
    await me.post('/api/v1/cart/items', { skuId: a.skuId, qty: 1 });
    t.clock.advanceMinutes(1);
    await me.post('/api/v1/cart/items', { skuId: b.skuId, qty: 2 });
    t.clock.advanceMinutes(1);
    const res = await me.post('/api/v1/cart/items', { skuId: a.skuId, qty: 2 });
    expect(res.status).toBe(200);
    // Newest first; merging keeps the line where it was.
    expect(res.body.groups.map((g: any) => [g.merchantName, g.lines.map((l: any) => l.qty)])).toEqual([
      ['乙店', [2]],
      ['甲店', [3]],
    ]);
    expect(res.body).toMatchObject({ lineCount: 2, selectedQty: 5, selectedItemsAmount: 3 * 1000 + 2 * 2000 });
    expect(linesOf(res.body)[1]).toMatchObject({
      title: '玻尿酸保湿面霜 50ml',
      specText: expect.any(String),
      unitPrice: 1000,
      lineAmount: 3000,
      selected: true,
    });
  });

  it('changes quantity, selects and unselects lines, and removes them', async () => {
    const s = await shop(t, { price: 1000, stock: 5 });
    const other = await shop(t, { price: 500 });
    const me = await buyer(t);
    await me.post('/api/v1/cart/items', { skuId: s.skuId, qty: 1 });
    const cart = (await me.post('/api/v1/cart/items', { skuId: other.skuId, qty: 1 })).body;
    const line = linesOf(cart).find((l: any) => l.skuId === s.skuId);
    expect((await me.patch(`/api/v1/cart/items/${line.id}`, { qty: 4 })).body.selectedQty).toBe(5);
    const tooMany = await me.patch(`/api/v1/cart/items/${line.id}`, { qty: 6 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.type).toBe('out-of-stock');
    expect((await me.patch(`/api/v1/cart/items/${line.id}`, { selected: false })).body.selectedItemsAmount).toBe(500);
    expect((await me.patch('/api/v1/cart/selection', { selected: false })).body.selectedQty).toBe(0);
    expect((await me.patch('/api/v1/cart/selection', { selected: true, lineIds: [line.id] })).body.selectedQty).toBe(4);
    const removed = await me.delete(`/api/v1/cart/items/${line.id}`);
    expect(removed.status).toBe(200);
    expect(linesOf(removed.body).map((l: any) => l.skuId)).toEqual([other.skuId]);
  });

  it('keeps quantities within 1–999 and the cart within 100 lines', async () => {
    const s = await shop(t, { price: 100, stock: 5000 });
    const me = await buyer(t);
    expect((await me.post('/api/v1/cart/items', { skuId: s.skuId, qty: 0 })).status).toBe(400);
    expect((await me.post('/api/v1/cart/items', { skuId: s.skuId, qty: 1000 })).status).toBe(400);
    await me.post('/api/v1/cart/items', { skuId: s.skuId, qty: 990 });
    const merged = await me.post('/api/v1/cart/items', { skuId: s.skuId, qty: 10 });
    expect(merged.status).toBe(409);
    expect(merged.body.type).toBe('cart-qty-limit');

    const many = await buyer(t);
    const big = await shop(t, { price: 100 });
    const shops = [big.skuId, ...(await addSkus(t, big, 100))];
    for (const skuId of shops.slice(0, 100))
      expect((await many.post('/api/v1/cart/items', { skuId, qty: 1 })).status).toBe(200);
    const full = await many.post('/api/v1/cart/items', { skuId: shops[100], qty: 1 });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ type: 'cart-full', title: '购物车最多放 100 种商品，请先清理' });
    // Merging into an existing line is still fine when full.
    expect((await many.post('/api/v1/cart/items', { skuId: shops[0], qty: 1 })).status).toBe(200);
  });

  it('shows a price change against the price when added, out-of-stock, insufficient stock and delisted lines', async () => {
    const repriced = await shop(t, { title: '调价商品', price: 5000 });
    const soldOut = await shop(t, { title: '售罄商品', price: 1000, stock: 10 });
    const scarce = await shop(t, { title: '紧俏商品', price: 1000, stock: 10 });
    const gone = await shop(t, { title: '下架商品', price: 1000 });
    const me = await buyer(t);
    for (const s of [repriced, soldOut, scarce, gone]) await me.post('/api/v1/cart/items', { skuId: s.skuId, qty: 3 });

    await editSku(t, repriced, { price: 4500 });
    await editSku(t, soldOut, { stock: 0 });
    await editSku(t, scarce, { stock: 2 });
    await delist(t, gone);

    const cart = (await me.get('/api/v1/cart')).body;
    const bySku = new Map<string, any>(linesOf(cart).map((l: any) => [l.skuId, l]));
    expect(bySku.get(repriced.skuId)).toMatchObject({
      unitPrice: 4500,
      priceWhenAdded: 5000,
      priceChanged: true,
      lineAmount: 13500,
      outOfStock: false,
      unavailable: false,
    });
    expect(bySku.get(soldOut.skuId)).toMatchObject({
      priceChanged: false,
      outOfStock: true,
      insufficientStock: false,
      stock: 0,
    });
    expect(bySku.get(scarce.skuId)).toMatchObject({ outOfStock: false, insufficientStock: true, stock: 2 });
    expect(bySku.get(gone.skuId)).toMatchObject({ unavailable: true });
    // Only the line that can be bought as it stands counts towards the selection.
    expect(cart).toMatchObject({ selectedQty: 3, selectedItemsAmount: 13500 });

    // Adding again accepts today's price.
    const readded = await me.post('/api/v1/cart/items', { skuId: repriced.skuId, qty: 1 });
    expect(linesOf(readded.body).find((l: any) => l.skuId === repriced.skuId)).toMatchObject({
      qty: 4,
      priceWhenAdded: 4500,
      priceChanged: false,
    });

    const refused = await me.post('/api/v1/cart/items', { skuId: gone.skuId, qty: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('sku-unavailable');
    const oos = await me.post('/api/v1/cart/items', { skuId: soldOut.skuId, qty: 1 });
    expect(oos.body.type).toBe('out-of-stock');
    // Checking out a delisted line is refused by name.
    await me.patch('/api/v1/cart/selection', { selected: false });
    await me.patch('/api/v1/cart/selection', { selected: true, lineIds: [bySku.get(gone.skuId).id] });
    const quote = await me.post('/api/v1/checkout/quote', { fromCart: true });
    expect(quote.status).toBe(409);
    expect(quote.body).toMatchObject({ type: 'sku-unavailable', detail: expect.stringContaining('下架商品') });
  });

  it('is private: another buyer cannot touch my lines, and anonymous callers get 401', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const other = await buyer(t);
    const line = linesOf((await me.post('/api/v1/cart/items', { skuId: s.skuId, qty: 1 })).body)[0];
    expect((await other.patch(`/api/v1/cart/items/${line.id}`, { qty: 2 })).status).toBe(404);
    expect((await other.delete(`/api/v1/cart/items/${line.id}`)).status).toBe(404);
    expect((await other.patch('/api/v1/cart/selection', { selected: false, lineIds: [line.id] })).body.lineCount).toBe(
      0,
    );
    expect(linesOf((await me.get('/api/v1/cart')).body)[0]).toMatchObject({ qty: 1, selected: true });
    expect((await new Client(t).get('/api/v1/cart')).status).toBe(401);
    expect((await me.post('/api/v1/cart/items', { skuId: 'sku_missing', qty: 1 })).status).toBe(404);
  });
});
