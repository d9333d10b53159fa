import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { type ChargeMode, type FeeRule, type RegionRule, type RemoteMode, shippingTemplates } from './schema.ts';

export interface ShippingTemplate {
  /** pieces: rules count pieces; weight: rules count grams of the parcel (SKU weight × quantity). */
  chargeBy: ChargeMode;
  defaultRule: FeeRule;
  regions: RegionRule[];
  /** Items amount (before discounts) from which the piece fee is waived (满 X 包邮); null: never free. */
  freeThreshold: number | null;
  remoteProvinces: string[];
  /** surcharge: remote provinces pay `remoteExtraFee` on top, even when free; undeliverable: they cannot order. */
  remoteMode: RemoteMode;
  remoteExtraFee: number;
}

/** For merchants who have not set a template: ¥8 per parcel whatever the pieces, free from ¥99. */
export const DEFAULT_SHIPPING_TEMPLATE: ShippingTemplate = {
  chargeBy: 'pieces',
  defaultRule: { firstUnits: 1, firstFee: 800, extraUnits: 1, extraFee: 0 },
  regions: [],
  freeThreshold: 9900,
  remoteProvinces: [],
  remoteMode: 'surcharge',
  remoteExtraFee: 0,
};

export interface ShippingQuery {
  itemsAmount: number;
  units: number;
  /** The parcel's weight in grams (Σ SKU weight × qty); only weight templates read it. */
  weightGrams?: number;
  /** The address's province as written (广东省); null before an address is chosen. */
  province: string | null;
  /** A membership benefit waives the piece fee like the free threshold does (remote surcharges still apply). */
  memberFree?: boolean;
}

const inProvince = (province: string | null, names: readonly string[]) =>
  province !== null && names.some((p) => province.startsWith(p));

export const ruleFee = (rule: FeeRule, units: number): number =>
  units <= 0
    ? 0
    : rule.firstFee + Math.max(0, Math.ceil((units - rule.firstUnits) / Math.max(rule.extraUnits, 1))) * rule.extraFee;

/**
 * By weight: the first weight costs `firstFee` even for a parcel lighter than it (or of SKUs with no weight set),
 * and every started block of extra grams costs `extraFee` — 1.2 kg at 首重 1 kg + 续重 1 kg pays two blocks.
 */
const weightFee = (rule: FeeRule, units: number, grams: number): number =>
  units <= 0 ? 0 : ruleFee(rule, Math.max(grams, 1));

/** The parcel's fee in 分, or null when the template does not deliver to the province. Pure. */
export function shippingFeeFor(t: ShippingTemplate, q: ShippingQuery): number | null {
  const remote = inProvince(q.province, t.remoteProvinces);
  if (remote && t.remoteMode === 'undeliverable') return null;
  const free = q.memberFree === true || (t.freeThreshold !== null && q.itemsAmount >= t.freeThreshold);
  const rule = t.regions.find((r) => inProvince(q.province, r.provinces)) ?? t.defaultRule;
  const base = t.chargeBy === 'weight' ? weightFee(rule, q.units, q.weightGrams ?? 0) : ruleFee(rule, q.units);
  return (free ? 0 : base) + (remote ? t.remoteExtraFee : 0);
}

/** The active templates of these merchants; merchants without one are absent (pricing uses the default). */
export async function loadShippingTemplates(db: Db, merchantIds: string[]): Promise<Map<string, ShippingTemplate>> {
  if (merchantIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(shippingTemplates)
    .where(and(inArray(shippingTemplates.merchantId, [...new Set(merchantIds)]), eq(shippingTemplates.active, true)));
  return new Map(rows.map((r) => [r.merchantId, toTemplate(r)]));
}

// ---- the merchant's console ----

export interface ShippingTemplateInput extends ShippingTemplate {
  name: string;
}
export interface ShippingTemplateDto extends ShippingTemplateInput {
  id: string;
  active: boolean;
  updatedAt: string;
}

const refuseTemplate = refusals({
  'province-in-two-groups': [422, '同一省份只能属于一个地区分组'],
  'active-template-delete': [409, '正在使用的运费模板不能删除'],
});

export async function listShippingTemplates(
  ctx: Ctx,
): Promise<{ items: ShippingTemplateDto[]; platformDefault: ShippingTemplate }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.read');
  const rows = await ctx.db
    .select()
    .from(shippingTemplates)
    .where(eq(shippingTemplates.merchantId, merchantId))
    .orderBy(asc(shippingTemplates.id));
  return { items: rows.map(toDto), platformDefault: DEFAULT_SHIPPING_TEMPLATE };
}

/** A new template; the merchant's first one becomes the active one at once. Owner only, like every shipping rule. */
export async function createShippingTemplate(
  ctx: Ctx,
  input: ShippingTemplateInput,
): Promise<Result<ShippingTemplateDto>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  const bad = checkGroups(input);
  if (bad) return bad;
  return ctx.tx(async (tx) => {
    const [existing] = await tx
      .select({ id: shippingTemplates.id })
      .from(shippingTemplates)
      .where(and(eq(shippingTemplates.merchantId, merchantId), eq(shippingTemplates.active, true)));
    const now = ctx.now();
    const [row] = await tx
      .insert(shippingTemplates)
      .values({ id: newId('stpl'), merchantId, active: !existing, ...columns(input), createdAt: now, ...stamp(ctx) })
      .returning();
    return ok(toDto(row!));
  });
}

/** Edits a template; when it is the active one, quotes and new orders use it at once, placed orders keep theirs. */
export async function updateShippingTemplate(
  ctx: Ctx,
  id: string,
  input: ShippingTemplateInput,
): Promise<Result<ShippingTemplateDto>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  const bad = checkGroups(input);
  if (bad) return bad;
  const [row] = await ctx.db
    .update(shippingTemplates)
    .set({ ...columns(input), ...stamp(ctx) })
    .where(and(eq(shippingTemplates.id, id), eq(shippingTemplates.merchantId, merchantId)))
    .returning();
  if (!row) throw notFound('运费模板', id);
  return ok(toDto(row));
}

/** Makes this template the one that prices the merchant's checkouts. */
export async function activateShippingTemplate(ctx: Ctx, id: string): Promise<ShippingTemplateDto> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  return ctx.tx(async (tx) => {
    const [target] = await tx
      .select()
      .from(shippingTemplates)
      .where(and(eq(shippingTemplates.id, id), eq(shippingTemplates.merchantId, merchantId)))
      .for('update');
    if (!target) throw notFound('运费模板', id);
    await tx
      .update(shippingTemplates)
      .set({ active: false, ...stamp(ctx) })
      .where(
        and(
          eq(shippingTemplates.merchantId, merchantId),
          eq(shippingTemplates.active, true),
          ne(shippingTemplates.id, id),
        ),
      );
    const [row] = await tx
      .update(shippingTemplates)
      .set({ active: true, ...stamp(ctx) })
      .where(eq(shippingTemplates.id, id))
      .returning();
    return toDto(row!);
  });
}

export async function deleteShippingTemplate(ctx: Ctx, id: string): Promise<Result<{ id: string }>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  const [row] = await ctx.db
    .select({ active: shippingTemplates.active })
    .from(shippingTemplates)
    .where(and(eq(shippingTemplates.id, id), eq(shippingTemplates.merchantId, merchantId)));
  if (!row) throw notFound('运费模板', id);
  if (row.active) return refuseTemplate('active-template-delete', '请先启用另一个模板，再删除这个');
  await ctx.db.delete(shippingTemplates).where(eq(shippingTemplates.id, id));
  return ok({ id });
}

/** What the form's template charges for one case (广东 2 件 = ¥x), with the rule that applied, before saving. */
export function previewShipping(
  ctx: Ctx,
  input: { template: ShippingTemplate; province: string; units: number; weightGrams?: number; itemsAmount: number },
): { fee: number | null; text: string } {
  actingMerchant(ctx.actor, ctx.merchantHint, 'shop.read');
  const { template: t, province, units, itemsAmount } = input;
  const weightGrams = input.weightGrams ?? 0;
  const fee = shippingFeeFor(t, { itemsAmount, units, weightGrams, province });
  const size = t.chargeBy === 'weight' ? `${units} 件 ${formatKg(weightGrams)}` : `${units} 件`;
  const head = `${province} ${size}（商品 ${formatYuan(itemsAmount)}）`;
  if (fee === null) return { fee, text: `${head}：不配送` };
  const group = t.regions.find((r) => inProvince(province, r.provinces));
  const why = [
    group ? `按「${group.provinces.join('、')}」分组计费` : '按默认运费计费',
    t.freeThreshold !== null && itemsAmount >= t.freeThreshold ? `满 ${formatYuan(t.freeThreshold)} 包邮` : null,
    inProvince(province, t.remoteProvinces) ? `偏远地区加收 ${formatYuan(t.remoteExtraFee)}` : null,
  ].filter(Boolean);
  return { fee, text: `${head} = ${formatYuan(fee)}（${why.join('，')}）` };
}

/** 1200 → 1.2 kg; 1000 → 1 kg. */
const formatKg = (grams: number): string => `${Number((grams / 1000).toFixed(3))} kg`;

function checkGroups(input: ShippingTemplate) {
  const seen = new Set<string>();
  for (const r of input.regions)
    for (const p of r.provinces) {
      if (seen.has(p)) return refuseTemplate('province-in-two-groups', `「${p}」出现在两个地区分组里`);
      seen.add(p);
    }
  return undefined;
}

const columns = (input: ShippingTemplateInput) => ({
  name: input.name,
  chargeBy: input.chargeBy,
  defaultRule: input.defaultRule,
  regions: input.regions.map((r) => ({ ...r, provinces: [...new Set(r.provinces)] })),
  freeThreshold: input.freeThreshold,
  remoteProvinces: [...new Set(input.remoteProvinces)],
  remoteMode: input.remoteMode,
  remoteExtraFee: input.remoteProvinces.length > 0 && input.remoteMode === 'surcharge' ? input.remoteExtraFee : 0,
});

const stamp = (ctx: Ctx) => ({
  updatedAt: ctx.now(),
  updatedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : 'system',
});

const toTemplate = (r: typeof shippingTemplates.$inferSelect): ShippingTemplate => ({
  chargeBy: r.chargeBy,
  defaultRule: r.defaultRule,
  regions: r.regions,
  freeThreshold: r.freeThreshold,
  remoteProvinces: r.remoteProvinces,
  remoteMode: r.remoteMode,
  remoteExtraFee: r.remoteExtraFee,
});

const toDto = (r: typeof shippingTemplates.$inferSelect): ShippingTemplateDto => ({
  id: r.id,
  name: r.name,
  active: r.active,
  ...toTemplate(r),
  updatedAt: r.updatedAt.toISOString(),
});
