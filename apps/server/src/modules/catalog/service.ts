// The catalog's public surface: what routes and other modules call. The use-cases live in the files named below.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { listCategoryRows } from './categories.ts';
import { merchants } from './schema.ts';

export {
  createMerchant,
  type CreateMerchantInput,
  getMerchantBriefs,
  getMerchantCard,
  getOwnProfile,
  listMerchants,
  type MerchantBrief,
  type MerchantCard,
  type MerchantView,
  type RatingSummary,
  setMerchantStatus,
  updateOwnProfile,
} from './merchants.ts';
export {
  createProduct,
  type CreateProductInput,
  getOwnProduct,
  listOwnProducts,
  setProductListed,
  type SkuInput,
  updateProduct,
  type UpdateProductInput,
} from './products.ts';
export {
  getProductBriefs,
  getProductSkus,
  getProductStock,
  type MerchantProductListItem,
  type MerchantProductView,
  type ProductBrief,
  specTextOf,
  validateSkuMatrix,
} from './product-views.ts';
export { getMerchantCreditScore, setMerchantCreditScore } from './credit-score.ts';
export { editSkus, getPriceHistory, type PriceHistoryEntry, type SkuAddition, type SkuUpdate } from './skus.ts';
export { originalPriceCeiling } from './pricing-rule.ts';
export { getPublicProduct, type PublicProduct } from './public.ts';
export { type ProductCard, searchProducts, searchSuggestions, type SearchQuery, type SearchSort } from './search.ts';

export async function getMerchantName(ctx: Ctx, merchantId: string): Promise<string> {
  const [m] = await ctx.db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, merchantId));
  if (!m) throw notFound('商家');
  return m.name;
}

export interface CategoryNode {
  id: string;
  name: string;
  iconUrl: string | null;
  noReasonReturn: boolean;
  returnPolicyNote: string | null;
  children: CategoryNode[];
}

/** The category tree, top level first, each level in its display order. */
export async function getCategoryTree(ctx: Ctx): Promise<CategoryNode[]> {
  const rows = await listCategoryRows(ctx.db);
  const nodes = new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        iconUrl: r.iconUrl,
        noReasonReturn: r.noReasonReturn,
        returnPolicyNote: r.returnPolicyNote,
        children: [] as CategoryNode[],
      },
    ]),
  );
  const roots: CategoryNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
