import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { claim, createTemplate, MERCHANT_TEMPLATES, myCoupons, order } from '../../../test/coupon-factories.ts';

const t = await createTestApp();

/** A buyer's paid, unshipped order of 3 × ¥40 (= ¥120, free shipping from ¥99) with a 满100减12 coupon. */
async function paidWithCoupon(opts: { validity?: Record<string, unknown> } = {}) {
  const s = await shop(t, { price: 4000, stock: 20 });
  const tpl = await createTemplate(t, s.owner, MERCHANT_TEMPLATES, {
    thresholdAmount: 10000,
    discountAmount: 1200,
    ...(opts.validity ? { validity: opts.validity } : {}),
  });
  const me = await buyer(t);
  const coupon = await claim(me, tpl.id);
  const placed = await order(me, [{ skuId: s.skuId, qty: 3 }], [coupon.id]);
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  await payThroughSandbox(t, me, placed.body.checkoutId);
  const o = placed.body.orders[0];
  expect(o).toMatchObject({ payAmount: 10800, discountAmount: 1200 });
  return { ...s, me, coupon, tpl, orderId: o.id as string, lineId: o.lines[0].id as string };
}

async function refund(o: Awaited<ReturnType<typeof paidWithCoupon>>, qty: number) {
  const req = await o.me.post('/api/v1/after-sales', {
    orderId: o.orderId,
    lineId: o.lineId,
    qty,
    type: 'refund_only',
    reasonCode: 'other',
    description: '不想要了',
    images: [],
  });
  expect(req.status, JSON.stringify(req.body)).toBe(201);
  const approved = await o.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`);
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  await t.runJobs();
  return req.body as { amount: number };
}

describe('coupons and refunds', () => {
  it('a partial refund pays back the line’s discounted price and keeps the coupon used', async () => {
    const o = await paidWithCoupon();
    const one = await refund(o, 1);
    expect(one.amount).toBe(3600); // ¥108 paid for 3 units: each unit carries ¥4 of the coupon
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body).toMatchObject({
      status: 'paid',
      refundedAmount: 3600,
    });
    expect((await myCoupons(o.me, 'used')).items.map((c) => c.id)).toEqual([o.coupon.id]);
    expect((await myCoupons(o.me, 'available')).items).toEqual([]);
    const stats = (await o.owner.get(MERCHANT_TEMPLATES)).body.items[0].stats;
    expect(stats).toMatchObject({ used: 1, paidOrders: 1, paidDiscount: 1200, returned: 0 });
  });

  it('a full refund closes the order and gives the coupon back', async () => {
    const o = await paidWithCoupon();
    await refund(o, 1);
    const rest = await refund(o, 2);
    expect(rest.amount).toBe(7200);
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body).toMatchObject({
      status: 'closed',
      refundedAmount: 10800,
    });
    const back = await myCoupons(o.me, 'available');
    expect(back.items.map((c) => c.id)).toEqual([o.coupon.id]);
    expect(back.items[0]!.returnedAt).not.toBeNull();
    const stats = (await o.owner.get(MERCHANT_TEMPLATES)).body.items[0].stats;
    expect(stats).toMatchObject({ used: 0, returned: 1, paidOrders: 0, paidDiscount: 0 });
  });

  it('a coupon whose validity ended while it was on the order comes back expired', async () => {
    const now = t.clock.now().getTime();
    const s = await shop(t, { price: 4000 });
    const tpl = await createTemplate(t, s.owner, MERCHANT_TEMPLATES, {
      kind: 'no_threshold',
      thresholdAmount: 0,
      discountAmount: 500,
      validity: {
        type: 'fixed',
        validFrom: new Date(now).toISOString(),
        validUntil: new Date(now + 10 * 60_000).toISOString(),
      },
      claimUntil: new Date(now + 5 * 60_000).toISOString(),
    });
    const me = await buyer(t);
    const coupon = await claim(me, tpl.id);
    const placed = await order(me, [{ skuId: s.skuId, qty: 1 }], [coupon.id]);
    expect(placed.status).toBe(201);
    // Unpaid past the payment deadline: the order is cancelled by the timeout, after the coupon's end.
    t.clock.advanceMinutes(60);
    await t.runJobs();
    expect((await me.get(`/api/v1/orders/${placed.body.orders[0].id}`)).body.status).toBe('cancelled');
    const expired = await myCoupons(me, 'expired');
    expect(expired.items).toMatchObject([{ id: coupon.id, status: 'expired' }]);
    expect(expired.items[0]!.returnedAt).not.toBeNull();
    expect((await myCoupons(me, 'available')).items).toEqual([]);
  });
});
