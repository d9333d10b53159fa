import { describe, expect, it, vi } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, merchant, placeOrder } from '../../../test/order-factories.ts';
import { shanghaiDay } from '../points/api.ts';
import { backtest, emptyErrors, errorFigures } from './forecast-model.ts';
import { recordDemoSales } from './forecast.ts';
import { addDay, syntheticSalesHistory } from './sales-synthetic.ts';

// 销量预测与补货 (docs/SUPPLY.md "Forecast", "Replenishment"): the model must beat the seasonal-naive baseline in a
// rolling-origin backtest; suggestions follow forecast, lead time and stock; one click makes draft purchase orders.

const t = await createTestApp();
vi.setConfig({ testTimeout: 120_000 });
const base = '/api/v1/merchant/supply';
const MEMBER_DAY = t.deps.config.LIFECYCLE_MEMBER_DAY;

interface Figures {
  categoryId: string;
  wapeModelBp: number;
  wapeNaiveBp: number;
  mapeModelBp: number;
  mapeNaiveBp: number;
}

async function shopWithHistory(stock: number[]) {
  const { merchantId, owner } = await merchant(t, `预测店${newId('x').slice(-6)}`);
  const values = stock.map((_, i) => `款${i + 1}`);
  const made = await product(t, owner, merchantId, {
    categoryId: 'cat_skincare',
    specs: [{ name: '规格', values }],
    skus: stock.map((s, i) => ({ specValues: { 规格: values[i]! }, price: 9900, stock: s })),
  });
  const other = await product(t, owner, merchantId, { categoryId: 'cat_snacks', title: '坚果礼盒' });
  expect((await owner.post(`${base}/warehouses`, { name: '杭州仓', province: '浙江省' })).status).toBe(201);
  const yesterday = addDay(shanghaiDay(t.clock.now()), -1);
  const series = syntheticSalesHistory({
    skus: [
      ...made.skuIds.map((skuId) => ({ skuId, categoryId: 'cat_skincare' })),
      ...other.skuIds.map((skuId) => ({ skuId, categoryId: 'cat_snacks' })),
    ],
    lastDay: yesterday,
    days: 112,
    memberDayOfMonth: MEMBER_DAY,
    seed: 42,
  });
  await recordDemoSales(t.deps.database.db, merchantId, series);
  return { merchantId, owner, skuIds: made.skuIds, series };
}

describe('sales forecast', () => {
  it('beats the seasonal-naive baseline per category in a rolling-origin backtest (synthetic history)', () => {
    const skus = Array.from({ length: 24 }, (_, i) => ({ skuId: `s${i}`, categoryId: `c${i % 3}` }));
    const history = syntheticSalesHistory({ skus, lastDay: '2026-11-30', days: 112, memberDayOfMonth: 18, seed: 7 });
    const byCategory = new Map<string, ReturnType<typeof emptyErrors>>();
    for (const s of history)
      byCategory.set(s.categoryId, backtest(s.points, byCategory.get(s.categoryId) ?? emptyErrors()));
    expect(byCategory.size).toBe(3);
    for (const [category, e] of byCategory) {
      const f = errorFigures(e);
      expect(f.wapeModelBp!, category).toBeLessThan(f.wapeNaiveBp!);
      expect(f.mapeModelBp!, category).toBeLessThan(f.mapeNaiveBp!);
    }
  });

  it('shows the shop its forecast, with 会员日 raising it, and backtest figures per category', async () => {
    // A 会员日 within the next four weeks.
    const window = () => Array.from({ length: 28 }, (_, i) => addDay(shanghaiDay(t.clock.now()), i));
    while (!window().some((d) => Number(d.slice(8)) === MEMBER_DAY)) t.clock.advance(86_400_000);
    const s = await shopWithHistory([100, 100, 100]);
    const overview = await s.owner.get(`${base}/forecast`);
    expect(overview.status, JSON.stringify(overview.body)).toBe(200);
    expect(overview.body.demoHistory).toBe(true);
    const categories = overview.body.categories as Figures[];
    expect(categories.map((c) => c.categoryId).sort()).toEqual(['cat_skincare', 'cat_snacks']);
    for (const c of categories) expect(c.wapeModelBp, c.categoryId).toBeLessThan(c.wapeNaiveBp);

    const sku = (await s.owner.get(`${base}/forecast/skus/${s.skuIds[0]}`)).body;
    expect(sku.history).toHaveLength(56);
    expect(sku.forecast).toHaveLength(28);
    expect(sku.history.at(-1).day).toBe(addDay(shanghaiDay(t.clock.now()), -1));
    const member = sku.forecast.find((d: { memberDay: boolean }) => d.memberDay);
    const plain = sku.forecast.filter(
      (d: { memberDay: boolean; day: string }) =>
        !d.memberDay && new Date(`${d.day}T00:00:00Z`).getUTCDay() === new Date(`${member.day}T00:00:00Z`).getUTCDay(),
    );
    expect(sku.effects.memberDay).toBeGreaterThan(0);
    for (const d of plain) expect(member.units).toBeGreaterThan(d.units);
    for (const d of sku.forecast) expect(d.low).toBeLessThanOrEqual(d.units);
  });

  it('counts real orders into the day they were placed on', async () => {
    const { merchantId, owner } = await merchant(t, `日销店${newId('x').slice(-6)}`);
    const p = await product(t, owner, merchantId);
    const who = await buyer(t);
    await placeOrder(t, who, [{ skuId: p.skuIds[0]!, qty: 3 }]);
    await placeOrder(t, who, [{ skuId: p.skuIds[0]!, qty: 2 }]);
    await t.drain();
    const placedOn = shanghaiDay(t.clock.now());
    t.clock.advance(86_400_000);
    const sku = (await owner.get(`${base}/forecast/skus/${p.skuIds[0]}`)).body;
    expect(sku.demoHistory).toBe(false);
    expect(sku.history).toEqual([{ day: placedOn, units: 5, flash: false, memberDay: sku.history[0].memberDay }]);
  });
});

describe('replenishment', () => {
  it('suggests reorders from forecast, lead time and safety stock, flags stock-outs and overstock, and drafts POs in one click', async () => {
    // 款1 nearly sold out, 款2 comfortable, 款3 far more than 90 days can sell.
    const s = await shopWithHistory([3, 400, 100_000]);
    const supplier = await s.owner.post(`${base}/suppliers`, {
      name: '演示工厂',
      origin: '浙江省湖州市',
      factoryDirect: true,
      leadTimeDays: 14,
    });
    expect(supplier.status).toBe(201);
    expect(
      (
        await s.owner.put(`${base}/suppliers/${supplier.body.id}/skus`, {
          links: s.skuIds.slice(0, 2).map((skuId) => ({ skuId, unitCost: 2000, sharePct: 100 })),
        })
      ).status,
    ).toBe(200);
    const plan = (await s.owner.get(`${base}/replenishment`)).body;
    const row = (id: string) => plan.items.find((i: { skuId: string }) => i.skuId === id);
    const low = row(s.skuIds[0]!);
    expect(low.signal).toBe('stockout-risk');
    expect(low.leadTimeDays).toBe(14);
    expect(low.supplier.name).toBe('演示工厂');
    // Up to lead time + review week of demand plus safety stock, less the 3 on hand.
    expect(low.suggestedQty).toBeGreaterThan(low.leadDemand - 3);
    expect(low.safetyStock).toBeGreaterThan(0);
    expect(row(s.skuIds[2]!).signal).toBe('overstock');
    expect(row(s.skuIds[2]!).suggestedQty).toBe(0);
    expect(plan.items[0].skuId).toBe(s.skuIds[0]);

    // A SKU without a supplier cannot be drafted, and nothing is created.
    const refused = await s.owner.post(`${base}/replenishment/purchase-orders`, {
      items: [
        { skuId: s.skuIds[0]!, qty: low.suggestedQty },
        { skuId: s.skuIds[2]!, qty: 10 },
      ],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toContain('no-supplier');
    expect(refused.body.title).toBe('该规格尚未关联供应商，无法生成采购单');
    expect((await s.owner.get(`${base}/purchase-orders`)).body.items).toEqual([]);

    const drafted = await s.owner.post(`${base}/replenishment/purchase-orders`, {
      items: [{ skuId: s.skuIds[0]!, qty: low.suggestedQty }],
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    expect(drafted.body.purchaseOrders).toEqual([
      { id: expect.any(String), supplierName: '演示工厂', lines: 1, totalCost: low.suggestedQty * 2000 },
    ]);
    const po = (await s.owner.get(`${base}/purchase-orders/${drafted.body.purchaseOrders[0].id}`)).body;
    expect(po.status).toBe('draft');
    expect(po.lines[0]).toMatchObject({ skuId: s.skuIds[0], qtyOrdered: low.suggestedQty });
    // Now on order: the suggestion is covered and is not made twice.
    const after = (await s.owner.get(`${base}/replenishment`)).body.items.find(
      (i: { skuId: string }) => i.skuId === s.skuIds[0],
    );
    expect(after.onOrder).toBe(low.suggestedQty);
    expect(after.suggestedQty).toBe(0);
  });
});
