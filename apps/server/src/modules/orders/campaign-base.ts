import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { loadSkusForCheckout, type SkuSnapshot } from '../catalog/api.ts';

// What every merchant campaign (group buy, bargain) shares: one of the merchant's SKUs at a campaign price, a
// window (startsAt–endsAt), an active/stopped status, and staff who list and stop campaigns. Each campaign module
// keeps its own table, rules and lifecycle; this is the part both used to write out in full.

/** The columns every campaign table has. */
export interface CampaignRow {
  id: string;
  merchantId: string;
  productId: string;
  skuId: string;
  title: string;
  durationMinutes: number;
  startsAt: Date;
  endsAt: Date;
  status: 'active' | 'stopped';
}

export interface CampaignBaseDto {
  id: string;
  merchantId: string;
  merchantName: string;
  productId: string;
  skuId: string;
  title: string;
  productTitle: string;
  specText: string;
  imageUrl: string | null;
  /** Today's price of the SKU, for comparison. */
  skuPrice: number;
  durationMinutes: number;
  startsAt: string;
  endsAt: string;
  status: 'active' | 'stopped';
  /** Active, within its dates and its SKU purchasable: shoppers may take part. */
  live: boolean;
}

/** Active and within its dates (the SKU's own availability is checked where it is loaded). */
export const isCampaignLive = (c: Pick<CampaignRow, 'status' | 'startsAt' | 'endsAt'>, now: Date) =>
  c.status === 'active' && c.startsAt <= now && now < c.endsAt;

/** Campaign rows as shoppers and staff see them, with their SKU's current title, image and price. */
export async function campaignViews<R extends CampaignRow, X>(
  db: Db,
  rows: readonly R[],
  now: Date,
  ownFields: (row: R) => X,
): Promise<(CampaignBaseDto & X)[]> {
  const skus = await loadSkusForCheckout(
    db,
    rows.map((r) => r.skuId),
  );
  return rows.map((r) => {
    const sku = skus.get(r.skuId);
    return {
      id: r.id,
      merchantId: r.merchantId,
      merchantName: sku?.merchantName ?? '',
      productId: r.productId,
      skuId: r.skuId,
      title: r.title,
      productTitle: sku?.productTitle ?? r.title,
      specText: sku?.specText ?? '',
      imageUrl: sku?.imageUrl ?? null,
      skuPrice: sku?.price ?? 0,
      durationMinutes: r.durationMinutes,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      status: r.status,
      live: isCampaignLive(r, now) && (sku?.purchasable ?? false),
      ...ownFields(r),
    };
  });
}

/** The acting merchant's SKU a new campaign offers (another shop's SKU looks missing), and who is creating it. */
export async function campaignSku(
  ctx: Ctx,
  skuId: string,
): Promise<{ merchantId: string; userId: string; sku: SkuSnapshot }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const user = requireUser(ctx.actor);
  const sku = (await loadSkusForCheckout(ctx.db, [skuId])).get(skuId);
  if (!sku || sku.merchantId !== merchantId) throw notFound('商品规格', skuId);
  return { merchantId, userId: user.userId, sku };
}

/** Why a campaign's window cannot be used, or null when it can. */
export function campaignWindowProblem(window: { startsAt: Date; endsAt: Date }, now: Date): string | null {
  return window.endsAt > window.startsAt && window.endsAt > now ? null : '结束时间须晚于开始时间和当前时间';
}

/** Whose campaigns a staff list shows: an operator (not acting for a shop) sees all, a merchant its own. */
export function staffCampaignScope(ctx: Ctx): string | undefined {
  const user = requireUser(ctx.actor);
  return user.roles.includes('operator') && !ctx.merchantHint
    ? undefined
    : actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage').merchantId;
}

/** Each campaign's children counted by status, every status present (0 when none). */
export function countsByCampaign<S extends string>(
  counts: readonly { campaignId: string; status: S; n: number }[],
  statuses: readonly S[],
): (campaignId: string) => Record<S, number> {
  return (campaignId) => {
    const out = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<S, number>;
    for (const c of counts) if (c.campaignId === campaignId) out[c.status] = c.n;
    return out;
  };
}
