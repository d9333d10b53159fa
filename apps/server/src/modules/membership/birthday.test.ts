import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop, signIn, type Buyer } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { myCoupons, PLATFORM_TEMPLATES } from '../../../test/coupon-factories.ts';
import { giveBirthdayGifts } from './service.ts';

// The clock starts at 2026-11-20 10:00 Beijing time; the daily job runs ten minutes after each Beijing midnight.
const t = await createTestApp();
const db = t.deps.database.db;
const DAY = 86_400_000;

/** ¥600 paid: 600 growth, 银卡. */
async function silverMember(who?: Buyer): Promise<Buyer> {
  const me = who ?? (await buyer(t));
  const s = await shop(t, { price: 30000, stock: 100 });
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 2 }]);
  await payThroughSandbox(t, me, checkout.checkoutId);
  await t.drain();
  return me;
}

/** Moves the clock to `days` days later and runs what is due (the daily job among it). */
async function passDays(days: number) {
  t.clock.advance(days * DAY);
  await t.runJobs();
}

const birthdayCoupons = async (who: Buyer) =>
  (await myCoupons(who, 'available')).items.filter((c) =>
    (c as unknown as { name: string }).name.endsWith('生日券'),
  ) as unknown as {
    id: string;
    name: string;
    label: string;
    couponValidUntil: string;
  }[];

describe('birthday coupons', () => {
  it('are platform templates created by the membership init, one per tier with a gift', async () => {
    const templates = (await (await operator(t)).get(`${PLATFORM_TEMPLATES}?limit=50`)).body.items as {
      id: string;
      name: string;
      audience: string;
      label: string;
    }[];
    expect(templates.filter((x) => x.name.endsWith('生日券')).map((x) => [x.id, x.name, x.label, x.audience])).toEqual(
      expect.arrayContaining([
        ['cpt_birthday_silver', '银卡会员生日券', '满99减10', 'targeted'],
        ['cpt_birthday_gold', '金卡会员生日券', '满99减20', 'targeted'],
        ['cpt_birthday_diamond', '黑钻会员生日券', '无门槛减30', 'targeted'],
      ]),
    );
    const tiers = (await (await buyer(t)).get('/api/v1/membership/me')).body.tiers as {
      code: string;
      birthdayCoupon: { label: string } | null;
    }[];
    expect(tiers.map((x) => [x.code, x.birthdayCoupon?.label ?? null])).toEqual([
      ['regular', null],
      ['silver', '满99减10'],
      ['gold', '满99减20'],
      ['diamond', '无门槛减30'],
    ]);
  });

  it('are issued once a year in the birthday month, by the tier the member has then', async () => {
    const me = await silverMember();
    const regular = await buyer(t);
    expect((await me.put('/api/v1/membership/me/birthday', { month: 12, day: 15 })).status).toBe(200);
    expect((await regular.put('/api/v1/membership/me/birthday', { month: 12, day: 3 })).status).toBe(200);

    await passDays(1); // 21 November: not the month yet
    expect(await birthdayCoupons(me)).toEqual([]);

    await passDays(10); // 1 December, two weeks before the day itself: the month's run issues it
    const issued = await birthdayCoupons(me);
    expect(issued).toMatchObject([{ name: '银卡会员生日券', label: '满99减10' }]);
    expect(new Date(issued[0]!.couponValidUntil).getTime()).toBe(t.clock.now().getTime() + 31 * DAY);
    expect(await birthdayCoupons(regular)).toEqual([]); // 普通会员 has no birthday gift

    await passDays(1);
    expect(await giveBirthdayGifts(db, t.clock.now())).toBe(0); // a rerun in the same month issues nothing
    expect((await myCoupons(me, 'available')).items).toHaveLength(1);

    // Next November the member buys again (growth older than 365 days no longer counts) and is 银卡 once more.
    await passDays(350);
    const again: Buyer = Object.assign(await signIn(t, me.phone), { addressId: me.addressId }); // the session has expired
    await silverMember(again);
    await passDays(15); // 2 December 2027
    const thisYear = await birthdayCoupons(again);
    expect(thisYear).toMatchObject([{ name: '银卡会员生日券' }]);
    expect(thisYear[0]!.id).not.toBe(issued[0]!.id);
    expect((await myCoupons(again, 'expired')).items.map((c) => c.id)).toEqual([issued[0]!.id]); // last year's ran out
    expect(await giveBirthdayGifts(db, t.clock.now())).toBe(0);
  });
});
