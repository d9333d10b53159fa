import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { emit } from '../../platform/events.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { decodeCursor, type Page, pageOf } from './cursor.ts';
import { checkOriginalPrice } from './pricing-rule.ts';
import {
  actorIdOf,
  loadOwnProductRow,
  loadProductView,
  type MerchantProductView,
  specTextOf,
  validateSkuMatrix,
} from './product-views.ts';
import { refuse } from './refusals.ts';
import { products, skuPriceHistory, skus, type SpecDimension } from './schema.ts';
import { noteCatalogChange } from './search-index.ts';

export interface SkuUpdate {
  skuId: string;
  price?: number;
  /** null removes the 划线价. */
  originalPrice?: number | null;
  /** Absolute units on hand, never a delta: what the merchant counted. */
  stock?: number;
  enabled?: boolean;
  weightGrams?: number;
  /** 商家编码; null clears it. */
  code?: string | null;
}
export interface SkuAddition {
  specValues: Record<string, string>;
  price: number;
  stock: number;
  enabled?: boolean;
  weightGrams?: number;
}

/**
 * Edits SKUs of the merchant's own product in one transaction: prices (each change is kept in the price history,
 * each 划线价 checked against what buyers actually paid), absolute stock, enabled; and adds SKUs for new spec
 * combinations, extending a dimension's values when a new value is used. All or nothing.
 */
export async function editSkus(
  ctx: Ctx,
  productId: string,
  input: { updates?: SkuUpdate[]; additions?: SkuAddition[] },
): Promise<Result<MerchantProductView>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'stock.manage');
  // 发货 keeps stock counts right; prices, switching SKUs on or off and new specs are the product manager's.
  const beyondStock =
    (input.additions?.length ?? 0) > 0 ||
    (input.updates ?? []).some(
      (u) =>
        u.price !== undefined ||
        u.originalPrice !== undefined ||
        u.enabled !== undefined ||
        u.weightGrams !== undefined ||
        u.code !== undefined,
    );
  if (beyondStock) actingMerchant(ctx.actor, ctx.merchantHint, 'products.manage');
  const edited = await atomically(ctx, async (tx) => {
    const product = await loadOwnProductRow(tx, merchantId, productId, true);
    // Locked: the stock changes this edit reports (for the supply journal) are exact against concurrent checkouts.
    const existing = await tx
      .select()
      .from(skus)
      .where(eq(skus.productId, productId))
      .orderBy(asc(skus.id))
      .for('update');
    const byId = new Map(existing.map((s) => [s.id, s]));
    const now = ctx.now();
    const history: (typeof skuPriceHistory.$inferInsert)[] = [];
    const stockChanges: { skuId: string; delta: number }[] = [];

    for (const u of input.updates ?? []) {
      const sku = byId.get(u.skuId);
      if (!sku) return refuse('sku-not-found', `SKU ${u.skuId} 不属于该商品`);
      const price = u.price ?? sku.price;
      const originalPrice = u.originalPrice === undefined ? sku.originalPrice : u.originalPrice;
      if (originalPrice !== null && (u.originalPrice != null || price !== sku.price)) {
        // A newly set 划线价 is checked against real sales; a kept one only has to stay above the new price.
        const refusal =
          u.originalPrice != null
            ? await checkOriginalPrice(tx, { skuId: sku.id, specText: sku.specText, price, originalPrice }, now)
            : originalPrice <= price
              ? refuse(
                  'original-price-not-above-price',
                  `「${sku.specText}」售价调整后不低于划线价，请同时修改或清除划线价`,
                )
              : undefined;
        if (refusal) return refusal;
      }
      const set: Partial<typeof skus.$inferInsert> = {};
      if (price !== sku.price) set.price = price;
      if (originalPrice !== sku.originalPrice) set.originalPrice = originalPrice;
      if (u.stock !== undefined && u.stock !== sku.stock) {
        set.stock = u.stock;
        stockChanges.push({ skuId: sku.id, delta: u.stock - sku.stock });
      }
      if (u.enabled !== undefined) set.enabled = u.enabled;
      if (u.weightGrams !== undefined && u.weightGrams !== sku.weightGrams) set.weightGrams = u.weightGrams;
      if (u.code !== undefined && u.code !== sku.code) {
        const taken = u.code === null ? undefined : await skuWithCode(tx, merchantId, u.code, sku.id);
        if (taken) return refuse('sku-code-taken', `商家编码「${u.code}」已被「${taken}」使用`);
        set.code = u.code;
      }
      if (Object.keys(set).length === 0) continue;
      await tx.update(skus).set(set).where(eq(skus.id, sku.id));
      byId.set(sku.id, { ...sku, ...set });
      if (set.price !== undefined || set.originalPrice !== undefined) {
        history.push({
          id: newId('sph'),
          skuId: sku.id,
          price,
          originalPrice,
          changedAt: now,
          changedBy: actorIdOf(ctx),
        });
      }
    }

    const specs = extendSpecs(product.specs, input.additions ?? []);
    if (!specs) return refuse('sku-matrix-invalid', '新增 SKU 须填写商品已有的全部规格维度');
    const added = (input.additions ?? []).map((a) => ({
      id: newId('sku'),
      productId,
      merchantId,
      specValues: Object.fromEntries(specs.map((d) => [d.name, a.specValues[d.name]!])),
      specText: specTextOf(specs, a.specValues),
      price: a.price,
      originalPrice: null,
      stock: a.stock,
      enabled: a.enabled ?? true,
      weightGrams: a.weightGrams ?? 0,
      createdAt: now,
    }));
    if (!validateSkuMatrix(specs, [...byId.values(), ...added])) {
      return refuse('sku-matrix-invalid', `新增的规格组合已存在：${added.map((a) => a.specText).join('、')}`);
    }
    if (added.length > 0) {
      await tx.insert(skus).values(added);
      history.push(
        ...added.map((a) => ({
          id: newId('sph'),
          skuId: a.id,
          price: a.price,
          originalPrice: null,
          changedAt: now,
          changedBy: actorIdOf(ctx),
        })),
      );
    }
    if (history.length > 0) await tx.insert(skuPriceHistory).values(history);

    const all = [...byId.values(), ...added];
    const priced = all.some((s) => s.enabled) ? all.filter((s) => s.enabled) : all;
    const prices = priced.map((s) => s.price);
    await tx
      .update(products)
      .set({ specs, minPrice: Math.min(...prices), maxPrice: Math.max(...prices), updatedAt: now })
      .where(eq(products.id, productId));
    noteCatalogChange();
    stockChanges.push(...added.filter((a) => a.stock > 0).map((a) => ({ skuId: a.id, delta: a.stock })));
    await emit(tx, 'product.updated', { productId, merchantId, skusChanged: true, stockChanges });
    return ok(productId);
  });
  if (!edited.ok) return edited;
  return ok(await loadProductView(ctx.db, productId));
}

export interface PriceHistoryEntry {
  id: string;
  skuId: string;
  specText: string;
  price: number;
  originalPrice: number | null;
  changedAt: string;
  changedBy: string;
}

/** Every price and 划线价 a product's SKUs have had, newest first. */
export async function getPriceHistory(
  ctx: Ctx,
  productId: string,
  query: { skuId?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<PriceHistoryEntry>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'products.read');
  await loadOwnProductRow(ctx.db, merchantId, productId, false);
  const after = decodeCursor(query.cursor, ['string', 'string'] as const);
  const own = await ctx.db
    .select({ id: skus.id, specText: skus.specText })
    .from(skus)
    .where(eq(skus.productId, productId))
    .orderBy(asc(skus.id));
  const ids = query.skuId ? own.filter((s) => s.id === query.skuId).map((s) => s.id) : own.map((s) => s.id);
  if (ids.length === 0) return { items: [], nextCursor: null };
  const specText = new Map(own.map((s) => [s.id, s.specText]));
  const rows = await ctx.db
    .select()
    .from(skuPriceHistory)
    .where(
      and(
        inArray(skuPriceHistory.skuId, ids),
        after
          ? sql`(${skuPriceHistory.changedAt}, ${skuPriceHistory.id}) < (${after[0]}::timestamptz, ${after[1]})`
          : undefined,
      ),
    )
    .orderBy(desc(skuPriceHistory.changedAt), desc(skuPriceHistory.id))
    .limit(query.limit + 1);
  return pageOf(
    rows,
    query.limit,
    (r) => [r.changedAt.toISOString(), r.id],
    (r) => ({
      id: r.id,
      skuId: r.skuId,
      specText: specText.get(r.skuId) ?? '',
      price: r.price,
      originalPrice: r.originalPrice,
      changedAt: r.changedAt.toISOString(),
      changedBy: r.changedBy,
    }),
  );
}

/** Another SKU of the merchant already carrying this code, named for the refusal (title and spec). */
async function skuWithCode(db: Db, merchantId: string, code: string, exceptSkuId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ title: products.title, specText: skus.specText })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(eq(skus.merchantId, merchantId), eq(skus.code, code), ne(skus.id, exceptSkuId)));
  return row ? `${row.title} ${row.specText}` : undefined;
}

/** The product's dimensions with any new values the additions use appended; undefined when an addition names other dimensions. */
function extendSpecs(specs: SpecDimension[], additions: SkuAddition[]): SpecDimension[] | undefined {
  const next = specs.map((d) => ({ name: d.name, values: [...d.values] }));
  for (const a of additions) {
    const keys = Object.keys(a.specValues);
    if (keys.length !== next.length || !next.every((d) => keys.includes(d.name))) return undefined;
    for (const d of next) {
      const value = a.specValues[d.name]!;
      if (!d.values.includes(value)) d.values.push(value);
    }
  }
  return next;
}
