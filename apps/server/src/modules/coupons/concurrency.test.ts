import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, shop, signIn } from '../../../test/order-factories.ts';
import { claim, createTemplate, MERCHANT_TEMPLATES, myCoupons, quote } from '../../../test/coupon-factories.ts';

// Real parallel requests; on PostgreSQL (TEST_DATABASE_URL) they run on separate connections at once.
const t = await createTestApp();

describe('claims under concurrency', () => {
  it('hands out exactly the total quantity to 40 people claiming 10 coupons at once', async () => {
    const s = await shop(t);
    const tpl = await createTemplate(t, s.owner, MERCHANT_TEMPLATES, { totalQuantity: 10 });
    const people = [];
    for (let i = 0; i < 40; i++) people.push(await signIn(t));

    const results = await Promise.all(people.map((p) => p.post(`/api/v1/coupons/center/${tpl.id}/claim`)));

    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(30);
    expect(refused.every((r) => r.status === 409 && r.body.type === 'sold-out')).toBe(true);
    const [row] = (await s.owner.get(MERCHANT_TEMPLATES)).body.items;
    expect(row.stats.issued).toBe(10);
    const held = await Promise.all(people.map((p) => myCoupons(p, 'available')));
    expect(held.reduce((n, h) => n + h.items.length, 0)).toBe(10);
    const centre = (await people[0]!.get(`/api/v1/coupons/center?merchantId=${s.merchantId}`)).body.items[0];
    expect(centre).toMatchObject({ soldOut: true, issuedCount: 10 });
  });

  it('never gives one person more than the per-user limit, however many claims they fire at once', async () => {
    const s = await shop(t);
    const tpl = await createTemplate(t, s.owner, MERCHANT_TEMPLATES, { perUserLimit: 2, totalQuantity: 100 });
    const me = await signIn(t);

    const results = await Promise.all(
      Array.from({ length: 12 }, () => me.post(`/api/v1/coupons/center/${tpl.id}/claim`)),
    );

    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409 && r.body.type === 'claim-limit-reached')).toHaveLength(10);
    expect((await myCoupons(me, 'available')).items).toHaveLength(2);
    expect((await s.owner.get(MERCHANT_TEMPLATES)).body.items[0].stats.issued).toBe(2);
  });

  it('lets one coupon pay for only one of two checkouts placed at the same moment', async () => {
    const s = await shop(t, { price: 25000 });
    const tpl = await createTemplate(t, s.owner, MERCHANT_TEMPLATES);
    const me = await buyer(t);
    const coupon = await claim(me, tpl.id);
    const items = [{ skuId: s.skuId, qty: 1 }];
    const q = await quote(me, items, [coupon.id]);
    expect(q.amount).toBe(22000);

    const results = await Promise.all(
      ['a', 'b', 'c'].map((k) =>
        me.post(
          '/api/v1/orders',
          { items, addressId: me.addressId, expectedAmount: q.amount, couponIds: [coupon.id] },
          { idempotencyKey: `same-coupon-${k}` },
        ),
      ),
    );

    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.type === 'coupon-unavailable')).toHaveLength(2);
    expect((await myCoupons(me, 'used')).items.map((c) => c.id)).toEqual([coupon.id]);
    expect((await me.get('/api/v1/orders')).body.items).toHaveLength(1);
  });
});
