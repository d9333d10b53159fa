import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { loginByCode, nextPhone } from '../../../test/http.ts';
import { analyticsLoader, appendToInbox, eventRow } from '../analytics/api.ts';

// A webhook receiver on loopback: the delivery job awaits its answer, so the test needs no waiting.
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
const SECRET = 'alerts-webhook-test-secret';

const t = await createTestApp({
  ALERTS_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
  ALERTS_WEBHOOK_SECRET: SECRET,
  ALERTS_CATCH_UP_MINUTES: '360',
});
const ops = await operator(t);

const MIN = 60_000;
const WEEK = 7 * 86_400_000;
const T0 = t.clock.now().getTime();
/** A second checked hour, 90 minutes later, whose present is broken. */
const T1 = T0 + 90 * MIN;

/** Seeded randomness (mulberry32): the same traffic every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly (readonly [T, number])[]): T => {
  let u = r() * xs.reduce((s, [, w]) => s + w, 0);
  for (const [x, w] of xs) if ((u -= w) <= 0) return x;
  return xs[xs.length - 1]![0];
};
const CHANNELS = [
  ['live', 5],
  ['post', 2.5],
  ['search', 2],
  ['direct', 2.5],
] as const;
const PROVINCES = [
  ['浙江省', 3],
  ['广东省', 3],
  ['江苏省', 2],
  ['四川省', 1],
  ['北京市', 1],
] as const;

/**
 * Ordinary shop traffic in [from, to): visitors, orders, payments, searches. From `dropFrom` on, the payments of
 * `dropChannel` fail (the incident).
 */
function traffic(from: number, to: number, seed: number, opts: { dropChannel?: string; dropFrom?: number } = {}) {
  const r = rng(seed);
  const rows = [];
  const minutes = (to - from) / MIN;
  const at = () => new Date(from + Math.floor(r() * (to - from)));
  for (let i = 0; i < 10 * minutes; i++)
    rows.push(eventRow({ id: randomUUID(), type: 'view', ts: at(), deviceId: `dev${seed}_${i}`, platform: 'ios' }));
  for (let i = 0; i < Math.round((5 + r() * 0.5) * minutes); i++) {
    const channel = pick(r, CHANNELS);
    const ts = at();
    const base = {
      ts,
      userPid: `u${seed}_${i}`,
      orderId: `ord_${seed}_${i}`,
      channel,
      province: pick(r, PROVINCES),
      payMethod: r() < 0.6 ? 'wechat' : 'alipay',
      merchantId: `mch_${1 + Math.floor(r() * 3)}`,
      categoryId: `cat_${1 + Math.floor(r() * 4)}`,
      amount: 5_000 + Math.floor(r() * 15_000),
      qty: 1,
    };
    rows.push(eventRow({ ...base, id: randomUUID(), type: 'order' }));
    if (opts.dropChannel === channel && ts.getTime() >= (opts.dropFrom ?? 0)) continue;
    rows.push(eventRow({ ...base, id: randomUUID(), type: 'pay' }));
  }
  for (let i = 0; i < 5 * minutes; i++)
    rows.push(
      eventRow({
        id: randomUUID(),
        type: 'search',
        ts: at(),
        deviceId: `dev${seed}_${i}`,
        results: r() < 0.05 ? 0 : 12,
      }),
    );
  return rows;
}

/** Eight previous weeks and the present, from the hour before T0 to T1; live payments fail in T1's hour. */
async function writeHistory() {
  const rows = [];
  for (let k = 1; k <= 8; k++) rows.push(...traffic(T0 - 60 * MIN - k * WEEK, T1 - k * WEEK, 1000 + k));
  rows.push(...traffic(T0 - 60 * MIN, T1, 1, { dropChannel: 'live', dropFrom: T1 - 60 * MIN }));
  await appendToInbox(t.deps.database.db, rows);
  await analyticsLoader(t.deps).load();
}
await writeHistory();

const setClock = (at: number) => t.clock.advance(at - t.clock.now().getTime());

describe('minute checks against bands learned from previous weeks', () => {
  it('a normal hour raises nothing, and metrics with too little volume say they were not judged', async () => {
    setClock(T0 + 2 * MIN); // the minute ending at T0 is checked two minutes later
    await t.runJobs();
    const list = await ops.get('/api/v1/admin/alerts');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);

    const metrics = (await ops.get('/api/v1/admin/alerts/metrics')).body.items as {
      metric: string;
      judged: boolean;
      anomalous: boolean;
      reason: string | null;
      checkedAt: string;
    }[];
    const by = Object.fromEntries(metrics.map((m) => [m.metric, m]));
    for (const key of ['gmv', 'orders', 'conversion', 'pay_success', 'search_zero'])
      expect(by[key], key).toMatchObject({ judged: true, anomalous: false, checkedAt: new Date(T0).toISOString() });
    expect(by.live_viewers).toMatchObject({ judged: false });
    expect(by.live_viewers!.reason).toContain('量太小');
  });

  it('catches up the missed minutes after a stop, opens one GMV alert, and explains it by the live channel', async () => {
    setClock(T1 + 2 * MIN);
    await t.runJobs(); // 90 minutes to catch up, in runs of 5
    const list = (await ops.get('/api/v1/admin/alerts?state=open')).body.items as {
      id: string;
      metric: string;
      direction: string;
      topExplanation: { dimension: string; value: string; valueLabel: string; share: number };
    }[];
    const gmv = list.filter((a) => a.metric === 'gmv');
    expect(gmv).toHaveLength(1);
    expect(gmv[0]).toMatchObject({
      direction: 'down',
      topExplanation: { dimension: 'channel', value: 'live', valueLabel: '直播' },
    });
    expect(gmv[0]!.topExplanation.share).toBeGreaterThan(0.6);
    expect(list.find((a) => a.metric === 'search_zero')).toBeUndefined();

    // A restart re-schedules the chain; the checkpoint means no minute is judged twice and no alert doubles.
    const before = (await ops.get(`/api/v1/admin/alerts/${gmv[0]!.id}`)).body.minutes as number;
    await t.runJobs();
    t.clock.advanceMinutes(3);
    await t.runJobs();
    const after = (await ops.get('/api/v1/admin/alerts?state=open')).body.items as { id: string; metric: string }[];
    expect(after.filter((a) => a.metric === 'gmv')).toHaveLength(1);
    const detail = await ops.get(`/api/v1/admin/alerts/${gmv[0]!.id}`);
    expect(detail.body.minutes).toBeLessThanOrEqual(before + 3);
  }, 300_000); // ninety minutes of checks on a shared machine: slow, not timed

  it('posts each new alert once to the webhook, signed', async () => {
    const alerts = (await ops.get('/api/v1/admin/alerts')).body.items as { id: string }[];
    expect(received.map((r) => JSON.parse(r.body).alert.id).sort()).toEqual(alerts.map((a) => a.id).sort());
    const { headers, body } = received[0]!;
    const expected = `sha256=${createHmac('sha256', SECRET)
      .update(`${String(headers['x-haowu-timestamp'])}.${body}`)
      .digest('hex')}`;
    expect(headers['x-haowu-signature']).toBe(expected);
    expect(JSON.parse(body).alert.topExplanations.length).toBeGreaterThan(0);
  });
});

describe('handling an alert in the console', () => {
  it('shows the band, the hourly series and the drill-down; acknowledge, then resolve, record who and when', async () => {
    const [first] = (await ops.get('/api/v1/admin/alerts?state=open')).body.items as { id: string }[];
    const detail = await ops.get(`/api/v1/admin/alerts/${first!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.drilldown.length).toBeGreaterThan(3);
    expect(detail.body.series.length).toBeGreaterThan(20);
    expect(detail.body.expected.low).toBeLessThan(detail.body.expected.high);

    const ack = await ops.post(`/api/v1/admin/alerts/${first!.id}/acknowledge`, { note: '正在排查直播间支付' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledged: { note: '正在排查直播间支付' } });
    const again = await ops.post(`/api/v1/admin/alerts/${first!.id}/acknowledge`, {});
    expect(again.status).toBe(409);
    expect(again.body.title).toMatch(/[\u4e00-\u9fa5]/);

    const tooLong = await ops.post(`/api/v1/admin/alerts/${first!.id}/resolve`, { note: '长'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect((await ops.get(`/api/v1/admin/alerts/${first!.id}`)).body.state).toBe('acknowledged');

    const done = await ops.post(`/api/v1/admin/alerts/${first!.id}/resolve`, { note: '支付通道已恢复' });
    expect(done.body).toMatchObject({
      state: 'resolved',
      resolved: { userId: ops.userId, note: '支付通道已恢复', at: t.clock.now().toISOString() },
    });
    expect(
      (await ops.get('/api/v1/admin/alerts?state=resolved')).body.items.map((a: { id: string }) => a.id),
    ).toContain(first!.id);
  });

  it('is for operators only', async () => {
    const shopper = await loginByCode(t, nextPhone());
    expect((await shopper.get('/api/v1/admin/alerts')).status).toBe(403);
    expect((await shopper.post('/api/v1/admin/alerts/alr_x/resolve', {})).status).toBe(403);
    expect((await ops.get('/api/v1/admin/alerts/alr_missing')).status).toBe(404);
  });
});
