import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { merchantWithOwner, product } from '../../test/factories.ts';
import { queryEvents } from '../modules/analytics/api.ts';
import { HistoryGenerator, seedBehaviourHistory } from './behaviour-history.ts';

let t: TestApp;
let productIds: string[];
const until = new Date('2026-12-06T04:00:00Z');
const from = new Date(until.getTime() - 90 * 86_400_000);

beforeAll(async () => {
  t = await createTestApp({ SEED_EVENTS: '40000' });
  const { merchantId, owner } = await merchantWithOwner(t);
  productIds = [];
  for (let i = 0; i < 6; i++)
    productIds.push((await product(t, owner, merchantId, { title: `测试商品 ${i}` })).productId);
});
afterAll(() => t.close());

describe('demo behaviour history', () => {
  it('writes the requested events straight into the engine, all marked demo, never a purchase', async () => {
    const lines: string[] = [];
    const result = await seedBehaviourHistory(t.deps, { productIds, from, until }, (l) => lines.push(l));
    expect(result?.events).toBe(40_000);
    expect(lines.at(-1)).toMatch(/行为事件 40000 条/);

    const [totals] = await queryEvents<{ n: number; demo: number; ids: number }>(
      t.deps,
      `SELECT count(*) AS n, count(*) FILTER (WHERE props = '{"demo":1}') AS demo, count(DISTINCT id) AS ids FROM events`,
    );
    expect(totals).toEqual({ n: 40_000, demo: 40_000, ids: 40_000 });
    // A second run (a first start that crashed after the history) adds nothing: the engine's marker says it is done.
    await seedBehaviourHistory(t.deps, { productIds, from, until }, () => undefined);
    const [again] = await queryEvents<{ n: number }>(t.deps, `SELECT count(*) AS n FROM events`);
    expect(again?.n).toBe(40_000);
    const types = await queryEvents<{ type: string; n: number }>(
      t.deps,
      `SELECT type, count(*) AS n FROM events GROUP BY type`,
    );
    const count = (type: string) => types.find((r) => r.type === type)?.n ?? 0;
    for (const never of ['order', 'pay', 'refund', 'signup', 'coupon_use']) expect(count(never)).toBe(0);
    // The funnel narrows at every step.
    expect(count('view')).toBeGreaterThan(count('click'));
    expect(count('click')).toBeGreaterThan(count('add_to_cart'));
    expect(count('add_to_cart')).toBeGreaterThan(count('checkout'));
    expect(count('checkout')).toBeGreaterThan(0);
    expect(count('impression')).toBeGreaterThan(count('click'));
    expect(count('search')).toBeGreaterThan(0);
    expect(count('live_leave')).toBe(count('live_enter'));

    // Every channel appears, and only the shop's own products are browsed.
    const channels = await queryEvents<{ channel: string }>(t.deps, `SELECT DISTINCT channel FROM events`);
    expect(channels.map((c) => c.channel).sort()).toEqual(['community', 'direct', 'live', 'post', 'search', 'share']);
    const products = await queryEvents<{ product_id: string }>(
      t.deps,
      `SELECT DISTINCT product_id FROM events WHERE product_id IS NOT NULL`,
    );
    expect(products.every((p) => productIds.includes(p.product_id))).toBe(true);

    // Inside the 90 days, and with the rhythm of a shop: evenings beat the small hours.
    const [span] = await queryEvents<{ first: string; last: string; evening: number; night: number }>(
      t.deps,
      `SELECT min(ts) AS first, max(ts) AS last,
              count(*) FILTER (WHERE hour(timezone('Asia/Shanghai', ts)) BETWEEN 20 AND 22) AS evening,
              count(*) FILTER (WHERE hour(timezone('Asia/Shanghai', ts)) BETWEEN 3 AND 5) AS night
       FROM events`,
    );
    expect(new Date(span!.first).getTime()).toBeGreaterThanOrEqual(from.getTime() - 8 * 3_600_000);
    expect(new Date(span!.last).getTime()).toBeLessThanOrEqual(until.getTime());
    expect(span!.evening).toBeGreaterThan(5 * span!.night);
  });

  it('is deterministic, and has a campaign weekend busier than the weekends around it', () => {
    const catalogue = productIds.map((productId) => ({ productId, merchantId: 'm', categoryId: 'c', price: 100 }));
    const first = [...new HistoryGenerator(catalogue, from, until).events(2_000)];
    const again = [...new HistoryGenerator(catalogue, from, until).events(2_000)];
    expect(again).toEqual(first);

    const generator = new HistoryGenerator(catalogue, from, until);
    const [saturday, sunday] = generator.campaignDays();
    expect(sunday).toBe(saturday! + 1);
    const perDay = new Map<number, number>();
    const start = Math.floor(from.getTime() / 86_400_000) * 86_400_000 - 8 * 3_600_000;
    for (const e of generator.events(200_000)) {
      const day = Math.floor((e.ts.getTime() - start) / 86_400_000);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const weekendBefore = (perDay.get(saturday! - 7) ?? 0) + (perDay.get(sunday! - 7) ?? 0);
    const campaign = (perDay.get(saturday!) ?? 0) + (perDay.get(sunday!) ?? 0);
    expect(campaign).toBeGreaterThan(2 * weekendBefore);
  });

  it('is skipped when SEED_EVENTS is 0', async () => {
    const off = await createTestApp({ SEED_EVENTS: '0' });
    try {
      expect(await seedBehaviourHistory(off.deps, { productIds: ['p'], from, until }, () => undefined)).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});
