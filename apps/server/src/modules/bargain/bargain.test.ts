import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { type Buyer, buyer, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { newId } from '../../platform/ids.ts';
import { bargainSteps } from './steps.ts';

const t = await createTestApp();
let ipSeq = 0;
/** Each helper on their own network and device unless a test says otherwise. */
const fromOwnDevice = (who: Buyer) =>
  who.withHeaders({ 'x-forwarded-for': `10.9.0.${++ipSeq}`, 'x-device-id': `dev-${ipSeq}` });

async function bargainCampaign(opts: { helpsNeeded?: number; floorPrice?: number; durationMinutes?: number } = {}) {
  const s = await shop(t, { price: 9900 });
  const now = t.clock.now().getTime();
  const res = await s.owner.post('/api/v1/merchant/bargain/campaigns', {
    skuId: s.skuId,
    floorPrice: opts.floorPrice ?? 100,
    helpsNeeded: opts.helpsNeeded ?? 3,
    durationMinutes: opts.durationMinutes ?? 24 * 60,
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 7 * 86_400_000).toISOString(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { s, campaignId: res.body.id as string };
}

describe('bargain', () => {
  it('friends help once each down the seeded schedule; the floor is reached on the last help; the user buys at it', async () => {
    const { s, campaignId } = await bargainCampaign({ helpsNeeded: 3, floorPrice: 100 });
    const me = await buyer(t);
    const started = await me.post(`/api/v1/bargain/campaigns/${campaignId}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const b = started.body;
    expect(b).toMatchObject({ startPrice: 9900, currentPrice: 9900, helpsCount: 0, status: 'active' });
    expect((await me.post(`/api/v1/bargain/campaigns/${campaignId}/start`)).body.type).toBe('already-started');
    expect((await fromOwnDevice(me).post(`/api/v1/bargains/${b.id}/help`)).body.type).toBe('own-bargain');

    const steps = bargainSteps(b.seed, 9900 - 100, 3);
    const friends = [await buyer(t), await buyer(t), await buyer(t), await buyer(t)];
    let price = 9900;
    for (const [i, f] of friends.slice(0, 3).entries()) {
      const helped = await fromOwnDevice(f).post(`/api/v1/bargains/${b.id}/help`);
      expect(helped.status, JSON.stringify(helped.body)).toBe(200);
      price -= steps[i]!;
      expect(helped.body).toMatchObject({ currentPrice: price, helpsCount: i + 1, iHelped: true });
    }
    expect(price).toBe(100);
    expect((await fromOwnDevice(friends[0]!).post(`/api/v1/bargains/${b.id}/help`)).body.type).toBe('bargain-complete');
    expect((await fromOwnDevice(friends[3]!).post(`/api/v1/bargains/${b.id}/help`)).body.type).toBe('bargain-complete');

    const quote = await me.post(`/api/v1/bargains/${b.id}/quote`, { addressId: me.addressId });
    expect(quote.body.merchants[0].lines[0].unitPrice).toBe(100);
    const ordered = await me.post(
      `/api/v1/bargains/${b.id}/order`,
      { addressId: me.addressId, expectedAmount: quote.body.amount },
      { idempotencyKey: newId('idem') },
    );
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
    await payThroughSandbox(t, me, ordered.body.checkoutId);
    const after = (await me.get(`/api/v1/bargains/${b.id}`)).body;
    expect(after).toMatchObject({ status: 'purchased', orderId: ordered.body.orderId });
    const order = (await me.get(`/api/v1/orders/${ordered.body.orderId}`)).body;
    expect(order).toMatchObject({ campaignKind: 'bargain', status: 'paid' });
    expect(order.lines[0].unitPrice).toBe(100);
    expect((await s.owner.get('/api/v1/merchant/bargain/campaigns')).body.items[0].bargains).toMatchObject({
      purchased: 1,
    });
  });

  it('one help per account per campaign, and a few per device or network per day', async () => {
    const { campaignId } = await bargainCampaign({ helpsNeeded: 10 });
    const [a, b] = [await buyer(t), await buyer(t)];
    const ba = (await a.post(`/api/v1/bargain/campaigns/${campaignId}/start`)).body;
    const bb = (await b.post(`/api/v1/bargain/campaigns/${campaignId}/start`)).body;
    const helper = fromOwnDevice(await buyer(t));
    expect((await helper.post(`/api/v1/bargains/${ba.id}/help`)).status).toBe(200);
    const twice = await helper.post(`/api/v1/bargains/${bb.id}/help`);
    expect(twice.status).toBe(409);
    expect(twice.body.type).toBe('already-helped');

    // One phone, many accounts: the fourth help from the same device is refused, whatever the account.
    const device = { 'x-device-id': 'shared-phone', 'x-forwarded-for': '10.8.0.1' };
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(await (await buyer(t)).withHeaders(device).post(`/api/v1/bargains/${ba.id}/help`));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 409]);
    expect(results[3]!.body.type).toBe('device-limit');
  });

  it('is lost when the deadline passes without an order', async () => {
    const { campaignId } = await bargainCampaign({ durationMinutes: 60 });
    const me = await buyer(t);
    const b = (await me.post(`/api/v1/bargain/campaigns/${campaignId}/start`)).body;
    t.clock.advanceMinutes(61);
    await t.runJobs();
    expect((await me.get(`/api/v1/bargains/${b.id}`)).body.status).toBe('expired');
    const late = await me.post(`/api/v1/bargains/${b.id}/order`, { addressId: me.addressId, expectedAmount: 1 });
    expect(late.body.type).toBe('bargain-not-active');
    expect((await fromOwnDevice(await buyer(t)).post(`/api/v1/bargains/${b.id}/help`)).body.type).toBe(
      'bargain-not-active',
    );
  });
});
