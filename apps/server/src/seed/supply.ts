import { merchantMembership } from '../modules/accounts/api.ts';
import type { Deps } from '../deps.ts';
import { listMerchantSkus } from '../modules/catalog/api.ts';
import { shanghaiDay } from '../modules/points/api.ts';
import { recordDemoSales } from '../modules/supply/forecast.ts';
import { addDay, syntheticSalesHistory } from '../modules/supply/sales-synthetic.ts';
import { createPurchaseOrder, movePurchaseOrder, receivePurchaseOrder } from '../modules/supply/purchasing.ts';
import { createSupplier, setSupplierSkus } from '../modules/supply/suppliers.ts';
import { createWarehouse, recordStockTake, stockOverview, transferStock } from '../modules/supply/warehouses.ts';
import type { Actor } from '../platform/auth.ts';
import { type Ctx, makeCtx } from '../platform/context.ts';
import type { Result } from '../platform/errors.ts';

// 供应链演示数据 (docs/SUPPLY.md): the first demo shop's warehouses, suppliers and purchase orders. Every supplier
// name says 演示; nothing here is a real company. Created through the real use-cases, so the stock journal, the
// sellable stock and the concentration alert are what they would be after this work.

const must = <V>(what: string, r: Result<V>): V => {
  if (!r.ok) throw new Error(`[seed] ${what}失败：${r.type} ${r.detail ?? ''}`);
  return r.value;
};

const ownerCtx = (deps: Deps, merchant: { id: string; ownerUserId: string }): Ctx => {
  const actor: Actor = {
    kind: 'user',
    userId: merchant.ownerUserId,
    sessionId: 'seed',
    roles: ['consumer'],
    staff: [merchantMembership(merchant.id, 'owner')],
  };
  return makeCtx(deps, actor);
};

/** Before the demo orders: three regional warehouses, so the orders that follow are routed and journaled. */
export async function seedWarehouses(deps: Deps, merchant: { id: string; ownerUserId: string }) {
  const ctx = ownerCtx(deps, merchant);
  const hz = must('仓库', await createWarehouse(ctx, { name: '杭州主仓', province: '浙江省' }));
  const gz = must('仓库', await createWarehouse(ctx, { name: '广州分仓', province: '广东省' }));
  const cd = must('仓库', await createWarehouse(ctx, { name: '成都分仓', province: '四川省' }));
  const skus = (await listMerchantSkus(deps.database.db, merchant.id)).filter((s) => s.stock >= 30);
  for (const [i, sku] of skus.slice(0, 24).entries()) {
    const to = i % 2 === 0 ? gz : cd;
    must(
      '调拨',
      await transferStock(ctx, {
        fromWarehouseId: hz.id,
        toWarehouseId: to.id,
        lines: [{ skuId: sku.skuId, qty: Math.floor(sku.stock / 3) }],
        note: `演示：首批铺货到${to.name}`,
      }),
    );
  }
  return { hz, gz, cd };
}

/** After the demo orders: suppliers with their SKUs, purchase orders in every state, a stock-take. */
export async function seedSuppliers(
  deps: Deps,
  merchant: { id: string; ownerUserId: string },
  houses: Awaited<ReturnType<typeof seedWarehouses>>,
) {
  const ctx = ownerCtx(deps, merchant);
  const skus = await listMerchantSkus(deps.database.db, merchant.id);
  const byCategory = new Map<string, typeof skus>();
  for (const s of skus) byCategory.set(s.categoryId, [...(byCategory.get(s.categoryId) ?? []), s]);
  const [first, second] = [...byCategory.values()].sort((a, b) => b.length - a.length);
  const makers = [
    {
      name: '【演示】云岭植萃工厂',
      origin: '云南省昆明市',
      factoryDirect: true,
      qualifications: ['化妆品生产许可证（演示）', 'ISO 22716（演示）'],
      leadTimeDays: 14,
    },
    {
      name: '【演示】东海代工集团',
      origin: '浙江省湖州市',
      factoryDirect: true,
      qualifications: ['化妆品生产许可证（演示）'],
      leadTimeDays: 10,
    },
    {
      name: '【演示】广府美妆批发',
      origin: '广东省广州市',
      factoryDirect: false,
      qualifications: ['营业执照（演示）'],
      leadTimeDays: 5,
    },
  ];
  const created = [];
  for (const m of makers) created.push(must('供应商', await createSupplier(ctx, m)));
  const [a, b, c] = created as [(typeof created)[0], (typeof created)[0], (typeof created)[0]];
  const main = (first ?? []).slice(0, 6);
  const other = (second ?? []).slice(0, 4);
  must(
    '供货规格',
    await setSupplierSkus(
      ctx,
      a.id,
      main.map((s) => ({ skuId: s.skuId, unitCost: 2800, sharePct: 70 })),
    ),
  );
  must(
    '供货规格',
    await setSupplierSkus(
      ctx,
      b.id,
      [...main.slice(0, 3), ...other].map((s) => ({ skuId: s.skuId, unitCost: 3100, sharePct: 30 })),
    ),
  );
  must(
    '供货规格',
    await setSupplierSkus(
      ctx,
      c.id,
      other.map((s) => ({ skuId: s.skuId, unitCost: 3500, sharePct: 60 })),
    ),
  );

  const day = (offset: number) => new Date(deps.clock.now().getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  const po = async (supplierId: string, lines: typeof skus, qty: number, warehouseId: string, note: string) =>
    must(
      '采购单',
      await createPurchaseOrder(ctx, {
        supplierId,
        warehouseId,
        note,
        lines: lines.map((s) => ({ skuId: s.skuId, qty })),
      }),
    );
  // Received in full from the factory (the main product line leans on it: the 40 % alert shows).
  const done = await po(a.id, main, 60, houses.hz.id, '演示：月度补货');
  must('发送', await movePurchaseOrder(ctx, done.id, 'send'));
  must(
    '收货',
    await receivePurchaseOrder(ctx, done.id, {
      lines: done.lines.map((l, i) => ({
        poLineId: l.id,
        qty: 60,
        rejectedQty: i === 0 ? 2 : 0,
        batchNo: `YL${day(40).replaceAll('-', '')}-${i + 1}`,
        producedOn: day(40),
        expiresOn: day(-1055),
      })),
    }),
  );
  // Partly received from the second factory.
  const part = await po(b.id, [...main.slice(0, 2), ...other.slice(0, 2)], 40, houses.gz.id, '演示：华南补货');
  must('发送', await movePurchaseOrder(ctx, part.id, 'send'));
  must(
    '收货',
    await receivePurchaseOrder(ctx, part.id, {
      lines: part.lines.slice(0, 2).map((l, i) => ({
        poLineId: l.id,
        qty: 25,
        rejectedQty: 0,
        batchNo: `DH${day(20).replaceAll('-', '')}-${i + 1}`,
        producedOn: day(25),
        expiresOn: day(-1070),
      })),
    }),
  );
  // Sent and waiting, and a draft.
  const sent = await po(c.id, other, 30, houses.cd.id, '演示：西南备货');
  must('发送', await movePurchaseOrder(ctx, sent.id, 'send'));
  await po(b.id, main.slice(0, 3), 50, houses.hz.id, '演示：大促备货（草稿）');
  // A stock-take at the Chengdu warehouse that found one unit missing.
  const counted = (
    await listMerchantSkus(deps.database.db, merchant.id, { skuIds: other.slice(0, 1).map((s) => s.skuId) })
  )[0];
  if (counted) {
    const overview = await stockOverview(ctx);
    const inCd = overview.items.find((i) => i.skuId === counted.skuId)?.perWarehouse[houses.cd.id] ?? 0;
    if (inCd > 0)
      must(
        '盘点',
        await recordStockTake(ctx, { warehouseId: houses.cd.id, lines: [{ skuId: counted.skuId, counted: inCd - 1 }] }),
      );
  }
  return { suppliers: created.length, purchaseOrders: 4 };
}

/**
 * 演示销量历史 (docs/SUPPLY.md "Demo history"): 16 weeks of daily units per SKU of the demo shop, stored as source
 * `demo` beside what real orders record, so the forecast and the replenishment suggestions have something to learn
 * from on first start. The console labels forecasts that use it 含演示历史.
 */
export async function seedSalesHistory(deps: Deps, merchant: { id: string }): Promise<number> {
  const db = deps.database.db;
  const skus = await listMerchantSkus(db, merchant.id);
  const series = syntheticSalesHistory({
    skus,
    lastDay: addDay(shanghaiDay(deps.clock.now()), -1),
    days: 112,
    memberDayOfMonth: deps.config.LIFECYCLE_MEMBER_DAY,
    seed: 20_261_212,
  });
  return recordDemoSales(db, merchant.id, series);
}
