import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { LIVE, liveSession, liveShop, team } from '../../../test/live-factories.ts';
import { buyer, placeOrder } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { liveCounters } from './counters.ts';
import { liveFanout } from './fanout.ts';
import { sessionTotals } from './totals.ts';
import { liveMetricMinutes } from './schema.ts';

const t = await createTestApp();

/** A viewer in the room: a real socket (so the visit counts) that waits for its ready snapshot. */
async function watch(sessionId: string, token: string) {
  const ws = await t.app.injectWS(`/api/v1/live/sessions/${sessionId}/socket`, {
    socket: { remoteAddress: '127.0.0.1' },
    headers: { authorization: `Bearer ${token}` },
  } as never);
  await new Promise((resolve) => ws.once('message', resolve));
  return ws;
}

describe('live GMV and the dashboard', () => {
  it('an order bought from the room and paid raises the session GMV, conversion and the per-minute series', async () => {
    const shop = await liveShop(t);
    const { id } = await liveSession(t, shop);
    const [analyst] = await team(t, shop, id, ['analyst']);
    const [p1] = shop.products;
    const me = await buyer(t);
    const lurker = await buyer(t);
    const sockets = [await watch(id, me.token!), await watch(id, lurker.token!)];

    // The buy sheet opens (a click and the attribution touch), then the normal checkout and payment.
    expect((await me.post(`/api/v1/live/sessions/${id}/product-clicks`, { productId: p1!.productId })).body).toEqual({
      recorded: true,
    });
    const notInBag = await me.post(`/api/v1/live/sessions/${id}/product-clicks`, { productId: 'prd_missing' });
    expect(notInBag.body.type).toBe('product-not-in-session');
    const checkout = await placeOrder(t, me, [{ skuId: p1!.skuIds[0]!, qty: 2 }]);
    await t.drain();
    expect((await sessionTotals(t.deps.database.db, id)).gmv).toBe(0);
    await payThroughSandbox(t, me, checkout.checkoutId);
    await liveCounters(t.deps).flush();

    const dash = await analyst!.get(`${LIVE}/sessions/${id}/dashboard`);
    expect(dash.status).toBe(200);
    expect(dash.body).toMatchObject({
      gmv: 19_800,
      orders: 1,
      payingBuyers: 1,
      uniqueViewers: 2,
      conversionRate: 0.5,
      productClicks: 1,
    });
    const minute = dash.body.series.find((m: { gmv: number }) => m.gmv > 0);
    expect(minute).toMatchObject({ gmv: 19_800, orders: 1 });
    expect((await me.get(`/api/v1/live/sessions/${id}`)).body.gmv).toBe(19_800);
    // The console's list carries each session's GMV and peak viewers (two sockets are watching).
    const mine = await shop.owner.get(`${LIVE}/sessions`);
    expect(mine.body.items.find((s: { id: string }) => s.id === id)).toMatchObject({
      gmv: 19_800,
      peakViewers: 2,
      role: 'owner',
    });

    // Paying twice is impossible, but the event may be redelivered: the figure moves once.
    await t.drain();
    expect((await sessionTotals(t.deps.database.db, id)).gmv).toBe(19_800);

    sockets.forEach((s) => s.terminate());
    await shop.owner.post(`${LIVE}/sessions/${id}/end`);
    const report = await shop.owner.get(`${LIVE}/sessions/${id}/report`);
    expect(report.body).toMatchObject({ gmv: 19_800, orders: 1, payingBuyers: 1 });
    expect(report.body.products[0]).toMatchObject({ productId: p1!.productId, clicks: 1, units: 2, gmv: 19_800 });
    expect(report.body.products[1]).toMatchObject({ clicks: 0, units: 0, gmv: 0 });
    expect(report.body.averageDwellSeconds).toBeGreaterThanOrEqual(0);
  });

  it('a refund that closes the order takes it out of the GMV; an order not from the room never counts', async () => {
    const shop = await liveShop(t);
    const { id } = await liveSession(t, shop);
    const [p1, p2] = shop.products;
    const me = await buyer(t);
    await me.post(`/api/v1/live/sessions/${id}/product-clicks`, { productId: p1!.productId });
    const fromRoom = await placeOrder(t, me, [{ skuId: p1!.skuIds[0]!, qty: 1 }]);
    await payThroughSandbox(t, me, fromRoom.checkoutId);
    // p2 was never opened in the room: its order is the shop's, not the session's.
    const direct = await placeOrder(t, me, [{ skuId: p2!.skuIds[0]!, qty: 1 }]);
    await payThroughSandbox(t, me, direct.checkoutId);
    expect((await sessionTotals(t.deps.database.db, id)).gmv).toBe(9_900);

    const order = fromRoom.orders[0]!;
    const asked = await me.post('/api/v1/after-sales', {
      orderId: order.id,
      lineId: order.lines[0]!.id,
      qty: 1,
      type: 'refund_only',
      reasonCode: 'no_reason',
      description: '不想要了',
      images: [],
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await shop.owner.post(`/api/v1/merchant/after-sales/${asked.body.id}/approve`)).status).toBe(200);
    await t.runJobs();
    expect((await me.get(`/api/v1/orders/${order.id}`)).body.status).toBe('closed');
    expect(await sessionTotals(t.deps.database.db, id)).toMatchObject({ gmv: 0, orders: 0 });
    const dash = await shop.owner.get(`${LIVE}/sessions/${id}/dashboard`);
    expect(dash.body.series.reduce((a: number, m: { gmv: number }) => a + m.gmv, 0)).toBe(0);
  });

  it('every minute of a live session records its viewers, even when nobody joins or leaves', async () => {
    const shop = await liveShop(t);
    const { id } = await liveSession(t, shop);
    const me = await buyer(t);
    const ws = await watch(id, me.token!);
    liveFanout(t.deps).reportPresence();
    const counters = liveCounters(t.deps);
    await counters.flush();
    t.clock.advanceMinutes(1);
    await counters.flush();
    t.clock.advanceMinutes(1);
    await counters.flush();
    const rows = await t.deps.database.db
      .select()
      .from(liveMetricMinutes)
      .where(eq(liveMetricMinutes.sessionId, id))
      .orderBy(asc(liveMetricMinutes.minute));
    expect(rows.map((r) => r.viewers)).toEqual([1, 1, 1]);
    ws.terminate();
  });
});
