import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { shop, signIn } from '../../../test/order-factories.ts';
import { checkLedgerBalance } from '../../platform/ledger.ts';
import { reconcilePoints } from './service.ts';

// A share link made in attribution (share.created) earns the sharer points under the one daily share cap.

const t = await createTestApp();
const db = t.deps.database.db;
const HOUR = 3_600_000;
const shops = await Promise.all([1, 2, 3, 4, 5].map((i) => shop(t, { name: `分享小店${i}`, price: 1000 * i })));

async function postTagging(productId: string) {
  const creator = await signIn(t);
  const res = await creator.post('/api/v1/posts', {
    kind: 'image_text',
    title: '好物',
    body: '推荐',
    images: ['/media/u/ab/med_x.jpg'],
    productIds: [productId],
  });
  return res.body.id as string;
}

function nextBeijingDayAt(hour: number) {
  const beijing = new Date(t.clock.now().getTime() + 8 * HOUR);
  const next = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + 1, hour) - 8 * HOUR;
  t.clock.advance(next - t.clock.now().getTime());
}

describe('points for share links', () => {
  it('rewards the first three distinct shares of a Beijing day, once each, and the cap again the next day', async () => {
    nextBeijingDayAt(9);
    const sharer = await signIn(t);
    const postId = await postTagging(shops[0]!.productId);
    const share = async (body: Record<string, string>) => {
      const res = await sharer.post('/api/v1/attribution/share-links', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await t.drain();
      return (await sharer.get('/api/v1/points/me')).body;
    };
    expect(await share({ postId })).toMatchObject({ balance: 10, shares: { rewardedToday: 1, dailyCap: 3 } });
    // The same post again, by link or by the share report, earns nothing more today.
    expect((await share({ postId })).balance).toBe(10);
    expect((await sharer.post('/api/v1/points/shares', { targetType: 'post', targetId: postId })).body).toMatchObject({
      points: 0,
      note: 'already-shared-today',
    });
    expect((await share({ productId: shops[1]!.productId })).balance).toBe(20);
    expect((await share({ productId: shops[2]!.productId })).balance).toBe(30);
    // The fourth distinct share of the day is over the cap.
    expect(await share({ productId: shops[3]!.productId })).toMatchObject({
      balance: 30,
      shares: { rewardedToday: 3 },
    });
    const history = (await sharer.get('/api/v1/points/history?limit=20')).body.items;
    expect(history.filter((h: { kind: string }) => h.kind === 'points.share')).toHaveLength(3);

    nextBeijingDayAt(8);
    expect((await share({ productId: shops[4]!.productId })).balance).toBe(40);
  });

  it('refuses a link to a product that does not exist, so it cannot earn points', async () => {
    const sharer = await signIn(t);
    const res = await sharer.post('/api/v1/attribution/share-links', { productId: 'prd_nothing' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'product-missing', title: '商品不存在' });
    await t.drain();
    expect((await sharer.get('/api/v1/points/me')).body.balance).toBe(0);
  });

  it('leaves the ledger balanced and the projections in agreement', async () => {
    expect((await checkLedgerBalance(db)).unbalanced).toEqual([]);
    expect(await reconcilePoints(db)).toMatchObject({ ok: true });
  });
});
