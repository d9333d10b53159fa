import { describe, expect, it } from 'vitest';
import { merchantWithOwner, operator, product } from '../../../test/factories.ts';
import { deliveredOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client, loginByCode } from '../../../test/http.ts';
import { merchant } from '../../../test/order-factories.ts';

// Ad-law findings beyond product saves: copy that needs a person waits in the moderation queue (with appeals),
// and a review that reads like a banned advertisement is held like a suspected fake one.

const t = await createTestApp();
const anon = new Client(t);
const ops = await operator(t);

const newProduct = (title: string) => ({
  categoryId: 'cat_tea',
  title,
  description: '',
  attributes: [],
  specs: [],
  skus: [{ specValues: {}, price: 5900, stock: 5 }],
});

describe('products with findings that need review', () => {
  it('queues the product; a rejection delists it; the merchant appeals with a reason; decisions are kept', async () => {
    const { owner } = await merchantWithOwner(t, '茶叶店');
    const created = await owner.post('/api/v1/merchant/products', newProduct('荣获国际金奖的普洱茶'));
    expect(created.status).toBe(201);
    const queue = await ops.get('/api/v1/admin/moderation/items');
    const item = queue.body.items.find((i: { subjectId: string }) => i.subjectId === created.body.id);
    expect(item).toMatchObject({ subjectType: 'product', status: 'pending', reasons: ['ad-law-review'] });
    expect(item.matchedWords[0]).toContain('金奖');
    expect(item.lexiconVersion).toBeGreaterThanOrEqual(0);

    // Only the author may appeal, and only a rejection.
    expect((await owner.post(`/api/v1/moderation/items/${item.id}/appeal`, { reason: '有获奖证书可查' })).status).toBe(
      409,
    );
    const rejected = await ops.post(`/api/v1/admin/moderation/items/${item.id}/decision`, {
      decision: 'reject',
      note: '未提供获奖证明',
    });
    expect(rejected.status).toBe(200);
    await t.drain();
    expect((await owner.get(`/api/v1/merchant/products/${created.body.id}`)).body.status).toBe('delisted');

    const stranger = await loginByCode(t);
    expect(
      (await stranger.post(`/api/v1/moderation/items/${item.id}/appeal`, { reason: '这不是我的商品' })).status,
    ).toBe(404);
    const appeal = await owner.post(`/api/v1/moderation/items/${item.id}/appeal`, {
      reason: '证书编号 2023-PE-118，已上传到商品详情',
    });
    expect(appeal.status).toBe(200);
    expect(appeal.body).toMatchObject({ status: 'pending', appealReason: '证书编号 2023-PE-118，已上传到商品详情' });
    await ops.post(`/api/v1/admin/moderation/items/${item.id}/decision`, { decision: 'approve', note: '证书属实' });

    const mine = await owner.get('/api/v1/moderation/mine?subjectType=product');
    const history = mine.body.find((m: { item: { id: string } }) => m.item.id === item.id);
    expect(history.item.status).toBe('approved');
    expect(history.events.map((e: { action: string; note: string }) => [e.action, e.note])).toEqual([
      ['reject', '未提供获奖证明'],
      ['appeal', '证书编号 2023-PE-118，已上传到商品详情'],
      ['approve', '证书属实'],
    ]);
  });

  it('an edit that removes the finding clears the pending item', async () => {
    const { owner } = await merchantWithOwner(t, '茶叶店二');
    const created = await owner.post('/api/v1/merchant/products', newProduct('荣获国际金奖的红茶'));
    await owner.patch(`/api/v1/merchant/products/${created.body.id}`, { title: '正山小种红茶' });
    const queue = await ops.get('/api/v1/admin/moderation/items');
    expect(queue.body.items.some((i: { subjectId: string }) => i.subjectId === created.body.id)).toBe(false);
  });
});

describe('reviews', () => {
  it('holds a review with a blocking ad-law finding out of the public list, with the reason for operators', async () => {
    const m = await merchant(t);
    const p = await product(t, m.owner, m.merchantId);
    const o = await deliveredOrder(t, { merchant: m, product: p });
    const res = await o.buyer.post('/api/v1/reviews', {
      orderLineId: o.lineIds[0]!,
      ratings: { quality: 5, logistics: 5, service: 5 },
      content: '全网第一的好东西，吃了以后治好失眠',
      images: [],
      anonymous: false,
    });
    expect(res.status).toBe(201);
    await t.drain();
    expect((await anon.get(`/api/v1/products/${p.productId}/reviews`)).body.items).toHaveLength(0);
    const flags = await ops.get('/api/v1/admin/review-flags');
    const flag = flags.body.items.find((f: { reviewId: string }) => f.reviewId === res.body.id);
    expect(flag.signals[0]).toMatchObject({ code: 'ad-law' });
    expect(flag.signals[0].detail).toContain('「全网第一」');
  });
});
