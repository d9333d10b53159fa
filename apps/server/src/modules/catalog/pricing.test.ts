import { describe, expect, it } from 'vitest';
import { merchantWithOwner, orderPaidEvent, product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';

const t = await createTestApp();
const anon = new Client(t);
const { merchantId, owner } = await merchantWithOwner(t, '明码标价店');

const setSku = (productId: string, update: Record<string, unknown>) =>
  owner.patch(`/api/v1/merchant/products/${productId}/skus`, { updates: [update] });

describe('划线价 must be a price buyers actually paid (明码标价)', () => {
  it('is refused while the SKU never sold, stating why', async () => {
    const { productId, skuIds } = await product(t, owner, merchantId);
    const res = await setSku(productId, { skuId: skuIds[0], price: 7900, originalPrice: 9900 });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'original-price-untruthful', title: '划线价不符合明码标价规定' });
    expect(res.body.detail).toContain('尚无成交记录');
    // All or nothing: the price change in the same request did not happen either.
    expect((await owner.get(`/api/v1/merchant/products/${productId}`)).body.skus[0]).toMatchObject({
      price: 9900,
      originalPrice: null,
    });
  });

  it('allows at most the lowest price of the previous 7 days, then the last price once nothing sold for 7 days', async () => {
    const { productId, skuIds } = await product(t, owner, merchantId);
    const [sku] = skuIds as [string];
    const start = t.clock.now().getTime();
    const at = (days: number) => t.clock.advance(start + days * 86_400_000 - t.clock.now().getTime());

    await orderPaidEvent(t, [{ skuId: sku, productId, qty: 1, unitPrice: 8900 }]); // day 0: sold on promotion
    at(1);
    await orderPaidEvent(t, [{ skuId: sku, productId, qty: 1, unitPrice: 9900 }]); // day 1: sold at the usual price

    at(2);
    const tooHigh = await setSku(productId, { skuId: sku, price: 6900, originalPrice: 9900 });
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body.type).toBe('original-price-untruthful');
    expect(tooHigh.body.detail).toContain('最高可设为 ¥89.00');
    const truthful = await setSku(productId, { skuId: sku, price: 6900, originalPrice: 8900 });
    expect(truthful.status).toBe(200);
    expect(truthful.body.skus[0]).toMatchObject({ price: 6900, originalPrice: 8900 });

    // Past 7 days the ¥89 sale no longer counts; the ¥99 one does.
    at(7.05);
    expect((await setSku(productId, { skuId: sku, originalPrice: 9900 })).status).toBe(200);

    // Nothing sold in the last 7 days: the last price charged (¥99) is the ceiling.
    at(20);
    expect((await setSku(productId, { skuId: sku, originalPrice: 9900 })).status).toBe(200);
    const above = await setSku(productId, { skuId: sku, originalPrice: 9901 });
    expect(above.body.type).toBe('original-price-untruthful');
    expect(above.body.detail).toContain('¥99.00');

    const shown = await anon.get(`/api/v1/products/${productId}`);
    expect(shown.body.skus[0]).toMatchObject({ price: 6900, originalPrice: 9900 });
  });

  it('must stay above the selling price', async () => {
    const { productId, skuIds } = await product(t, owner, merchantId);
    const [sku] = skuIds as [string];
    await orderPaidEvent(t, [{ skuId: sku, productId, qty: 1, unitPrice: 9900 }]);
    const equal = await setSku(productId, { skuId: sku, originalPrice: 9900 });
    expect(equal.status).toBe(422);
    expect(equal.body).toMatchObject({ type: 'original-price-not-above-price', title: '划线价须高于售价' });
    expect((await setSku(productId, { skuId: sku, price: 8000, originalPrice: 9900 })).status).toBe(200);
    // Raising the price over the kept 划线价 is refused; clearing the 划线价 with it is fine.
    expect((await setSku(productId, { skuId: sku, price: 9900 })).body.type).toBe('original-price-not-above-price');
    const cleared = await setSku(productId, { skuId: sku, price: 9900, originalPrice: null });
    expect(cleared.body.skus[0]).toMatchObject({ price: 9900, originalPrice: null });
  });
});

describe('price history', () => {
  it('appends a row for every price or 划线价 change, newest first, paginated', async () => {
    const { productId, skuIds } = await product(t, owner, merchantId);
    const [a, b] = skuIds as [string, string];
    await orderPaidEvent(t, [{ skuId: a, productId, qty: 1, unitPrice: 9900 }]);
    t.clock.advanceHours(1);
    await setSku(productId, { skuId: a, price: 8900 });
    t.clock.advanceHours(1);
    await setSku(productId, { skuId: a, originalPrice: 9900 });
    t.clock.advanceHours(1);
    await setSku(productId, { skuId: a, stock: 3 }); // stock only: no price row
    await setSku(productId, { skuId: b, price: 12900 }); // unchanged: no price row

    const all = await owner.get(`/api/v1/merchant/products/${productId}/price-history`);
    expect(all.status).toBe(200);
    const rows = all.body.items.map((h: any) => [h.skuId, h.price, h.originalPrice]);
    expect(rows.slice(0, 2)).toEqual([
      [a, 8900, 9900],
      [a, 8900, null],
    ]);
    // The two rows written when the product was created share a timestamp; their order is by id.
    expect(rows.slice(2)).toHaveLength(2);
    expect(rows.slice(2)).toEqual(
      expect.arrayContaining([
        [a, 9900, null],
        [b, 12900, null],
      ]),
    );
    expect(all.body.items[0]).toMatchObject({ specText: '标准装', changedBy: owner.userId });

    const first = await owner.get(`/api/v1/merchant/products/${productId}/price-history?skuId=${a}&limit=2`);
    expect(first.body.items.map((h: any) => h.originalPrice)).toEqual([9900, null]);
    const second = await owner.get(
      `/api/v1/merchant/products/${productId}/price-history?skuId=${a}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((h: any) => h.price)).toEqual([9900]);
    expect(second.body.nextCursor).toBeNull();
  });
});
