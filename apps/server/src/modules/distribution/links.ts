import { randomBytes } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { commissionFor } from './commissions.ts';
import { resolveRule } from './rules.ts';
import { affiliateLinks } from './schema.ts';

const refuse = refusals({
  'product-not-promotable': [422, '该商品暂不支持分享赚'],
});

export interface AffiliateLinkView {
  code: string;
  productId: string;
  path: string;
  product: { title: string; imageUrl: string | null; minPrice: number } | null;
  /** What one unit at the lowest price earns at level 1 now (the rule may change before someone buys). */
  rateBp: number;
  estimatedCommission: number;
  createdAt: string;
}

/** The promoter's link for a product (made once, then the same one): `/product/:id?aff=CODE`. */
export async function createAffiliateLink(ctx: Ctx, productId: string): Promise<Result<AffiliateLinkView>> {
  const user = requireUser(ctx.actor);
  const product = (await getProductBriefs(ctx.db, [productId])).get(productId);
  if (!product || product.status !== 'listed') return refuse('product-not-promotable', '商品不存在或已下架');
  const rule = await resolveRule(ctx.db, { merchantId: product.merchantId, productId, categoryId: product.categoryId });
  if (!rule || rule.rateBp === 0) return refuse('product-not-promotable', '商家未为该商品设置推广佣金');
  await ctx.db
    .insert(affiliateLinks)
    .values({
      id: newId('aff'),
      code: randomBytes(6).toString('base64url'),
      promoterId: user.userId,
      productId,
      createdAt: ctx.now(),
    })
    .onConflictDoNothing({ target: [affiliateLinks.promoterId, affiliateLinks.productId] });
  const [link] = await ctx.db
    .select()
    .from(affiliateLinks)
    .where(and(eq(affiliateLinks.promoterId, user.userId), eq(affiliateLinks.productId, productId)));
  return ok((await viewsOf(ctx, [link!]))[0]!);
}

export async function listMyLinks(
  ctx: Ctx,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: AffiliateLinkView[]; nextCursor: string | null }> {
  const user = requireUser(ctx.actor);
  const limit = query.limit ?? 20;
  const rows = await ctx.db
    .select()
    .from(affiliateLinks)
    .where(
      and(eq(affiliateLinks.promoterId, user.userId), query.cursor ? lt(affiliateLinks.id, query.cursor) : undefined),
    )
    .orderBy(desc(affiliateLinks.id))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  return { items: await viewsOf(ctx, shown), nextCursor: rows.length > limit ? shown[shown.length - 1]!.id : null };
}

async function viewsOf(ctx: Ctx, rows: (typeof affiliateLinks.$inferSelect)[]): Promise<AffiliateLinkView[]> {
  const briefs = await getProductBriefs(
    ctx.db,
    rows.map((r) => r.productId),
  );
  return Promise.all(
    rows.map(async (r) => {
      const p = briefs.get(r.productId);
      const rule = p
        ? await resolveRule(ctx.db, { merchantId: p.merchantId, productId: r.productId, categoryId: p.categoryId })
        : undefined;
      return {
        code: r.code,
        productId: r.productId,
        path: `/product/${r.productId}?aff=${r.code}`,
        product: p ? { title: p.title, imageUrl: p.imageUrl, minPrice: p.minPrice } : null,
        rateBp: rule?.rateBp ?? 0,
        estimatedCommission: p && rule ? commissionFor(p.minPrice, rule.rateBp, rule.capAmount) : 0,
        createdAt: r.createdAt.toISOString(),
      };
    }),
  );
}
