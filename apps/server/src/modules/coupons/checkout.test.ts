import { describe, expect, it } from 'vitest';
import { operator, product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, merchant, shop } from '../../../test/order-factories.ts';
import {
  claim,
  createTemplate,
  MERCHANT_TEMPLATES,
  myCoupons,
  order,
  PLATFORM_TEMPLATES,
  quote,
} from '../../../test/coupon-factories.ts';

const t = await createTestApp();

describe('a shop coupon at checkout', () => {
  it('is claimed, suggested, spread over the lines by largest remainder, used once and returned on cancel', async () => {
    const m = await merchant(t);
    const p = await product(t, m.owner, m.merchantId); // two SKUs: ¥99 and ¥129
    const tpl = await createTemplate(t, m.owner, MERCHANT_TEMPLATES, { name: '满200减30' });
    expect(tpl.label).toBe('满200减30');
    const me = await buyer(t);

    const centre = await me.get(`/api/v1/coupons/center?merchantId=${m.merchantId}`);
    expect(centre.body.items).toMatchObject([{ id: tpl.id, canClaim: true, claimedByMe: 0, soldOut: false }]);
    const coupon = await claim(me, tpl.id);
    const again = await me.post(`/api/v1/coupons/center/${tpl.id}/claim`);
    expect(again.body).toMatchObject({ status: 409, type: 'claim-limit-reached' });

    // ¥99 alone does not reach the ¥200 threshold: listed as unusable, with how much is missing.
    const small = await quote(me, [{ skuId: p.skuIds[0]!, qty: 1 }]);
    expect(small.discountAmount).toBe(0);
    expect(small.coupons.options).toMatchObject([
      { id: coupon.id, usable: false, selected: false, reason: '适用商品满 ¥200.00 可用，还差 ¥101.00' },
    ]);

    // ¥99 + ¥129 = ¥228: ¥30 off, 1302.63 / 1697.37 → the leftover fen goes to the larger remainder.
    const items = [
      { skuId: p.skuIds[0]!, qty: 1 },
      { skuId: p.skuIds[1]!, qty: 1 },
    ];
    const best = await quote(me, items);
    expect(best).toMatchObject({ itemsAmount: 22800, discountAmount: 3000, shippingFee: 0, amount: 19800 });
    expect(best.coupons).toMatchObject({ appliedIds: [coupon.id], discountAmount: 3000 });
    expect(best.merchants[0].lines.map((l: any) => [l.discountAmount, l.payAmount])).toEqual([
      [1303, 8597],
      [1697, 11203],
    ]);
    expect((await quote(me, items, [])).amount).toBe(22800);

    const placed = await order(me, items, [coupon.id]);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = placed.body.orders[0].id;
    expect(placed.body.amount).toBe(19800);
    const detail = (await me.get(`/api/v1/orders/${orderId}`)).body;
    expect(detail.discounts).toMatchObject([{ source: 'coupon', couponId: coupon.id, amount: 3000 }]);
    expect((await myCoupons(me, 'used')).items.map((c) => c.id)).toEqual([coupon.id]);

    // The same coupon cannot pay for a second order.
    const second = await me.post(
      '/api/v1/orders',
      { items, addressId: me.addressId, expectedAmount: 19800, couponIds: [coupon.id] },
      { idempotencyKey: 'second-order-same-coupon' },
    );
    expect(second.body).toMatchObject({ status: 409, type: 'coupon-unavailable' });

    expect((await me.post(`/api/v1/orders/${orderId}/cancel`)).status).toBe(200);
    await t.drain();
    const back = await myCoupons(me, 'available');
    expect(back.items).toMatchObject([{ id: coupon.id, status: 'available' }]);
    expect(back.items[0]!.returnedAt).not.toBeNull();
    const stats = (await m.owner.get(MERCHANT_TEMPLATES)).body.items[0].stats;
    expect(stats).toEqual({ issued: 1, used: 0, returned: 1, paidOrders: 0, paidDiscount: 0 });
  });

  it('takes a percentage off only the coupon’s category, up to its cap', async () => {
    const m = await merchant(t);
    const cream = await product(t, m.owner, m.merchantId, {
      categoryId: 'cat_skincare',
      specs: [{ name: '规格', values: ['标准装'] }],
      skus: [{ specValues: { 规格: '标准装' }, price: 4000, stock: 10 }],
    });
    const tea = await product(t, m.owner, m.merchantId, {
      title: '明前龙井 250g',
      categoryId: 'cat_tea',
      specs: [{ name: '规格', values: ['罐装'] }],
      skus: [{ specValues: { 规格: '罐装' }, price: 6000, stock: 10 }],
    });
    // Picking the top-level 美妆护肤 covers 面部护肤 beneath it.
    const tpl = await createTemplate(t, m.owner, MERCHANT_TEMPLATES, {
      name: '护肤 8 折',
      kind: 'percent',
      thresholdAmount: 0,
      percentOff: 20,
      maxDiscount: 1000,
      scope: 'category',
      categoryIds: ['cat_beauty'],
    });
    expect(tpl.label).toBe('8折（最高减10）');
    const me = await buyer(t);
    await claim(me, tpl.id);
    const one = await quote(me, [
      { skuId: cream.skuIds[0]!, qty: 1 },
      { skuId: tea.skuIds[0]!, qty: 1 },
    ]);
    expect(one.discountAmount).toBe(800); // 20% of the ¥40 cream, not of the tea
    const three = await quote(me, [
      { skuId: cream.skuIds[0]!, qty: 3 },
      { skuId: tea.skuIds[0]!, qty: 1 },
    ]);
    expect(three.discountAmount).toBe(1000); // 20% of ¥120 is ¥24, capped at ¥10
    const teaOnly = await quote(me, [{ skuId: tea.skuIds[0]!, qty: 1 }]);
    expect(teaOnly.coupons.options[0]).toMatchObject({ usable: false, reason: '所选商品不适用' });
  });
});

describe('a platform coupon with shop coupons', () => {
  it('uses one shop coupon per shop plus one platform coupon, and comes back only when every order it paid is cancelled', async () => {
    const ops = await operator(t);
    const a = await shop(t, { name: '甲店', price: 3000 });
    const b = await shop(t, { name: '乙店', price: 7000 });
    const platform = await createTemplate(t, ops, PLATFORM_TEMPLATES, {
      name: '平台无门槛券',
      kind: 'no_threshold',
      thresholdAmount: 0,
      discountAmount: 1000,
    });
    const big = await createTemplate(t, a.owner, MERCHANT_TEMPLATES, {
      kind: 'no_threshold',
      thresholdAmount: 0,
      discountAmount: 500,
    });
    const small = await createTemplate(t, a.owner, MERCHANT_TEMPLATES, {
      kind: 'no_threshold',
      thresholdAmount: 0,
      discountAmount: 300,
    });
    const me = await buyer(t);
    const p = await claim(me, platform.id);
    const a5 = await claim(me, big.id);
    await claim(me, small.id);

    const items = [
      { skuId: a.skuId, qty: 1 },
      { skuId: b.skuId, qty: 1 },
    ];
    const q = await quote(me, items);
    // The platform ¥10 is shared by the shops' eligible items, 30:70; shop A also takes its better ¥5 coupon.
    expect(q.merchants.map((m: any) => m.discountAmount)).toEqual([800, 700]);
    expect(new Set(q.coupons.appliedIds)).toEqual(new Set([p.id, a5.id]));

    const twoShopCoupons = await quote(me, items, [
      a5.id,
      (await myCoupons(me, 'available')).items.find((c) => c.id !== p.id && c.id !== a5.id)!.id,
    ]);
    expect(twoShopCoupons.coupons.appliedIds).toEqual([a5.id]);
    expect(
      twoShopCoupons.coupons.options.find((o: any) => !o.selected && o.reason === '每个店铺只能使用一张店铺券'),
    ).toBeDefined();

    const placed = await order(me, items, [p.id, a5.id]);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const [orderA, orderB] = placed.body.orders;
    expect([orderA.payAmount, orderB.payAmount]).toEqual([2200 + 800, 6300 + 800]); // ¥8 shipping each, below ¥99

    await me.post(`/api/v1/orders/${orderA.id}/cancel`);
    await t.drain();
    const afterA = await myCoupons(me, 'available');
    expect(afterA.items.map((c) => c.id)).toContain(a5.id);
    expect(afterA.items.map((c) => c.id)).not.toContain(p.id);

    await me.post(`/api/v1/orders/${orderB.id}/cancel`);
    await t.drain();
    expect((await myCoupons(me, 'available')).items.map((c) => c.id)).toContain(p.id);
  });
});
