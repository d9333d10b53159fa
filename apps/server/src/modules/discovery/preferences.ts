import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { type CategoryNode, getCategoryTree } from '../catalog/api.ts';
import { sharedList } from './lists.ts';
import { discoverySettings } from './schema.ts';

/** No row means on: personalisation is the default, and switching it off is one tap away (Art. 17). */
export async function isPersonalised(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select().from(discoverySettings).where(eq(discoverySettings.userId, userId));
  return row?.personalised ?? true;
}

export function categoryNames(ctx: Ctx): Promise<Map<string, string>> {
  return sharedList(ctx.db, 'category-names', () => loadCategoryNames(ctx));
}

async function loadCategoryNames(ctx: Ctx): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const walk = (nodes: CategoryNode[]) =>
    nodes.forEach((n) => {
      names.set(n.id, n.name);
      walk(n.children);
    });
  walk(await getCategoryTree(ctx));
  return names;
}

/** Each category's top-level category (posts are keyed by top-level categories, products by their own). */
export function topCategories(ctx: Ctx): Promise<Map<string, string>> {
  return sharedList(ctx.db, 'category-tops', async () => {
    const tops = new Map<string, string>();
    const walk = (nodes: CategoryNode[], top: string | null) =>
      nodes.forEach((n) => {
        tops.set(n.id, top ?? n.id);
        walk(n.children, top ?? n.id);
      });
    walk(await getCategoryTree(ctx), null);
    return tops;
  });
}
