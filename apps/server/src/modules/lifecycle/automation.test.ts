import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { operator } from '../../../test/factories.ts';
import { sandboxPaidOrder } from '../../../test/flows.ts';
import { type Buyer, buyer as newBuyer, merchant as newMerchant, signIn } from '../../../test/order-factories.ts';
import { bucketOf } from '../../platform/assignment.ts';
import { analyticsLoader } from '../analytics/api.ts';
import { holdoutSalt } from './automation.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const DAY = 86_400_000;
async function moveTo(iso: string) {
  const target = new Date(iso).getTime();
  expect(target).toBeGreaterThanOrEqual(t.clock.now().getTime());
  t.clock.advance(target - t.clock.now().getTime());
  await analyticsLoader(t.deps).load();
  await t.runJobs();
}
const RULE = { enabled: true, capDays: 7, quietStart: 21, quietEnd: 9, holdoutPct: 30, conversionDays: 7 };

describe('churned recall', () => {
  it('waits out quiet hours, caps, skips opted-out users and the hold-out, and reports uplift honestly', async () => {
    // The clock starts 2026-11-20 10:00 Beijing.
    const shoppers: Buyer[] = [];
    for (let i = 0; i < 12; i++) shoppers.push(await newBuyer(t));
    const [quitter] = shoppers;
    expect((await quitter!.put('/api/v1/me/marketing-messages', { marketing: false })).body).toEqual({
      marketing: false,
    });
    expect((await quitter!.get('/api/v1/me/marketing-messages')).body).toEqual({ marketing: false });
    await t.drain();

    // 61 days later none of them has bought: churned. The run lands at 22:00 Beijing, in quiet hours.
    await moveTo('2027-01-20T14:00:00Z');
    const ops = await operator(t);
    const on = await ops.put('/api/v1/admin/lifecycle/rules/churned_recall', RULE);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, capDays: 7, holdoutPct: 30 });
    await moveTo('2027-01-20T14:05:00Z');
    const heldOut = (b: Buyer) => bucketOf(holdoutSalt('platform', 'churned_recall'), b.userId) < 3000;
    const sms = (b: Buyer) => t.sms.marketingFor(b.phone);
    expect(shoppers.every((b) => sms(b).length === 0)).toBe(true);
    let rule = (await ops.get('/api/v1/admin/lifecycle/rules')).body.items.find(
      (r: any) => r.kind === 'churned_recall',
    );
    const treated = shoppers.filter((b) => b !== quitter && !heldOut(b));
    const control = shoppers.filter((b) => b !== quitter && heldOut(b));
    expect(treated.length).toBeGreaterThan(0);
    expect(control.length).toBeGreaterThan(0);
    expect(rule.sent).toBe(0);
    expect(rule.heldOut).toBeGreaterThanOrEqual(control.length);

    // 09:00 Beijing: the deferred messages go out, in Chinese, with the opt-out hint and a coupon.
    await moveTo('2027-01-21T01:00:00Z');
    for (const b of treated) {
      expect(sms(b)).toHaveLength(1);
      expect(sms(b)[0]).toMatch(/20元无门槛券.*回T退订/);
    }
    for (const b of [quitter!, ...control]) expect(sms(b)).toEqual([]);
    const wallet = await signIn(t, treated[0]!.phone);
    const coupons = await wallet.get('/api/v1/coupons/mine');
    expect(JSON.stringify(coupons.body)).toContain('召回礼');

    // Capped: later runs within 7 days send nothing more.
    await moveTo('2027-01-23T03:00:00Z');
    for (const b of treated) expect(sms(b)).toHaveLength(1);

    // One treated shopper comes back and buys within the window.
    const back = Object.assign(await signIn(t, treated[0]!.phone), { addressId: treated[0]!.addressId });
    await sandboxPaidOrder(t, { buyer: back, merchant: await newMerchant(t) });

    // Once the window is over the report compares the groups; far too few people to conclude anything.
    await moveTo('2027-01-28T03:00:00Z');
    rule = (await ops.get('/api/v1/admin/lifecycle/rules')).body.items.find((r: any) => r.kind === 'churned_recall');
    expect(rule.uplift.treated.conversions).toBe(1);
    expect(rule.uplift.holdout.conversions).toBe(0);
    expect(rule.uplift.treated.n).toBeGreaterThanOrEqual(treated.length);
    expect(rule.uplift.holdout.n).toBeGreaterThanOrEqual(control.length);
    expect(rule.uplift.sufficient).toBe(false);
    expect(rule.lastRunAt).not.toBeNull();

    // After the cap, still-churned shoppers are recalled again; the opted-out one never.
    await moveTo('2027-01-28T03:05:00Z');
    for (const b of treated.slice(1)) expect(sms(b)).toHaveLength(2);
    expect(sms(quitter!)).toEqual([]);
    expect(sms(treated[0]!)).toHaveLength(1);
    expect(t.clock.now().getTime() - new Date('2027-01-21T01:00:00Z').getTime()).toBeGreaterThan(7 * DAY);
  });
});

describe('member day', () => {
  it('is announced to the shop and gives active customers the day’s coupon on the 18th (Beijing time) only', async () => {
    const shop = await newMerchant(t);
    const regular = await newBuyer(t);
    await sandboxPaidOrder(t, { buyer: regular, merchant: shop });
    await sandboxPaidOrder(t, { buyer: regular, merchant: shop });
    const ops = await operator(t);
    expect((await ops.put('/api/v1/admin/lifecycle/rules/active_member_day', { ...RULE, holdoutPct: 0 })).status).toBe(
      200,
    );

    const before = await regular.get('/api/v1/member-day');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ today: false, day: 18, next: '2027-02-18' });
    await moveTo('2027-02-10T03:00:00Z');
    expect(t.sms.marketingFor(regular.phone)).toEqual([]);

    // 00:30 on the 18th in Beijing: member day, but quiet hours; the coupon and message wait until 09:00.
    await moveTo('2027-02-17T16:30:00Z');
    expect((await regular.get('/api/v1/member-day')).body).toMatchObject({ today: true, next: '2027-02-18' });
    expect(t.sms.marketingFor(regular.phone)).toEqual([]);
    await moveTo('2027-02-18T01:00:00Z');
    expect(t.sms.marketingFor(regular.phone)).toHaveLength(1);
    expect(t.sms.marketingFor(regular.phone)[0]).toMatch(/会员日.*满99减15.*回T退订/);
    const coupons = await regular.get('/api/v1/coupons/mine');
    expect(JSON.stringify(coupons.body)).toContain('会员日');
  });
});
