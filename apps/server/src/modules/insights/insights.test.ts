import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { operator } from '../../../test/factories.ts';
import { buyer as newBuyer, merchant as newMerchant } from '../../../test/order-factories.ts';
import { analyticsLoader, appendToInbox, eventRow } from '../analytics/api.ts';
import { funnelReport, realtimeSnapshot, repurchaseReport, retentionReport, rfmReport } from './api.ts';

type BehaviourEvent = Omit<Parameters<typeof eventRow>[0], 'id' | 'ts'>;

let t: TestApp;
let shopA: Awaited<ReturnType<typeof newMerchant>>;
let shopB: Awaited<ReturnType<typeof newMerchant>>;

/** A Beijing wall-clock time. */
const bj = (s: string) => new Date(`${s}+08:00`);
type Ev = BehaviourEvent & { actor: string; at: string };
const rows: Ev[] = [];
const add = (...es: Ev[]) => rows.push(...es);
let orderSeq = 0;
const pay = (actor: string, at: string, amount: number, extra: Partial<BehaviourEvent> = {}): Ev => ({
  type: 'pay',
  actor,
  at,
  amount,
  qty: 1,
  orderId: `ord_known_${orderSeq++}`,
  productId: 'prd_known',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp(); // clock: 2026-11-20 10:00 Beijing
  shopA = await newMerchant(t, '甲店');
  shopB = await newMerchant(t, '乙店');
  const A = { merchantId: shopA.merchantId };

  // Funnel view → add_to_cart → pay on 2026-11-15, 24 h window.
  const t0 = '2026-11-15T10:00:00';
  add(
    { type: 'view', actor: 'u1', at: t0, channel: 'post', platform: 'ios', productId: 'prd_x', ...A },
    { type: 'add_to_cart', actor: 'u1', at: '2026-11-15T11:00:00', ...A },
    pay('u1', '2026-11-15T12:00:00', 1000, A),
    { type: 'view', actor: 'u2', at: t0, platform: 'android', productId: 'prd_y', ...A },
    { type: 'add_to_cart', actor: 'u2', at: '2026-11-15T11:00:00', ...A },
    pay('u2', '2026-11-16T16:00:00', 1000, A), // 30 h after entering: outside the window
    { type: 'view', actor: 'u3', at: t0, platform: 'android', ...A },
    pay('u3', '2026-11-15T11:00:00', 1000, A), // skipped the cart
    { type: 'add_to_cart', actor: 'u4', at: '2026-11-15T09:00:00', ...A }, // cart before view does not count
    { type: 'view', actor: 'u4', at: t0, platform: 'android', ...A },
    pay('u5', '2026-11-10T10:00:00', 2000, A), // u5 bought before: a returning buyer
    { type: 'view', actor: 'u5', at: t0, channel: 'live', platform: 'ios', productId: 'prd_x', ...A },
    { type: 'add_to_cart', actor: 'u5', at: '2026-11-15T10:30:00', ...A },
    pay('u5', '2026-11-15T10:45:00', 1000, A),
  );
  // Retention cohorts by first purchase on 11-01 (r1, r2) and 11-02 (r3).
  add(
    pay('r1', '2026-11-01T12:00:00', 3000, A),
    { type: 'view', actor: 'r1', at: '2026-11-02T09:00:00', ...A },
    pay('r1', '2026-11-08T09:00:00', 3000, A),
    pay('r2', '2026-11-01T20:00:00', 3000, A),
    { type: 'view', actor: 'r2', at: '2026-11-04T09:00:00', ...A },
    pay('r3', '2026-11-02T12:00:00', 3000, A),
  );
  // RFM in a shop of its own (shop B): a recent big spender, a lapsed small one, a new small one, a lapsed big one.
  const B = { merchantId: shopB.merchantId };
  for (let i = 0; i < 3; i++)
    add(pay('a', '2026-11-19T12:00:00', 10_000, B), pay('d', '2026-11-03T12:00:00', 10_000, B));
  add(pay('b', '2026-11-02T12:00:00', 1000, B), pay('c', '2026-11-20T09:00:00', 1000, B));
  // The 大屏: yesterday before and after this time of day.
  add(
    pay('y1', '2026-11-19T09:00:00', 5000, { ...A, channel: 'post' }),
    pay('y2', '2026-11-19T11:00:00', 7000, A),
    { type: 'view', actor: 'v1', at: '2026-11-20T08:00:00', ...A },
    { type: 'view', actor: 'v2', at: '2026-11-20T08:30:00', ...A },
    pay('v1', '2026-11-20T09:00:00', 4200, { ...A, channel: 'live', productId: 'prd_live' }),
    pay('v1', '2026-11-20T09:10:00', 800, { ...A, channel: 'post' }),
  );
  await appendToInbox(
    t.deps.database.db,
    rows.map(({ at, ...e }) => eventRow({ ...e, id: randomUUID(), ts: bj(at) })),
  );
  await analyticsLoader(t.deps).load();
});

const platform = { merchantId: null };
const period = (from: string, to: string) => ({ from: bj(`${from}T00:00:00`), to: bj(`${to}T00:00:00`) });

describe('funnel', () => {
  const steps = [{ type: 'view' }, { type: 'add_to_cart' }, { type: 'pay' }];
  const run = (extra: Partial<Parameters<typeof funnelReport>[2]> = {}) =>
    funnelReport(t.deps, platform, {
      steps,
      ...period('2026-11-15', '2026-11-16'),
      windowHours: 24,
      breakdown: 'none',
      ...extra,
    });

  it('counts people per ordered step within the conversion window', async () => {
    const f = await run();
    expect(f.steps.map((s) => s.count)).toEqual([5, 3, 2]);
    expect(f.steps[1]!.stepConversion).toBeCloseTo(3 / 5);
    expect(f.steps[2]!.stepConversion).toBeCloseTo(2 / 3);
    expect(f.steps[2]!.overallConversion).toBeCloseTo(2 / 5);
    // A window long enough for u2's late payment lets u2 through.
    expect((await run({ windowHours: 48 })).steps.map((s) => s.count)).toEqual([5, 3, 3]);
  });

  it('filters a step by product and breaks down by channel, device and new/returning buyer', async () => {
    const onX = await run({ steps: [{ type: 'view', productId: 'prd_x' }, ...steps.slice(1)] });
    expect(onX.steps.map((s) => s.count)).toEqual([2, 2, 2]);
    const byChannel = await run({ breakdown: 'channel' });
    expect(Object.fromEntries(byChannel.groups.map((g) => [g.key, g.steps.map((s) => s.count)]))).toEqual({
      direct: [3, 1, 0],
      post: [1, 1, 1],
      live: [1, 1, 1],
    });
    const byDevice = await run({ breakdown: 'platform' });
    expect(Object.fromEntries(byDevice.groups.map((g) => [g.key, g.steps.map((s) => s.count)]))).toEqual({
      android: [3, 1, 0],
      ios: [2, 2, 2],
    });
    const bySegment = await run({ breakdown: 'segment' });
    expect(Object.fromEntries(bySegment.groups.map((g) => [g.key, g.steps.map((s) => s.count)]))).toEqual({
      new: [4, 2, 1],
      returning: [1, 1, 1],
    });
  });
});

describe('retention, repurchase and RFM', () => {
  it('follows first-purchase cohorts by day and by week, leaving days still to come empty', async () => {
    const now = t.clock.now();
    const shop = { merchantId: shopA.merchantId };
    const daily = await retentionReport(
      t.deps,
      shop,
      { cohort: 'first_purchase', granularity: 'day', returnOn: 'active', ...period('2026-11-01', '2026-11-03') },
      now,
    );
    expect(daily.offsets).toEqual([1, 3, 7, 14, 30]);
    expect(daily.cohorts.map((c) => [c.cohort, c.size, c.values.map((v) => v.retained)])).toEqual([
      ['2026-11-01', 2, [1, 1, 1, 0, null]],
      ['2026-11-02', 1, [0, 0, 0, 0, null]],
    ]);
    expect(daily.cohorts[0]!.values[0]!.rate).toBeCloseTo(0.5);
    const paying = await retentionReport(
      t.deps,
      shop,
      { cohort: 'first_purchase', granularity: 'day', returnOn: 'pay', ...period('2026-11-01', '2026-11-02') },
      now,
    );
    expect(paying.cohorts[0]!.values.map((v) => v.retained)).toEqual([0, 0, 1, 0, null]);
    const weekly = await retentionReport(
      t.deps,
      shop,
      { cohort: 'first_purchase', granularity: 'week', returnOn: 'active', ...period('2026-11-01', '2026-11-03') },
      now,
    );
    expect(weekly.cohorts.map((c) => [c.cohort, c.size, c.values.slice(0, 4).map((v) => v.retained)])).toEqual([
      ['2026-10-26', 2, [2, 0, 0, null]],
      ['2026-11-02', 1, [0, 0, null, null]],
    ]);
  });

  it('computes the repurchase rate among the period’s buyers', async () => {
    const r = await repurchaseReport(t.deps, { merchantId: shopA.merchantId }, period('2026-11-01', '2026-11-17'));
    // r1 and u5 paid twice; r2, r3, u1, u2, u3 once.
    expect(r).toMatchObject({ buyers: 7, repeatBuyers: 2 });
    expect(r.rate).toBeCloseTo(2 / 7);
    expect(r.byOrders.slice(0, 3)).toEqual([
      { orders: '1', buyers: 5 },
      { orders: '2', buyers: 2 },
      { orders: '3', buyers: 0 },
    ]);
  });

  it('puts each buyer in one of the eight RFM groups against the period’s averages', async () => {
    const r = await rfmReport(t.deps, { merchantId: shopB.merchantId }, period('2026-11-01', '2026-11-21'));
    expect(r.buyers).toBe(4);
    expect(r.averages).toEqual({ recencyDays: 10, orders: 2, amount: 15_500 });
    const n = Object.fromEntries(r.segments.map((s) => [s.code, s.buyers]));
    expect(n).toEqual({ HHH: 1, LHH: 1, HLH: 0, LLH: 0, HHL: 0, LHL: 0, HLL: 1, LLL: 1 });
    expect(r.segments.find((s) => s.code === 'HHH')).toMatchObject({ name: '重要价值客户', amount: 30_000 });
  });
});

describe('the 大屏', () => {
  it('shows today so far against yesterday up to the same time, by channel and product', async () => {
    const s = await realtimeSnapshot(t.deps, { merchantId: shopA.merchantId }, t.clock.now());
    expect(s.today).toEqual({ gmv: 5000, orders: 2, buyers: 1, visitors: 2, conversion: 0.5 });
    expect(s.yesterdaySameTime).toMatchObject({ gmv: 5000, orders: 1 });
    expect(s.byChannel).toEqual([
      { channel: 'live', gmv: 4200, orders: 1 },
      { channel: 'post', gmv: 800, orders: 1 },
    ]);
    expect(s.topProducts.map((p) => [p.productId, p.gmv])).toEqual([
      ['prd_live', 4200],
      ['prd_known', 800],
    ]);
    expect(s.hourly[9]).toEqual({ hour: 9, today: 5000, yesterday: 5000 });
    expect(s.hourly[11]).toEqual({ hour: 11, today: 0, yesterday: 7000 });
    expect(s.liveRoomsNow).toBe(0);
  });

  it('reads the same figures from the recent-days table as from every event, and moves after a load', async () => {
    const shop = { merchantId: shopA.merchantId };
    const fromRecent = await realtimeSnapshot(t.deps, shop, t.clock.now());
    // Without the recent table's record of what it covers, the 大屏 reads the whole events table.
    await t.deps.analytics.run(`DELETE FROM loader_watermarks WHERE stream = 'recent'`);
    expect(await realtimeSnapshot(t.deps, shop, t.clock.now())).toEqual(fromRecent);
    // A visit this morning to another shop: the next load brings the recent table back and the numbers move.
    const C = { merchantId: 'mch_recent_test' };
    const visit = { type: 'view' as const, actor: 'w1', id: randomUUID(), ts: bj('2026-11-20T09:30:00') };
    await appendToInbox(t.deps.database.db, [eventRow({ ...visit, ...C })]);
    await analyticsLoader(t.deps).load();
    expect((await realtimeSnapshot(t.deps, C, t.clock.now())).today).toMatchObject({ visitors: 1, gmv: 0 });
    // … and the next one, appended while the recent table is current, lands in it with its page.
    await appendToInbox(t.deps.database.db, [eventRow({ ...visit, actor: 'w2', id: randomUUID(), ...C })]);
    await analyticsLoader(t.deps).load();
    expect((await realtimeSnapshot(t.deps, C, t.clock.now())).today).toMatchObject({ visitors: 2 });
    expect(await realtimeSnapshot(t.deps, shop, t.clock.now())).toEqual(fromRecent);
  });
});

describe('who sees what', () => {
  it('gives merchants their own shop only, operators everything, and consumers nothing', async () => {
    const body = {
      from: '2026-11-15',
      to: '2026-11-16',
      steps: [{ type: 'view' }, { type: 'pay' }],
      windowHours: 24,
    };
    const a = await shopA.owner.post('/api/v1/merchant/insights/funnel', body);
    expect(a.status).toBe(200);
    expect(a.body.steps.map((s: { count: number }) => s.count)).toEqual([5, 3]);
    // Shop B cannot ask for shop A's numbers: the merchant comes from the caller's membership.
    const b = await shopB.owner.post('/api/v1/merchant/insights/funnel', { ...body, merchantId: shopA.merchantId });
    expect(b.status).toBe(200);
    expect(b.body.steps.map((s: { count: number }) => s.count)).toEqual([0, 0]);
    const bNow = await shopB.owner.get('/api/v1/merchant/insights/realtime');
    expect(bNow.body.today.gmv).toBe(1000);
    expect((await shopA.owner.get('/api/v1/merchant/insights/realtime')).body.today.gmv).toBe(5000);
    // Merchant staff are not operators.
    expect((await shopA.owner.get('/api/v1/platform/insights/realtime')).status).toBe(403);

    const consumer = await newBuyer(t);
    for (const url of ['/api/v1/merchant/insights/realtime', '/api/v1/platform/insights/realtime'])
      expect((await consumer.get(url)).status).toBe(403);
    expect((await new Client(t).get('/api/v1/platform/insights/realtime')).status).toBe(401);

    const op = await operator(t);
    const all = await op.get('/api/v1/platform/insights/repurchase?from=2026-11-01&to=2026-11-20');
    expect(all.body.buyers).toBe(14); // shop A's 10 buyers and shop B's 4
    const one = await op.get(
      `/api/v1/platform/insights/rfm?from=2026-11-01&to=2026-11-20&merchantId=${shopB.merchantId}`,
    );
    expect(one.body.buyers).toBe(4);
  });

  it('refuses bad periods and funnels with a Chinese problem', async () => {
    const op = await operator(t);
    const reversed = await op.get('/api/v1/platform/insights/rfm?from=2026-11-20&to=2026-11-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.title).toBe('开始日期不能晚于结束日期');
    const short = await op.post('/api/v1/platform/insights/funnel', {
      from: '2026-11-01',
      to: '2026-11-02',
      steps: [{ type: 'view' }],
    });
    expect(short.status).toBe(400);
    expect(short.body.title).toMatch(/[\u4e00-\u9fa5]/);
    const signupForShop = await shopA.owner.get(
      '/api/v1/merchant/insights/retention?from=2026-11-01&to=2026-11-02&cohort=signup',
    );
    expect(signupForShop.status).toBe(400);
  });
});
