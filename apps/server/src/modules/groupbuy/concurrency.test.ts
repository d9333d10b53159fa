import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { newId } from '../../platform/ids.ts';

// Meant for real PostgreSQL (TEST_DATABASE_URL): the joins below are truly parallel requests on a connection pool.
const t = await createTestApp();

describe('the last seat of a group', () => {
  it('goes to exactly one of many buyers joining at once; the others get group-full and no order', async () => {
    const s = await shop(t, { price: 9900, stock: 50 });
    const now = t.clock.now().getTime();
    const c = (
      await s.owner.post('/api/v1/merchant/group-buy/campaigns', {
        skuId: s.skuId,
        groupSize: 3,
        groupPrice: 5900,
        durationMinutes: 60,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 86_400_000).toISOString(),
      })
    ).body;
    const leader = await buyer(t);
    const q = await leader.post(`/api/v1/group-buy/campaigns/${c.id}/quote`, { addressId: leader.addressId });
    const led = (
      await leader.post(
        `/api/v1/group-buy/campaigns/${c.id}/groups`,
        { addressId: leader.addressId, expectedAmount: q.body.amount },
        { idempotencyKey: newId('idem') },
      )
    ).body;
    await payThroughSandbox(t, leader, led.checkoutId);
    const first = await buyer(t);
    expect(
      (
        await first.post(`/api/v1/group-buy/groups/${led.groupId}/join`, {
          addressId: first.addressId,
          expectedAmount: q.body.amount,
        })
      ).status,
    ).toBe(201);

    const racers = await Promise.all(Array.from({ length: 12 }, () => buyer(t)));
    const results = await Promise.all(
      racers.map((r) =>
        r.post(
          `/api/v1/group-buy/groups/${led.groupId}/join`,
          { addressId: r.addressId, expectedAmount: q.body.amount },
          { idempotencyKey: newId('idem') },
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(11);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.type).toBe('group-full');
      expect(r.body.title).toContain('名额已满');
    }
    const group = (await leader.get(`/api/v1/group-buy/groups/${led.groupId}`)).body.group;
    expect(group).toMatchObject({ seatsTaken: 3, seatsLeft: 0 });
    expect(group.members).toHaveLength(3);
    // The losers were not charged anything: they hold no orders.
    const losers = racers.filter((_, i) => results[i]!.status === 409);
    for (const l of losers.slice(0, 3)) expect((await l.get('/api/v1/orders')).body.items).toEqual([]);
    // Stock: the leader's, the first friend's and the winner's unit only.
    expect((await leader.get(`/api/v1/products/${s.productId}`)).body.skus[0].stock).toBe(47);
  });
});
