import { describe, expect, it } from 'vitest';
import { merchantWithOwner, operator, product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client, loginByCode } from '../../../test/http.ts';

const t = await createTestApp();
const anon = new Client(t);

const newProduct = {
  categoryId: 'cat_skincare',
  title: '烟酰胺精华液 30ml',
  specs: [{ name: '规格', values: ['30ml'] }],
  skus: [{ specValues: { 规格: '30ml' }, price: 12900, stock: 10 }],
};

describe('a merchant never sees or changes another merchant’s products', () => {
  it('answers 404, not 403, for read, edit, SKU edit, list/delist and price history', async () => {
    const a = await merchantWithOwner(t, '甲店');
    const b = await merchantWithOwner(t, '乙店');
    const { productId, skuIds } = await product(t, a.owner, a.merchantId);
    const attempts = await Promise.all([
      b.owner.get(`/api/v1/merchant/products/${productId}`),
      b.owner.patch(`/api/v1/merchant/products/${productId}`, { title: '被改掉的标题' }),
      b.owner.patch(`/api/v1/merchant/products/${productId}/skus`, { updates: [{ skuId: skuIds[0], stock: 0 }] }),
      b.owner.post(`/api/v1/merchant/products/${productId}/delist`),
      b.owner.post(`/api/v1/merchant/products/${productId}/list`),
      b.owner.get(`/api/v1/merchant/products/${productId}/price-history`),
    ]);
    expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    // The same answer as for a product that does not exist at all.
    const missing = await b.owner.get('/api/v1/merchant/products/prd_does_not_exist');
    expect(attempts[0].body.title).toBe(missing.body.title);
    expect((await b.owner.get('/api/v1/merchant/products')).body.items).toEqual([]);

    const untouched = await a.owner.get(`/api/v1/merchant/products/${productId}`);
    expect(untouched.body).toMatchObject({ title: '玻尿酸保湿面霜 50ml', status: 'listed' });
    expect(untouched.body.skus[0].stock).toBe(100);
  });

  it('refuses a SKU of another product inside one’s own product', async () => {
    const { merchantId, owner } = await merchantWithOwner(t);
    const mine = await product(t, owner, merchantId);
    const other = await merchantWithOwner(t);
    const theirs = await product(t, other.owner, other.merchantId);
    const res = await owner.patch(`/api/v1/merchant/products/${mine.productId}/skus`, {
      updates: [{ skuId: theirs.skuIds[0], stock: 0 }],
    });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('sku-not-found');
  });

  it('lets staff of two shops pick one with X-Merchant-Id, and only those', async () => {
    const ops = await operator(t);
    const first = await merchantWithOwner(t, '一号店');
    const second = (await ops.post('/api/v1/admin/merchants', { name: '二号店', ownerPhone: first.owner.phone })).body;
    const owner = first.owner;
    const inFirst = await product(t, owner, first.merchantId, { title: '一号店的面霜' });
    const asSecond = owner.withHeaders({ 'x-merchant-id': second.id });
    const created = await asSecond.post('/api/v1/merchant/products', newProduct);
    expect(created.body.merchantId).toBe(second.id);
    expect((await asSecond.get(`/api/v1/merchant/products/${inFirst.productId}`)).status).toBe(404);
    expect((await asSecond.get('/api/v1/merchant/profile')).body.name).toBe('二号店');
    const stranger = await merchantWithOwner(t);
    expect(
      (await owner.withHeaders({ 'x-merchant-id': stranger.merchantId }).get('/api/v1/merchant/profile')).status,
    ).toBe(403);
  });

  it('keeps consumers and visitors out of the merchant API', async () => {
    const consumer = await loginByCode(t);
    expect((await consumer.get('/api/v1/merchant/products')).status).toBe(403);
    expect((await anon.get('/api/v1/merchant/products')).status).toBe(401);
    expect((await consumer.post('/api/v1/merchant/products', newProduct)).status).toBe(403);
  });
});
