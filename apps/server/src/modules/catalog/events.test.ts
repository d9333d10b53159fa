import { describe, expect, it } from 'vitest';
import { merchantWithOwner, orderPaidEvent, product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { emit } from '../../platform/events.ts';

const t = await createTestApp();
const anon = new Client(t);
const { merchantId, owner } = await merchantWithOwner(t, '事件测试店');

const publishReview = async (payload: {
  reviewId: string;
  productId: string;
  rating: number | null;
  isFollowUp?: boolean;
}) => {
  await t.deps.database.db.transaction((tx) => emit(tx, 'review.published', payload));
  await t.drain();
};

describe('order.paid', () => {
  it('adds the units sold to the product, once per order', async () => {
    const { productId, skuIds } = await product(t, owner, merchantId);
    const lines = [
      { skuId: skuIds[0]!, productId, qty: 2, unitPrice: 9900 },
      { skuId: skuIds[1]!, productId, qty: 3, unitPrice: 12900 },
    ];
    const orderId = await orderPaidEvent(t, lines);
    expect((await anon.get(`/api/v1/products/${productId}`)).body.salesCount).toBe(5);
    // The same order announced again (a re-emitted event) does not count twice.
    await orderPaidEvent(t, lines, orderId);
    expect((await anon.get(`/api/v1/products/${productId}`)).body.salesCount).toBe(5);
    await orderPaidEvent(t, [{ skuId: skuIds[0]!, productId, qty: 1, unitPrice: 9900 }]);
    const page = await anon.get(`/api/v1/products/${productId}`);
    expect(page.body.salesCount).toBe(6);
    expect((await owner.get(`/api/v1/merchant/products/${productId}`)).body.salesCount).toBe(6);
  });
});

describe('review.published', () => {
  it('averages first reviews into the product and shop rating; follow-ups do not vote', async () => {
    const { productId } = await product(t, owner, merchantId);
    const before = await anon.get(`/api/v1/products/${productId}`);
    expect(before.body.rating).toEqual({ average: null, count: 0 });
    await publishReview({ reviewId: 'rev_1', productId, rating: 5 });
    await publishReview({ reviewId: 'rev_2', productId, rating: 4 });
    await publishReview({ reviewId: 'rev_3', productId, rating: 4, isFollowUp: false });
    await publishReview({ reviewId: 'rev_4', productId, rating: null, isFollowUp: true });
    await publishReview({ reviewId: 'rev_5', productId, rating: 1, isFollowUp: true });
    const after = await anon.get(`/api/v1/products/${productId}`);
    expect(after.body.rating).toEqual({ average: 4.3, count: 3 });
    expect(after.body.merchant.rating).toEqual({ average: 4.3, count: 3 });
    expect((await anon.get(`/api/v1/merchants/${merchantId}`)).body.rating).toEqual({ average: 4.3, count: 3 });
  });
});
