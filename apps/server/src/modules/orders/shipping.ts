import { eq, inArray } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { DEFAULT_SHIPPING_TEMPLATE, type ShippingTemplate } from './pricing.ts';
import { shippingTemplates } from './schema.ts';

/** Province-level regions by the short name an address's province starts with. */
export const PROVINCES = [
  '北京',
  '天津',
  '河北',
  '山西',
  '内蒙古',
  '辽宁',
  '吉林',
  '黑龙江',
  '上海',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '广西',
  '海南',
  '重庆',
  '四川',
  '贵州',
  '云南',
  '西藏',
  '陕西',
  '甘肃',
  '青海',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
  '台湾',
] as const;

export interface ShippingTemplateDto extends ShippingTemplate {
  /** True while the merchant has not set its own: the platform default applies. */
  isDefault: boolean;
  updatedAt: string | null;
}

/** The templates of these merchants; merchants without one are absent (the pricing engine uses the default). */
export async function loadShippingTemplates(db: Db, merchantIds: string[]): Promise<Map<string, ShippingTemplate>> {
  if (merchantIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(shippingTemplates)
    .where(inArray(shippingTemplates.merchantId, [...new Set(merchantIds)]));
  return new Map(rows.map((r) => [r.merchantId, toTemplate(r)]));
}

export async function getShippingTemplate(ctx: Ctx): Promise<ShippingTemplateDto> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.read');
  const [row] = await ctx.db.select().from(shippingTemplates).where(eq(shippingTemplates.merchantId, merchantId));
  return row
    ? { ...toTemplate(row), isDefault: false, updatedAt: row.updatedAt.toISOString() }
    : { ...DEFAULT_SHIPPING_TEMPLATE, isDefault: true, updatedAt: null };
}

/** The merchant's owner sets the shipping rule; quotes and new orders use it at once, existing orders keep theirs. */
export async function putShippingTemplate(ctx: Ctx, input: ShippingTemplate): Promise<ShippingTemplateDto> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'shop.manage');
  const actor = ctx.actor.kind === 'user' ? ctx.actor.userId : 'system';
  const values = {
    baseFee: input.baseFee,
    freeThreshold: input.freeThreshold,
    remoteProvinces: [...new Set(input.remoteProvinces)],
    remoteExtraFee: input.remoteProvinces.length > 0 ? input.remoteExtraFee : 0,
    updatedAt: ctx.now(),
    updatedBy: actor,
  };
  const [row] = await ctx.db
    .insert(shippingTemplates)
    .values({ merchantId, ...values })
    .onConflictDoUpdate({ target: shippingTemplates.merchantId, set: values })
    .returning();
  return { ...toTemplate(row!), isDefault: false, updatedAt: row!.updatedAt.toISOString() };
}

const toTemplate = (r: typeof shippingTemplates.$inferSelect): ShippingTemplate => ({
  baseFee: r.baseFee,
  freeThreshold: r.freeThreshold,
  remoteProvinces: r.remoteProvinces,
  remoteExtraFee: r.remoteExtraFee,
});
