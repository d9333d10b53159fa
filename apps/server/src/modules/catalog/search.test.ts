import { describe, expect, it } from 'vitest';
import { merchantWithOwner, operator, orderPaidEvent } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';

const t = await createTestApp();
const anon = new Client(t);
const ops = await operator(t);
const shopA = await merchantWithOwner(t, '水润小铺');
const shopB = await merchantWithOwner(t, '旅行装专卖');
const shopC = await merchantWithOwner(t, '将被暂停的店');

interface Spec {
  title: string;
  description?: string;
  categoryId: string;
  price: number;
  attributes?: { name: string; value: string }[];
}
const create = async (owner: Client, spec: Spec): Promise<{ id: string; skuId: string }> => {
  const res = await owner.post('/api/v1/merchant/products', {
    title: spec.title,
    description: spec.description ?? '',
    categoryId: spec.categoryId,
    attributes: spec.attributes ?? [],
    specs: [],
    skus: [{ specValues: {}, price: spec.price, stock: 10 }],
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return { id: res.body.id, skuId: res.body.skuIds[0] };
};

// For 保湿面霜 the head noun is 面霜 and 保湿 its modifier (search-query.ts).
const p1 = await create(shopA.owner, { title: '保湿面霜 50g', categoryId: 'cat_skincare', price: 9900 });
const p2 = await create(shopA.owner, { title: '面霜 保湿补水', categoryId: 'cat_skincare', price: 5900 });
const p3 = await create(shopA.owner, {
  title: '玻尿酸精华液',
  description: '深层保湿，适合干皮',
  categoryId: 'cat_skincare',
  price: 15900,
  attributes: [{ name: '功效', value: '美白' }],
});
t.clock.advanceMinutes(10);
const p4 = await create(shopA.owner, { title: '滋润面霜', categoryId: 'cat_skincare', price: 5900 });
const p5 = await create(shopA.owner, { title: '主动降噪蓝牙耳机', categoryId: 'cat_audio', price: 29900 });
const p6 = await create(shopA.owner, {
  title: '保湿喷雾',
  description: '随身补水，搭配面霜使用',
  categoryId: 'cat_makeup',
  price: 3900,
});
const p7 = await create(shopA.owner, { title: '保湿面霜 已下架', categoryId: 'cat_skincare', price: 9900 });
const p8 = await create(shopC.owner, { title: '保湿面霜 暂停店铺', categoryId: 'cat_skincare', price: 9900 });
const p9 = await create(shopB.owner, { title: '面霜旅行装', categoryId: 'cat_skincare', price: 2900 });
await shopA.owner.post(`/api/v1/merchant/products/${p7.id}/delist`);
await ops.post(`/api/v1/admin/merchants/${shopC.merchantId}/suspend`);
await orderPaidEvent(t, [{ skuId: p4.skuId, productId: p4.id, qty: 7, unitPrice: 5900 }]);
await orderPaidEvent(t, [{ skuId: p9.skuId, productId: p9.id, qty: 7, unitPrice: 2900 }]);
await orderPaidEvent(t, [{ skuId: p2.skuId, productId: p2.id, qty: 3, unitPrice: 5900 }]);

/** Sorts by a key descending (ascending with `asc`), ties by id in the same direction: the order the API promises. */
const ordered = (rows: [{ id: string }, number][], asc = false) =>
  [...rows]
    .sort(([a, x], [b, y]) => (asc ? x - y || (a.id < b.id ? -1 : 1) : y - x || (a.id < b.id ? 1 : -1)))
    .map(([p]) => p.id);

const ids = async (query: string) => {
  const res = await anon.get(`/api/v1/products?${query}`);
  expect(res.status).toBe(200);
  return res.body.items.map((p: any) => p.id);
};

/** Follows nextCursor through every page. */
const allPages = async (query: string, limit: number) => {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: any = await anon.get(
      `/api/v1/products?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.items.map((p: any) => p.id));
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 20);
  return seen;
};

const q = (s: string) => `q=${encodeURIComponent(s)}`;

describe('Chinese search', () => {
  // Both words in the title; then the product noun 面霜 in the title (sales 7 each); then 面霜 only in the
  // description; then only the modifier 保湿.
  const bestFirst = [
    ...ordered([
      [p1, 0],
      [p2, 0],
    ]),
    ...ordered([
      [p4, 0],
      [p9, 0],
    ]),
    p6.id,
    p3.id,
  ];
  const sameTier = (found: string[]) => [new Set(found.slice(0, 2)), new Set(found.slice(2, 4)), found.slice(4)];

  it('ranks the product noun above its modifier: title matches of 面霜 before a spray that mentions it', async () => {
    const res = await anon.get(`/api/v1/products?${q('保湿面霜')}`);
    const found = res.body.items.map((p: any) => p.id);
    expect(sameTier(found)).toEqual(sameTier(bestFirst));
    const scores = res.body.items.map((p: any) => p.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(res.body).toMatchObject({ didYouMean: null, relaxed: false });
    expect(res.body.items[0].merchant).toEqual({ id: shopA.merchantId, name: '水润小铺' });
  });

  it('does not care about word order or spacing', async () => {
    const first = await ids(q('保湿面霜'));
    expect(await ids(q('面霜 保湿'))).toEqual(first);
    expect(await ids(q('  面霜保湿 '))).toEqual(first);
  });

  it('uses the commerce dictionary and searches attributes and descriptions', async () => {
    expect(await ids(q('蓝牙耳机'))).toEqual([p5.id]);
    expect(await ids(q('耳机'))).toEqual([p5.id]);
    expect(await ids(q('玻尿酸'))).toEqual([p3.id]);
    expect(await ids(q('美白'))).toEqual([p3.id]);
    expect(await ids(q('连衣裙'))).toEqual([]);
    expect(await ids(q('！？'))).toEqual([]);
  });

  it('never shows delisted products or products of suspended shops', async () => {
    const found = await ids(q('保湿面霜'));
    expect(found).not.toContain(p7.id);
    expect(found).not.toContain(p8.id);
    expect((await anon.get(`/api/v1/products/${p8.id}`)).status).toBe(404);
    expect((await anon.get(`/api/v1/merchants/${shopC.merchantId}`)).status).toBe(404);
  });

  it('filters by category (with its children), merchant and price', async () => {
    const all = await ids(q('保湿面霜'));
    expect(await ids(`${q('保湿面霜')}&categoryId=cat_skincare`)).toEqual(all.filter((id: string) => id !== p6.id));
    expect(await ids(`${q('保湿面霜')}&categoryId=cat_beauty`)).toEqual(all);
    expect(await ids(`${q('保湿面霜')}&categoryId=cat_makeup`)).toEqual([p6.id]);
    expect(await ids(`${q('保湿面霜')}&merchantId=${shopB.merchantId}`)).toEqual([p9.id]);
    expect(await ids(`${q('保湿面霜')}&minPrice=5900&maxPrice=9900`)).toEqual(
      all.filter((id: string) => [p1.id, p2.id, p4.id].includes(id)),
    );
    expect(await ids('categoryId=cat_digital')).toEqual([p5.id]);
  });

  it('sorts by price, sales and newest with id tie-breaks', async () => {
    const priced: [{ id: string }, number][] = [
      [p1, 9900],
      [p2, 5900],
      [p3, 15900],
      [p4, 5900],
      [p6, 3900],
      [p9, 2900],
    ];
    expect(await ids(`${q('保湿面霜')}&sort=price_asc`)).toEqual(ordered(priced, true));
    expect(await ids(`${q('保湿面霜')}&sort=price_desc`)).toEqual(ordered(priced));
    expect(await ids(`${q('保湿面霜')}&sort=sales`)).toEqual(
      ordered([
        [p4, 7],
        [p9, 7],
        [p2, 3],
        [p1, 0],
        [p3, 0],
        [p6, 0],
      ]),
    );
    const created: [{ id: string }, number][] = [
      [p1, 0],
      [p2, 0],
      [p3, 0],
      [p4, 1],
      [p6, 1],
      [p9, 1],
    ];
    expect(await ids(`${q('保湿面霜')}&sort=newest`)).toEqual(ordered(created));
    // Without a query, everything visible, newest first.
    expect(await ids('')).toEqual(ordered([...created, [p5, 1]]));
  });

  it('pages through every sort with exact cursors: no item lost or repeated', async () => {
    for (const sort of ['relevance', 'price_asc', 'price_desc', 'sales', 'newest']) {
      const whole = await ids(`${q('保湿面霜')}&sort=${sort}`);
      expect(await allPages(`${q('保湿面霜')}&sort=${sort}`, 2)).toEqual(whole);
      expect(await allPages(`${q('保湿面霜')}&sort=${sort}`, 4)).toEqual(whole);
    }
    const last = await anon.get(`/api/v1/products?${q('保湿面霜')}&limit=6`);
    expect(last.body.nextCursor).toBeNull();
    expect((await anon.get('/api/v1/products?cursor=bm9wZQ')).body).toMatchObject({
      status: 400,
      title: '分页游标无效',
    });
    expect((await anon.get('/api/v1/products?sort=cheapest')).status).toBe(400);
  });

  it('suggests title words that start with what was typed, most common first', async () => {
    const res = await anon.get(`/api/v1/search/suggestions?q=${encodeURIComponent('面')}`);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toBe('面霜');
    expect((await anon.get(`/api/v1/search/suggestions?q=${encodeURIComponent('保')}`)).body.items[0]).toBe('保湿');
    const titles = await anon.get(`/api/v1/search/suggestions?q=${encodeURIComponent('旅行装')}`);
    expect(titles.body.items).toContain('面霜旅行装');
    expect((await anon.get('/api/v1/search/suggestions?q=')).body.items).toEqual([]);
  });
});

describe('public pages', () => {
  it('shows the category tree', async () => {
    const res = await anon.get('/api/v1/categories');
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: any) => c.name)).toEqual([
      '美妆护肤',
      '服饰鞋包',
      '家居生活',
      '食品生鲜',
      '数码家电',
      '母婴亲子',
    ]);
    expect(res.body.items[0].children.map((c: any) => c.name)).toEqual(['面部护肤', '彩妆', '香水香氛', '特殊化妆品']);
    const food = res.body.items.find((c: any) => c.id === 'cat_food');
    expect(food.children.find((c: any) => c.id === 'cat_fresh')).toMatchObject({ noReasonReturn: false });
  });

  it('shows a product page with its shop card, sales and return policy', async () => {
    const res = await anon.get(`/api/v1/products/${p4.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: '滋润面霜',
      salesCount: 7,
      category: { id: 'cat_skincare', name: '面部护肤', parent: { id: 'cat_beauty', name: '美妆护肤' } },
      returnPolicy: { noReason7d: true, reason: null },
      merchant: { id: shopA.merchantId, name: '水润小铺', productCount: 6 },
    });
    expect(res.body.skus).toEqual([
      { id: p4.skuId, specValues: {}, specText: '默认', price: 5900, originalPrice: null, stock: 10 },
    ]);
  });
});
