import { beforeAll, describe, expect, it } from 'vitest';
import { product } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { type LiveRoom, liveRoom, STAFF, withRole } from '../../../test/live-interaction-factories.ts';
import { type Buyer, buyer, payCheckout } from '../../../test/order-factories.ts';
import { newId } from '../../platform/ids.ts';
import { roomChannel } from './channel.ts';
import type { LiveFlashDto } from './flash.ts';
import { sessionTotals } from './totals.ts';

let t: TestApp;
let room: LiveRoom;
beforeAll(async () => {
  t = await createTestApp();
  room = await liveRoom(t, { stock: 100 });
});

const start = (over: Record<string, unknown> = {}, key = newId('idem')) =>
  room.host.post(
    `${STAFF}/sessions/${room.sessionId}/flash`,
    {
      skuId: room.skuId,
      flashPrice: 5900,
      quantity: 5,
      perUserLimit: 2,
      countdownSeconds: 10,
      durationSeconds: 300,
      ...over,
    },
    { idempotencyKey: key },
  );

const tap = (who: Buyer, itemId: string) =>
  who.post(`/api/v1/flash-sales/items/${itemId}/purchase`, { qty: 1 }, { idempotencyKey: newId('idem') });

describe('live flash sale', () => {
  it('is the host’s to start, for a product of the session only, and changes nothing when refused', async () => {
    const controller = await withRole(t, room, 'controller');
    const byController = await controller.post(`${STAFF}/sessions/${room.sessionId}/flash`, {
      skuId: room.skuId,
      flashPrice: 5900,
      quantity: 5,
      perUserLimit: 1,
      countdownSeconds: 0,
      durationSeconds: 60,
    });
    expect(byController.status).toBe(403);
    const other = await product(t, room.host, room.merchantId, { title: '不在直播间的商品' });
    const outside = await start({ skuId: other.skuIds[0] });
    expect(outside.status).toBe(422);
    expect(outside.body.type).toBe('flash-product-not-in-session');
    const pricey = await start({ flashPrice: 9900 });
    expect(pricey.status).toBe(422);
    expect(pricey.body.type).toBe('flash-invalid-item');
    expect((await start({ countdownSeconds: 301 })).status).toBe(400);
    const flashChannel = await room.host.get('/api/v1/flash-sales');
    expect(flashChannel.body.slots).toEqual([]);
  });

  it('sells exactly its quantity to concurrent buyers, within the per-user limit, and attributes the order to the room', async () => {
    const announced = new Promise<LiveFlashDto>((resolve) => {
      const off = t.deps.realtime.subscribe(roomChannel(room.sessionId), (message) => {
        const event = message as { type: string; flash?: LiveFlashDto };
        if (event.type === 'flash' && event.flash) {
          off();
          resolve(event.flash);
        }
      });
    });
    const key = newId('idem');
    const started = await start({}, key);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const flash = started.body as LiveFlashDto;
    expect(flash).toMatchObject({
      productId: room.productId,
      flashPrice: 5900,
      regularPrice: 9900,
      quantity: 5,
      remaining: 5,
      perUserLimit: 2,
      state: 'upcoming',
    });
    expect(new Date(flash.startsAt).getTime() - t.clock.now().getTime()).toBe(10_000);
    expect((await announced).itemId).toBe(flash.itemId);
    const retried = await start({}, key); // the same Idempotency-Key: the same flash sale, not a second one
    expect(retried.body.itemId).toBe(flash.itemId);

    const buyers = await Promise.all(Array.from({ length: 6 }, () => buyer(t)));
    const [fan] = buyers;
    // The fan opens the buy sheet in the room: a live touch on the product.
    const clicked = await fan!.post(`/api/v1/live/sessions/${room.sessionId}/product-clicks`, {
      productId: room.productId,
    });
    expect(clicked.status, JSON.stringify(clicked.body)).toBeLessThan(300);

    expect((await tap(fan!, flash.itemId)).body.type).toBe('flash-not-started');
    t.clock.advance(10_000);

    // After purchases the room sees the units left (throttled per item; the last change always published).
    const soldOutShown = new Promise<LiveFlashDto>((resolve) => {
      const off = t.deps.realtime.subscribe(roomChannel(room.sessionId), (message) => {
        const event = message as { type: string; flash?: LiveFlashDto };
        if (event.type === 'flash' && event.flash?.itemId === flash.itemId && event.flash.remaining === 0) {
          off();
          resolve(event.flash);
        }
      });
    });
    const won: { who: Buyer; orderId: string; checkoutId: string }[] = [];
    const first = await tap(fan!, flash.itemId);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    won.push({ who: fan!, orderId: first.body.orderId, checkoutId: first.body.checkoutId });
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(buyers.map((who) => tap(who, flash.itemId).then((res) => ({ who, res }))));
      for (const { who, res } of results) {
        if (res.status === 201) won.push({ who, orderId: res.body.orderId, checkoutId: res.body.checkoutId });
        else expect(['flash-sold-out', 'flash-limit-reached']).toContain(res.body.type);
      }
    }
    expect(won).toHaveLength(5);
    for (const who of buyers) expect(won.filter((w) => w.who === who).length).toBeLessThanOrEqual(2);

    const item = await fan!.get(`/api/v1/flash-sales/items/${flash.itemId}`);
    expect(item.body).toMatchObject({ sold: 5, remaining: 0, state: 'sold_out' });

    await t.drain(); // order.created → attribution → order.attributed → the live module's order record
    expect(await soldOutShown).toMatchObject({ remaining: 0, state: 'sold_out', quantity: 5 });
    const before = await sessionTotals(t.deps.database.db, room.sessionId);
    for (const w of won) await payCheckout(t, w.checkoutId);
    const after = await sessionTotals(t.deps.database.db, room.sessionId);
    // Only the fan touched the product in the room: only the fan's orders count for the session.
    const fanUnits = won.filter((w) => w.who === fan).length;
    expect(after.orders - before.orders).toBe(fanUnits);
    expect(after.gmv - before.gmv).toBe(fanUnits * 5900);
  });
});
