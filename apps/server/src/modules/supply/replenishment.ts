import { and, eq, inArray } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import { type Ctx, makeCtx } from '../../platform/context.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import { fitDemand } from './forecast-model.ts';
import { forecastOf, loadSeries } from './forecast.ts';
import { createPurchaseOrder } from './purchasing.ts';
import { refuse } from './refusals.ts';
import { poLines, purchaseOrders, supplierSkus, suppliers, warehouses } from './schema.ts';

// 补货建议 (docs/SUPPLY.md "Replenishment"): order up to the forecast demand over lead time + one review week plus
// safety stock z·σ·√(L+R) at a 95 % service level (z = 1.65), less what is on hand and already on order.

const REVIEW_DAYS = 7;
const Z = 1.65;
/** More than this many days of forecast demand on hand is 积压. */
const OVERSTOCK_DAYS = 90;
/** A SKU without a supplier link is planned with this lead time (and cannot be ordered until it has one). */
const DEFAULT_LEAD_DAYS = 7;

type StockSignal = 'stockout' | 'stockout-risk' | 'reorder' | 'overstock' | 'ok';

export async function replenishmentPlan(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const [{ series, demo }, links, open] = await Promise.all([
    loadSeries(ctx, merchantId),
    ctx.db
      .select({
        skuId: supplierSkus.skuId,
        supplierId: suppliers.id,
        supplierName: suppliers.name,
        leadTimeDays: suppliers.leadTimeDays,
        sharePct: supplierSkus.sharePct,
        unitCost: supplierSkus.unitCost,
      })
      .from(supplierSkus)
      .innerJoin(suppliers, eq(suppliers.id, supplierSkus.supplierId))
      .where(eq(supplierSkus.merchantId, merchantId)),
    ctx.db
      .select({ skuId: poLines.skuId, ordered: poLines.qtyOrdered, received: poLines.qtyReceived })
      .from(poLines)
      .innerJoin(purchaseOrders, eq(purchaseOrders.id, poLines.poId))
      .where(
        and(
          eq(purchaseOrders.merchantId, merchantId),
          inArray(purchaseOrders.status, ['draft', 'sent', 'partially_received']),
        ),
      ),
  ]);
  const onOrder = new Map<string, number>();
  for (const l of open) onOrder.set(l.skuId, (onOrder.get(l.skuId) ?? 0) + l.ordered - l.received);
  const items = series.map((s) => {
    // The main supplier: the largest planned share, then the cheaper one.
    const supplier = links
      .filter((l) => l.skuId === s.skuId)
      .sort((a, b) => b.sharePct - a.sharePct || a.unitCost - b.unitCost)[0];
    const lead = supplier?.leadTimeDays ?? DEFAULT_LEAD_DAYS;
    const model = fitDemand(s.history);
    const daily = forecastOf(model, s.future);
    const sum = (days: number) => daily.slice(0, days).reduce((a, b) => a + b, 0);
    const cover = lead + REVIEW_DAYS;
    const safetyStock = Math.ceil(Z * model.sigma * Math.sqrt(cover));
    const coming = onOrder.get(s.skuId) ?? 0;
    const leadDemand = sum(lead);
    const suggestedQty = Math.max(0, Math.ceil(sum(cover) + safetyStock - s.stock - coming));
    const perDay = sum(28) / 28;
    const signal: StockSignal =
      s.stock === 0 && perDay > 0
        ? 'stockout'
        : s.stock + coming < leadDemand
          ? 'stockout-risk'
          : suggestedQty > 0
            ? 'reorder'
            : s.stock > 0 && s.stock > sum(OVERSTOCK_DAYS)
              ? 'overstock'
              : 'ok';
    return {
      skuId: s.skuId,
      productTitle: s.productTitle,
      specText: s.specText,
      stock: s.stock,
      onOrder: coming,
      forecastDaily: Math.round(perDay * 10) / 10,
      daysOfCover: perDay > 0 ? Math.floor(s.stock / perDay) : null,
      leadTimeDays: lead,
      leadDemand: Math.round(leadDemand),
      safetyStock,
      suggestedQty,
      signal,
      supplier: supplier ? { id: supplier.supplierId, name: supplier.supplierName, unitCost: supplier.unitCost } : null,
    };
  });
  const rank: Record<StockSignal, number> = { stockout: 0, 'stockout-risk': 1, reorder: 2, overstock: 3, ok: 4 };
  items.sort((a, b) => rank[a.signal] - rank[b.signal] || b.suggestedQty - a.suggestedQty);
  return { demoHistory: demo, reviewDays: REVIEW_DAYS, serviceLevelPct: 95, items };
}

/**
 * 一键生成采购单: the chosen SKUs and quantities become one draft purchase order per main supplier, into the default
 * warehouse. A SKU without a supplier is refused, and nothing is created.
 */
export async function draftPurchaseOrders(
  ctx: Ctx,
  input: { items: { skuId: string; qty: number }[] },
): Promise<Result<{ purchaseOrders: { id: string; supplierName: string; lines: number; totalCost: number }[] }>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const skuIds = input.items.map((i) => i.skuId);
  const [links, [house]] = await Promise.all([
    ctx.db
      .select({
        skuId: supplierSkus.skuId,
        supplierId: supplierSkus.supplierId,
        sharePct: supplierSkus.sharePct,
        unitCost: supplierSkus.unitCost,
      })
      .from(supplierSkus)
      .where(and(eq(supplierSkus.merchantId, merchantId), inArray(supplierSkus.skuId, skuIds))),
    ctx.db
      .select()
      .from(warehouses)
      .where(and(eq(warehouses.merchantId, merchantId), eq(warehouses.isDefault, true))),
  ]);
  if (!house) return refuse('no-warehouse');
  const bySupplier = new Map<string, { skuId: string; qty: number }[]>();
  for (const item of input.items) {
    const main = links
      .filter((l) => l.skuId === item.skuId)
      .sort((a, b) => b.sharePct - a.sharePct || a.unitCost - b.unitCost)[0];
    if (!main) return refuse('no-supplier', item.skuId);
    bySupplier.set(main.supplierId, [...(bySupplier.get(main.supplierId) ?? []), item]);
  }
  // One transaction for all drafts (each use-case runs in a savepoint of it): a refusal in any leaves none behind.
  return atomically(ctx, async (db) => {
    const inTx = makeCtx(ctx.deps, ctx.actor, { db, merchantHint: ctx.merchantHint });
    const created = [];
    for (const [supplierId, lines] of bySupplier) {
      const po = await createPurchaseOrder(inTx, {
        supplierId,
        warehouseId: house.id,
        note: '由补货建议生成',
        lines,
      });
      if (!po.ok) return po;
      created.push({
        id: po.value.id,
        supplierName: po.value.supplierName,
        lines: po.value.lines.length,
        totalCost: po.value.totalCost,
      });
    }
    return ok({ purchaseOrders: created });
  });
}
