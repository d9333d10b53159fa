import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { operator, product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, editSku, HANGZHOU, merchant, placeOrder, URUMQI } from '../../../test/order-factories.ts';

const t = await createTestApp();
vi.setConfig({ testTimeout: 120_000 });

const GUANGZHOU = { ...HANGZHOU, recipient: '陈大文', province: '广东省', city: '广州市', district: '天河区' };
const idem = () => ({ idempotencyKey: newId('idem') });
const base = '/api/v1/merchant/supply';

async function shopWithWarehouses() {
  const { merchantId, owner } = await merchant(t, `供应链店${newId('x').slice(-6)}`);
  const p = await product(t, owner, merchantId, { categoryId: 'cat_skincare' });
  const made: Record<string, string> = {};
  for (const [name, province] of [
    ['杭州仓', '浙江省'],
    ['广州仓', '广东省'],
    ['成都仓', '四川省'],
  ] as const) {
    const res = await owner.post(`${base}/warehouses`, { name, province });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    made[name] = res.body.id;
  }
  return { merchantId, owner, skuIds: p.skuIds, productId: p.productId, wh: made };
}

type Shop = Awaited<ReturnType<typeof shopWithWarehouses>>;

/** The invariants: per (warehouse, SKU) the journal sums to on-hand, never negative; per SKU the warehouses sum to the sellable figure. */
async function expectBooksBalance(s: Shop) {
  const db = t.deps.database.db;
  const mismatched = await db.execute(sql`
    select l.warehouse_id, l.sku_id, l.on_hand, coalesce(sum(m.qty), 0)::int as journal
    from supply_stock_levels l left join supply_movements m on m.warehouse_id = l.warehouse_id and m.sku_id = l.sku_id
    where l.merchant_id = ${s.merchantId}
    group by l.warehouse_id, l.sku_id, l.on_hand
    having l.on_hand <> coalesce(sum(m.qty), 0) or l.on_hand < 0`);
  expect((mismatched as { rows: unknown[] }).rows).toEqual([]);
  const stock = (await s.owner.get(`${base}/stock`)).body as {
    items: { skuId: string; sellable: number; onHand: number }[];
  };
  for (const item of stock.items) expect(item.onHand, item.skuId).toBe(item.sellable);
  return stock;
}

async function po(s: Shop, supplierId: string, qty: number, skuId = s.skuIds[0]!) {
  const created = await s.owner.post(`${base}/purchase-orders`, {
    supplierId,
    warehouseId: s.wh['杭州仓'],
    lines: [{ skuId, qty, unitCost: 3000 }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; status: string; lines: { id: string }[] };
}

async function receive(s: Shop, poId: string, poLineId: string, qty: number, extra: Record<string, unknown> = {}) {
  return s.owner.post(
    `${base}/purchase-orders/${poId}/receipts`,
    { lines: [{ poLineId, qty, batchNo: `B${qty}`, producedOn: '2026-11-01', expiresOn: '2028-11-01', ...extra }] },
    idem(),
  );
}

describe('warehouses, routing and the journal', () => {
  it('opens the sellable stock into the first warehouse, routes orders to the nearest one with stock, books returns', async () => {
    const s = await shopWithWarehouses();
    let stock = await expectBooksBalance(s);
    expect(stock.items.map((i) => i.onHand)).toEqual([100, 100]);

    const moved = await s.owner.post(
      `${base}/transfers`,
      { fromWarehouseId: s.wh['杭州仓'], toWarehouseId: s.wh['广州仓'], lines: [{ skuId: s.skuIds[0], qty: 30 }] },
      idem(),
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);

    const [canton, urumqi, hangzhou] = await Promise.all([buyer(t, GUANGZHOU), buyer(t, URUMQI), buyer(t, HANGZHOU)]);
    const sku = s.skuIds[0]!;
    const a = await placeOrder(t, canton, [{ skuId: sku, qty: 2 }]);
    const b = await placeOrder(t, urumqi, [{ skuId: sku, qty: 1 }]);
    const c = await placeOrder(t, hangzhou, [{ skuId: sku, qty: 1 }]);
    await t.drain();
    const routeOf = async (orderId: string) =>
      (
        (await s.owner.get(`${base}/orders/${orderId}/route`)).body as {
          items: { warehouseName: string; qty: number }[];
        }
      ).items;
    expect(await routeOf(a.orders[0]!.id)).toMatchObject([{ warehouseName: '广州仓', qty: 2 }]);
    // 新疆: 成都仓 is nearest (西南 → 西北) but holds none of it; 杭州仓 is next.
    expect(await routeOf(b.orders[0]!.id)).toMatchObject([{ warehouseName: '杭州仓', qty: 1 }]);
    expect(await routeOf(c.orders[0]!.id)).toMatchObject([{ warehouseName: '杭州仓', qty: 1 }]);

    // A 29-unit order from 广州 takes 广州仓's remaining 28 and one more from the next nearest warehouse with stock.
    const big = await placeOrder(t, canton, [{ skuId: sku, qty: 29 }]);
    await t.drain();
    expect((await routeOf(big.orders[0]!.id)).map((r) => [r.warehouseName, r.qty]).sort()).toEqual([
      ['广州仓', 28],
      ['杭州仓', 1],
    ]);

    expect((await canton.post(`/api/v1/orders/${big.orders[0]!.id}/cancel`, {})).status).toBe(200);
    await t.drain();
    stock = await expectBooksBalance(s);
    const perWh = (stock.items.find((i) => i.skuId === sku) as unknown as { perWarehouse: Record<string, number> })
      .perWarehouse;
    expect(perWh).toEqual({ [s.wh['杭州仓']!]: 68, [s.wh['广州仓']!]: 28, [s.wh['成都仓']!]: 0 });

    const journal = (await s.owner.get(`${base}/movements?warehouseId=${s.wh['广州仓']}&skuId=${sku}`)).body as {
      items: { kind: string; qty: number; onHandAfter: number }[];
    };
    expect(journal.items.map((m) => [m.kind, m.qty, m.onHandAfter])).toEqual([
      ['return', 28, 28],
      ['sale', -28, 0],
      ['sale', -2, 28],
      ['transfer_in', 30, 30],
    ]);
  });

  it('keeps every sum right under parallel sales, receipts, transfers, edits and a stock-take', async () => {
    const s = await shopWithWarehouses();
    const [sku0, sku1] = s.skuIds as [string, string];
    const supplier = (
      await s.owner.post(`${base}/suppliers`, {
        name: '并发测试厂',
        origin: '广东省广州市',
        factoryDirect: true,
        leadTimeDays: 7,
      })
    ).body;
    const p1 = await po(s, supplier.id, 50);
    const p2 = await po(s, supplier.id, 50, sku1);
    await Promise.all([
      s.owner.post(`${base}/purchase-orders/${p1.id}/send`),
      s.owner.post(`${base}/purchase-orders/${p2.id}/send`),
    ]);
    const buyers = await Promise.all([buyer(t, GUANGZHOU), buyer(t, URUMQI), buyer(t, HANGZHOU), buyer(t, GUANGZHOU)]);

    await Promise.all([
      ...buyers.map((b, i) =>
        placeOrder(t, b, [
          { skuId: i % 2 ? sku1 : sku0, qty: 3 },
          { skuId: sku0, qty: 1 },
        ]),
      ),
      receive(s, p1.id, p1.lines[0]!.id, 20),
      receive(s, p2.id, p2.lines[0]!.id, 50),
      ...[1, 2, 3].map(() =>
        s.owner.post(
          `${base}/transfers`,
          {
            fromWarehouseId: s.wh['杭州仓'],
            toWarehouseId: s.wh['成都仓'],
            lines: [
              { skuId: sku0, qty: 5 },
              { skuId: sku1, qty: 4 },
            ],
          },
          idem(),
        ),
      ),
      // A sale and the events still undelivered while the next statements run: the dispatcher runs alongside.
      t.drain(),
    ]);
    await t.drain();
    await expectBooksBalance(s);

    await editSku(t, { ...s, skuId: sku1 }, { stock: 10 });
    await t.drain();
    // 成都仓 got 15 by transfer, less what the routing shipped from it to 新疆 (nearest for that buyer).
    const inChengdu = (await expectBooksBalance(s)).items.find((i) => i.skuId === sku0) as unknown as {
      perWarehouse: Record<string, number>;
    };
    const expected = inChengdu.perWarehouse[s.wh['成都仓']!]!;
    expect(expected).toBeGreaterThanOrEqual(15 - 4);
    const counted = await s.owner.post(
      `${base}/stock-takes`,
      { warehouseId: s.wh['成都仓'], lines: [{ skuId: sku0, counted: expected - 3 }] },
      idem(),
    );
    expect(counted.status, JSON.stringify(counted.body)).toBe(201);
    expect(counted.body.lines).toEqual([{ skuId: sku0, expected, counted: expected - 3, variance: -3 }]);
    await t.drain();
    const stock = await expectBooksBalance(s);
    expect(stock.items.find((i) => i.skuId === sku1)!.sellable).toBe(10);
    // 100 opening + 20 received − 4 buyers × 1 − 2 buyers × 3 − 3 counted missing.
    expect(stock.items.find((i) => i.skuId === sku0)!.sellable).toBe(100 + 20 - 4 - 6 - 3);
  });
});

describe('purchase orders and supplier concentration', () => {
  it('moves draft → sent → partially received → received, and refuses what the state does not allow', async () => {
    const s = await shopWithWarehouses();
    const sup = (
      await s.owner.post(`${base}/suppliers`, {
        name: '云南普洱茶厂',
        origin: '云南省普洱市',
        factoryDirect: true,
        qualifications: ['SC 生产许可证'],
        leadTimeDays: 12,
      })
    ).body;
    const order = await po(s, sup.id, 10);
    expect(order.status).toBe('draft');
    const early = await receive(s, order.id, order.lines[0]!.id, 5);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: 'po-wrong-status', title: '采购单当前状态不允许此操作' });

    expect((await s.owner.post(`${base}/purchase-orders/${order.id}/send`)).body.status).toBe('sent');
    expect((await s.owner.post(`${base}/purchase-orders/${order.id}/send`)).status).toBe(409);
    const part = await receive(s, order.id, order.lines[0]!.id, 6, { rejectedQty: 1 });
    expect(part.body).toMatchObject({
      status: 'partially_received',
      lines: [{ qtyReceived: 6 }],
      lots: [{ batchNo: 'B6', producedOn: '2026-11-01', expiresOn: '2028-11-01' }],
    });
    const rest = await receive(s, order.id, order.lines[0]!.id, 4);
    expect(rest.body.status).toBe('received');
    expect((await s.owner.post(`${base}/purchase-orders/${order.id}/close`)).status).toBe(409);

    const other = await po(s, sup.id, 3);
    await s.owner.post(`${base}/purchase-orders/${other.id}/send`);
    expect((await s.owner.post(`${base}/purchase-orders/${other.id}/close`)).body.status).toBe('closed');

    const stock = await expectBooksBalance(s);
    expect(stock.items.find((i) => i.skuId === s.skuIds[0])!.sellable).toBe(110);
    const detail = (await s.owner.get(`${base}/suppliers`)).body.items[0];
    expect(detail).toMatchObject({ acceptedQty: 10, rejectedQty: 1, defectBp: 909 });
  });

  it('warns when one supplier exceeds 40 % of a category (exactly 40 % does not), and operators see it', async () => {
    const s = await shopWithWarehouses();
    const mk = async (name: string) =>
      (await s.owner.post(`${base}/suppliers`, { name, origin: '浙江省义乌市', factoryDirect: false, leadTimeDays: 5 }))
        .body.id as string;
    const [a, b, c] = [await mk('甲供应商'), await mk('乙供应商'), await mk('丙供应商')];
    const deliver = async (supplierId: string, qty: number) => {
      const o = await po(s, supplierId, qty);
      await s.owner.post(`${base}/purchase-orders/${o.id}/send`);
      expect((await receive(s, o.id, o.lines[0]!.id, qty)).status).toBe(200);
    };
    const alerts = async () =>
      (
        (await s.owner.get(`${base}/concentration-alerts`)).body.items as {
          status: string;
          supplierName: string;
          shareBp: number;
        }[]
      ).filter((x) => x.status === 'open');

    await deliver(a, 40);
    expect(await alerts()).toMatchObject([{ supplierName: '甲供应商', shareBp: 10000 }]);
    await deliver(b, 30);
    await deliver(c, 30);
    expect(await alerts()).toEqual([]);
    await deliver(a, 1);
    expect(await alerts()).toMatchObject([{ supplierName: '甲供应商', shareBp: 4059 }]);

    const platform = (await (await operator(t)).get('/api/v1/admin/supply/concentration-alerts')).body.items as {
      merchantId: string;
      categoryName: string;
    }[];
    expect(platform.filter((x) => x.merchantId === s.merchantId)).toMatchObject([
      { categoryName: expect.stringContaining('护肤') },
    ]);
    expect((await s.owner.get('/api/v1/admin/supply/concentration-alerts')).status).toBe(403);
  });

  it('answers bad input with a Chinese problem and changes nothing', async () => {
    const s = await shopWithWarehouses();
    const sup = (
      await s.owner.post(`${base}/suppliers`, {
        name: '校验厂',
        origin: '江苏省苏州市',
        factoryDirect: true,
        leadTimeDays: 3,
      })
    ).body;
    const order = await po(s, sup.id, 10);
    await s.owner.post(`${base}/purchase-orders/${order.id}/send`);
    const before = JSON.stringify([
      (await s.owner.get(`${base}/stock`)).body,
      (await s.owner.get(`${base}/purchase-orders/${order.id}`)).body,
      (await s.owner.get(`${base}/movements`)).body,
    ]);

    const cases = [
      [await receive(s, order.id, order.lines[0]!.id, 5, { expiresOn: '2026-10-01' }), 422, '日期不合理'],
      [await receive(s, order.id, order.lines[0]!.id, 11), 422, '收货数量超过未到货数量'],
      [await receive(s, order.id, order.lines[0]!.id, -1), 400, undefined],
      [
        await s.owner.post(
          `${base}/transfers`,
          { fromWarehouseId: s.wh['成都仓'], toWarehouseId: s.wh['杭州仓'], lines: [{ skuId: s.skuIds[0], qty: 1 }] },
          idem(),
        ),
        409,
        '仓库库存不足',
      ],
      [await s.owner.post(`${base}/warehouses`, { name: '火星仓', province: '火星' }), 422, '省份无法识别'],
      [
        await s.owner.post(
          `${base}/stock-takes`,
          { warehouseId: s.wh['杭州仓'], lines: [{ skuId: 'sku_elsewhere', counted: 1 }] },
          idem(),
        ),
        422,
        '规格不属于本店',
      ],
      [
        await s.owner.put(`${base}/suppliers/${sup.id}/skus`, {
          links: [{ skuId: s.skuIds[0], unitCost: 100, sharePct: 101 }],
        }),
        400,
        undefined,
      ],
    ] as const;
    for (const [res, status, title] of cases) {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.title).toMatch(title ?? /[\u4e00-\u9fa5]/);
    }
    const after = JSON.stringify([
      (await s.owner.get(`${base}/stock`)).body,
      (await s.owner.get(`${base}/purchase-orders/${order.id}`)).body,
      (await s.owner.get(`${base}/movements`)).body,
    ]);
    expect(after).toBe(before);
  });
});
