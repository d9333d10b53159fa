import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { merchantWithOwner, operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { buyer } from '../../../test/order-factories.ts';
import { analyticsLoader } from '../analytics/api.ts';

// 搜索洞察 end to end: shoppers search through the real search API, the shop reports what the first page found
// (and which results were clicked) through the public events endpoint, the loader copies the events into the
// analytics engine, and the operator's report reads them from there.

const t = await createTestApp(); // clock: 2026-11-20 10:00 Beijing
const ops = await operator(t);
const shop = await merchantWithOwner(t, '搜索洞察小店');
const created = await shop.owner.post('/api/v1/merchant/products', {
  title: '玻尿酸保湿面霜 50g',
  description: '',
  categoryId: 'cat_skincare',
  attributes: [],
  specs: [],
  skus: [{ specValues: {}, price: 9900, stock: 10 }],
});
expect(created.status).toBe(201);
const productId: string = created.body.id;

const anon = new Client(t);
let device = 0;

/** One shopper's visit: searches `q` through the API and reports it like the shop does; optionally clicks result 0. */
async function visit(q: string, click = false): Promise<number> {
  const found = await anon.get(`/api/v1/products?q=${encodeURIComponent(q)}&limit=20`);
  expect(found.status).toBe(200);
  const results: number = found.body.items.length;
  const ts = t.clock.now().toISOString();
  const events: Record<string, unknown>[] = [{ id: randomUUID(), type: 'search', ts, query: q, results }];
  if (click && results > 0)
    events.push({
      id: randomUUID(),
      type: 'click',
      ts,
      productId: found.body.items[0].id,
      slot: 'search.results',
      position: 0,
      query: q,
    });
  const id = `device-${String(++device).padStart(4, '0')}`;
  const sent = await anon.post('/api/v1/events', { deviceId: id, sessionId: `session-${id}`, events });
  expect(sent.status).toBe(202);
  return results;
}

// 面霜: four visits, three clicked. 保湿: found in five visits, clicked in one (low CTR). 火星车: found nothing, twice.
for (let i = 0; i < 4; i++) await visit('面霜', i < 3);
for (let i = 0; i < 5; i++) await visit('保湿', i === 0);
expect(await visit('火星车')).toBe(0);
t.clock.advanceMinutes(30);
expect(await visit('火星车')).toBe(0);
await analyticsLoader(t.deps).load();

const today = '2026-11-20';
const report = (query: string) => ops.get(`/api/v1/platform/insights/search?from=${today}&to=${today}${query}`);

describe('搜索洞察', () => {
  it('lists the period’s queries by how often they were searched, with totals', async () => {
    const res = await report('&view=top');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { query: string }) => r.query)).toEqual(['保湿', '面霜', '火星车']);
    expect(res.body.summary).toMatchObject({ searches: 11, zeroResults: 2, distinctQueries: 3 });
    expect(res.body.summary.zeroRate).toBeCloseTo(2 / 11);
    expect(res.body.summary.ctr).toBeCloseTo(4 / 9);
    const cream = res.body.items.find((r: { query: string }) => r.query === '面霜');
    expect(cream).toMatchObject({ searches: 4, people: 4, zeroResults: 0, sessionsWithResults: 4, clicks: 3 });
    expect(cream.ctr).toBeCloseTo(0.75);
    expect(productId).toMatch(/^prd_/);
  });

  it('lists a query that found nothing, with its count and when it was last searched, and not one that found products', async () => {
    const res = await report('&view=zero');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ query: '火星车', example: '火星车', searches: 2, zeroResults: 2 });
    expect(res.body.items[0].lastSeen).toBe(t.clock.now().toISOString());
  });

  it('lists queries whose results are seldom clicked, lowest click-through first', async () => {
    const res = await report('&view=low_ctr&minSessions=3');
    expect(res.body.items.map((r: { query: string; ctr: number }) => [r.query, r.ctr])).toEqual([
      ['保湿', 0.2],
      ['面霜', 0.75],
    ]);
    // A query found in fewer sessions than asked for says nothing yet.
    expect((await report('&view=low_ctr&minSessions=5')).body.items.map((r: { query: string }) => r.query)).toEqual([
      '保湿',
    ]);
  });

  it('pages through a view and answers an empty period honestly', async () => {
    const first = await report('&view=top&limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBe('2');
    const second = await report(`&view=top&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((r: { query: string }) => r.query)).toEqual(['火星车']);
    expect(second.body.nextCursor).toBeNull();
    const empty = await ops.get('/api/v1/platform/insights/search?from=2026-10-01&to=2026-10-02');
    expect(empty.body).toEqual({
      summary: { searches: 0, zeroResults: 0, zeroRate: null, distinctQueries: 0, ctr: null },
      items: [],
      nextCursor: null,
    });
  });

  it('is for operators only, and refuses bad input with a Chinese problem', async () => {
    expect((await shop.owner.get(`/api/v1/platform/insights/search?from=${today}&to=${today}`)).status).toBe(403);
    expect((await (await buyer(t)).get(`/api/v1/platform/insights/search?from=${today}&to=${today}`)).status).toBe(403);
    expect((await anon.get(`/api/v1/platform/insights/search?from=${today}&to=${today}`)).status).toBe(401);
    const bad = await report('&view=everything');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('报表只能是 top、zero 或 low_ctr');
    const reversed = await ops.get('/api/v1/platform/insights/search?from=2026-11-20&to=2026-11-01');
    expect(reversed.body.title).toBe('开始日期不能晚于结束日期');
  });
});
