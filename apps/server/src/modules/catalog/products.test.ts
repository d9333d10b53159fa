import { describe, expect, it } from 'vitest';
import { merchantWithOwner, product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';

const t = await createTestApp();
const anon = new Client(t);
// Ids are time-ordered: sorting them descending is newest first.
const newestFirst = (ids: string[]) => [...ids].sort().reverse();

const newProduct = {
  categoryId: 'cat_skincare',
  title: '烟酰胺精华液 30ml',
  subtitle: '提亮肤色',
  description: '5% 烟酰胺',
  images: ['/media/placeholder/essence.svg?label=精华液'],
  attributes: [{ name: '产地', value: '上海' }],
  specs: [{ name: '规格', values: ['30ml', '50ml'] }],
  skus: [
    { specValues: { 规格: '30ml' }, price: 12900, stock: 10 },
    { specValues: { 规格: '50ml' }, price: 19900, stock: 5 },
  ],
};

describe('a merchant manages its own products', () => {
  it('creates, reads, edits, delists and relists a product', async () => {
    const { owner } = await merchantWithOwner(t);
    const created = await owner.post('/api/v1/merchant/products', newProduct);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: '烟酰胺精华液 30ml',
      status: 'listed',
      minPrice: 12900,
      maxPrice: 19900,
    });
    expect(created.body.skus.map((s: any) => s.specText)).toEqual(['30ml', '50ml']);
    const id = created.body.id as string;

    const edited = await owner.patch(`/api/v1/merchant/products/${id}`, {
      title: '烟酰胺亮肤精华液',
      categoryId: 'cat_makeup',
      madeToOrder: true,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      title: '烟酰胺亮肤精华液',
      categoryId: 'cat_makeup',
      madeToOrder: true,
      subtitle: '提亮肤色',
    });
    expect((await owner.patch(`/api/v1/merchant/products/${id}`, { categoryId: 'cat_nope' })).body.type).toBe(
      'category-not-found',
    );

    const delisted = await owner.post(`/api/v1/merchant/products/${id}/delist`);
    expect(delisted.body.status).toBe('delisted');
    expect((await anon.get(`/api/v1/products/${id}`)).status).toBe(404);
    expect((await anon.get('/api/v1/products?q=烟酰胺')).body.items).toEqual([]);

    expect((await owner.post(`/api/v1/merchant/products/${id}/list`)).body.status).toBe('listed');
    const page = await anon.get(`/api/v1/products/${id}`);
    expect(page.status).toBe(200);
    expect(page.body.returnPolicy).toMatchObject({ noReason7d: false, text: '定制商品不支持七天无理由退货' });
  });

  it('keeps a draft from shoppers until it is listed, and cannot delist a draft', async () => {
    const { owner } = await merchantWithOwner(t);
    const draft = await owner.post('/api/v1/merchant/products', { ...newProduct, listed: false });
    expect(draft.body.status).toBe('draft');
    expect((await anon.get(`/api/v1/products/${draft.body.id}`)).status).toBe(404);
    expect((await owner.post(`/api/v1/merchant/products/${draft.body.id}/delist`)).body.type).toBe(
      'invalid-state-transition',
    );
    expect((await owner.post(`/api/v1/merchant/products/${draft.body.id}/list`)).body.status).toBe('listed');
    expect((await anon.get(`/api/v1/products/${draft.body.id}`)).status).toBe(200);
  });

  it('refuses an incomplete SKU matrix and a 划线价 on a new product', async () => {
    const { owner } = await merchantWithOwner(t);
    const dup = await owner.post('/api/v1/merchant/products', {
      ...newProduct,
      skus: [newProduct.skus[0], newProduct.skus[0]],
    });
    expect(dup.status).toBe(422);
    expect(dup.body.type).toBe('sku-matrix-invalid');
    const crossed = await owner.post('/api/v1/merchant/products', {
      ...newProduct,
      skus: [{ ...newProduct.skus[0], originalPrice: 19900 }, newProduct.skus[1]],
    });
    expect(crossed.status).toBe(422);
    expect(crossed.body.type).toBe('original-price-untruthful');
    const negative = await owner.post('/api/v1/merchant/products', {
      ...newProduct,
      skus: [{ ...newProduct.skus[0], stock: -1 }, newProduct.skus[1]],
    });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0]).toMatchObject({ field: 'body.skus.0.stock', message: '库存不能为负数' });
  });

  it('edits SKUs: absolute stock, disabling, and a new spec combination', async () => {
    const { owner } = await merchantWithOwner(t);
    const { productId, skuIds } = await product(t, owner, (await owner.get('/api/v1/merchant/profile')).body.id);
    const res = await owner.patch(`/api/v1/merchant/products/${productId}/skus`, {
      updates: [
        { skuId: skuIds[0], stock: 0, price: 8900 },
        { skuId: skuIds[1], enabled: false },
      ],
      additions: [{ specValues: { 规格: '旅行装' }, price: 3900, stock: 50 }],
    });
    expect(res.status).toBe(200);
    expect(res.body.specs).toEqual([{ name: '规格', values: ['标准装', '加大装', '旅行装'] }]);
    expect(res.body.skus.map((s: any) => [s.specText, s.price, s.stock, s.enabled])).toEqual([
      ['标准装', 8900, 0, true],
      ['加大装', 12900, 100, false],
      ['旅行装', 3900, 50, true],
    ]);
    // Prices shown to shoppers come from enabled SKUs only.
    expect(res.body).toMatchObject({ minPrice: 3900, maxPrice: 8900 });
    const pub = await anon.get(`/api/v1/products/${productId}`);
    expect(pub.body.skus.map((s: any) => s.specText)).toEqual(['标准装', '旅行装']);
    expect(pub.body.specs).toEqual([{ name: '规格', values: ['标准装', '旅行装'] }]);

    const again = await owner.patch(`/api/v1/merchant/products/${productId}/skus`, {
      additions: [{ specValues: { 规格: '旅行装' }, price: 3900, stock: 1 }],
    });
    expect(again.body.type).toBe('sku-matrix-invalid');
    const wrongDims = await owner.patch(`/api/v1/merchant/products/${productId}/skus`, {
      additions: [{ specValues: { 颜色: '红' }, price: 3900, stock: 1 }],
    });
    expect(wrongDims.body.type).toBe('sku-matrix-invalid');
    const negative = await owner.patch(`/api/v1/merchant/products/${productId}/skus`, {
      updates: [{ skuId: skuIds[0], stock: -5 }],
    });
    expect(negative.status).toBe(400);
  });

  it('lists its own products with filters and cursor pagination', async () => {
    const { merchantId, owner } = await merchantWithOwner(t);
    const ids: string[] = [];
    for (const [i, categoryId] of ['cat_skincare', 'cat_makeup', 'cat_women', 'cat_skincare', 'cat_fresh'].entries()) {
      ids.push((await product(t, owner, merchantId, { title: `测试商品 ${i} 号`, categoryId })).productId);
    }
    await owner.post(`/api/v1/merchant/products/${ids[1]}/delist`);
    const other = await merchantWithOwner(t);
    await product(t, other.owner, other.merchantId, { title: '别家的测试商品' });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await owner.get(`/api/v1/merchant/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((p: any) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst(ids));

    const delisted = await owner.get('/api/v1/merchant/products?status=delisted');
    expect(delisted.body.items.map((p: any) => p.id)).toEqual([ids[1]]);
    const beauty = await owner.get('/api/v1/merchant/products?categoryId=cat_beauty');
    expect(beauty.body.items.map((p: any) => p.id)).toEqual(newestFirst([ids[0]!, ids[1]!, ids[3]!]));
    const keyword = await owner.get(`/api/v1/merchant/products?keyword=${encodeURIComponent('3 号')}`);
    expect(keyword.body.items.map((p: any) => p.id)).toEqual([ids[3]]);
    expect(keyword.body.items[0]).toMatchObject({ totalStock: 200, skuCount: 2 });
    expect((await owner.get('/api/v1/merchant/products?cursor=garbage')).body.type).toBe('bad-request');
    expect((await owner.get('/api/v1/merchant/products?limit=101')).status).toBe(400);
  });
});
