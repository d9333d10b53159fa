import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { actingMerchant, canSeeMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';
import { campaignSku, campaignWindowProblem, countsByCampaign, staffCampaignScope } from '../orders/api.ts';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, refuse } from './rules.ts';
import { GROUP_STATUSES, groupBuyCampaigns, groupBuyGroups, type GroupStatus } from './schema.ts';
import { type CampaignDto, campaignViews } from './views.ts';

export interface CreateCampaignInput {
  skuId: string;
  title?: string | undefined;
  groupSize: number;
  groupPrice: number;
  durationMinutes: number;
  perUserLimit?: number | null | undefined;
  newUserSeats?: number | undefined;
  startsAt: string;
  endsAt: string;
}

/** A merchant offers one of its SKUs at a group price. The group price must be below today's price. */
export async function createCampaign(ctx: Ctx, input: CreateCampaignInput): Promise<Result<CampaignDto>> {
  const { merchantId, userId, sku } = await campaignSku(ctx, input.skuId);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const newUserSeats = input.newUserSeats ?? 0;
  if (input.groupSize < 2 || input.groupSize > 50) return refuse('invalid-campaign', '成团人数为 2–50 人');
  if (input.groupPrice <= 0 || input.groupPrice >= sku.price)
    return refuse('invalid-campaign', `拼团价须低于当前售价 ${formatYuan(sku.price)}`);
  if (input.durationMinutes < MIN_DURATION_MINUTES || input.durationMinutes > MAX_DURATION_MINUTES)
    return refuse('invalid-campaign', '成团时限为 10 分钟到 72 小时');
  if (newUserSeats < 0 || newUserSeats > input.groupSize - 1)
    return refuse('invalid-campaign', '新人席位须少于成团人数（团长席位不限新人）');
  if (input.perUserLimit != null && input.perUserLimit < 1) return refuse('invalid-campaign', '每人限参团次数至少为 1');
  const windowProblem = campaignWindowProblem({ startsAt, endsAt }, ctx.now());
  if (windowProblem) return refuse('invalid-campaign', windowProblem);
  const id = newId('gbc');
  const [row] = await ctx.db
    .insert(groupBuyCampaigns)
    .values({
      id,
      merchantId,
      productId: sku.productId,
      skuId: sku.skuId,
      title: input.title?.trim() || `${input.groupSize} 人团 · ${sku.productTitle}`,
      groupSize: input.groupSize,
      groupPrice: input.groupPrice,
      durationMinutes: input.durationMinutes,
      perUserLimit: input.perUserLimit ?? null,
      newUserSeats,
      startsAt,
      endsAt,
      createdBy: userId,
      createdAt: ctx.now(),
    })
    .returning();
  await emit(ctx.db, 'groupbuy.campaign_created', { campaignId: id, merchantId, productId: sku.productId });
  return ok((await campaignViews(ctx.db, [row!], ctx.now()))[0]!);
}

/** The merchant ends a campaign early: no new groups; groups already open run to success or expiry. */
export async function stopCampaign(ctx: Ctx, campaignId: string): Promise<CampaignDto> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'marketing.manage');
  const [row] = await ctx.db
    .update(groupBuyCampaigns)
    .set({ status: 'stopped' })
    .where(and(eq(groupBuyCampaigns.id, campaignId), eq(groupBuyCampaigns.merchantId, merchantId)))
    .returning();
  if (!row) throw notFound('拼团活动');
  return (await campaignViews(ctx.db, [row], ctx.now()))[0]!;
}

export interface CampaignStatsDto extends CampaignDto {
  groups: Record<GroupStatus, number>;
}

/** The merchant's campaigns (an operator sees every merchant's), newest first, with group counts. */
export async function listCampaignsForStaff(
  ctx: Ctx,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: CampaignStatsDto[]; nextCursor: string | null }> {
  const scope = staffCampaignScope(ctx);
  const limit = query.limit ?? 20;
  const rows = await ctx.db
    .select()
    .from(groupBuyCampaigns)
    .where(
      and(
        scope ? eq(groupBuyCampaigns.merchantId, scope) : undefined,
        query.cursor ? lt(groupBuyCampaigns.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(groupBuyCampaigns.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const counts = page.length
    ? await ctx.db
        .select({ campaignId: groupBuyGroups.campaignId, status: groupBuyGroups.status, n: sql<number>`count(*)::int` })
        .from(groupBuyGroups)
        .where(sql`${groupBuyGroups.campaignId} in ${page.map((r) => r.id)}`)
        .groupBy(groupBuyGroups.campaignId, groupBuyGroups.status)
    : [];
  const groupsOf = countsByCampaign(counts, GROUP_STATUSES);
  const items = (await campaignViews(ctx.db, page, ctx.now())).map((v) => ({ ...v, groups: groupsOf(v.id) }));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** A campaign for staff; another merchant's looks missing. */
export async function loadCampaignForStaff(ctx: Ctx, campaignId: string) {
  const [row] = await ctx.db.select().from(groupBuyCampaigns).where(eq(groupBuyCampaigns.id, campaignId));
  if (!row || !canSeeMerchant(ctx.actor, row.merchantId, 'marketing.manage')) throw notFound('拼团活动');
  return row;
}
