import { describe, expect, it } from 'vitest';
import { operator, orderPaidEvent } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { editSku, shop, signIn } from '../../../test/order-factories.ts';
import { getMerchantCreditScore } from '../catalog/api.ts';

const t = await createTestApp();
let ops = await operator(t);
const db = t.deps.database.db;
const DAY = 86_400_000;

type Finding = { id: string; kind: string; productId: string | null; status: string; detail: string };

describe('daily patrol', () => {
  it('finds missing qualifications, untruthful 划线价 and listings without stock; operators penalise or dismiss', async () => {
    // A hand-opened shop (no admission, so no qualification on record) selling face cream: 美妆 needs 化妆品备案.
    const cream = await shop(t, { title: '玻尿酸保湿面霜 50ml', price: 9900 });
    await orderPaidEvent(t, [{ skuId: cream.skuId, productId: cream.productId, qty: 1, unitPrice: 9900 }]);
    // ¥99 was really charged this week, so ¥99 is an allowed 划线价 next to ¥59 — today.
    await editSku(t, cream, { price: 5900, originalPrice: 9900 });
    const run = async () => (await ops.post('/api/v1/admin/patrol/run')).body;
    const findingsOf = async (merchantId: string, status = 'open') =>
      (await ops.get(`/api/v1/admin/patrol-findings?status=${status}&merchantId=${merchantId}`)).body
        .items as Finding[];

    expect((await run()).opened).toBeGreaterThanOrEqual(1);
    expect((await findingsOf(cream.merchantId)).map((f) => f.kind)).toEqual(['missing-qualification']);

    // 31 days later nobody paid ¥99 within the last 30 days: the 划线价 is no longer a real earlier price.
    t.clock.advance(31 * DAY);
    // Sessions last 30 days: both sign in again.
    ops = await operator(t);
    const owner = await signIn(t, cream.owner.phone);
    await editSku(t, cream, { stock: 0 });
    await run();
    const open = await findingsOf(cream.merchantId);
    expect(open.map((f) => f.kind).sort()).toEqual([
      'missing-qualification',
      'stale-stock',
      'untruthful-original-price',
    ]);
    expect(open.find((f) => f.kind === 'untruthful-original-price')!.detail).toContain('高于近 30 天最高价 ¥59.00');
    // The same findings seen again are not duplicated.
    await run();
    expect(await findingsOf(cream.merchantId)).toHaveLength(3);
    expect(await getMerchantCreditScore(db, cream.merchantId)).toBe(94);
    const own = (await owner.get('/api/v1/merchant/patrol-findings')).body.items as Finding[];
    expect(own).toHaveLength(3);
    expect((await owner.get('/api/v1/admin/patrol-findings')).status).toBe(403);

    // An operator takes the listing down as a penalty for the 划线价 finding; another finding is dismissed.
    const price = open.find((f) => f.kind === 'untruthful-original-price')!;
    const delist = await ops.post(`/api/v1/admin/merchants/${cream.merchantId}/penalties`, {
      kind: 'delist',
      reason: '划线价不真实，下架整改',
      productId: cream.productId,
      findingId: price.id,
    });
    expect(delist.status, JSON.stringify(delist.body)).toBe(201);
    expect((await owner.get(`/api/v1/merchant/products/${cream.productId}`)).body.status).toBe('delisted');
    const stale = open.find((f) => f.kind === 'stale-stock')!;
    expect((await ops.post(`/api/v1/admin/patrol-findings/${stale.id}/dismiss`)).body.status).toBe('dismissed');
    expect((await ops.post(`/api/v1/admin/patrol-findings/${stale.id}/dismiss`)).body.type).toBe('finding-closed');
    // 100 − 2 (one open finding) − 4 (a delist penalty).
    expect(await getMerchantCreditScore(db, cream.merchantId)).toBe(94);

    // Off sale, the product is no longer patrolled: its last finding closes as fixed and the score recovers.
    await run();
    expect(await findingsOf(cream.merchantId)).toEqual([]);
    expect((await findingsOf(cream.merchantId, 'fixed')).map((f) => f.kind)).toEqual(['missing-qualification']);
    expect(await getMerchantCreditScore(db, cream.merchantId)).toBe(96);
    const credit = (await owner.get('/api/v1/merchant/credit')).body;
    expect(credit.components.find((c: { key: string }) => c.key === 'penalty')).toMatchObject({ points: -4 });
  });
});
