import { and, desc, eq, lt } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { atomically, idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { adjustSellableStock, listMerchantSkus } from '../catalog/api.ts';
import { bookMovements, levelsOf, merchantWarehouses, trackSkus } from './journal.ts';
import { refuse } from './refusals.ts';
import { regionOf } from './regions.ts';
import { movements, stockLevels, stockTakes, transfers, warehouses } from './schema.ts';

const actorId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.kind);

export async function createWarehouse(ctx: Ctx, input: { name: string; province: string }) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const region = regionOf(input.province);
  if (!region) return refuse('unknown-province', `「${input.province}」不是省级行政区全称，如「浙江省」「上海市」`);
  return atomically(ctx, async (tx) => {
    const existing = await merchantWarehouses(tx, merchantId);
    if (existing.some((w) => w.name === input.name)) return refuse('warehouse-name-taken', input.name);
    const now = ctx.now();
    const [row] = await tx
      .insert(warehouses)
      .values({
        id: newId('wh'),
        merchantId,
        name: input.name,
        province: input.province,
        region,
        isDefault: existing.length === 0,
        createdAt: now,
      })
      .returning();
    // The first warehouse takes the sellable stock as its opening balance.
    if (existing.length === 0) await trackSkus(tx, merchantId, now);
    return ok(row!);
  });
}

/** Per SKU: the sellable figure checkout guards, and its breakdown by warehouse. */
export async function stockOverview(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const [houses, skus, levels] = await Promise.all([
    merchantWarehouses(ctx.db, merchantId),
    listMerchantSkus(ctx.db, merchantId),
    ctx.db.select().from(stockLevels).where(eq(stockLevels.merchantId, merchantId)),
  ]);
  return {
    warehouses: houses,
    items: skus.map((s) => {
      const perWarehouse = Object.fromEntries(
        houses.map((w) => [w.id, levels.find((l) => l.warehouseId === w.id && l.skuId === s.skuId)?.onHand ?? 0]),
      );
      const onHand = Object.values(perWarehouse).reduce((a, b) => a + b, 0);
      return { ...s, sellable: s.stock, onHand, perWarehouse };
    }),
  };
}

export async function listMovements(
  ctx: Ctx,
  q: { warehouseId?: string | undefined; skuId?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const rows = await ctx.db
    .select()
    .from(movements)
    .where(
      and(
        eq(movements.merchantId, merchantId),
        q.warehouseId ? eq(movements.warehouseId, q.warehouseId) : undefined,
        q.skuId ? eq(movements.skuId, q.skuId) : undefined,
        q.cursor ? lt(movements.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(movements.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1]!.id : null };
}

async function ownWarehouse(ctx: Ctx, merchantId: string, id: string) {
  const [w] = await ctx.db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.id, id), eq(warehouses.merchantId, merchantId)));
  return w;
}

async function ownSkus(ctx: Ctx, merchantId: string, skuIds: string[]) {
  const found = await listMerchantSkus(ctx.db, merchantId, { skuIds: [...new Set(skuIds)] });
  return skuIds.find((id) => !found.some((s) => s.skuId === id));
}

/** Moves units between two of the merchant's warehouses: out and in booked together; the sellable total is unchanged. */
export async function transferStock(
  ctx: Ctx,
  input: {
    fromWarehouseId: string;
    toWarehouseId: string;
    lines: { skuId: string; qty: number }[];
    note?: string | undefined;
  },
) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  if (input.fromWarehouseId === input.toWarehouseId) return refuse('same-warehouse');
  const [from, to] = await Promise.all([
    ownWarehouse(ctx, merchantId, input.fromWarehouseId),
    ownWarehouse(ctx, merchantId, input.toWarehouseId),
  ]);
  if (!from || !to) return refuse('warehouse-not-found');
  const foreign = await ownSkus(
    ctx,
    merchantId,
    input.lines.map((l) => l.skuId),
  );
  if (foreign) return refuse('sku-not-found', foreign);
  return idempotent(ctx, 'supply.transfer', input, async (tx) => {
    const id = newId('trf');
    const note = input.note ?? `${from.name} → ${to.name}`;
    const booked = await bookMovements(
      tx,
      { merchantId, recordedBy: actorId(ctx), at: ctx.now() },
      input.lines.flatMap((l) => [
        { warehouseId: from.id, skuId: l.skuId, kind: 'transfer_out' as const, qty: -l.qty, refId: id, note },
        { warehouseId: to.id, skuId: l.skuId, kind: 'transfer_in' as const, qty: l.qty, refId: id, note },
      ]),
    );
    if (!booked.ok) return refuse('insufficient-warehouse-stock', `${from.name} 的 ${booked.skuId} 不够调出`);
    const [row] = await tx
      .insert(transfers)
      .values({
        id,
        merchantId,
        fromWarehouseId: from.id,
        toWarehouseId: to.id,
        lines: input.lines,
        recordedBy: actorId(ctx),
        createdAt: ctx.now(),
      })
      .returning();
    return ok(row!);
  });
}

/**
 * 盘点: the counted figures replace the warehouse's; each difference is a stock-take movement and moves the
 * sellable total by the same amount (a shortfall the shop already sold is refused: count again).
 */
export async function recordStockTake(
  ctx: Ctx,
  input: { warehouseId: string; lines: { skuId: string; counted: number }[] },
): Promise<Result<typeof stockTakes.$inferSelect>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const house = await ownWarehouse(ctx, merchantId, input.warehouseId);
  if (!house) return refuse('warehouse-not-found');
  const skuIds = input.lines.map((l) => l.skuId);
  const foreign = await ownSkus(ctx, merchantId, skuIds);
  if (foreign) return refuse('sku-not-found', foreign);
  return idempotent(ctx, 'supply.stocktake', input, async (tx) => {
    // Catalog rows first, then levels: the same lock order as receipts, so the two never deadlock.
    await listMerchantSkus(tx, merchantId, { skuIds, lock: true });
    await trackSkus(tx, merchantId, ctx.now(), skuIds);
    const levels = await levelsOf(tx, merchantId, skuIds, true);
    const lines = input.lines.map((l) => {
      const expected = levels.find((v) => v.warehouseId === house.id && v.skuId === l.skuId)?.onHand ?? 0;
      return { skuId: l.skuId, expected, counted: l.counted, variance: l.counted - expected };
    });
    const id = newId('stk');
    const sellable = await adjustSellableStock(
      tx,
      lines.map((l) => ({ skuId: l.skuId, delta: l.variance })),
    );
    if (!sellable.ok) return refuse('stock-sold-meanwhile', sellable.skuId);
    const booked = await bookMovements(
      tx,
      { merchantId, recordedBy: actorId(ctx), at: ctx.now() },
      lines.map((l) => ({
        warehouseId: house.id,
        skuId: l.skuId,
        kind: 'stocktake' as const,
        qty: l.variance,
        refId: id,
        note: `盘点：账面 ${l.expected}，实盘 ${l.counted}`,
      })),
    );
    if (!booked.ok) return refuse('insufficient-warehouse-stock', booked.skuId);
    const [row] = await tx
      .insert(stockTakes)
      .values({ id, merchantId, warehouseId: house.id, lines, recordedBy: actorId(ctx), createdAt: ctx.now() })
      .returning();
    return ok(row!);
  });
}

export async function listStockTakes(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  return ctx.db
    .select()
    .from(stockTakes)
    .where(eq(stockTakes.merchantId, merchantId))
    .orderBy(desc(stockTakes.id))
    .limit(50);
}

export async function listWarehouses(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  return merchantWarehouses(ctx.db, merchantId);
}
