import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { actingMerchant, requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound, ok, type Result } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { getCategoryTree, getProductBriefs } from '../catalog/api.ts';
import { couponLabel } from './rules.ts';
import {
  type CouponAudience,
  type CouponKind,
  couponRedemptions,
  coupons,
  type CouponScope,
  couponTemplates,
} from './schema.ts';
import type { TemplateRow } from './issue.ts';

// Templates as merchants and operators manage them: create, stop, and honest numbers from this module's tables.

export interface TemplateInput {
  name: string;
  kind: CouponKind;
  thresholdAmount: number;
  discountAmount: number;
  percentOff?: number | undefined;
  maxDiscount?: number | null | undefined;
  scope: CouponScope;
  productIds: string[];
  categoryIds: string[];
  audience: CouponAudience;
  firstOrderOnly: boolean;
  validity: { type: 'fixed'; validFrom: string; validUntil: string } | { type: 'relative'; days: number };
  claimFrom?: string | undefined;
  claimUntil: string;
  totalQuantity: number;
  perUserLimit: number;
}

/** Who owns templates in this request: a merchant (its staff) or the platform (operators). */
export type Owner = { kind: 'merchant'; merchantId: string } | { kind: 'platform' };

export function ownerOf(ctx: Ctx, as: 'merchant' | 'platform'): Owner {
  if (as === 'platform') {
    requireOperator(ctx.actor);
    return { kind: 'platform' };
  }
  return { kind: 'merchant', merchantId: actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage').merchantId };
}

const invalid = (field: string, message: string) =>
  new AppError('validation-failed', 400, '请求参数有误', message, [{ field: `body.${field}`, message }]);

export async function createTemplate(ctx: Ctx, owner: Owner, input: TemplateInput): Promise<Result<TemplateDto>> {
  const user = ctx.actor.kind === 'user' ? ctx.actor : undefined;
  const merchantId = owner.kind === 'merchant' ? owner.merchantId : null;
  if (merchantId && (input.audience === 'new_user' || input.firstOrderOnly))
    throw invalid('audience', '新人礼包和首单立减由平台发放，店铺券请选择公开领取或定向发放');
  checkAmounts(input);
  const now = ctx.now();
  const claimFrom = input.claimFrom ? new Date(input.claimFrom) : now;
  const claimUntil = new Date(input.claimUntil);
  if (claimUntil <= claimFrom) throw invalid('claimUntil', '领取结束时间须晚于开始时间');
  let validFrom: Date | null = null;
  let validUntil: Date | null = null;
  if (input.validity.type === 'fixed') {
    validFrom = new Date(input.validity.validFrom);
    validUntil = new Date(input.validity.validUntil);
    if (validUntil <= validFrom || validUntil <= now)
      throw invalid('validity.validUntil', '有效期结束时间须晚于开始时间和当前时间');
    if (claimUntil > validUntil) throw invalid('claimUntil', '领取结束时间不能晚于有效期结束时间');
  }
  const productIds = input.scope === 'products' ? await checkProducts(ctx, merchantId, input.productIds) : [];
  const categoryIds = input.scope === 'category' ? await expandCategories(ctx, input.categoryIds) : [];
  return atomically(ctx, async (tx) => {
    const [row] = await tx
      .insert(couponTemplates)
      .values({
        id: newId('cpt'),
        merchantId,
        createdBy: user?.userId ?? 'system',
        name: input.name.trim(),
        kind: input.kind,
        thresholdAmount: input.kind === 'no_threshold' ? 0 : input.thresholdAmount,
        discountAmount: input.kind === 'percent' ? 0 : input.discountAmount,
        percentOff: input.kind === 'percent' ? input.percentOff! : null,
        maxDiscount: input.kind === 'percent' ? (input.maxDiscount ?? null) : null,
        scope: input.scope,
        productIds,
        categoryIds,
        audience: input.audience,
        firstOrderOnly: input.firstOrderOnly,
        validFrom,
        validUntil,
        validDays: input.validity.type === 'relative' ? input.validity.days : null,
        claimFrom,
        claimUntil,
        totalQuantity: input.totalQuantity,
        perUserLimit: input.perUserLimit,
        createdAt: now,
      })
      .returning();
    return ok((await withStats(tx, [row!]))[0]!);
  });
}

function checkAmounts(input: TemplateInput) {
  if (input.kind === 'percent') {
    if (!input.percentOff) throw invalid('percentOff', '请填写折扣');
    return;
  }
  if (input.discountAmount <= 0) throw invalid('discountAmount', '优惠金额须大于 0');
  if (input.kind === 'threshold' && input.thresholdAmount <= input.discountAmount)
    throw invalid('thresholdAmount', '满减门槛须高于优惠金额');
}

async function checkProducts(ctx: Ctx, merchantId: string | null, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw invalid('productIds', '请选择适用商品');
  const briefs = await getProductBriefs(ctx.db, unique);
  const bad = unique.filter(
    (id) => !briefs.has(id) || (merchantId !== null && briefs.get(id)!.merchantId !== merchantId),
  );
  if (bad.length > 0) throw invalid('productIds', `商品不存在或不属于本店：${bad.join('、')}`);
  return unique;
}

/** Category scopes are stored with every sub-category, so checkout matches a line's own category directly. */
async function expandCategories(ctx: Ctx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) throw invalid('categoryIds', '请选择适用品类');
  const out = new Set<string>();
  const walk = (nodes: Awaited<ReturnType<typeof getCategoryTree>>, inside: boolean) => {
    for (const n of nodes) {
      const hit = inside || ids.includes(n.id);
      if (hit) out.add(n.id);
      walk(n.children, hit);
    }
  };
  walk(await getCategoryTree(ctx), false);
  const unknown = ids.filter((id) => !out.has(id));
  if (unknown.length > 0) throw invalid('categoryIds', `品类不存在：${unknown.join('、')}`);
  return [...out];
}

export interface TemplateDto {
  id: string;
  merchantId: string | null;
  name: string;
  label: string;
  kind: CouponKind;
  thresholdAmount: number;
  discountAmount: number;
  percentOff: number | null;
  maxDiscount: number | null;
  scope: CouponScope;
  productIds: string[];
  categoryIds: string[];
  audience: CouponAudience;
  firstOrderOnly: boolean;
  validFrom: string | null;
  validUntil: string | null;
  validDays: number | null;
  claimFrom: string;
  claimUntil: string;
  totalQuantity: number;
  perUserLimit: number;
  status: 'active' | 'stopped';
  createdAt: string;
  stats: { issued: number; used: number; returned: number; paidOrders: number; paidDiscount: number };
}

export const templateFields = (t: TemplateRow) => ({
  id: t.id,
  merchantId: t.merchantId,
  name: t.name,
  label: couponLabel(t),
  kind: t.kind,
  thresholdAmount: t.thresholdAmount,
  discountAmount: t.discountAmount,
  percentOff: t.percentOff,
  maxDiscount: t.maxDiscount,
  scope: t.scope,
  productIds: t.productIds,
  categoryIds: t.categoryIds,
  audience: t.audience,
  firstOrderOnly: t.firstOrderOnly,
  validFrom: t.validFrom?.toISOString() ?? null,
  validUntil: t.validUntil?.toISOString() ?? null,
  validDays: t.validDays,
  claimFrom: t.claimFrom.toISOString(),
  claimUntil: t.claimUntil.toISOString(),
  totalQuantity: t.totalQuantity,
  perUserLimit: t.perUserLimit,
});

/**
 * Issued = coupons handed out; used = currently locked to an order; returned = times coupons came back;
 * paid discount = coupon discount on orders paid and not cancelled or fully refunded.
 */
async function withStats(db: Ctx['db'], rows: TemplateRow[]): Promise<TemplateDto[]> {
  const ids = rows.map((r) => r.id);
  const usage = ids.length
    ? await db
        .select({
          templateId: coupons.templateId,
          used: sql<number>`count(*) filter (where ${coupons.status} = 'used')`.mapWith(Number),
          returned: sql<number>`coalesce(sum(${coupons.returnCount}), 0)`.mapWith(Number),
        })
        .from(coupons)
        .where(inArray(coupons.templateId, ids))
        .groupBy(coupons.templateId)
    : [];
  const paid = ids.length
    ? await db
        .select({
          templateId: couponRedemptions.templateId,
          orders: sql<number>`count(*)`.mapWith(Number),
          amount: sql<number>`coalesce(sum(${couponRedemptions.amount}), 0)`.mapWith(Number),
        })
        .from(couponRedemptions)
        .where(and(inArray(couponRedemptions.templateId, ids), eq(couponRedemptions.status, 'paid')))
        .groupBy(couponRedemptions.templateId)
    : [];
  return rows.map((t) => {
    const u = usage.find((x) => x.templateId === t.id);
    const p = paid.find((x) => x.templateId === t.id);
    return {
      ...templateFields(t),
      status: t.status,
      createdAt: t.createdAt.toISOString(),
      stats: {
        issued: t.issuedCount,
        used: u?.used ?? 0,
        returned: u?.returned ?? 0,
        paidOrders: p?.orders ?? 0,
        paidDiscount: p?.amount ?? 0,
      },
    };
  });
}

const ownedBy = (owner: Owner) =>
  owner.kind === 'merchant' ? eq(couponTemplates.merchantId, owner.merchantId) : isNull(couponTemplates.merchantId);

export async function listTemplates(
  ctx: Ctx,
  owner: Owner,
  query: { cursor?: string | undefined; limit: number },
): Promise<{ items: TemplateDto[]; nextCursor: string | null }> {
  const rows = await ctx.db
    .select()
    .from(couponTemplates)
    .where(and(ownedBy(owner), query.cursor ? lt(couponTemplates.id, query.cursor) : undefined))
    .orderBy(desc(couponTemplates.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { items: await withStats(ctx.db, page), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}

/** The owner's template, or 404 (another shop's template looks missing). */
export async function loadOwnTemplate(db: Ctx['db'], owner: Owner, id: string, lock = false): Promise<TemplateRow> {
  const q = db
    .select()
    .from(couponTemplates)
    .where(and(eq(couponTemplates.id, id), ownedBy(owner)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('优惠券模板');
  return row;
}

/** Stops further claims and issuance; coupons already issued stay usable until they expire. */
export async function stopTemplate(ctx: Ctx, owner: Owner, id: string): Promise<TemplateDto> {
  return ctx.tx(async (tx) => {
    await loadOwnTemplate(tx, owner, id);
    const [row] = await tx
      .update(couponTemplates)
      .set({ status: 'stopped' })
      .where(eq(couponTemplates.id, id))
      .returning();
    return (await withStats(tx, [row!]))[0]!;
  });
}
