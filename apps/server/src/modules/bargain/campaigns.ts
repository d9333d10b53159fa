import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { campaignSku, campaignWindowProblem, countsByCampaign, staffCampaignScope } from '../orders/api.ts';
import { refuse } from './rules.ts';
import { BARGAIN_STATUSES, bargainCampaigns, bargains, type BargainStatus } from './schema.ts';
import { minCutFor } from './steps.ts';
import { type BargainCampaignDto, campaignViews } from './views.ts';

export interface CreateBargainCampaignInput {
  skuId: string;
  title?: string | undefined;
  floorPrice: number;
  helpsNeeded: number;
  durationMinutes: number;
  startsAt: string;
  endsAt: string;
}

/** A merchant offers a SKU for bargaining down to a floor price in a set number of friends' helps. */
export async function createBargainCampaign(
  ctx: Ctx,
  input: CreateBargainCampaignInput,
): Promise<Result<BargainCampaignDto>> {
  const { merchantId, userId, sku } = await campaignSku(ctx, input.skuId);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (input.helpsNeeded < 1 || input.helpsNeeded > 100) return refuse('invalid-campaign', '需要的帮砍人数为 1–100');
  if (input.floorPrice <= 0 || sku.price - input.floorPrice < minCutFor(input.helpsNeeded))
    return refuse(
      'invalid-campaign',
      `底价须低于当前售价 ${formatYuan(sku.price)} 至少 ${formatYuan(minCutFor(input.helpsNeeded))}`,
    );
  if (input.durationMinutes < 10 || input.durationMinutes > 7 * 24 * 60)
    return refuse('invalid-campaign', '砍价时限为 10 分钟到 7 天');
  const windowProblem = campaignWindowProblem({ startsAt, endsAt }, ctx.now());
  if (windowProblem) return refuse('invalid-campaign', windowProblem);
  const id = newId('bgc');
  const [row] = await ctx.db
    .insert(bargainCampaigns)
    .values({
      id,
      merchantId,
      productId: sku.productId,
      skuId: sku.skuId,
      title: input.title?.trim() || `砍价免单价 · ${sku.productTitle}`,
      floorPrice: input.floorPrice,
      helpsNeeded: input.helpsNeeded,
      durationMinutes: input.durationMinutes,
      startsAt,
      endsAt,
      createdBy: userId,
      createdAt: ctx.now(),
    })
    .returning();
  await emit(ctx.db, 'bargain.campaign_created', { campaignId: id, merchantId, productId: sku.productId });
  return ok((await campaignViews(ctx.db, [row!], ctx.now()))[0]!);
}

export async function stopBargainCampaign(ctx: Ctx, campaignId: string): Promise<BargainCampaignDto> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const [row] = await ctx.db
    .update(bargainCampaigns)
    .set({ status: 'stopped' })
    .where(and(eq(bargainCampaigns.id, campaignId), eq(bargainCampaigns.merchantId, merchantId)))
    .returning();
  if (!row) throw notFound('砍价活动');
  return (await campaignViews(ctx.db, [row], ctx.now()))[0]!;
}

export interface BargainCampaignStatsDto extends BargainCampaignDto {
  bargains: Record<BargainStatus, number>;
}

/** The merchant's bargain campaigns (an operator sees all), newest first, with bargain counts by status. */
export async function listBargainCampaignsForStaff(
  ctx: Ctx,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: BargainCampaignStatsDto[]; nextCursor: string | null }> {
  const scope = staffCampaignScope(ctx);
  const limit = query.limit ?? 20;
  const rows = await ctx.db
    .select()
    .from(bargainCampaigns)
    .where(
      and(
        scope ? eq(bargainCampaigns.merchantId, scope) : undefined,
        query.cursor ? lt(bargainCampaigns.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(bargainCampaigns.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const counts = page.length
    ? await ctx.db
        .select({ campaignId: bargains.campaignId, status: bargains.status, n: sql<number>`count(*)::int` })
        .from(bargains)
        .where(sql`${bargains.campaignId} in ${page.map((r) => r.id)}`)
        .groupBy(bargains.campaignId, bargains.status)
    : [];
  const bargainsOf = countsByCampaign(counts, BARGAIN_STATUSES);
  const items = (await campaignViews(ctx.db, page, ctx.now())).map((v) => ({ ...v, bargains: bargainsOf(v.id) }));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}
