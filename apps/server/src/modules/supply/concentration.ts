import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { getCategoryPaths, getMerchantBriefs } from '../catalog/api.ts';
import { concentrationAlerts, receiptLots, suppliers } from './schema.ts';

/** PRODUCT.md §10: more than 40 % of a product line's supply from one supplier is a risk the merchant must see. */
const CONCENTRATION_LIMIT_BP = 4000;
/** Supply is what was received (accepted units) over this window. */
const CONCENTRATION_WINDOW_DAYS = 90;

/**
 * Recomputes the categories' supplier shares after receipts and opens, updates or resolves their alerts.
 * Strictly above the limit alerts; exactly 40 % does not.
 */
export async function checkConcentration(db: Db, merchantId: string, categoryIds: string[], now: Date): Promise<void> {
  if (categoryIds.length === 0) return;
  const since = new Date(now.getTime() - CONCENTRATION_WINDOW_DAYS * 86_400_000);
  const rows = await db
    .select({
      categoryId: receiptLots.categoryId,
      supplierId: receiptLots.supplierId,
      qty: sql<number>`sum(${receiptLots.acceptedQty})`.mapWith(Number),
    })
    .from(receiptLots)
    .where(
      and(
        eq(receiptLots.merchantId, merchantId),
        inArray(receiptLots.categoryId, categoryIds),
        gte(receiptLots.receivedAt, since),
      ),
    )
    .groupBy(receiptLots.categoryId, receiptLots.supplierId);
  for (const categoryId of [...new Set(categoryIds)]) {
    const mine = rows.filter((r) => r.categoryId === categoryId);
    const total = mine.reduce((s, r) => s + r.qty, 0);
    const top = mine.sort((a, b) => b.qty - a.qty || a.supplierId.localeCompare(b.supplierId))[0];
    const shareBp = top && total > 0 ? Math.floor((top.qty * 10_000) / total) : 0;
    const over = top !== undefined && top.qty * 10_000 > CONCENTRATION_LIMIT_BP * total;
    const [open] = await db
      .select()
      .from(concentrationAlerts)
      .where(
        and(
          eq(concentrationAlerts.merchantId, merchantId),
          eq(concentrationAlerts.categoryId, categoryId),
          eq(concentrationAlerts.status, 'open'),
        ),
      )
      .for('update');
    if (over && open) {
      await db
        .update(concentrationAlerts)
        .set({ supplierId: top.supplierId, shareBp })
        .where(eq(concentrationAlerts.id, open.id));
    } else if (over) {
      await db.insert(concentrationAlerts).values({
        id: newId('sca'),
        merchantId,
        categoryId,
        supplierId: top.supplierId,
        shareBp,
        status: 'open',
        raisedAt: now,
      });
    } else if (open) {
      await db
        .update(concentrationAlerts)
        .set({ status: 'resolved', resolvedAt: now, shareBp })
        .where(eq(concentrationAlerts.id, open.id));
    }
  }
}

async function describe(ctx: Ctx, rows: (typeof concentrationAlerts.$inferSelect)[]) {
  const supplierIds = [...new Set(rows.map((r) => r.supplierId))];
  const [paths, names, merchants] = await Promise.all([
    getCategoryPaths(ctx),
    supplierIds.length === 0
      ? []
      : ctx.db
          .select({ id: suppliers.id, name: suppliers.name })
          .from(suppliers)
          .where(inArray(suppliers.id, supplierIds)),
    getMerchantBriefs(ctx.db, [...new Set(rows.map((r) => r.merchantId))]),
  ]);
  return rows.map((r) => ({
    id: r.id,
    merchantId: r.merchantId,
    merchantName: merchants.get(r.merchantId)?.name ?? r.merchantId,
    categoryId: r.categoryId,
    categoryName: paths.get(r.categoryId) ?? r.categoryId,
    supplierId: r.supplierId,
    supplierName: names.find((n) => n.id === r.supplierId)?.name ?? r.supplierId,
    shareBp: r.shareBp,
    status: r.status,
    raisedAt: r.raisedAt,
    resolvedAt: r.resolvedAt,
  }));
}

/** The merchant's alerts: open ones are the console banner; resolved ones stay as history. */
export async function merchantConcentrationAlerts(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const rows = await ctx.db
    .select()
    .from(concentrationAlerts)
    .where(eq(concentrationAlerts.merchantId, merchantId))
    .orderBy(desc(concentrationAlerts.raisedAt))
    .limit(50);
  return describe(ctx, rows);
}

/** Platform-wide: every merchant's open concentration alerts, for operators (the route checks the permission). */
export async function platformConcentrationAlerts(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(concentrationAlerts)
    .where(eq(concentrationAlerts.status, 'open'))
    .orderBy(desc(concentrationAlerts.shareBp))
    .limit(200);
  return describe(ctx, rows);
}
