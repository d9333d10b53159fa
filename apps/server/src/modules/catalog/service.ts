// The catalog's public surface: what routes and other modules call. The use-cases live in the files named below.
import type { Ctx } from '../../platform/context.ts';
import { listCategoryRows } from './categories.ts';

export {
  createMerchant,
  getMerchantBriefs,
  getMerchantCard,
  getOwnProfile,
  listMerchants,
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
} from './products.ts';
export { delistForPenalty, listingsForPatrol } from './patrol-listings.ts';
export { getProductBriefs, getProductSkus, getProductStock } from './product-views.ts';
export { getMerchantCreditScore, recordComputedCreditScore, setMerchantCreditScore } from './credit-score.ts';
export { editSkus, getPriceHistory } from './skus.ts';
export { getPublicProduct } from './public.ts';
export { searchProducts, searchSuggestions } from './search.ts';

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

/** Every category's full path by id ("服饰 / 女装 / 连衣裙"), for showing a stored category id to people. */
export async function getCategoryPaths(ctx: Ctx): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  const walk = (nodes: CategoryNode[], prefix: string) => {
    for (const n of nodes) {
      paths.set(n.id, prefix + n.name);
      walk(n.children, `${prefix}${n.name} / `);
    }
  };
  walk(await getCategoryTree(ctx), '');
  return paths;
}
