import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { type Buyer, buyer, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { newId } from '../../platform/ids.ts';

// The merchant's order list and detail say when a paid order may not ship yet (the console's 「待成团」 tag and the
// disabled 发货 button read `shipHold`), and stop saying it once the group fills.

const t = await createTestApp();

async function seat(who: Buyer, path: string, campaignId: string) {
  const q = await who.post(`/api/v1/group-buy/campaigns/${campaignId}/quote`, { addressId: who.addressId });
  const res = await who.post(
    path,
    { addressId: who.addressId, expectedAmount: q.body.amount },
    { idempotencyKey: newId('idem') },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await payThroughSandbox(t, who, res.body.checkoutId);
  await t.drain();
  return res.body as { groupId: string; orderId: string };
}

describe('ship hold in the merchant’s order views', () => {
  it('shows 待成团 with the reason while the group is open, and nothing once it succeeds', async () => {
    const s = await shop(t, { price: 9900 });
    const now = t.clock.now().getTime();
    const campaign = await s.owner.post('/api/v1/merchant/group-buy/campaigns', {
      skuId: s.skuId,
      groupSize: 2,
      groupPrice: 6900,
      durationMinutes: 24 * 60,
      perUserLimit: null,
      newUserSeats: 0,
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 7 * 86_400_000).toISOString(),
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const led = await seat(await buyer(t), `/api/v1/group-buy/campaigns/${campaign.body.id}/groups`, campaign.body.id);

    const hold = { code: 'group_buy', tag: '待成团', reason: '拼团尚未成团，成团后才能发货' };
    const listed = (await s.owner.get('/api/v1/merchant/orders')).body.items.find(
      (o: { id: string }) => o.id === led.orderId,
    );
    expect(listed).toMatchObject({ status: 'paid', shipHold: hold });
    expect((await s.owner.get(`/api/v1/merchant/orders/${led.orderId}`)).body).toMatchObject({
      status: 'paid',
      shipHold: hold,
    });

    await seat(await buyer(t), `/api/v1/group-buy/groups/${led.groupId}/join`, campaign.body.id);
    expect((await s.owner.get(`/api/v1/merchant/orders/${led.orderId}`)).body).toMatchObject({
      status: 'paid',
      shipHold: null,
    });
  });
});
