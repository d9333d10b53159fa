import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { bookMovements, eventCounts, levelsOf, merchantWarehouses, type MovementInput } from './journal.ts';
import { distanceKm } from './regions.ts';
import { allocations, warehouses } from './schema.ts';

// Stock events from orders and the catalog, booked into the journal. Subscribers only: orders' tables are never read.

interface OrderCreated {
  orderId: string;
  merchantId: string;
  province?: string | null;
  /** A C2M pre-sale order: its units are produced later and arrive pre-sold on the production order's receipt. */
  madeToOrder?: boolean;
  lines: { lineId: string; skuId: string; qty: number }[];
}

/**
 * order.created: each line ships from the nearest warehouse (by the address's province) that holds it, splitting
 * over the next nearest when one is short; the choice is the shipment's 发货仓. Runs once per event (delivery records).
 */
export async function routeOrder(db: Db, order: OrderCreated, writtenAt: Date, at: Date): Promise<void> {
  if (order.madeToOrder) return;
  const counted = await eventCounts(
    db,
    order.lines.map((l) => l.skuId),
    writtenAt,
  );
  const lines = order.lines.filter((l) => counted.has(l.skuId));
  if (lines.length === 0) return;
  const houses = (await merchantWarehouses(db, order.merchantId))
    .map((w) => ({ ...w, km: distanceKm(order.province, w) }))
    .sort((a, b) => a.km - b.km || (a.isDefault === b.isDefault ? a.id.localeCompare(b.id) : a.isDefault ? -1 : 1));
  const levels = await levelsOf(
    db,
    order.merchantId,
    lines.map((l) => l.skuId),
    true,
  );
  const left = new Map(levels.map((l) => [`${l.warehouseId}\n${l.skuId}`, l.onHand]));
  const picks: { lineId: string; skuId: string; warehouseId: string; qty: number }[] = [];
  for (const line of lines) {
    let need = line.qty;
    for (const w of houses) {
      if (need === 0) break;
      const key = `${w.id}\n${line.skuId}`;
      const take = Math.min(need, left.get(key) ?? 0);
      if (take === 0) continue;
      left.set(key, (left.get(key) ?? 0) - take);
      picks.push({ lineId: line.lineId, skuId: line.skuId, warehouseId: w.id, qty: take });
      need -= take;
    }
    // The catalog sold it, so the units exist; a stock event not booked yet (an earlier edit) is retried first.
    if (need > 0) throw new Error(`supply: ${line.skuId} short by ${need} across warehouses for ${order.orderId}`);
  }
  const booked = await bookMovements(
    db,
    { merchantId: order.merchantId, recordedBy: 'system', at },
    picks.map((p) => ({ warehouseId: p.warehouseId, skuId: p.skuId, kind: 'sale', qty: -p.qty, refId: order.orderId })),
  );
  if (!booked.ok) throw new Error(`supply: ${booked.skuId} short in ${booked.warehouseId}`);
  await db.insert(allocations).values(
    picks.map((p) => ({
      orderId: order.orderId,
      lineId: p.lineId,
      warehouseId: p.warehouseId,
      merchantId: order.merchantId,
      skuId: p.skuId,
      qty: p.qty,
      province: order.province ?? null,
      createdAt: at,
    })),
  );
}

/**
 * Units back on hand (a cancelled order, a refund before shipment, returned goods): into the warehouses the sale
 * took them from, else the default one. `lines` omitted means everything the order took.
 */
export async function restockOrder(
  db: Db,
  input: {
    orderId: string;
    merchantId: string;
    lines?: { skuId: string; qty: number; lineId?: string }[];
    note: string;
  },
  writtenAt: Date,
  at: Date,
): Promise<void> {
  const taken = await db
    .select()
    .from(allocations)
    .where(eq(allocations.orderId, input.orderId))
    .orderBy(asc(allocations.lineId), asc(allocations.warehouseId))
    .for('update');
  const wanted =
    input.lines ??
    taken.map((a) => ({ skuId: a.skuId, qty: a.qty - a.returnedQty, lineId: a.lineId })).filter((l) => l.qty > 0);
  const counted = await eventCounts(
    db,
    wanted.map((l) => l.skuId),
    writtenAt,
  );
  const entries: MovementInput[] = [];
  const [home] = await db
    .select({ id: warehouses.id })
    .from(warehouses)
    .where(and(eq(warehouses.merchantId, input.merchantId), eq(warehouses.isDefault, true)));
  for (const line of wanted.filter((l) => counted.has(l.skuId))) {
    let rest = line.qty;
    for (const a of taken) {
      if (rest === 0) break;
      if (a.skuId !== line.skuId || (line.lineId && a.lineId !== line.lineId)) continue;
      const back = Math.min(rest, a.qty - a.returnedQty);
      if (back <= 0) continue;
      a.returnedQty += back;
      rest -= back;
      await db
        .update(allocations)
        .set({ returnedQty: sql`${allocations.returnedQty} + ${back}` })
        .where(and(eq(allocations.lineId, a.lineId), eq(allocations.warehouseId, a.warehouseId)));
      entries.push({
        warehouseId: a.warehouseId,
        skuId: line.skuId,
        kind: 'return',
        qty: back,
        refId: input.orderId,
        note: input.note,
      });
    }
    // Sold before the journal followed the SKU (or flash-sale stock): the units come home to the default warehouse.
    if (rest > 0 && home)
      entries.push({
        warehouseId: home.id,
        skuId: line.skuId,
        kind: 'return',
        qty: rest,
        refId: input.orderId,
        note: input.note,
      });
  }
  await bookMovements(db, { merchantId: input.merchantId, recordedBy: 'system', at }, entries);
}

/**
 * A merchant set a SKU's absolute stock in the product editor: the difference is an adjustment, into the default
 * warehouse when it grows, out of the default one first (then the others) when it shrinks.
 */
export async function bookCatalogEdit(
  db: Db,
  merchantId: string,
  changes: { skuId: string; delta: number }[],
  writtenAt: Date,
  at: Date,
): Promise<void> {
  const counted = await eventCounts(
    db,
    changes.map((c) => c.skuId),
    writtenAt,
  );
  const live = changes.filter((c) => counted.has(c.skuId) && c.delta !== 0);
  if (live.length === 0) return;
  const houses = await merchantWarehouses(db, merchantId);
  const ordered = [...houses.filter((w) => w.isDefault), ...houses.filter((w) => !w.isDefault)];
  const levels = await levelsOf(
    db,
    merchantId,
    live.map((c) => c.skuId),
    true,
  );
  const entries: MovementInput[] = [];
  const note = '商家在商品编辑中修改库存';
  for (const c of live) {
    if (c.delta > 0) {
      entries.push({ warehouseId: ordered[0]!.id, skuId: c.skuId, kind: 'adjustment', qty: c.delta, note });
      continue;
    }
    let out = -c.delta;
    for (const w of ordered) {
      const have = levels.find((l) => l.warehouseId === w.id && l.skuId === c.skuId)?.onHand ?? 0;
      const take = Math.min(out, have);
      if (take > 0) entries.push({ warehouseId: w.id, skuId: c.skuId, kind: 'adjustment', qty: -take, note });
      out -= take;
    }
    if (out > 0) throw new Error(`supply: ${c.skuId} edit takes ${out} more than the warehouses hold`);
  }
  await bookMovements(db, { merchantId, recordedBy: 'system', at }, entries);
}

/** The shipment's 发货仓 for an order (what the routing chose), for the merchant's order page. */
export async function shipmentRoute(db: Db, merchantId: string, orderId: string) {
  const rows = await db
    .select({
      lineId: allocations.lineId,
      skuId: allocations.skuId,
      qty: allocations.qty,
      returnedQty: allocations.returnedQty,
      province: allocations.province,
      warehouseId: warehouses.id,
      warehouseName: warehouses.name,
      warehouseProvince: warehouses.province,
    })
    .from(allocations)
    .innerJoin(warehouses, eq(warehouses.id, allocations.warehouseId))
    .where(and(eq(allocations.orderId, orderId), eq(allocations.merchantId, merchantId)))
    .orderBy(asc(allocations.lineId));
  return rows;
}
