import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client.ts';
import type { Translate } from '../../../i18n/index.tsx';
import {
  duplicateRows,
  flashPriceProblem,
  formFieldErrors,
  perUserProblem,
  quantityProblem,
  toCreateBody,
  windowProblem,
  yuanToFen,
  type SkuFacts,
} from './form.ts';

// The Chinese source text with its variables filled in, as zh-CN shows it.
const t = ((key: string, vars?: Record<string, string | number>) =>
  key.replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''))) as Translate;

const sku: SkuFacts = { skuId: 'sku_1', productTitle: '保温杯', specText: '500ml', price: 19_900, stock: 30 };

describe('yuan to fen', () => {
  it('turns two-decimal yuan into exact fen, whatever the float noise', () => {
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(1_234.5)).toBe(123_450);
    expect(yuanToFen(0.01)).toBe(1);
  });

  it('refuses amounts it would have to round', () => {
    expect(yuanToFen(9.999)).toBeUndefined();
    expect(yuanToFen(-1)).toBeUndefined();
    expect(yuanToFen(Number.NaN)).toBeUndefined();
  });
});

describe('item checks', () => {
  it('wants a flash price of at least one fen and below today’s price', () => {
    expect(flashPriceProblem(99, sku, t)).toBeNull();
    expect(flashPriceProblem(199, sku, t)).toBe('秒杀价须低于现价 ¥199.00');
    expect(flashPriceProblem(0, sku, t)).toBe('秒杀价至少 0.01 元');
    expect(flashPriceProblem(1.234, sku, t)).toBe('金额最多两位小数');
    expect(flashPriceProblem(null, sku, t)).toBe('请输入秒杀价');
  });

  it('keeps the quantity within the SKU’s free stock and the per-buyer limit within 1–10', () => {
    expect(quantityProblem(30, sku, t)).toBeNull();
    expect(quantityProblem(31, sku, t)).toBe('超过现有库存 30 件');
    expect(quantityProblem(0, sku, t)).toBe('秒杀数量至少 1 件');
    expect(perUserProblem(10, t)).toBeNull();
    expect(perUserProblem(11, t)).toBe('每人限购 1–10 件');
  });

  it('flags a SKU chosen twice, not its first row', () => {
    expect([...duplicateRows([{ skuId: 'a' }, { skuId: 'b' }, { skuId: 'a' }, {}])]).toEqual([2]);
  });
});

describe('time window', () => {
  const now = Date.parse('2026-12-12T00:00:00+08:00');
  it('accepts a future window of up to 24 hours', () => {
    expect(windowProblem(now + 60_000, now + 3_600_000, now, t)).toBeNull();
    expect(windowProblem(now - 5 * 60_000, now + 3_600_000, now, t)).toBe('开始时间不能早于现在');
    expect(windowProblem(now + 60_000, now + 60_000, now, t)).toBe('结束时间须晚于开始时间');
    expect(windowProblem(now, now + 25 * 3_600_000, now, t)).toBe('一个场次最长 24 小时');
  });
});

describe('request body', () => {
  it('sends fen, seconds and ISO instants', () => {
    const start = dayjs('2026-12-12T00:00:00+08:00');
    const body = toCreateBody({
      title: '  双十二零点秒杀 ',
      window: [start, start.add(1, 'hour')],
      payWindowMinutes: 5,
      memberEarlyAccess: true,
      items: [{ productId: 'prd_1', skuId: 'sku_1', flashPriceYuan: 99.9, quantity: 30, perUserLimit: 2 }],
    });
    expect(body).toEqual({
      title: '双十二零点秒杀',
      startsAt: '2026-12-11T16:00:00.000Z',
      endsAt: '2026-12-11T17:00:00.000Z',
      payWindowSeconds: 300,
      memberEarlyAccess: true,
      items: [{ skuId: 'sku_1', flashPrice: 9_990, quantity: 30, perUserLimit: 2 }],
    });
  });

  it('sends a VIP slot’s tier and community only when chosen', () => {
    const start = dayjs('2026-12-12T00:00:00+08:00');
    const values = {
      title: '金卡社群专享',
      window: [start, start.add(1, 'hour')] as [typeof start, typeof start],
      payWindowMinutes: 5,
      items: [{ productId: 'prd_1', skuId: 'sku_1', flashPriceYuan: 10, quantity: 3, perUserLimit: 1 }],
    };
    expect(toCreateBody({ ...values, minTier: 'gold', communityId: 'cmn_1' })).toMatchObject({
      minTier: 'gold',
      communityId: 'cmn_1',
    });
    const open = toCreateBody({ ...values, minTier: null, communityId: null });
    expect('minTier' in open || 'communityId' in open).toBe(false);
  });

  it('puts the server’s field errors on the form’s own fields', () => {
    const err = new ApiError({
      type: 'validation',
      title: '请求参数有误',
      status: 400,
      errors: [
        { field: 'body.items.0.flashPrice', message: '秒杀价至少 0.01 元' },
        { field: 'body.payWindowSeconds', message: '支付时限最多 30 分钟' },
      ],
    });
    expect(formFieldErrors(err)).toEqual([
      { name: ['items', 0, 'flashPriceYuan'], errors: ['秒杀价至少 0.01 元'] },
      { name: ['payWindowMinutes'], errors: ['支付时限最多 30 分钟'] },
    ]);
  });
});
