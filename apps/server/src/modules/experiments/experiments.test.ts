import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { merchantWithOwner, operator, product } from '../../../test/factories.ts';
import { buyer as newBuyer } from '../../../test/order-factories.ts';
import { sandboxPaidOrder } from '../../../test/flows.ts';
import { analyticsLoader, appendToInbox, eventRow } from '../analytics/api.ts';
import { summaryOf, twoProportionTest, welchTTest } from './stats.ts';

let t: TestApp;
let ops: Client;
beforeAll(async () => {
  t = await createTestApp();
  ops = await operator(t);
});
afterAll(() => t.close());

let keySeq = 0;
const draft = (over: Record<string, unknown> = {}) => ({
  key: `exp-test-${keySeq++}`,
  name: '首页布局',
  hypothesis: '大卡片让商品图更醒目，提高转化',
  layer: `layer-${keySeq}`,
  variants: [
    { key: 'grid', name: '双列网格', weight: 50 },
    { key: 'large', name: '大卡片', weight: 50 },
  ],
  trafficPercent: 100,
  primaryMetric: 'conversion',
  guardrails: ['refund_rate', 'pay_success', 'average_order_value'],
  baselineRate: 0.05,
  minimumDetectableEffect: 0.1,
  ...over,
});

async function running(over: Record<string, unknown> = {}) {
  const created = await ops.post('/api/v1/admin/experiments', draft(over));
  expect(created.status).toBe(201);
  const started = await ops.post(`/api/v1/admin/experiments/${created.body.id}/start`);
  expect(started.status).toBe(200);
  return started.body as { id: string; key: string; layer: string };
}

const device = (i: number) => `dev_exp_${String(i).padStart(6, '0')}`;
const assignmentsOf = async (deviceId: string, as: Client = new Client(t)) =>
  (await as.get(`/api/v1/experiments/assignments?deviceId=${deviceId}`)).body as {
    unit: string;
    items: { experiment: string; variant: string }[];
  };
const exposure = (experiment: string, variant: string) => ({
  id: randomUUID(),
  type: 'exposure',
  ts: t.clock.now().toISOString(),
  experiment,
  variant,
});
const sendExposures = (as: Client, deviceId: string, events: Record<string, unknown>[]) =>
  as.post('/api/v1/events', { deviceId, sessionId: `ses_${deviceId}`, events });

describe('managing experiments', () => {
  it('is for operators only, and bad input changes nothing', async () => {
    expect((await new Client(t).get('/api/v1/admin/experiments')).status).toBe(401);
    const shopper = await newBuyer(t);
    expect((await shopper.post('/api/v1/admin/experiments', draft())).status).toBe(403);
    const bad = await ops.post(
      '/api/v1/admin/experiments',
      draft({ key: 'bad', variants: [{ key: 'only', name: '唯一', weight: 1 }] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.title).toMatch(/[\u4e00-\u9fa5]/);
    const dupes = await ops.post(
      '/api/v1/admin/experiments',
      draft({
        variants: [
          { key: 'a', name: 'A', weight: 1 },
          { key: 'a', name: 'B', weight: 1 },
        ],
      }),
    );
    expect(dupes.status).toBe(400);
    const list = await ops.get('/api/v1/admin/experiments');
    expect(list.body.items).toEqual([]);
  });

  it('goes draft → running → stopped, recording who and when; only drafts can be edited', async () => {
    const created = await ops.post('/api/v1/admin/experiments', draft({ key: 'home-layout-x' }));
    expect(created.body).toMatchObject({ status: 'draft', layerBuckets: null, isDemo: false });
    // power.prop.test(p1 = .05, p2 = .055, power = .8) → 31,234 per group.
    expect(created.body.plan).toEqual({ perVariant: 31_234, total: 62_468 });
    const again = await ops.post('/api/v1/admin/experiments', draft({ key: 'home-layout-x' }));
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('key-taken');

    const id = created.body.id as string;
    const edited = await ops.put(
      `/api/v1/admin/experiments/${id}`,
      draft({ key: 'home-layout-x', name: '首页大卡片' }),
    );
    expect(edited.body.name).toBe('首页大卡片');
    const started = await ops.post(`/api/v1/admin/experiments/${id}/start`);
    expect(started.body).toMatchObject({ status: 'running', layerBuckets: { start: 0, end: 10_000 } });
    expect(started.body.startedAt).toBe(t.clock.now().toISOString());
    expect(started.body.startedBy).toBeTruthy();
    const late = await ops.put(`/api/v1/admin/experiments/${id}`, draft({ key: 'home-layout-x' }));
    expect(late.status).toBe(409);
    expect(late.body.type).toBe('not-draft');
    const stopped = await ops.post(`/api/v1/admin/experiments/${id}/stop`);
    expect(stopped.body).toMatchObject({ status: 'stopped', stoppedBy: started.body.startedBy });
    expect((await ops.post(`/api/v1/admin/experiments/${id}/start`)).status).toBe(409);
    expect((await ops.post(`/api/v1/admin/experiments/${id}/stop`)).status).toBe(409);
    expect((await ops.get('/api/v1/admin/experiments/exp_missing')).status).toBe(404);
  });

  it('answers the sample size for planning', async () => {
    const r = await ops.get('/api/v1/admin/experiments/sample-size?baselineRate=0.5&minimumDetectableEffect=0.5');
    // power.prop.test(p1 = .5, p2 = .75, power = .8) → n = 57.7 per group.
    expect(r.body).toEqual({ perVariant: 58, total: 116 });
  });
});

describe('assignment', () => {
  it('is deterministic per device and per user, and a user keeps the variant across devices', async () => {
    const e = await running({ layer: 'assign-layer' });
    const first = await assignmentsOf(device(1));
    expect(first.unit).toBe('device');
    expect(first.items).toContainEqual({ experiment: e.key, variant: expect.any(String) });
    expect(await assignmentsOf(device(1))).toEqual(first);

    const shopper = await newBuyer(t);
    const onPhone = await assignmentsOf(device(2), shopper);
    const onLaptop = await assignmentsOf(device(3), shopper);
    expect(onPhone.unit).toBe('user');
    expect(onLaptop).toEqual(onPhone);
    expect((await new Client(t).get('/api/v1/experiments/assignments')).body).toEqual({ unit: 'none', items: [] });
    expect((await new Client(t).get('/api/v1/experiments/assignments?deviceId=x')).status).toBe(400);
  });

  it('keeps a unit in at most one experiment of a layer, and refuses a start when the layer is full', async () => {
    const a = await running({ layer: 'exclusive', trafficPercent: 40 });
    const b = await running({ layer: 'exclusive', trafficPercent: 60 });
    const third = await ops.post('/api/v1/admin/experiments', draft({ layer: 'exclusive', trafficPercent: 10 }));
    const refused = await ops.post(`/api/v1/admin/experiments/${third.body.id}/start`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: 'layer-full', title: '该互斥层剩余流量不足' });

    let inA = 0;
    let inB = 0;
    for (let i = 100; i < 300; i++) {
      const keys = (await assignmentsOf(device(i))).items.map((x) => x.experiment);
      const mine = keys.filter((k) => k === a.key || k === b.key);
      expect(mine.length).toBe(1); // 40 % + 60 % fill the layer: everyone is in exactly one
      if (mine[0] === a.key) inA++;
      else inB++;
    }
    expect(inA).toBeGreaterThan(50);
    expect(inB).toBeGreaterThan(inA);

    // Stopping A frees its range for the waiting experiment.
    await ops.post(`/api/v1/admin/experiments/${a.id}/stop`);
    expect((await ops.post(`/api/v1/admin/experiments/${third.body.id}/start`)).status).toBe(200);
  });
});

describe('results', () => {
  it('counts each exposed person once per variant and leaves out people seen in two variants', async () => {
    const e = await running({ layer: 'exposure-layer', guardrails: [] });
    const anon = new Client(t);
    const seen: Record<string, number> = { grid: 0, large: 0 };
    for (let i = 1000; i < 1012; i++) {
      const [mine] = (await assignmentsOf(device(i))).items.filter((x) => x.experiment === e.key);
      seen[mine!.variant]!++;
      // The element rendered twice: still one person exposed.
      await sendExposures(anon, device(i), [exposure(e.key, mine!.variant), exposure(e.key, mine!.variant)]);
    }
    await sendExposures(anon, device(2000), [exposure(e.key, 'grid'), exposure(e.key, 'large')]);
    // Someone who got an assignment but never saw the element is not exposed.
    await assignmentsOf(device(3000));
    await analyticsLoader(t.deps).load();

    const r = await ops.get(`/api/v1/admin/experiments/${e.id}/results`);
    expect(r.status).toBe(200);
    expect(r.body.variants.map((v: { key: string; exposures: number }) => [v.key, v.exposures])).toEqual([
      ['grid', seen.grid],
      ['large', seen.large],
    ]);
    expect(r.body.excludedUnits).toBe(1);
    expect(r.body.provisional).toBe(true);
    expect(r.body.window.from).toBe(t.clock.now().toISOString());
  });

  it('attributes a real paid order to the variant its buyer saw', async () => {
    const e = await running({ layer: 'paid-layer' });
    const shopper = await newBuyer(t);
    const [mine] = (await assignmentsOf(device(4000), shopper)).items.filter((x) => x.experiment === e.key);
    await sendExposures(shopper, device(4000), [exposure(e.key, mine!.variant)]);
    t.clock.advance(60_000);
    await sandboxPaidOrder(t, { buyer: shopper });
    await analyticsLoader(t.deps).load();
    const r = await ops.get(`/api/v1/admin/experiments/${e.id}/results`);
    const v = r.body.variants.find((x: { key: string }) => x.key === mine!.variant);
    expect(v).toMatchObject({
      exposures: 1,
      converters: 1,
      conversionRate: 1,
      orders: 1,
      paidOrders: 1,
      paySuccessRate: 1,
    });
    expect(v.revenue).toBeGreaterThan(0);
    expect(v.revenuePerUser).toBe(v.revenue);
    expect(r.body.comparisons).toEqual([{ variant: 'large', conversion: null, revenuePerUser: null }]);
  });

  it('compares variants with the tests of stats.ts on known data, and flags a sample-ratio mismatch', async () => {
    const e = await running({ layer: 'known-layer', key: 'known-data' });
    const at = t.clock.now();
    // grid: 200 exposed, 20 pay 100 fen … large: 400 exposed (a 1:2 split against 50/50 weights: SRM), 60 pay 150 fen.
    const rows = [];
    const people = { grid: { n: 200, payers: 20, fen: 100 }, large: { n: 400, payers: 60, fen: 150 } };
    for (const [variant, p] of Object.entries(people)) {
      for (let i = 0; i < p.n; i++) {
        const actor = `d:known-${variant}-${i}`;
        rows.push(eventRow({ id: randomUUID(), type: 'exposure', ts: at, actor, experiment: e.key, variant }));
        if (i < p.payers) {
          const orderId = `ord_known_${variant}_${i}`;
          const later = new Date(at.getTime() + 60_000);
          rows.push(eventRow({ id: randomUUID(), type: 'order', ts: later, actor, orderId, amount: p.fen }));
          rows.push(eventRow({ id: randomUUID(), type: 'pay', ts: later, actor, orderId, amount: p.fen }));
          if (i < 2)
            rows.push(eventRow({ id: randomUUID(), type: 'refund', ts: later, actor, orderId, amount: p.fen }));
        }
      }
    }
    // A purchase before exposure does not count.
    rows.push(
      eventRow({
        id: randomUUID(),
        type: 'pay',
        ts: new Date(at.getTime() - 1),
        actor: 'd:known-grid-150',
        orderId: 'ord_before',
        amount: 999,
      }),
    );
    await appendToInbox(t.deps.database.db, rows);
    t.clock.advance(120_000);
    await analyticsLoader(t.deps).load();

    const r = (await ops.get(`/api/v1/admin/experiments/${e.id}/results`)).body;
    expect(r.variants.map((v: Record<string, unknown>) => [v.key, v.exposures, v.converters, v.revenue])).toEqual([
      ['grid', 200, 20, 2000],
      ['large', 400, 60, 9000],
    ]);
    const conversion = twoProportionTest(20, 200, 60, 400);
    expect(r.comparisons[0].conversion.pValue).toBeCloseTo(conversion.pValue, 10);
    expect(r.comparisons[0].conversion.differenceCi.low).toBeCloseTo(conversion.differenceCi.low, 10);
    const money = welchTTest(summaryOf(200, 2000, 20 * 100 ** 2), summaryOf(400, 9000, 60 * 150 ** 2));
    expect(r.comparisons[0].revenuePerUser.difference).toBeCloseTo(12.5, 10);
    expect(r.comparisons[0].revenuePerUser.pValue).toBeCloseTo(money.pValue, 10);
    expect(r.srm.mismatch).toBe(true);
    expect(r.guardrails).toContainEqual({
      metric: 'refund_rate',
      variant: 'large',
      control: 0.1,
      treatment: 2 / 60,
      pValue: expect.any(Number),
      harmed: false,
    });
    expect(r.guardrails).toContainEqual(
      expect.objectContaining({ metric: 'average_order_value', control: 100, treatment: 150 }),
    );
  });
});

describe('the ranking experiment’s plug', () => {
  it('lists products in the recommended order, page by page, without losing or repeating one', async () => {
    const m = await merchantWithOwner(t, '推荐排序测试店');
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await product(t, m.owner, m.merchantId)).productId);
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const r = await new Client(t).get(
        `/api/v1/products?sort=recommended&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((p: { id: string }) => p.id));
      if (!r.body.nextCursor) break;
      cursor = r.body.nextCursor as string;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(made));
  });
});
