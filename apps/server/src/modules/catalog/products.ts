import { and, desc, eq, ilike, lt, or, sql } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { emit } from '../../platform/events.ts';
import { invalidTransition, ok, type Result } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { decodeCursor, likeEscape, type Page, pageOf } from './cursor.ts';
import { checkOriginalPrice } from './pricing-rule.ts';
import { queueProductReview, refuseAdLaw } from './product-ad-law.ts';
import {
  actorIdOf,
  inCategoryTree,
  loadOwnProductRow,
  loadProductView,
  type MerchantProductListItem,
  type MerchantProductView,
  merchantIsActive,
  type ProductStatus,
  searchColumnsOf,
  specTextOf,
  toProductView,
  validateSkuMatrix,
} from './product-views.ts';
import { refuse } from './refusals.ts';
import { type Attribute, categories, products, skuPriceHistory, skus, type SpecDimension } from './schema.ts';
import { noteCatalogChange } from './search-index.ts';

export interface SkuInput {
  specValues: Record<string, string>;
  price: number;
  originalPrice?: number | null;
  stock: number;
  weightGrams?: number;
}
export interface CreateProductInput {
  categoryId: string;
  title: string;
  subtitle?: string;
  description?: string;
  images?: string[];
  attributes?: Attribute[];
  specs: SpecDimension[];
  skus: SkuInput[];
  madeToOrder?: boolean;
  /** List it at once, or keep it as a draft. */
  listed?: boolean;
}

/** A merchant creates a product with its SKUs. A new SKU has no sales yet, so any 划线价 must wait for real sales. */
export async function createProduct(
  ctx: Ctx,
  input: CreateProductInput,
): Promise<Result<MerchantProductView & { skuIds: string[] }>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.manage');
  if (!validateSkuMatrix(input.specs, input.skus)) return refuse('sku-matrix-invalid');
  const created = await atomically(ctx, async (tx) => {
    const adLaw = await refuseAdLaw(tx, input.categoryId, input);
    for (const s of input.skus) {
      if (s.originalPrice == null) continue;
      const refusal = await checkOriginalPrice(
        tx,
        {
          skuId: undefined,
          specText: specTextOf(input.specs, s.specValues),
          price: s.price,
          originalPrice: s.originalPrice,
        },
        ctx.now(),
      );
      if (refusal) return refusal;
    }
    const [category] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.id, input.categoryId));
    if (!category) return refuse('category-not-found');
    const listed = input.listed !== false;
    if (listed && !(await merchantIsActive(tx, merchantId))) return refuse('merchant-suspended');
    const now = ctx.now();
    const id = newId('prd');
    const prices = input.skus.map((s) => s.price);
    await tx.insert(products).values({
      id,
      merchantId,
      categoryId: input.categoryId,
      title: input.title,
      subtitle: input.subtitle ?? '',
      description: input.description ?? '',
      images: input.images ?? [],
      attributes: input.attributes ?? [],
      specs: input.specs,
      status: listed ? 'listed' : 'draft',
      madeToOrder: input.madeToOrder ?? false,
      minPrice: Math.min(...prices),
      maxPrice: Math.max(...prices),
      ...searchColumnsOf(input),
      createdAt: now,
      updatedAt: now,
    });
    noteCatalogChange();
    await queueProductReview(tx, { id, merchantId, copy: input }, adLaw, now);
    const rows = input.skus.map((s) => ({
      id: newId('sku'),
      productId: id,
      merchantId,
      specValues: s.specValues,
      specText: specTextOf(input.specs, s.specValues),
      price: s.price,
      originalPrice: null,
      stock: s.stock,
      weightGrams: s.weightGrams ?? 0,
      createdAt: now,
    }));
    await tx.insert(skus).values(rows);
    await tx.insert(skuPriceHistory).values(
      rows.map((r) => ({
        id: newId('sph'),
        skuId: r.id,
        price: r.price,
        originalPrice: null,
        changedAt: now,
        changedBy: actorIdOf(ctx),
      })),
    );
    await emit(tx, 'product.created', { productId: id, merchantId });
    if (listed) await emit(tx, 'product.listed', { productId: id, merchantId });
    return ok({ id, skuIds: rows.map((r) => r.id) });
  });
  if (!created.ok) return created;
  return ok({ ...(await loadProductView(ctx.db, created.value.id)), skuIds: created.value.skuIds });
}

export interface UpdateProductInput {
  title?: string;
  subtitle?: string;
  description?: string;
  images?: string[];
  attributes?: Attribute[];
  categoryId?: string;
  madeToOrder?: boolean;
}

/** Edits what a product says about itself; prices and stock are edited per SKU. */
export async function updateProduct(
  ctx: Ctx,
  productId: string,
  patch: UpdateProductInput,
): Promise<Result<MerchantProductView>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.manage');
  const updated = await atomically(ctx, async (tx) => {
    const current = await loadOwnProductRow(tx, merchantId, productId, true);
    const next = { ...current, ...definedOnly(patch) };
    // The whole copy, under the lexicon in force and the (new) category: 祛斑 may stay on a special-use cosmetic,
    // not on food, and a term operators added since the last save now counts.
    const adLaw = await refuseAdLaw(tx, next.categoryId, next);
    if (patch.categoryId !== undefined && patch.categoryId !== current.categoryId) {
      const [category] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(eq(categories.id, patch.categoryId));
      if (!category) return refuse('category-not-found');
    }
    await tx
      .update(products)
      .set({ ...definedOnly(patch), ...searchColumnsOf(next), updatedAt: ctx.now() })
      .where(eq(products.id, productId));
    await queueProductReview(tx, { id: productId, merchantId, copy: next }, adLaw, ctx.now());
    noteCatalogChange();
    await emit(tx, 'product.updated', { productId, merchantId });
    return ok(productId);
  });
  if (!updated.ok) return updated;
  return ok(await loadProductView(ctx.db, productId));
}

/** 上架 / 下架. Listing needs a sellable SKU and an active shop; delisting hides the product at once. */
export async function setProductListed(
  ctx: Ctx,
  productId: string,
  listed: boolean,
): Promise<Result<MerchantProductView>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.manage');
  const changed = await atomically(ctx, async (tx) => {
    const current = await loadOwnProductRow(tx, merchantId, productId, true);
    const target: ProductStatus = listed ? 'listed' : 'delisted';
    if (current.status === target) return ok(productId);
    if (!listed && current.status === 'draft') throw invalidTransition('草稿', '下架');
    if (listed) {
      const [sellable] = await tx
        .select({ id: skus.id })
        .from(skus)
        .where(and(eq(skus.productId, productId), eq(skus.enabled, true)))
        .limit(1);
      if (!sellable) return refuse('no-enabled-sku');
      if (!(await merchantIsActive(tx, merchantId))) return refuse('merchant-suspended');
    }
    await tx.update(products).set({ status: target, updatedAt: ctx.now() }).where(eq(products.id, productId));
    noteCatalogChange();
    await emit(tx, listed ? 'product.listed' : 'product.delisted', { productId, merchantId });
    return ok(productId);
  });
  if (!changed.ok) return changed;
  return ok(await loadProductView(ctx.db, productId));
}

export async function getOwnProduct(ctx: Ctx, productId: string): Promise<MerchantProductView> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.read');
  await loadOwnProductRow(ctx.db, merchantId, productId, false);
  return loadProductView(ctx.db, productId);
}

export interface OwnProductQuery {
  status?: ProductStatus | undefined;
  keyword?: string | undefined;
  categoryId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** The merchant's own products, newest first. */
export async function listOwnProducts(ctx: Ctx, query: OwnProductQuery): Promise<Page<MerchantProductListItem>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.read');
  const after = decodeCursor(query.cursor, ['string'] as const);
  const totals = ctx.db
    .select({
      productId: skus.productId,
      totalStock: sql<number>`sum(${skus.stock})`.mapWith(Number).as('total_stock'),
      skuCount: sql<number>`count(*)`.mapWith(Number).as('sku_count'),
    })
    .from(skus)
    .where(eq(skus.merchantId, merchantId))
    .groupBy(skus.productId)
    .as('sku_totals');
  const rows = await ctx.db
    .select({ p: products, totalStock: totals.totalStock, skuCount: totals.skuCount })
    .from(products)
    .leftJoin(totals, eq(totals.productId, products.id))
    .where(
      and(
        eq(products.merchantId, merchantId),
        query.status ? eq(products.status, query.status) : undefined,
        query.categoryId ? inCategoryTree(query.categoryId) : undefined,
        query.keyword
          ? or(ilike(products.title, `%${likeEscape(query.keyword)}%`), eq(products.id, query.keyword))
          : undefined,
        after ? lt(products.id, after[0]) : undefined,
      ),
    )
    .orderBy(desc(products.id))
    .limit(query.limit + 1);
  return pageOf(
    rows,
    query.limit,
    (r) => [r.p.id],
    ({ p, totalStock, skuCount }) => {
      const { description: _d, attributes: _a, specs: _s, ...rest } = toProductView(p, []);
      return { ...rest, totalStock: totalStock ?? 0, skuCount: skuCount ?? 0 };
    },
  );
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
