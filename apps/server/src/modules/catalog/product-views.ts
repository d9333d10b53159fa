import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { tokenize } from '../../platform/segmenter.ts';
import { type RatingSummary, ratingOf } from './merchants.ts';
import { type Attribute, categories, merchants, products, skus, type SpecDimension } from './schema.ts';

// Product shapes and the loading, mapping and checking helpers the product use-cases, SKU edits, search and the
// public page share.

export type ProductStatus = 'draft' | 'listed' | 'delisted';

interface SkuView {
  id: string;
  specValues: Record<string, string>;
  specText: string;
  price: number;
  originalPrice: number | null;
  stock: number;
  enabled: boolean;
  weightGrams: number;
  code: string | null;
}

/** A product as its own merchant sees it: every SKU, disabled ones included. */
export interface MerchantProductView {
  id: string;
  merchantId: string;
  categoryId: string;
  title: string;
  subtitle: string;
  description: string;
  images: string[];
  attributes: Attribute[];
  specs: SpecDimension[];
  status: ProductStatus;
  madeToOrder: boolean;
  minPrice: number;
  maxPrice: number;
  salesCount: number;
  rating: RatingSummary;
  skus: SkuView[];
  createdAt: string;
  updatedAt: string;
}

export type MerchantProductListItem = Omit<MerchantProductView, 'description' | 'attributes' | 'specs' | 'skus'> & {
  totalStock: number;
  skuCount: number;
};

export interface ProductBrief {
  id: string;
  merchantId: string;
  categoryId: string;
  title: string;
  imageUrl: string | null;
  minPrice: number;
  maxPrice: number;
  status: ProductStatus;
  salesCount: number;
  rating: RatingSummary;
}

/** Titles, images and prices for other modules to show (posts, live rooms, reviews). */
export async function getProductBriefs(db: Db, ids: string[]): Promise<Map<string, ProductBrief>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(products)
    .where(inArray(products.id, [...new Set(ids)]));
  return new Map(
    rows.map((p) => [
      p.id,
      {
        id: p.id,
        merchantId: p.merchantId,
        categoryId: p.categoryId,
        title: p.title,
        imageUrl: p.images[0] ?? null,
        minPrice: p.minPrice,
        maxPrice: p.maxPrice,
        status: p.status,
        salesCount: p.salesCount,
        rating: ratingOf(p.ratingCount, p.ratingSum),
      },
    ]),
  );
}

/** The enabled SKUs of some products (a live room's flash form, usable by its hosts who are not merchant staff). */
export async function getProductSkus(db: Db, productIds: string[]) {
  if (productIds.length === 0) return [];
  return db
    .select({
      skuId: skus.id,
      productId: skus.productId,
      specText: skus.specText,
      price: skus.price,
      stock: skus.stock,
    })
    .from(skus)
    .where(and(inArray(skus.productId, [...new Set(productIds)]), eq(skus.enabled, true)))
    .orderBy(asc(skus.productId), asc(skus.id));
}

/** Units in stock over each product's enabled SKUs (a live room's product bag shows 售罄 at zero). */
export async function getProductStock(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ productId: skus.productId, stock: sql<number>`sum(${skus.stock})`.mapWith(Number) })
    .from(skus)
    .where(and(inArray(skus.productId, [...new Set(ids)]), eq(skus.enabled, true)))
    .groupBy(skus.productId);
  return new Map(rows.map((r) => [r.productId, r.stock]));
}

/** The merchant's own product, or 404 — also when it exists but belongs to another shop, so existence does not leak. */
export async function loadOwnProductRow(
  db: Db,
  merchantId: string,
  productId: string,
  lock: boolean,
): Promise<typeof products.$inferSelect> {
  const query = db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.merchantId, merchantId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('商品', productId);
  return row;
}

export async function loadProductView(db: Db, productId: string): Promise<MerchantProductView> {
  const [row] = await db.select().from(products).where(eq(products.id, productId));
  if (!row) throw notFound('商品', productId);
  const skuRows = await db
    .select()
    .from(skus)
    .where(eq(skus.productId, productId))
    .orderBy(asc(skus.createdAt), asc(skus.id));
  return toProductView(row, skuRows);
}

export function toProductView(
  p: typeof products.$inferSelect,
  skuRows: (typeof skus.$inferSelect)[],
): MerchantProductView {
  return {
    id: p.id,
    merchantId: p.merchantId,
    categoryId: p.categoryId,
    title: p.title,
    subtitle: p.subtitle,
    description: p.description,
    images: p.images,
    attributes: p.attributes,
    specs: p.specs,
    status: p.status,
    madeToOrder: p.madeToOrder,
    minPrice: p.minPrice,
    maxPrice: p.maxPrice,
    salesCount: p.salesCount,
    rating: ratingOf(p.ratingCount, p.ratingSum),
    skus: skuRows.map((s) => ({
      id: s.id,
      specValues: s.specValues,
      specText: s.specText,
      price: s.price,
      originalPrice: s.originalPrice,
      stock: s.stock,
      enabled: s.enabled,
      weightGrams: s.weightGrams,
      code: s.code,
    })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** A category and, for a top-level one, its children. */
export const inCategoryTree = (categoryId: string) =>
  sql`${products.categoryId} in (select ${categories.id} from ${categories} where ${categories.id} = ${categoryId} or ${categories.parentId} = ${categoryId})`;

export async function merchantIsActive(db: Db, merchantId: string): Promise<boolean> {
  const [m] = await db.select({ status: merchants.status }).from(merchants).where(eq(merchants.id, merchantId));
  return m?.status === 'active';
}

export const actorIdOf = (ctx: Ctx): string =>
  ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.kind === 'system' ? `system:${ctx.actor.name}` : 'anonymous';

/** Every combination of spec values appears exactly once, with exactly the declared dimensions. */
export function validateSkuMatrix(specs: SpecDimension[], list: { specValues: Record<string, string> }[]): boolean {
  const names = specs.map((s) => s.name);
  if (new Set(names).size !== names.length || specs.some((d) => new Set(d.values).size !== d.values.length))
    return false;
  const seen = new Set<string>();
  for (const sku of list) {
    const keys = Object.keys(sku.specValues);
    if (keys.length !== names.length || !names.every((n) => keys.includes(n))) return false;
    if (!specs.every((d) => d.values.includes(sku.specValues[d.name]!))) return false;
    const key = specKey(specs, sku.specValues);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return list.length > 0;
}

const specKey = (specs: SpecDimension[], values: Record<string, string>): string =>
  specs.map((d) => values[d.name]).join('\u0000');

export const specTextOf = (specs: SpecDimension[], values: Record<string, string>): string =>
  specs
    .map((d) => values[d.name])
    .filter(Boolean)
    .join(' / ') || '默认';

/**
 * The search index columns: every token of the product's text, and the title's tokens alone so a title match
 * can rank higher. The title is tokenized on its own in both, so the two always agree on title words.
 */
export function searchColumnsOf(p: {
  title: string;
  subtitle?: string;
  description?: string;
  attributes?: Attribute[];
}): { searchTokens: string; titleTokens: string } {
  const titleTokens = tokenize(p.title);
  const rest = tokenize(
    [p.subtitle ?? '', ...(p.attributes ?? []).map((a) => `${a.name} ${a.value}`), p.description ?? ''].join(' '),
  );
  return { searchTokens: [...new Set([...titleTokens, ...rest])].join(' '), titleTokens: titleTokens.join(' ') };
}
