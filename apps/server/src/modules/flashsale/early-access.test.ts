import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { buyer, type Buyer, paidOrder, shop } from '../../../test/order-factories.ts';
import type { Db } from '../../platform/db.ts';
import { tierOf } from '../membership/api.ts';
import { openedFor, opensFor } from './eligibility.ts';
import type { FlashItemView } from './gate.ts';

// 会员优先购: on a limited-edition slot 金卡 buy 30 minutes and 黑钻 60 minutes before the public start.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const at = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);
let ip = 0;
const purchase = (b: Buyer, itemId: string) =>
  b.request(
    'POST',
    `/api/v1/flash-sales/items/${itemId}/purchase`,
    {},
    { 'idempotency-key': crypto.randomUUID(), 'x-forwarded-for': `10.6.0.${++ip}` },
  );

/** A buyer whose paid orders (growth value, 1 per yuan) put them in a tier. */
async function member(paidYuan: number, tier: string): Promise<Buyer> {
  const who = await buyer(t);
  await paidOrder(t, { who, price: paidYuan * 100 });
  expect(await tierOf(t.deps.database.db, who.userId)).toBe(tier);
  return who;
}

async function slot(startsAt: Date, memberEarlyAccess?: boolean) {
  const s = await shop(t, { price: 59_900, stock: 20 });
  const res = await s.owner.post('/api/v1/merchant/flash-sales', {
    title: memberEarlyAccess ? '限量联名款首发' : '普通秒杀',
    startsAt: startsAt.toISOString(),
    endsAt: at(startsAt, 60).toISOString(),
    ...(memberEarlyAccess === undefined ? {} : { memberEarlyAccess }),
    items: [{ skuId: s.skuId, flashPrice: 39_900, quantity: 3, perUserLimit: 1 }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return {
    owner: s.owner,
    saleId: res.body.saleId as string,
    itemId: res.body.items[0].itemId as string,
    slot: res.body,
  };
}

describe('member early access (会员优先购)', () => {
  it('lets 黑钻 buy 50 minutes and 金卡 20 minutes before the start, from the same pool; 普通 waits', async () => {
    const [diamond, gold, regular] = [await member(10_000, 'diamond'), await member(2_000, 'gold'), await buyer(t)];
    const startsAt = at(t.clock.now(), 90);
    const limited = await slot(startsAt, true);
    const plain = await slot(startsAt);
    expect(limited.slot).toMatchObject({ memberEarlyAccess: true, items: [{ memberEarlyAccess: true }] });
    expect(plain.slot.memberEarlyAccess).toBe(false);

    t.clock.advanceMinutes(40); // 50 minutes before the start
    expect((await purchase(diamond, limited.itemId)).status).toBe(201);
    expect((await purchase(gold, limited.itemId)).body).toMatchObject({
      type: 'flash-not-started',
      detail: `${at(startsAt, -30).toISOString()} 开抢`,
    });
    expect((await purchase(diamond, plain.itemId)).body.type).toBe('flash-not-started');

    t.clock.advanceMinutes(30); // 20 minutes before the start
    expect((await purchase(gold, limited.itemId)).status).toBe(201);
    expect((await purchase(regular, limited.itemId)).body).toMatchObject({
      type: 'flash-not-started',
      title: '秒杀尚未开始',
    });
    // Early buyers are held to the same per-buyer limit and drew from the same flash quantity.
    expect((await purchase(diamond, limited.itemId)).body.type).toBe('flash-limit-reached');
    for (const who of [diamond, gold]) expect((await purchase(who, plain.itemId)).body.type).toBe('flash-not-started');

    const seenByGold = (await gold.get(`/api/v1/flash-sales/items/${limited.itemId}`)).body;
    expect(seenByGold).toMatchObject({
      sold: 2,
      remaining: 1,
      myQty: 1,
      state: 'live',
      myStartsAt: at(startsAt, -30).toISOString(),
    });
    const seenByRegular = (await regular.get(`/api/v1/flash-sales/items/${limited.itemId}`)).body;
    expect(seenByRegular).toMatchObject({ state: 'upcoming', myStartsAt: startsAt.toISOString(), remaining: 1 });
    const channel = (await diamond.get('/api/v1/flash-sales')).body.slots;
    const listed = channel.find((s: { saleId: string }) => s.saleId === limited.saleId);
    expect(listed.items[0]).toMatchObject({ myStartsAt: at(startsAt, -60).toISOString(), state: 'live' });

    t.clock.advanceMinutes(20); // the public start: the last unit is anyone's
    expect((await purchase(regular, limited.itemId)).status).toBe(201);
    expect((await purchase(await buyer(t), limited.itemId)).body.type).toBe('flash-sold-out');
  });

  it('refuses everyone before the start of a slot without member early access, 黑钻 included', async () => {
    const diamond = await member(10_000, 'diamond');
    const startsAt = at(t.clock.now(), 30);
    const plain = await slot(startsAt, false);
    expect((await purchase(diamond, plain.itemId)).body).toMatchObject({
      type: 'flash-not-started',
      detail: `${startsAt.toISOString()} 开抢`,
    });
    expect((await diamond.get(`/api/v1/flash-sales/items/${plain.itemId}`)).body).toMatchObject({
      memberEarlyAccess: false,
      myStartsAt: startsAt.toISOString(),
      state: 'upcoming',
    });
  });
});

describe('the per-process gate', () => {
  // A database that fails on any use: these answers must come from memory.
  const noDb = new Proxy(
    {},
    {
      get: () => {
        throw new Error('queried the database');
      },
    },
  ) as Db;
  const view = (memberEarlyAccess: boolean, startsAt: Date) => ({ startsAt, memberEarlyAccess }) as FlashItemView;
  const start = new Date('2026-12-12T12:00:00Z');

  it('answers not-started without a query, except inside a limited edition’s early window', async () => {
    expect(await opensFor(noDb, view(false, start), 'usr_x', at(start, -10))).toEqual(start);
    expect(await opensFor(noDb, view(true, start), 'usr_x', at(start, -61))).toEqual(start);
    expect(await openedFor(noDb, view(true, start), ['usr_x'], at(start, -61))).toEqual(new Set());
    expect(await openedFor(noDb, view(false, start), ['usr_x'], at(start, -1))).toEqual(new Set());
    expect(await openedFor(noDb, view(true, start), ['usr_x'], start)).toEqual(new Set(['usr_x']));
  });
});
