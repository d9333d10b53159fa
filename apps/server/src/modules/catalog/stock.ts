import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { type ReturnPolicy, returnPolicyOf } from './return-policy.ts';
import { categories, merchants, products, skus } from './schema.ts';

/** What checkout needs to know about a SKU at the moment of ordering. */
export interface SkuSnapshot {
  skuId: string;
  productId: string;
  merchantId: string;
  merchantName: string;
  productTitle: string;
  specText: string;
  specValues: Record<string, string>;
  price: number;
  originalPrice: number | null;
  stock: number;
  /** Grams per unit (0: not set), for weight-based shipping. */
  weightGrams: number;
  imageUrl: string | null;
  categoryId: string;
  /** Product listed, SKU enabled and merchant active. */
  purchasable: boolean;
  /** 7-day no-reason return, and why not when refused. */
  returnPolicy: ReturnPolicy;
}

export async function loadSkusForCheckout(db: Db, skuIds: string[]): Promise<Map<string, SkuSnapshot>> {
  if (skuIds.length === 0) return new Map();
  const rows = await db
    .select({
      skuId: skus.id,
      productId: skus.productId,
      merchantId: skus.merchantId,
      merchantName: merchants.name,
      merchantStatus: merchants.status,
      productTitle: products.title,
      productStatus: products.status,
      images: products.images,
      madeToOrder: products.madeToOrder,
      categoryId: products.categoryId,
      noReasonReturn: categories.noReasonReturn,
      returnPolicyNote: categories.returnPolicyNote,
      specText: skus.specText,
      specValues: skus.specValues,
      price: skus.price,
      originalPrice: skus.originalPrice,
      stock: skus.stock,
      weightGrams: skus.weightGrams,
      enabled: skus.enabled,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(merchants, eq(merchants.id, skus.merchantId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(inArray(skus.id, [...new Set(skuIds)]));
  return new Map(
    rows.map((r) => [
      r.skuId,
      {
        skuId: r.skuId,
        productId: r.productId,
        merchantId: r.merchantId,
        merchantName: r.merchantName,
        productTitle: r.productTitle,
        specText: r.specText,
        specValues: r.specValues,
        price: r.price,
        originalPrice: r.originalPrice,
        stock: r.stock,
        weightGrams: r.weightGrams,
        imageUrl: r.images[0] ?? null,
        categoryId: r.categoryId,
        purchasable: r.productStatus === 'listed' && r.enabled && r.merchantStatus === 'active',
        returnPolicy: returnPolicyOf(r),
      },
    ]),
  );
}

/**
 * Takes stock for every line or for none, in the caller's transaction (a short line means the caller refuses and
 * rolls back). One statement for all lines: the SKU rows are locked in id order first, so two multi-line orders
 * cannot deadlock, then every decrement is guarded by `stock >= qty`, so concurrent buyers can never drive stock
 * negative. Returns the first SKU (by id) that was short.
 */
export async function reserveStock(
  db: Db,
  lines: { skuId: string; qty: number }[],
): Promise<{ ok: true } | { ok: false; skuId: string }> {
  const merged = mergeLines(lines);
  if (merged.length === 0) return { ok: true };
  const result = await db.execute(sql`
    with want as (select * from unnest(${sql.param(merged.map((l) => l.skuId))}::text[], ${sql.param(merged.map((l) => l.qty))}::int[]) as w(id, qty)),
    locked as (select ${skus.id} as id from ${skus} where ${skus.id} in (select id from want) order by ${skus.id} for update),
    taken as (
      update ${skus} set stock = ${skus.stock} - want.qty from want join locked on locked.id = want.id
      where ${skus.id} = want.id and ${skus.stock} >= want.qty returning ${skus.id} as id
    )
    select want.id from want where want.id not in (select id from taken) order by want.id limit 1`);
  const [short] = (result as { rows: { id: string }[] }).rows;
  return short ? { ok: false, skuId: short.id } : { ok: true };
}

/** Puts stock back (cancelled orders, refunds before shipping, returned goods). */
export async function releaseStock(db: Db, lines: { skuId: string; qty: number }[]): Promise<void> {
  for (const line of mergeLines(lines)) {
    await db
      .update(skus)
      .set({ stock: sql`${skus.stock} + ${line.qty}` })
      .where(eq(skus.id, line.skuId));
  }
}

function mergeLines(lines: { skuId: string; qty: number }[]) {
  const merged = new Map<string, number>();
  for (const l of lines) {
    if (!Number.isInteger(l.qty) || l.qty <= 0) throw new Error(`invalid quantity ${l.qty} for ${l.skuId}`);
    merged.set(l.skuId, (merged.get(l.skuId) ?? 0) + l.qty);
  }
  return [...merged.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([skuId, qty]) => ({ skuId, qty }));
}

/** A merchant's SKUs with the figures supply planning needs; `lock` takes the rows FOR UPDATE in id order. */
export async function listMerchantSkus(
  db: Db,
  merchantId: string,
  opts: { skuIds?: string[]; lock?: boolean } = {},
): Promise<
  { skuId: string; productId: string; productTitle: string; specText: string; categoryId: string; stock: number }[]
> {
  if (opts.skuIds?.length === 0) return [];
  const query = db
    .select({
      skuId: skus.id,
      productId: skus.productId,
      productTitle: products.title,
      specText: skus.specText,
      categoryId: products.categoryId,
      stock: skus.stock,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(
      opts.skuIds
        ? and(eq(skus.merchantId, merchantId), inArray(skus.id, opts.skuIds))
        : eq(skus.merchantId, merchantId),
    )
    .orderBy(asc(skus.id));
  return opts.lock ? query.for('update', { of: skus }) : query;
}

/**
 * Moves the sellable figure by signed deltas in the caller's transaction (goods received, counted, written off):
 * a decrease is guarded like a sale (`stock >= n`), so it never drives stock negative. Returns the first SKU that
 * was short.
 */
export async function adjustSellableStock(
  db: Db,
  changes: { skuId: string; delta: number }[],
): Promise<{ ok: true } | { ok: false; skuId: string }> {
  const merged = new Map<string, number>();
  for (const c of changes) {
    if (!Number.isSafeInteger(c.delta)) throw new Error(`invalid stock delta ${c.delta} for ${c.skuId}`);
    merged.set(c.skuId, (merged.get(c.skuId) ?? 0) + c.delta);
  }
  for (const [skuId, delta] of [...merged].sort(([a], [b]) => a.localeCompare(b))) {
    if (delta === 0) continue;
    const moved = await db
      .update(skus)
      .set({ stock: sql`${skus.stock} + ${delta}` })
      .where(and(eq(skus.id, skuId), sql`${skus.stock} + ${delta} >= 0`))
      .returning({ id: skus.id });
    if (moved.length === 0) return { ok: false, skuId };
  }
  return { ok: true };
}
