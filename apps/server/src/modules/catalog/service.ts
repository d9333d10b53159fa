import { eq } from 'drizzle-orm';
import { actingMerchant, requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { emit } from '../../platform/events.ts';
import { badRequest, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { tokenize } from '../../platform/segmenter.ts';
import { createUser, findUserIdByPhone, grantStaffRole } from '../accounts/service.ts';
import { type Attribute, categories, merchants, products, skuPriceHistory, skus, type SpecDimension } from './schema.ts';

const refuse = refusals({
  'category-not-found': [422, '商品类目不存在'],
  'sku-matrix-invalid': [422, 'SKU 规格组合不完整或重复'],
});

export interface CreateMerchantInput {
  name: string;
  description?: string;
  logoUrl?: string | null;
  ownerPhone: string;
  ownerNickname?: string;
}

/** The platform operator opens a merchant and names its owner (an existing or new account by phone). */
export async function createMerchant(ctx: Ctx, input: CreateMerchantInput): Promise<{ id: string; ownerUserId: string }> {
  if (ctx.actor.kind !== 'system') requireOperator(ctx.actor);
  return ctx.tx(async (tx) => {
    const now = ctx.now();
    const ownerUserId =
      (await findUserIdByPhone(tx, input.ownerPhone)) ??
      (await createUser(tx, { phone: input.ownerPhone, now, ...(input.ownerNickname ? { nickname: input.ownerNickname } : {}) })).id;
    const id = newId('mer');
    await tx.insert(merchants).values({ id, name: input.name, description: input.description ?? '', logoUrl: input.logoUrl ?? null, createdAt: now });
    await grantStaffRole(tx, { userId: ownerUserId, merchantId: id, role: 'owner', now });
    await emit(tx, 'merchant.created', { merchantId: id, ownerUserId });
    return { id, ownerUserId };
  });
}

export interface SkuInput {
  specValues: Record<string, string>;
  price: number;
  originalPrice?: number | null;
  stock: number;
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
export async function createProduct(ctx: Ctx, input: CreateProductInput): Promise<Result<{ id: string; skuIds: string[] }>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint);
  if (input.skus.some((s) => s.originalPrice != null)) {
    throw badRequest('新商品不能设置划线价', '划线价须不高于该 SKU 近 7 日的最低成交价，新商品尚无成交记录');
  }
  const matrix = validateSkuMatrix(input.specs, input.skus);
  if (!matrix) return refuse('sku-matrix-invalid');
  return ctx.tx(async (tx) => {
    const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, input.categoryId));
    if (!category) return refuse('category-not-found');
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
      status: input.listed === false ? 'draft' : 'listed',
      madeToOrder: input.madeToOrder ?? false,
      minPrice: Math.min(...prices),
      maxPrice: Math.max(...prices),
      searchTokens: searchTokensOf(input),
      createdAt: now,
      updatedAt: now,
    });
    const actorId = ctx.actor.kind === 'user' ? ctx.actor.userId : 'system';
    const rows = input.skus.map((s) => ({
      id: newId('sku'),
      productId: id,
      merchantId,
      specValues: s.specValues,
      specText: specTextOf(input.specs, s.specValues),
      price: s.price,
      originalPrice: null,
      stock: s.stock,
      createdAt: now,
    }));
    await tx.insert(skus).values(rows);
    await tx.insert(skuPriceHistory).values(rows.map((r) => ({ id: newId('sph'), skuId: r.id, price: r.price, originalPrice: null, changedAt: now, changedBy: actorId })));
    await emit(tx, 'product.created', { productId: id, merchantId });
    return ok({ id, skuIds: rows.map((r) => r.id) });
  });
}

export async function getMerchantName(ctx: Ctx, merchantId: string): Promise<string> {
  const [m] = await ctx.db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, merchantId));
  if (!m) throw notFound('商家');
  return m.name;
}

/** Every combination of spec values appears exactly once, with exactly the declared dimensions. */
export function validateSkuMatrix(specs: SpecDimension[], list: SkuInput[]): boolean {
  const names = specs.map((s) => s.name);
  const seen = new Set<string>();
  for (const sku of list) {
    const keys = Object.keys(sku.specValues);
    if (keys.length !== names.length || !names.every((n) => keys.includes(n))) return false;
    if (!specs.every((d) => d.values.includes(sku.specValues[d.name]!))) return false;
    const key = names.map((n) => sku.specValues[n]).join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return list.length > 0;
}

export const specTextOf = (specs: SpecDimension[], values: Record<string, string>): string =>
  specs.map((d) => values[d.name]).filter(Boolean).join(' / ') || '默认';

export function searchTokensOf(p: { title: string; subtitle?: string; description?: string; attributes?: Attribute[] }): string {
  const text = [p.title, p.subtitle ?? '', ...(p.attributes ?? []).map((a) => `${a.name} ${a.value}`), p.description ?? ''].join(' ');
  return tokenize(text).join(' ');
}
