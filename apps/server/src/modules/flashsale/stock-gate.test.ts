import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { buyer, type Buyer, shop, signIn } from '../../../test/order-factories.ts';

// The same purchases as flashsale.test.ts, with the Redis pre-gate in front (REDIS_URL set): Redis may only refuse
// early, so the database's counts must come out exactly as without it.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
});

const minutes = (n: number) => new Date(t.clock.now().getTime() + n * 60_000).toISOString();
let ip = 0;
const crowd = async (n: number) =>
  Promise.all(
    Array.from({ length: n }, async () =>
      Object.assign(await buyer(t), { ip: `10.7.${Math.floor(++ip / 250)}.${ip % 250}` }),
    ),
  );
const purchase = (b: Buyer & { ip?: string }, itemId: string, key: string = crypto.randomUUID()) =>
  b.request(
    'POST',
    `/api/v1/flash-sales/items/${itemId}/purchase`,
    {},
    {
      'idempotency-key': key,
      ...(b.ip ? { 'x-forwarded-for': b.ip } : {}),
    },
  );

async function slot(quantity: number) {
  const s = await shop(t, { price: 19_900, stock: 100 });
  const res = await s.owner.post('/api/v1/merchant/flash-sales', {
    title: '双十二零点秒杀',
    startsAt: minutes(1),
    endsAt: minutes(61),
    items: [{ skuId: s.skuId, flashPrice: 9_900, quantity, perUserLimit: 1 }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...s, itemId: res.body.items[0].itemId as string };
}

describe('flash sale with the Redis stock pre-gate', () => {
  it('sells exactly the quantity to a crowd, and a winner retrying after the sell-out gets the same purchase', async () => {
    const s = await slot(4);
    const people = await crowd(15);
    t.clock.advanceMinutes(2);
    const keys = people.map(() => crypto.randomUUID());
    const results = await Promise.all(people.map((b, i) => purchase(b, s.itemId, keys[i])));
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(4);
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.type === 'flash-sold-out')).toBe(true);
    const i = results.indexOf(won[0]!);
    expect((await purchase(people[i]!, s.itemId, keys[i])).body.orderId).toBe(won[0]!.body.orderId);
    expect((await people[0]!.get(`/api/v1/flash-sales/items/${s.itemId}`)).body).toMatchObject({ sold: 4 });
  });

  it('gives the unit back when the database refuses for another reason, so the last unit still sells', async () => {
    const s = await slot(1);
    t.clock.advanceMinutes(2);
    const nobody = await signIn(t);
    const refused = await nobody.request(
      'POST',
      `/api/v1/flash-sales/items/${s.itemId}/purchase`,
      {},
      { 'idempotency-key': 'k', 'x-forwarded-for': '10.6.0.1' },
    );
    expect(refused.body.type).toBe('address-required');
    const [b] = await crowd(1);
    expect((await purchase(b!, s.itemId)).status).toBe(201);
  });

  it('sells a unit again once its unpaid reservation expires', async () => {
    const s = await slot(1);
    const [slow, next] = await crowd(2);
    t.clock.advanceMinutes(2);
    const won = await purchase(slow!, s.itemId);
    expect(won.status).toBe(201);
    expect((await purchase(next!, s.itemId)).body.type).toBe('flash-sold-out');
    t.clock.advanceMinutes(6);
    await t.runJobs();
    expect((await slow!.get(`/api/v1/orders/${won.body.orderId}`)).body.status).toBe('cancelled');
    expect((await purchase(next!, s.itemId)).status).toBe(201);
  });
});
