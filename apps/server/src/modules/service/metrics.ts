import { and, asc, gte, isNotNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { deskOf } from './access.ts';
import { deskWhere, FIRST_RESPONSE_MS } from './assignment.ts';
import { conversations } from './schema.ts';
import { conversationViews } from './views.ts';

const secondsBetween = (a: unknown, b: unknown) => sql<number>`extract(epoch from (${a} - ${b}))`;

/**
 * The desk's service figures over the last `days`: first response and resolution times, the SLA, satisfaction,
 * and the auto-resolution rate (closed conversations no person ever joined ÷ closed conversations).
 */
export async function serviceMetrics(ctx: Ctx, which: 'shop' | 'platform', days: number) {
  const me = deskOf(ctx, which);
  const now = ctx.now();
  const since = new Date(now.getTime() - days * 86_400_000);
  const c = conversations;
  const firstResponse = secondsBetween(c.firstResponseAt, c.handedOverAt);
  const [row] = await ctx.db
    .select({
      total: sql<number>`count(*)::int`,
      closed: sql<number>`count(*) filter (where ${c.status} = 'closed')::int`,
      autoResolved: sql<number>`count(*) filter (where ${c.status} = 'closed' and ${c.humanJoinedAt} is null)::int`,
      handedOver: sql<number>`count(*) filter (where ${c.handedOverAt} is not null)::int`,
      frAvg: sql<number | null>`avg(${firstResponse})::float8`,
      frP90: sql<number | null>`percentile_cont(0.9) within group (order by ${firstResponse})::float8`,
      withinSla: sql<number>`count(*) filter (where ${c.firstResponseAt} is not null and ${firstResponse} <= ${FIRST_RESPONSE_MS / 1000})::int`,
      breaches: sql<number>`count(*) filter (where ${c.slaBreachedAt} is not null)::int`,
      resolutionAvg: sql<number | null>`avg(${secondsBetween(c.closedAt, c.createdAt)})::float8`,
      satisfaction: sql<number | null>`avg(${c.rating})::float8`,
      ratings: sql<number>`count(${c.rating})::int`,
      waitingNow: sql<number>`count(*) filter (where ${c.status} = 'waiting')::int`,
    })
    .from(c)
    .where(and(deskWhere(me.desk), gte(c.createdAt, since)));
  const open = await ctx.db
    .select()
    .from(c)
    .where(and(deskWhere(me.desk), isNotNull(c.slaBreachedAt), sql`${c.status} in ('waiting', 'active')`))
    .orderBy(asc(c.handedOverAt))
    .limit(50);
  const openViews = await conversationViews(ctx.db, open);
  const r = row!;
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return {
    days,
    conversations: r.total,
    closed: r.closed,
    autoResolved: r.autoResolved,
    autoResolutionRate: r.closed === 0 ? null : round((r.autoResolved / r.closed) * 100)! / 100,
    handedOver: r.handedOver,
    firstResponseAvgSeconds: round(r.frAvg),
    firstResponseP90Seconds: round(r.frP90),
    withinSla: r.withinSla,
    slaBreaches: r.breaches,
    resolutionAvgSeconds: round(r.resolutionAvg),
    satisfactionAvg: round(r.satisfaction),
    ratings: r.ratings,
    waitingNow: r.waitingNow,
    breachesOpen: openViews.map((v) => ({
      ...v,
      waitingSeconds: v.handedOverAt ? Math.round((now.getTime() - Date.parse(v.handedOverAt)) / 1000) : 0,
    })),
  };
}
