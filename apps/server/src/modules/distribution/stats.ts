import { and, desc, eq, gte, sql, type SQL } from 'drizzle-orm';
import { actingMerchant, requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { publicProfiles } from '../accounts/api.ts';
import { commissions } from './schema.ts';

export interface DistributionStats {
  totals: {
    orders: number;
    promoters: number;
    gmv: number;
    recorded: number;
    pending: number;
    settled: number;
    reversed: number;
  };
  daily: { day: string; orders: number; commission: number }[];
  topProducts: { productId: string; title: string; orders: number; gmv: number; commission: number }[];
  topPromoters: { nickname: string; orders: number; gmv: number; commission: number }[];
}

/** Commission figures for the merchant's products (merchant) or the whole platform (operator), last 30 days daily. */
export async function distributionStats(ctx: Ctx, as: 'merchant' | 'platform'): Promise<DistributionStats> {
  const scope: SQL | undefined =
    as === 'merchant'
      ? eq(commissions.merchantId, actingMerchant(ctx.actor, ctx.merchantHint, 'insights.read').merchantId)
      : (requireOperator(ctx.actor), undefined);
  const net = sql`${commissions.amount} - ${commissions.reversedAmount}`;
  const level1 = and(scope, eq(commissions.level, 1));
  const [t] = await ctx.db
    .select({
      orders: sql<number>`count(distinct ${commissions.orderId})::int`,
      promoters: sql<number>`count(distinct ${commissions.promoterId})::int`,
      gmv: sql<string>`coalesce(sum(${commissions.baseAmount}) filter (where ${commissions.level} = 1), 0)`,
      recorded: sql<string>`coalesce(sum(${commissions.amount}), 0)`,
      pending: sql<string>`coalesce(sum(${net}) filter (where ${commissions.status} = 'pending'), 0)`,
      settled: sql<string>`coalesce(sum(${net}) filter (where ${commissions.status} = 'settled'), 0)`,
      reversed: sql<string>`coalesce(sum(${commissions.reversedAmount}), 0)`,
    })
    .from(commissions)
    .where(scope);
  const since = new Date(ctx.now().getTime() - 30 * 86_400_000);
  const day = sql<string>`to_char(${commissions.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  const daily = await ctx.db
    .select({
      day,
      orders: sql<number>`count(distinct ${commissions.orderId})::int`,
      commission: sql<string>`sum(${net})`,
    })
    .from(commissions)
    .where(and(scope, gte(commissions.createdAt, since)))
    .groupBy(day)
    .orderBy(day);
  const commission = sql<string>`sum(${net})`;
  const products = await ctx.db
    .select({
      productId: commissions.productId,
      title: sql<string>`max(${commissions.productTitle})`,
      orders: sql<number>`count(distinct ${commissions.orderId})::int`,
      gmv: sql<string>`sum(${commissions.baseAmount}) filter (where ${commissions.level} = 1)`,
      commission,
    })
    .from(commissions)
    .where(scope)
    .groupBy(commissions.productId)
    .orderBy(desc(commission))
    .limit(10);
  const promoters = await ctx.db
    .select({
      promoterId: commissions.promoterId,
      orders: sql<number>`count(distinct ${commissions.orderId})::int`,
      gmv: sql<string>`sum(${commissions.baseAmount})`,
      commission,
    })
    .from(commissions)
    .where(level1)
    .groupBy(commissions.promoterId)
    .orderBy(desc(commission))
    .limit(10);
  const names = await publicProfiles(
    ctx.db,
    promoters.map((p) => p.promoterId),
  );
  return {
    totals: {
      orders: t?.orders ?? 0,
      promoters: t?.promoters ?? 0,
      gmv: Number(t?.gmv ?? 0),
      recorded: Number(t?.recorded ?? 0),
      pending: Number(t?.pending ?? 0),
      settled: Number(t?.settled ?? 0),
      reversed: Number(t?.reversed ?? 0),
    },
    daily: daily.map((d) => ({ day: d.day, orders: d.orders, commission: Number(d.commission ?? 0) })),
    topProducts: products.map((p) => ({
      productId: p.productId,
      title: p.title,
      orders: p.orders,
      gmv: Number(p.gmv ?? 0),
      commission: Number(p.commission ?? 0),
    })),
    topPromoters: promoters.map((p) => ({
      nickname: names.get(p.promoterId)?.nickname ?? '好物用户',
      orders: p.orders,
      gmv: Number(p.gmv ?? 0),
      commission: Number(p.commission ?? 0),
    })),
  };
}
