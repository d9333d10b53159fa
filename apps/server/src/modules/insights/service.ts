import { actingMerchant, requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { rfmReport, repurchaseReport } from './customers.ts';
import { type FunnelBreakdown, funnelReport, type FunnelStep } from './funnel.ts';
import { realtimeSnapshot } from './realtime.ts';
import { retentionReport } from './retention.ts';
import { type SearchInsightView, searchQueriesReport, searchSummary } from './search.ts';
import { addDays, dayStartOf, type Scope } from './scope.ts';
import { orderSources, shopOverview } from './shop.ts';

/**
 * The operators' and merchants' views over the behaviour events. Every use-case first settles whose numbers the
 * caller may see: operators the platform's (or one shop's, when they ask), merchant staff their own shop's only —
 * the merchant is taken from the caller's staff membership, never from the request.
 */

export type Audience = 'platform' | 'merchant';

function scopeOf(ctx: Ctx, audience: Audience, wanted?: string): Scope {
  if (audience === 'platform') {
    requireOperator(ctx.actor);
    return { merchantId: wanted ?? null };
  }
  return { merchantId: actingMerchant(ctx.actor, ctx.merchantHint, 'insights.read').merchantId };
}

const MAX_DAYS = 366;

/** [from 00:00, the day after `to` 00:00) in Beijing time, refused when reversed or too long. */
function periodOf(p: { from: string; to: string }): { from: Date; to: Date } {
  const from = dayStartOf(p.from);
  const to = addDays(dayStartOf(p.to), 1);
  if (to <= from) throw badRequest('开始日期不能晚于结束日期');
  if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) throw badRequest(`统计区间最长 ${MAX_DAYS} 天`);
  return { from, to };
}

export function realtime(ctx: Ctx, audience: Audience, q: { merchantId?: string | undefined }) {
  const scope = scopeOf(ctx, audience, q.merchantId);
  return realtimeSnapshot(ctx.deps, scope, ctx.now());
}

export function funnel(
  ctx: Ctx,
  audience: Audience,
  q: {
    from: string;
    to: string;
    merchantId?: string | undefined;
    steps: FunnelStep[];
    windowHours: number;
    breakdown: FunnelBreakdown;
  },
) {
  const scope = scopeOf(ctx, audience, q.merchantId);
  return funnelReport(ctx.deps, scope, {
    ...periodOf(q),
    steps: q.steps,
    windowHours: q.windowHours,
    breakdown: q.breakdown,
  });
}

export function retention(
  ctx: Ctx,
  audience: Audience,
  q: {
    from: string;
    to: string;
    merchantId?: string | undefined;
    cohort: 'signup' | 'first_purchase';
    granularity: 'day' | 'week';
    returnOn: 'active' | 'pay';
  },
) {
  const scope = scopeOf(ctx, audience, q.merchantId);
  // Sign-ups belong to the platform, not to a shop: a shop's cohorts start at its own first purchase.
  if (scope.merchantId && q.cohort === 'signup') throw badRequest('按店铺统计时只能按首次购买分组');
  return retentionReport(ctx.deps, scope, { ...q, ...periodOf(q) }, ctx.now());
}

export function repurchase(ctx: Ctx, audience: Audience, q: { from: string; to: string; merchantId?: string }) {
  const scope = scopeOf(ctx, audience, q.merchantId);
  return repurchaseReport(ctx.deps, scope, periodOf(q));
}

export function rfm(ctx: Ctx, audience: Audience, q: { from: string; to: string; merchantId?: string }) {
  const scope = scopeOf(ctx, audience, q.merchantId);
  return rfmReport(ctx.deps, scope, periodOf(q));
}

export function merchantOverview(ctx: Ctx, q: { days: number }) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'insights.read');
  return shopOverview(ctx.deps, merchantId, q.days, ctx.now());
}

export async function merchantOrderSources(ctx: Ctx, q: { lineIds: string }) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'insights.read');
  const ids = [...new Set(q.lineIds.split(',').filter(Boolean))];
  if (ids.length > 200) throw badRequest('一次最多 200 个订单行');
  return { items: await orderSources(ctx.deps, merchantId, ids) };
}

/** 搜索洞察 (operators only: shoppers' searches span every shop): the period's totals and one page of a view. */
export async function searchInsights(
  ctx: Ctx,
  q: {
    from: string;
    to: string;
    view: SearchInsightView;
    minSessions: number;
    cursor?: string | undefined;
    limit: number;
  },
) {
  requireOperator(ctx.actor);
  const range = periodOf(q);
  const offset = q.cursor ? Number(q.cursor) : 0;
  const [summary, page] = await Promise.all([
    searchSummary(ctx.deps, range),
    searchQueriesReport(ctx.deps, range, { view: q.view, limit: q.limit, offset, minSessions: q.minSessions }),
  ]);
  return { summary, ...page };
}
