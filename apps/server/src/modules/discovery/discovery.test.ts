import { describe, expect, it } from 'vitest';
import { product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { buyer, delist, editSku, payCheckout, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { forgetDiscoveryUser } from './api.ts';
import { rebuildDiscovery } from './rebuild.ts';

const t = await createTestApp();
const anon = new Client(t);

type Item = { productId: string; merchantId: string; reason: { kind: string; text: string; detail: string } };
const feed = async (who: Client, limit = 50) => {
  const res = await who.get(`/api/v1/discovery/feed?limit=${limit}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { personalised: boolean; items: Item[]; nextCursor: string | null };
};
const buy = async (who: Awaited<ReturnType<typeof buyer>>, skuIds: string[]) => {
  const checkout = await placeOrder(
    t,
    who,
    skuIds.map((skuId) => ({ skuId, qty: 1 })),
  );
  await payCheckout(t, checkout.checkoutId);
};
const nicknameOf = async (who: Client) => ((await who.get('/api/v1/me')).body as { nickname: string }).nickname;

describe('reasons come from the source that produced the item', () => {
  it("a followed creator's purchase shows with the reason naming them; it does not before the follow", async () => {
    const s = await shop(t, { name: '山野茶铺', title: '高山乌龙茶 250g', categoryId: 'cat_tea' });
    await t.drain();
    const creator = await buyer(t);
    await buy(creator, [s.skuId]);
    const viewer = await signIn(t);

    const before = (await feed(viewer)).items.find((i) => i.productId === s.productId);
    expect(before?.reason.kind).not.toBe('social');

    expect((await viewer.put(`/api/v1/follows/user/${creator.userId}`, { on: true })).status).toBe(200);
    // The follow reaches discovery's memory of who follows whom through follow.created, dispatched on commit.
    await t.drain();
    const after = await feed(viewer);
    expect(after.personalised).toBe(true);
    const item = after.items.find((i) => i.productId === s.productId);
    expect(item?.reason).toMatchObject({ kind: 'social', text: `你关注的 @${await nicknameOf(creator)} 买过` });
  });

  it('after a rebuild, 买了又买 neighbours carry the bought anchor and the product page lists them', async () => {
    const a = await shop(t, { name: '甲店', title: '手冲咖啡壶', categoryId: 'cat_kitchen' });
    const b = await shop(t, { name: '乙店', title: '咖啡滤纸 100 张', categoryId: 'cat_kitchen' });
    await t.drain();
    for (let i = 0; i < 2; i++) await buy(await buyer(t), [a.skuId, b.skuId]);
    const me = await buyer(t);
    await buy(me, [a.skuId]);
    await rebuildDiscovery(t.deps.database.db, t.clock.now());

    const item = (await feed(me)).items.find((i) => i.productId === b.productId);
    expect(item?.reason).toMatchObject({ kind: 'together', text: '和你买过的「手冲咖啡壶」搭配' });
    const page = await anon.get(`/api/v1/products/${a.productId}/recommendations?kind=bought-together`);
    expect(page.body.items.map((i: Item) => i.productId)).toContain(b.productId);
    expect(page.body.items[0].reason.text).toBe('买了又买');
  });
});

describe('personalisation off-switch (Art. 17)', () => {
  it('switching off gives a non-personalised feed at once, and back on restores it', async () => {
    const s = await shop(t, { name: '书店', title: '手账本 A5', categoryId: 'cat_storage' });
    await t.drain();
    const creator = await buyer(t);
    await buy(creator, [s.skuId]);
    const viewer = await signIn(t);
    await viewer.put(`/api/v1/follows/user/${creator.userId}`, { on: true });
    expect((await feed(viewer)).items.find((i) => i.productId === s.productId)?.reason.kind).toBe('social');

    const off = await viewer.put('/api/v1/me/recommendation-settings', { personalised: false });
    expect(off.body).toMatchObject({ personalised: false });
    expect((await viewer.get('/api/v1/me/recommendation-settings')).body.personalised).toBe(false);
    const plain = await feed(viewer);
    expect(plain.personalised).toBe(false);
    expect(plain.items.length).toBeGreaterThan(0);
    for (const i of plain.items) expect(['热门', '新品', '在售好物']).toContain(i.reason.text);
    expect(plain.items.map((i) => i.productId)).toEqual((await feed(anon)).items.map((i) => i.productId));

    await viewer.put('/api/v1/me/recommendation-settings', { personalised: true });
    expect((await feed(viewer)).items.find((i) => i.productId === s.productId)?.reason.kind).toBe('social');
  });

  it('similar items: personalised leaves out what the user bought; off shows everyone the same list', async () => {
    const a = await shop(t, { name: '丙店', title: '瑜伽垫', categoryId: 'cat_smart' });
    const b = await shop(t, { name: '丁店', title: '瑜伽砖', categoryId: 'cat_smart' });
    const c = await shop(t, { name: '戊店', title: '弹力带', categoryId: 'cat_smart' });
    await t.drain();
    for (let i = 0; i < 2; i++) await buy(await buyer(t), [a.skuId, b.skuId, c.skuId]);
    const me = await buyer(t);
    await buy(me, [b.skuId]);
    await rebuildDiscovery(t.deps.database.db, t.clock.now());
    const similar = async (who: Client) =>
      (await who.get(`/api/v1/products/${a.productId}/recommendations?kind=similar`)).body as {
        personalised: boolean;
        items: Item[];
      };

    const mine = await similar(me);
    expect(mine.personalised).toBe(true);
    expect(mine.items.map((i) => i.productId)).toContain(c.productId);
    expect(mine.items.map((i) => i.productId)).not.toContain(b.productId);

    await me.put('/api/v1/me/recommendation-settings', { personalised: false });
    const plain = await similar(me);
    expect(plain.personalised).toBe(false);
    expect(plain.items.map((i) => i.productId)).toContain(b.productId);
    expect(plain.items.map((i) => i.productId)).toEqual((await similar(anon)).items.map((i) => i.productId));
  });
});

describe('precomputed candidates', () => {
  it("a purchase updates the buyer's candidates at once: the new purchase's neighbour shows before any rebuild", async () => {
    const a = await shop(t, { name: '壶店', title: '紫砂壶', categoryId: 'cat_tea' });
    const b = await shop(t, { name: '杯店', title: '品茗杯一套', categoryId: 'cat_tea' });
    const other = await shop(t, { name: '伞店', title: '晴雨伞', categoryId: 'cat_storage' });
    await t.drain();
    for (let i = 0; i < 2; i++) await buy(await buyer(t), [a.skuId, b.skuId]);
    const me = await buyer(t);
    await buy(me, [other.skuId]);
    await rebuildDiscovery(t.deps.database.db, t.clock.now());
    const before = (await feed(me)).items.find((i) => i.productId === b.productId);
    expect(before?.reason.kind ?? 'none').not.toBe('together');

    await buy(me, [a.skuId]);
    await t.drain();
    const item = (await feed(me)).items.find((i) => i.productId === b.productId);
    expect(item?.reason).toMatchObject({ kind: 'together', text: '和你买过的「紫砂壶」搭配' });
  });
});

describe('interest tags', () => {
  it('lists the categories a purchase taught, and a deleted tag is gone for good, also after a rebuild', async () => {
    const s = await shop(t, { name: '果园', title: '赣南脐橙 5kg', categoryId: 'cat_fresh' });
    await t.drain();
    const me = await buyer(t);
    await buy(me, [s.skuId]);
    const tags = (await me.get('/api/v1/me/interest-tags')).body.items as { tag: string; name: string }[];
    expect(tags).toContainEqual(expect.objectContaining({ tag: 'cat_fresh', name: '生鲜水果' }));

    expect((await me.delete('/api/v1/me/interest-tags/cat_fresh')).status).toBe(204);
    await rebuildDiscovery(t.deps.database.db, t.clock.now());
    const left = (await me.get('/api/v1/me/interest-tags')).body.items as { tag: string }[];
    expect(left.map((x) => x.tag)).not.toContain('cat_fresh');
    expect((await feed(me)).items.filter((i) => i.reason.text.includes('生鲜水果'))).toEqual([]);
    expect((await me.delete('/api/v1/me/interest-tags/cat_fresh')).status).toBe(404);
  });

  it('forgetting a user removes what discovery learned about them', async () => {
    const s = await shop(t, { name: '零食铺', title: '坚果礼盒', categoryId: 'cat_snacks' });
    await t.drain();
    const me = await buyer(t);
    await buy(me, [s.skuId]);
    expect((await me.get('/api/v1/me/interest-tags')).body.items.length).toBeGreaterThan(0);
    await forgetDiscoveryUser(t.deps.database.db, me.userId);
    expect((await me.get('/api/v1/me/interest-tags')).body.items).toEqual([]);
  });
});

describe('re-ranking rules', () => {
  it('no shop holds more than 2 of any 10 places, no duplicates, sold-out and delisted items are removed', async () => {
    const big = await shop(t, { name: '大店', title: '大店商品 0', categoryId: 'cat_women' });
    for (let i = 1; i < 8; i++)
      await product(t, big.owner, big.merchantId, { title: `大店商品 ${i}`, categoryId: 'cat_women' });
    const soldOut = await shop(t, { name: '售罄店', title: '售罄的围巾', categoryId: 'cat_women' });
    const gone = await shop(t, { name: '下架店', title: '下架的帽子', categoryId: 'cat_women' });
    await t.drain();
    await editSku(t, soldOut, { stock: 0 });
    await delist(t, gone);
    await t.drain();

    const viewer = await signIn(t);
    const { items } = await feed(viewer);
    const ids = items.map((i) => i.productId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(soldOut.productId);
    expect(ids).not.toContain(gone.productId);
    for (let start = 0; start < items.length; start++) {
      const window = items.slice(start, start + 10);
      const counts = new Map<string, number>();
      for (const i of window) counts.set(i.merchantId, (counts.get(i.merchantId) ?? 0) + 1);
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    }
    expect(items.filter((i) => i.merchantId === big.merchantId).length).toBeGreaterThan(0);
  });

  it('an item that sells out after the feed showed it leaves the next feed at once', async () => {
    const s = await shop(t, { name: '限量店', title: '限量手作陶杯', categoryId: 'cat_kitchen' });
    await t.drain();
    const creator = await buyer(t);
    await buy(creator, [s.skuId]);
    const viewer = await signIn(t);
    await viewer.put(`/api/v1/follows/user/${creator.userId}`, { on: true });
    expect((await feed(viewer)).items.map((i) => i.productId)).toContain(s.productId);

    await editSku(t, s, { stock: 0 });
    await t.drain();
    expect((await feed(viewer)).items.map((i) => i.productId)).not.toContain(s.productId);
  });

  it('pages with a cursor without repeating items', async () => {
    const first = await feed(anon, 5);
    expect(first.nextCursor).not.toBeNull();
    const second = (await anon.get(`/api/v1/discovery/feed?limit=5&cursor=${first.nextCursor}`)).body as {
      items: Item[];
    };
    const ids = [...first.items, ...second.items].map((i) => i.productId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('scrolling', () => {
  it('the off-switch also holds for the next page of a feed opened before it', async () => {
    const s = await shop(t, { name: '花店', title: '永生花礼盒', categoryId: 'cat_home' });
    await t.drain();
    const creator = await buyer(t);
    await buy(creator, [s.skuId]);
    const viewer = await signIn(t);
    await viewer.put(`/api/v1/follows/user/${creator.userId}`, { on: true });
    const first = await feed(viewer, 3);
    expect(first.personalised).toBe(true);
    expect(first.nextCursor).not.toBeNull();

    await viewer.put('/api/v1/me/recommendation-settings', { personalised: false });
    const next = (await viewer.get(`/api/v1/discovery/feed?limit=3&cursor=${first.nextCursor}`)).body as {
      personalised: boolean;
      items: Item[];
    };
    expect(next.personalised).toBe(false);
    for (const i of next.items) expect(['热门', '新品', '在售好物']).toContain(i.reason.text);
  });

  it('scrolling one item at a time gives the same feed as one long page, without repeats', async () => {
    for (let k = 0; k < 6; k++) {
      const s = await shop(t, { name: `茶庄 ${k}`, title: `茶 ${k}-0`, categoryId: 'cat_tea' });
      for (let i = 1; i < 4; i++)
        await product(t, s.owner, s.merchantId, { title: `茶 ${k}-${i}`, categoryId: 'cat_tea' });
    }
    await t.drain();
    const whole = (await feed(anon, 50)).items.map((i) => i.productId);
    expect(whole.length).toBeGreaterThan(25);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await anon.get(`/api/v1/discovery/feed?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.body as { items: Item[]; nextCursor: string | null };
      walked.push(...body.items.map((i) => i.productId));
      cursor = body.nextCursor;
    } while (cursor && walked.length < 60);
    expect(walked.slice(0, whole.length)).toEqual(whole);
    expect(new Set(walked).size).toBe(walked.length);
  });
});
