import { and, eq, gte, inArray, max } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { categories, products, skuChargedPrices, skuPriceHistory, skus } from './schema.ts';
import { noteCatalogChange } from './search-index.ts';

const PRICE_WINDOW_MS = 30 * 86_400_000;

export interface PatrolListing {
  productId: string;
  merchantId: string;
  title: string;
  /** The product's top-level category: qualification rules are set per main category. */
  topCategoryId: string;
  skus: {
    skuId: string;
    specText: string;
    price: number;
    originalPrice: number | null;
    stock: number;
    /** The highest price the SKU was set to or charged at in the 30 days before `now` (its current price at least). */
    highestPrice30d: number;
  }[];
}

/**
 * What the trust module's daily patrol checks, read here so it never reads catalog tables: every listed product with
 * its enabled SKUs, stock, 划线价 and the highest price of the last 30 days (set or charged).
 */
export async function listingsForPatrol(db: Db, now: Date): Promise<PatrolListing[]> {
  const rows = await db
    .select({
      id: products.id,
      merchantId: products.merchantId,
      title: products.title,
      categoryId: products.categoryId,
    })
    .from(products)
    .where(eq(products.status, 'listed'))
    .orderBy(products.id);
  if (rows.length === 0) return [];
  const cats = await db.select({ id: categories.id, parentId: categories.parentId }).from(categories);
  const parent = new Map(cats.map((c) => [c.id, c.parentId]));
  const topOf = (id: string): string => {
    let at = id;
    for (let p = parent.get(at); p; p = parent.get(at)) at = p;
    return at;
  };
  const skuRows = await db
    .select()
    .from(skus)
    .where(
      and(
        inArray(
          skus.productId,
          rows.map((r) => r.id),
        ),
        eq(skus.enabled, true),
      ),
    );
  const since = new Date(now.getTime() - PRICE_WINDOW_MS);
  const ids = skuRows.map((s) => s.id);
  const [set, charged] = ids.length
    ? await Promise.all([
        db
          .select({ skuId: skuPriceHistory.skuId, top: max(skuPriceHistory.price) })
          .from(skuPriceHistory)
          .where(and(inArray(skuPriceHistory.skuId, ids), gte(skuPriceHistory.changedAt, since)))
          .groupBy(skuPriceHistory.skuId),
        db
          .select({ skuId: skuChargedPrices.skuId, top: max(skuChargedPrices.unitPrice) })
          .from(skuChargedPrices)
          .where(and(inArray(skuChargedPrices.skuId, ids), gte(skuChargedPrices.chargedAt, since)))
          .groupBy(skuChargedPrices.skuId),
      ])
    : [[], []];
  const highest = new Map<string, number>();
  for (const r of [...set, ...charged]) highest.set(r.skuId, Math.max(highest.get(r.skuId) ?? 0, Number(r.top ?? 0)));
  return rows.map((p) => ({
    productId: p.id,
    merchantId: p.merchantId,
    title: p.title,
    topCategoryId: topOf(p.categoryId),
    skus: skuRows
      .filter((s) => s.productId === p.id)
      .map((s) => ({
        skuId: s.id,
        specText: s.specText,
        price: s.price,
        originalPrice: s.originalPrice,
        stock: s.stock,
        highestPrice30d: Math.max(s.price, highest.get(s.id) ?? 0),
      })),
  }));
}

/**
 * 下架 as a penalty (trust's 处罚 "listing removal"): an operator takes a listed product of the shop off sale, in the
 * penalty's transaction. False when the product is not the shop's or is not listed.
 */
export async function delistForPenalty(
  db: Db,
  input: { merchantId: string; productId: string; at: Date },
): Promise<boolean> {
  const moved = await db
    .update(products)
    .set({ status: 'delisted', updatedAt: input.at })
    .where(
      and(eq(products.id, input.productId), eq(products.merchantId, input.merchantId), eq(products.status, 'listed')),
    )
    .returning({ id: products.id });
  if (moved.length === 0) return false;
  noteCatalogChange();
  await emit(db, 'product.delisted', { productId: input.productId, merchantId: input.merchantId, by: 'penalty' });
  return true;
}
