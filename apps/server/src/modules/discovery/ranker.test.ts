import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, payCheckout, placeOrder, shop } from '../../../test/order-factories.ts';
import { rebuildDiscovery } from './rebuild.ts';

// Its own file, so its own database: which items are long tail depends on the popularity of the whole catalogue.
const t = await createTestApp();

type Page = { personalised: boolean; items: { productId: string; reason: { kind: string } }[] };

describe('the feed-ranker experiment’s two rankers', () => {
  it('diverse lifts a long-tail neighbour above the popular ones; score keeps the fitted order', async () => {
    const anchor = await shop(t, { name: '壶店', title: '手冲咖啡壶', categoryId: 'cat_kitchen' });
    const popular = [
      await shop(t, { name: '纸店', title: '咖啡滤纸 100 张', categoryId: 'cat_kitchen' }),
      await shop(t, { name: '豆店', title: '云南小粒咖啡豆 500g', categoryId: 'cat_kitchen' }),
      await shop(t, { name: '秤店', title: '手冲电子秤', categoryId: 'cat_kitchen' }),
    ];
    const niche = await shop(t, { name: '铜店', title: '紫铜手冲壶架', categoryId: 'cat_kitchen' });
    await t.drain();
    const buy = async (skuIds: string[]) => {
      const who = await buyer(t);
      const checkout = await placeOrder(
        t,
        who,
        skuIds.map((skuId) => ({ skuId, qty: 1 })),
      );
      await payCheckout(t, checkout.checkoutId);
      return who;
    };
    // Each popular neighbour is bought with the kettle five times; the niche one twice: all four are 买了又买
    // neighbours of the kettle, the niche one below the catalogue's 80th popularity percentile (long tail).
    for (let i = 0; i < 5; i++) await buy([anchor.skuId, ...popular.map((p) => p.skuId)]);
    for (let i = 0; i < 2; i++) await buy([anchor.skuId, niche.skuId]);
    const me = await buy([anchor.skuId]);
    await rebuildDiscovery(t.deps.database.db, t.clock.now());

    const place = async (ranker: string) => {
      const res = await me.get(`/api/v1/discovery/feed?limit=20&ranker=${ranker}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const page = res.body as Page;
      expect(page.personalised).toBe(true);
      const ids = page.items.map((i) => i.productId);
      for (const p of [...popular, niche]) expect(ids).toContain(p.productId);
      return (id: string) => ids.indexOf(id);
    };
    const diverse = await place('diverse');
    const score = await place('score');
    for (const p of popular) expect(score(niche.productId)).toBeGreaterThan(score(p.productId));
    expect(popular.some((p) => diverse(niche.productId) < diverse(p.productId))).toBe(true);
    // The default is the control.
    const plain = await me.get('/api/v1/discovery/feed?limit=20');
    expect((plain.body as Page).items.map((i) => i.productId).indexOf(niche.productId)).toBe(diverse(niche.productId));
  });

  it('refuses an unknown ranker with a clear problem', async () => {
    const me = await buyer(t);
    const res = await me.get('/api/v1/discovery/feed?ranker=random');
    expect(res.status).toBe(400);
    expect(res.body.title).toMatch(/[\u4e00-\u9fa5]/);
  });
});
