import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { actingMerchant, requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { getCategoryPaths, getProductBriefs } from '../catalog/api.ts';
import { commissionRules, type RuleScope } from './schema.ts';

export type CommissionRule = typeof commissionRules.$inferSelect;

/** Level 1 + level 2 together never take more than half of what the buyer paid for a line. */
export const MAX_TOTAL_RATE_BP = 5000;

const refuse = refusals({
  'rule-rate-too-high': [422, `佣金比例合计不能超过 ${MAX_TOTAL_RATE_BP / 100}%`],
  'rule-target-invalid': [422, '规则适用的商品或类目不存在'],
});

export interface RuleView {
  id: string;
  owner: 'merchant' | 'platform';
  scope: RuleScope;
  target: string;
  targetName: string;
  rateBp: number;
  capAmount: number | null;
  secondRateBp: number;
  updatedAt: string;
}

export interface RuleInput {
  scope: RuleScope;
  target: string;
  rateBp: number;
  capAmount: number | null;
  secondRateBp: number;
}

/**
 * The rule for a product: the merchant's rule for the product, else the merchant's rule for its category, else the
 * platform's rule for the category, else the platform default. No rule, no commission.
 */
export async function resolveRule(
  db: Db,
  p: { merchantId: string; productId: string; categoryId: string },
): Promise<CommissionRule | undefined> {
  const rows = await db
    .select()
    .from(commissionRules)
    .where(
      or(
        and(
          eq(commissionRules.merchantId, p.merchantId),
          eq(commissionRules.scope, 'product'),
          eq(commissionRules.target, p.productId),
        ),
        and(
          eq(commissionRules.merchantId, p.merchantId),
          eq(commissionRules.scope, 'category'),
          eq(commissionRules.target, p.categoryId),
        ),
        and(
          isNull(commissionRules.merchantId),
          eq(commissionRules.scope, 'category'),
          eq(commissionRules.target, p.categoryId),
        ),
        and(isNull(commissionRules.merchantId), eq(commissionRules.scope, 'default')),
      ),
    );
  const rank = (r: CommissionRule) => (r.merchantId ? (r.scope === 'product' ? 0 : 1) : r.scope === 'category' ? 2 : 3);
  return rows.sort((a, b) => rank(a) - rank(b))[0];
}

export async function listMerchantRules(ctx: Ctx): Promise<{ items: RuleView[]; defaults: RuleView[] }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const own = await ctx.db
    .select()
    .from(commissionRules)
    .where(eq(commissionRules.merchantId, merchantId))
    .orderBy(asc(commissionRules.id));
  const platform = await ctx.db
    .select()
    .from(commissionRules)
    .where(isNull(commissionRules.merchantId))
    .orderBy(asc(commissionRules.id));
  return { items: await viewsOf(ctx, own), defaults: await viewsOf(ctx, platform) };
}

export async function listPlatformRules(ctx: Ctx): Promise<{ items: RuleView[] }> {
  requireOperator(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(commissionRules)
    .where(isNull(commissionRules.merchantId))
    .orderBy(asc(commissionRules.id));
  return { items: await viewsOf(ctx, rows) };
}

/** Creates or replaces the merchant's rule for one of its products or one category. */
export async function putMerchantRule(ctx: Ctx, input: RuleInput): Promise<Result<RuleView>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  if (input.scope === 'default') return refuse('rule-target-invalid', '商家规则只能按商品或类目设置');
  if (input.scope === 'product') {
    const brief = (await getProductBriefs(ctx.db, [input.target])).get(input.target);
    if (!brief || brief.merchantId !== merchantId) return refuse('rule-target-invalid', '只能为本店商品设置佣金');
  }
  return saveRule(ctx, merchantId, input);
}

/** Creates or replaces a platform default (per category, or the overall default with target '*'). */
export async function putPlatformRule(ctx: Ctx, input: RuleInput): Promise<Result<RuleView>> {
  requireOperator(ctx.actor);
  if (input.scope === 'product') return refuse('rule-target-invalid', '平台规则只能按类目或全局设置');
  return saveRule(ctx, null, input.scope === 'default' ? { ...input, target: '*' } : input);
}

export async function deleteRule(ctx: Ctx, ruleId: string, as: 'merchant' | 'platform'): Promise<void> {
  const owner =
    as === 'merchant'
      ? actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage').merchantId
      : (requireOperator(ctx.actor), null);
  const gone = await ctx.db
    .delete(commissionRules)
    .where(
      and(
        eq(commissionRules.id, ruleId),
        owner ? eq(commissionRules.merchantId, owner) : isNull(commissionRules.merchantId),
      ),
    )
    .returning({ id: commissionRules.id });
  if (gone.length === 0) throw notFound('佣金规则', ruleId);
}

async function saveRule(ctx: Ctx, merchantId: string | null, input: RuleInput): Promise<Result<RuleView>> {
  if (input.rateBp + input.secondRateBp > MAX_TOTAL_RATE_BP) return refuse('rule-rate-too-high');
  if (input.scope === 'category' && !(await getCategoryPaths(ctx)).has(input.target))
    return refuse('rule-target-invalid', '类目不存在');
  const user = ctx.actor.kind === 'user' ? ctx.actor.userId : 'system';
  const values = { ...input, merchantId, updatedAt: ctx.now(), updatedBy: user };
  const [existing] = await ctx.db
    .select({ id: commissionRules.id })
    .from(commissionRules)
    .where(
      and(
        merchantId ? eq(commissionRules.merchantId, merchantId) : isNull(commissionRules.merchantId),
        eq(commissionRules.scope, input.scope),
        eq(commissionRules.target, input.target),
      ),
    );
  const [row] = existing
    ? await ctx.db.update(commissionRules).set(values).where(eq(commissionRules.id, existing.id)).returning()
    : await ctx.db
        .insert(commissionRules)
        .values({ id: newId('cmr'), ...values })
        .returning();
  return ok((await viewsOf(ctx, [row!]))[0]!);
}

async function viewsOf(ctx: Ctx, rows: CommissionRule[]): Promise<RuleView[]> {
  const products = await getProductBriefs(
    ctx.db,
    rows.filter((r) => r.scope === 'product').map((r) => r.target),
  );
  const categories = rows.some((r) => r.scope === 'category') ? await getCategoryPaths(ctx) : new Map<string, string>();
  return rows.map((r) => ({
    id: r.id,
    owner: r.merchantId ? 'merchant' : 'platform',
    scope: r.scope,
    target: r.target,
    targetName:
      r.scope === 'product'
        ? (products.get(r.target)?.title ?? '已删除的商品')
        : r.scope === 'category'
          ? (categories.get(r.target) ?? r.target)
          : '全部商品',
    rateBp: r.rateBp,
    capAmount: r.capAmount,
    secondRateBp: r.secondRateBp,
    updatedAt: r.updatedAt.toISOString(),
  }));
}
