import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { shop, signIn } from '../../../test/order-factories.ts';

const t = await createTestApp();

describe('brand partnerships (品牌合作) for the merchant', () => {
  it('pages the shop’s deals newest first, with the creator and the posts labelled under each; other shops see none', async () => {
    const s = await shop(t, { name: '山野小店' });
    const other = await shop(t, { name: '隔壁小店' });
    const creator = await signIn(t);
    const labelled = await creator.post('/api/v1/posts', {
      kind: 'image_text',
      title: '开衫上身',
      body: '合作款',
      images: ['/media/u/ab/med_look.jpg'],
      productIds: [],
    });
    expect(labelled.status, JSON.stringify(labelled.body)).toBe(201);
    const ids: string[] = [];
    for (const [i, title] of ['春季种草', '夏季上新', '秋季新品推广'].entries()) {
      const deal = await s.owner.post('/api/v1/merchant/partnerships', {
        creatorId: creator.userId,
        title,
        feeAmount: 100_000 * (i + 1),
        ...(i === 2 ? { postId: labelled.body.id } : {}),
      });
      expect(deal.status, JSON.stringify(deal.body)).toBe(201);
      ids.push(deal.body.id);
      t.clock.advance(1000);
    }

    const first = await s.owner.get('/api/v1/merchant/partnerships?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((d: any) => d.title)).toEqual(['秋季新品推广', '夏季上新']);
    expect(first.body.items[0]).toMatchObject({
      id: ids[2],
      brandName: '山野小店',
      feeAmount: 300_000,
      creator: { id: creator.userId },
      posts: [{ id: labelled.body.id, title: '开衫上身', status: 'published' }],
    });
    expect(first.body.items[1].posts).toEqual([]);
    const second = await s.owner.get(`/api/v1/merchant/partnerships?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ id: ids[0], title: '春季种草' }], nextCursor: null });

    expect((await other.owner.get('/api/v1/merchant/partnerships')).body).toEqual({ items: [], nextCursor: null });
    expect((await creator.get('/api/v1/merchant/partnerships')).status).toBe(403);
  });
});
