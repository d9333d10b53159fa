import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, shop, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import {
  createTemplate,
  MERCHANT_TEMPLATES,
  myCoupons,
  order,
  PLATFORM_TEMPLATES,
  quote,
} from '../../../test/coupon-factories.ts';

const t = await createTestApp();
const ops = await operator(t);
// The platform's new-user pack: a first-order subsidy and a 满减 coupon.
const subsidy = await createTemplate(t, ops, PLATFORM_TEMPLATES, {
  name: '新人首单立减',
  kind: 'no_threshold',
  thresholdAmount: 0,
  discountAmount: 1000,
  audience: 'new_user',
  firstOrderOnly: true,
  validity: { type: 'relative', days: 7 },
});
await createTemplate(t, ops, PLATFORM_TEMPLATES, {
  name: '新人满减',
  audience: 'new_user',
  thresholdAmount: 9900,
  discountAmount: 1500,
});

describe('new-user pack and first-order subsidy', () => {
  it('is handed out once to a user without a paid order; the subsidy only works on the first paid order', async () => {
    const s = await shop(t, { price: 5000 });
    const me = await buyer(t);
    const pack = (await me.get('/api/v1/coupons/new-user-pack')).body;
    expect(pack).toMatchObject({ eligible: true, claimedAt: null });
    expect(pack.templates.map((x: any) => x.name)).toEqual(['新人首单立减', '新人满减']);

    const [took, twice] = await Promise.all([
      me.post('/api/v1/coupons/new-user-pack'),
      me.post('/api/v1/coupons/new-user-pack'),
    ]);
    const statuses = [took.status, twice.status].sort();
    expect(statuses).toEqual([201, 409]);
    expect((took.status === 201 ? took : twice).body.items).toHaveLength(2);
    expect((await me.get('/api/v1/coupons/new-user-pack')).body.eligible).toBe(false);
    const mine = await myCoupons(me, 'available');
    const firstOrder = mine.items.find((c: any) => c.firstOrderOnly)!;

    const before = await quote(me, [{ skuId: s.skuId, qty: 1 }]);
    expect(before.coupons.appliedIds).toEqual([firstOrder.id]);
    expect(before.discountAmount).toBe(1000);

    // Another order is paid first, without coupons: the subsidy is no longer usable.
    const plain = await order(me, [{ skuId: s.skuId, qty: 1 }], []);
    await payThroughSandbox(t, me, plain.body.checkoutId);
    const after = await quote(me, [{ skuId: s.skuId, qty: 1 }]);
    expect(after.discountAmount).toBe(0);
    expect(after.coupons.options.find((o: any) => o.id === firstOrder.id)).toMatchObject({
      usable: false,
      reason: '仅限首单使用',
    });
    const refused = await order(me, [{ skuId: s.skuId, qty: 1 }], [firstOrder.id]);
    expect(refused.body).toMatchObject({
      status: 409,
      type: 'coupon-unavailable',
      detail: '「新人首单立减」仅限首单使用',
    });
  });

  it('is refused to someone who has already paid an order', async () => {
    const s = await shop(t, { price: 5000 });
    const me = await buyer(t);
    const placed = await order(me, [{ skuId: s.skuId, qty: 1 }]);
    await payThroughSandbox(t, me, placed.body.checkoutId);
    expect((await me.get('/api/v1/coupons/new-user-pack')).body.eligible).toBe(false);
    expect((await me.post('/api/v1/coupons/new-user-pack')).body).toMatchObject({ status: 409, type: 'not-new-user' });
  });

  it('cannot be claimed in the claim centre or created by a merchant', async () => {
    const me = await signIn(t);
    expect((await me.post(`/api/v1/coupons/center/${subsidy.id}/claim`)).body.type).toBe('not-claimable');
    const s = await shop(t);
    const res = await s.owner.post(MERCHANT_TEMPLATES, {
      name: '店铺新人券',
      kind: 'no_threshold',
      discountAmount: 500,
      scope: 'shop',
      audience: 'new_user',
      validity: { type: 'relative', days: 7 },
      claimUntil: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
      totalQuantity: 10,
    });
    expect(res.status).toBe(400);
  });
});

describe('targeted issuance', () => {
  it('sends a shop coupon to the shop’s own buyers, skipping those at the limit, and counts unmatched users', async () => {
    const s = await shop(t, { price: 3000 });
    const loyal = await buyer(t);
    const placed = await order(loyal, [{ skuId: s.skuId, qty: 1 }]);
    await payThroughSandbox(t, loyal, placed.body.checkoutId);
    const stranger = await buyer(t);
    const tpl = await createTemplate(t, s.owner, MERCHANT_TEMPLATES, {
      name: '老客回馈',
      audience: 'targeted',
      totalQuantity: 5,
    });

    const first = await s.owner.post(`${MERCHANT_TEMPLATES}/${tpl.id}/issue`, {
      segment: 'buyers',
      userIds: ['usr_nobody'],
    });
    expect(first.body).toEqual({ issued: 1, skippedAtLimit: 0, unmatched: 1 });
    expect((await myCoupons(loyal, 'available')).items).toHaveLength(1);
    expect((await myCoupons(stranger, 'available')).items).toHaveLength(0);

    const again = await s.owner.post(`${MERCHANT_TEMPLATES}/${tpl.id}/issue`, {
      userIds: [loyal.userId, stranger.userId],
    });
    expect(again.body).toEqual({ issued: 1, skippedAtLimit: 1, unmatched: 0 });
    // A targeted coupon is not in the claim centre, and another shop cannot issue it.
    expect((await stranger.post(`/api/v1/coupons/center/${tpl.id}/claim`)).body.type).toBe('not-claimable');
    const other = await shop(t);
    expect(
      (await other.owner.post(`${MERCHANT_TEMPLATES}/${tpl.id}/issue`, { userIds: [stranger.userId] })).status,
    ).toBe(404);
    const stats = (await s.owner.get(MERCHANT_TEMPLATES)).body.items[0].stats;
    expect(stats.issued).toBe(2);
  });

  it('issues the whole batch or nothing when the quantity left is too small', async () => {
    const s = await shop(t);
    const tpl = await createTemplate(t, s.owner, MERCHANT_TEMPLATES, { audience: 'targeted', totalQuantity: 2 });
    const people = [await signIn(t), await signIn(t), await signIn(t)];
    const res = await s.owner.post(`${MERCHANT_TEMPLATES}/${tpl.id}/issue`, { userIds: people.map((p) => p.userId) });
    expect(res.body).toMatchObject({ status: 409, type: 'sold-out', detail: '剩余 2 张，不够发给 3 人' });
    expect((await s.owner.get(MERCHANT_TEMPLATES)).body.items[0].stats.issued).toBe(0);
  });
});
