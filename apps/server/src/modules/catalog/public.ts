import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { loadMerchantViews, type MerchantCard, type RatingSummary, ratingOf, toCard } from './merchants.ts';
import { type ReturnPolicy, returnPolicyOf, returnPolicyText } from './return-policy.ts';
import { type Attribute, categories, merchants, products, skus, type SpecDimension } from './schema.ts';

interface PublicSku {
  id: string;
  specValues: Record<string, string>;
  specText: string;
  price: number;
  originalPrice: number | null;
  stock: number;
}

/** A product page as a shopper sees it. */
export interface PublicProduct {
  id: string;
  title: string;
  subtitle: string;
  description: string;
  images: string[];
  attributes: Attribute[];
  category: { id: string; name: string; parent: { id: string; name: string } | null };
  specs: SpecDimension[];
  skus: PublicSku[];
  minPrice: number;
  maxPrice: number;
  salesCount: number;
  rating: RatingSummary;
  madeToOrder: boolean;
  returnPolicy: ReturnPolicy & { text: string };
  merchant: MerchantCard;
}

/** Listed products of active shops only; a draft, delisted or hidden product is simply not there (404). */
export async function getPublicProduct(ctx: Ctx, productId: string): Promise<PublicProduct> {
  const [row] = await ctx.db
    .select({ p: products, category: categories })
    .from(products)
    .innerJoin(merchants, eq(merchants.id, products.merchantId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(products.id, productId), eq(products.status, 'listed'), eq(merchants.status, 'active')));
  if (!row) throw notFound('商品', productId);
  const { p, category } = row;
  const [parent] = category.parentId
    ? await ctx.db
        .select({ id: categories.id, name: categories.name })
        .from(categories)
        .where(eq(categories.id, category.parentId))
    : [];
  const skuRows = await ctx.db
    .select()
    .from(skus)
    .where(and(eq(skus.productId, productId), eq(skus.enabled, true)))
    .orderBy(asc(skus.createdAt), asc(skus.id));
  const merchant = (await loadMerchantViews(ctx.db, [p.merchantId])).get(p.merchantId)!;
  const policy = returnPolicyOf({
    madeToOrder: p.madeToOrder,
    noReasonReturn: category.noReasonReturn,
    returnPolicyNote: category.returnPolicyNote,
  });
  return {
    id: p.id,
    title: p.title,
    subtitle: p.subtitle,
    description: p.description,
    images: p.images,
    attributes: p.attributes,
    category: { id: category.id, name: category.name, parent: parent ?? null },
    // Only the values some enabled SKU uses: a shopper should not pick a combination that cannot be bought.
    specs: p.specs.map((d) => ({
      name: d.name,
      values: d.values.filter((v) => skuRows.some((s) => s.specValues[d.name] === v)),
    })),
    skus: skuRows.map((s) => ({
      id: s.id,
      specValues: s.specValues,
      specText: s.specText,
      price: s.price,
      originalPrice: s.originalPrice,
      stock: s.stock,
    })),
    minPrice: p.minPrice,
    maxPrice: p.maxPrice,
    salesCount: p.salesCount,
    rating: ratingOf(p.ratingCount, p.ratingSum),
    madeToOrder: p.madeToOrder,
    returnPolicy: { ...policy, text: returnPolicyText(policy) },
    merchant: toCard(merchant),
  };
}
