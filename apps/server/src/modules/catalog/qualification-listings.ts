import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { categories, products } from './schema.ts';
import { noteCatalogChange } from './search-index.ts';

export interface QualificationDelisted {
  productId: string;
  title: string;
  topCategoryId: string;
}

async function topCategoryOf(db: Db): Promise<(id: string) => string> {
  const cats = await db.select({ id: categories.id, parentId: categories.parentId }).from(categories);
  const parent = new Map(cats.map((c) => [c.id, c.parentId]));
  return (id: string) => {
    let at = id;
    for (let p = parent.get(at); p; p = parent.get(at)) at = p;
    return at;
  };
}

/**
 * 下架 because a qualification expired (trust's 资质过期): every listed product of the shop whose main category is one
 * of `topCategoryIds` (all of them for `'all'`, as when the business licence expires) goes off sale, in the caller's
 * transaction. Returns what was taken down, so trust can record it and relist exactly these after a renewal.
 */
export async function delistForExpiredQualification(
  db: Db,
  input: { merchantId: string; topCategoryIds: string[] | 'all'; at: Date },
): Promise<QualificationDelisted[]> {
  const listed = await db
    .select({ id: products.id, title: products.title, categoryId: products.categoryId })
    .from(products)
    .where(and(eq(products.merchantId, input.merchantId), eq(products.status, 'listed')))
    .orderBy(products.id);
  if (listed.length === 0) return [];
  const topOf = await topCategoryOf(db);
  const hit = listed
    .map((p) => ({ productId: p.id, title: p.title, topCategoryId: topOf(p.categoryId) }))
    .filter((p) => input.topCategoryIds === 'all' || input.topCategoryIds.includes(p.topCategoryId));
  if (hit.length === 0) return [];
  await db
    .update(products)
    .set({ status: 'delisted', updatedAt: input.at })
    .where(
      and(
        inArray(
          products.id,
          hit.map((p) => p.productId),
        ),
        eq(products.status, 'listed'),
      ),
    );
  noteCatalogChange();
  for (const p of hit)
    await emit(db, 'product.delisted', { productId: p.productId, merchantId: input.merchantId, by: 'qualification' });
  return hit;
}

/**
 * After a renewed qualification is approved: lists again those products its expiry took down, only if they are still
 * off sale exactly as it left them (not edited, relisted or delisted by the shop since: `updatedAt` unchanged).
 * Returns the ids listed again.
 */
export async function relistAfterQualificationRenewal(
  db: Db,
  input: { merchantId: string; items: { productId: string; delistedAt: Date }[]; at: Date },
): Promise<string[]> {
  const relisted: string[] = [];
  for (const item of input.items) {
    const moved = await db
      .update(products)
      .set({ status: 'listed', updatedAt: input.at })
      .where(
        and(
          eq(products.id, item.productId),
          eq(products.merchantId, input.merchantId),
          eq(products.status, 'delisted'),
          eq(products.updatedAt, item.delistedAt),
        ),
      )
      .returning({ id: products.id });
    if (moved.length === 0) continue;
    relisted.push(item.productId);
    await emit(db, 'product.listed', { productId: item.productId, merchantId: input.merchantId });
  }
  if (relisted.length > 0) noteCatalogChange();
  return relisted;
}
