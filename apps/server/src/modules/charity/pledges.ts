import { eq } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { formatYuan } from '../../platform/money.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { charityProjectBriefs } from '../points/api.ts';
import { refuse } from './rules.ts';
import { charityPledges } from './schema.ts';

export interface PledgeDto {
  productId: string;
  projectId: string;
  projectTitle: string;
  organization: string;
  /** 分 per item sold. */
  amountPerItem: number;
  /** A closed project takes no more donations: the pledge stays, but nothing is donated until it is changed. */
  projectActive: boolean;
  updatedAt: string;
}

async function pledgeOf(db: Db, productId: string): Promise<PledgeDto | null> {
  const [p] = await db.select().from(charityPledges).where(eq(charityPledges.productId, productId));
  if (!p) return null;
  const project = (await charityProjectBriefs(db, [p.projectId])).get(p.projectId);
  return {
    productId: p.productId,
    projectId: p.projectId,
    projectTitle: project?.title ?? '',
    organization: project?.organization ?? '',
    amountPerItem: p.amountPerItem,
    projectActive: project?.active ?? false,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The merchant's own product, or 404 (another shop's product is not revealed). */
async function ownProduct(ctx: Ctx, productId: string, permission: 'products.read' | 'products.manage') {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, permission);
  const product = (await getProductBriefs(ctx.db, [productId])).get(productId);
  if (!product || product.merchantId !== merchantId) throw notFound('商品', productId);
  return product;
}

export async function getProductPledge(ctx: Ctx, productId: string): Promise<{ pledge: PledgeDto | null }> {
  await ownProduct(ctx, productId, 'products.read');
  return { pledge: await pledgeOf(ctx.db, productId) };
}

/**
 * 设为公益商品: from now on each item of the product sold donates `amountPerItem` to an active project, paid out of
 * the merchant's proceeds. Changing it changes future sales only; what was donated stays on the ledger.
 */
export async function setProductPledge(
  ctx: Ctx,
  productId: string,
  input: { projectId: string; amountPerItem: number },
): Promise<Result<{ pledge: PledgeDto }>> {
  const product = await ownProduct(ctx, productId, 'products.manage');
  const project = (await charityProjectBriefs(ctx.db, [input.projectId])).get(input.projectId);
  if (!project?.active) return refuse('project-unavailable');
  if (input.amountPerItem > product.minPrice)
    return refuse('pledge-exceeds-price', `本商品最低售价 ${formatYuan(product.minPrice)}`);
  const now = ctx.now();
  await ctx.db
    .insert(charityPledges)
    .values({
      productId,
      merchantId: product.merchantId,
      projectId: project.id,
      amountPerItem: input.amountPerItem,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: charityPledges.productId,
      set: { projectId: project.id, amountPerItem: input.amountPerItem, updatedAt: now },
    });
  return ok({ pledge: (await pledgeOf(ctx.db, productId))! });
}

/** 取消公益商品: later sales donate nothing; donations already made stay. */
export async function removeProductPledge(ctx: Ctx, productId: string): Promise<void> {
  await ownProduct(ctx, productId, 'products.manage');
  await ctx.db.delete(charityPledges).where(eq(charityPledges.productId, productId));
}

/** The product page badge (每售出一件捐赠 ¥1 给「项目」): only while the project takes donations. */
export async function publicProductPledge(db: Db, productId: string): Promise<{ pledge: PledgeDto | null }> {
  const pledge = await pledgeOf(db, productId);
  return { pledge: pledge?.projectActive ? pledge : null };
}
