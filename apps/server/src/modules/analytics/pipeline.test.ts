import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { sandboxPaidOrder } from '../../../test/flows.ts';
import { analyticsLoader, pseudonym, queryEvents } from './api.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const device = 'dev_pipeline_0001';
const batch = (events: Record<string, unknown>[]) => ({ deviceId: device, sessionId: 'ses_pipeline_01', events });
const view = (productId: string, ts = t.clock.now()) => ({
  id: randomUUID(),
  type: 'view',
  ts: ts.toISOString(),
  page: 'product',
  productId,
});
const countOf = async (type: string) =>
  (await queryEvents<{ n: number }>(t.deps, `SELECT count(*) AS n FROM events WHERE type = $type`, { type }))[0]!.n;

describe('behaviour events from the shop', () => {
  it('are counted once however often the same batch is sent, and reach the engine when the loader runs', async () => {
    const anon = new Client(t);
    const events = [view('prd_a'), view('prd_b'), view('prd_c')];
    const first = await anon.post('/api/v1/events', batch(events));
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ received: 3, dropped: 0 });
    const replay = await anon.post('/api/v1/events', batch(events));
    expect(replay.body).toEqual({ received: 0, dropped: 0 });
    await analyticsLoader(t.deps).load();
    expect(await countOf('view')).toBe(3);
    await analyticsLoader(t.deps).load();
    expect(await countOf('view')).toBe(3);
    const [row] = await queryEvents<{ actor: string; platform: string }>(
      t.deps,
      `SELECT actor, platform FROM events WHERE type = 'view' LIMIT 1`,
    );
    expect(row).toEqual({ actor: `d:${device}`, platform: 'other' });
  });

  it('accepts a beacon (text/plain), refuses malformed batches with a problem, and drops bots and stale events', async () => {
    const beacon = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0)' },
      payload: JSON.stringify(batch([view('prd_beacon')])),
    });
    expect(beacon.statusCode).toBe(202);

    const bad = await new Client(t).post('/api/v1/events', batch([{ ...view('p'), type: 'teleport' }]));
    expect(bad.status).toBe(400);
    expect(bad.body.title).toMatch(/[\u4e00-\u9fa5]/);

    const bot = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { 'content-type': 'application/json', 'user-agent': 'Googlebot/2.1' },
      payload: batch([view('prd_bot')]),
    });
    expect(bot.json()).toEqual({ received: 0, dropped: 1 });

    const stale = await new Client(t).post(
      '/api/v1/events',
      batch([view('prd_old', new Date(t.clock.now().getTime() - 4 * 86_400_000))]),
    );
    expect(stale.body).toEqual({ received: 0, dropped: 1 });

    await analyticsLoader(t.deps).load();
    const rows = await queryEvents<{ product_id: string; platform: string }>(
      t.deps,
      `SELECT product_id, platform FROM events WHERE product_id IN ('prd_beacon', 'prd_bot', 'prd_old')`,
    );
    expect(rows).toEqual([{ product_id: 'prd_beacon', platform: 'ios' }]);
  });
});

describe('behaviour derived from domain events', () => {
  it('writes one order and one pay row per line with the channel, province and amount, and no user id', async () => {
    const o = await sandboxPaidOrder(t);
    await t.drain();
    await analyticsLoader(t.deps).load();
    const rows = await queryEvents<Record<string, unknown>>(
      t.deps,
      `SELECT type, actor, user_pid, channel, province, pay_method, amount, qty, product_id, merchant_id
         FROM events WHERE order_id = $order ORDER BY type`,
      { order: o.orderId },
    );
    const pid = pseudonym(t.deps.config.ANALYTICS_PSEUDONYM_SECRET, o.buyer.userId);
    expect(rows.map((r) => r.type)).toEqual(['order', 'pay']);
    expect(rows[1]).toMatchObject({
      actor: pid,
      user_pid: pid,
      channel: 'direct',
      province: '浙江省',
      pay_method: 'sandbox',
      qty: 1,
      product_id: o.productId,
      merchant_id: o.merchantId,
    });
    expect(rows[1]!.amount).toBeGreaterThan(0);
    const everything = JSON.stringify(await queryEvents(t.deps, `SELECT * FROM events`));
    expect(everything).not.toContain(o.buyer.userId);
    expect(everything).not.toContain(o.buyer.phone);
    // The buyer signed up in this test: that is an event too.
    const signups = await queryEvents(t.deps, `SELECT 1 FROM events WHERE type = 'signup' AND actor = $pid`, {
      pid,
    });
    expect(signups).toHaveLength(1);
  });
});
