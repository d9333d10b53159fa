import type { Deps } from '../../deps.ts';
import type { QueryParams } from '../../platform/analytics/engine.ts';
import { eventsTableFrom, queryEvents } from '../analytics/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { liveSessionsOnAir } from '../live/api.ts';
import { addDays, beijingDayStart, ratio, type Scope, scoped } from './scope.ts';

interface Totals {
  gmv: number;
  orders: number;
  buyers: number;
  visitors: number;
  conversion: number | null;
}

export interface RealtimeSnapshot {
  at: string;
  today: Totals;
  /** Yesterday from midnight to the same time of day as now: a fair comparison while today is still running. */
  yesterdaySameTime: Totals;
  liveRoomsNow: number;
  byChannel: { channel: string; gmv: number; orders: number }[];
  topProducts: { productId: string; title: string; gmv: number; qty: number; orders: number }[];
  /** Paid amount per Beijing hour, today and yesterday (hour 0–23). */
  hourly: { hour: number; today: number; yesterday: number }[];
}

/**
 * The 大屏: today's GMV, orders, visitors, conversion, live rooms, channels and best sellers, with yesterday up to
 * the same time of day. Everything but the live-room count is read from the behaviour events.
 */
export async function realtimeSnapshot(deps: Deps, scope: Scope, now: Date): Promise<RealtimeSnapshot> {
  const today = beijingDayStart(now);
  const yesterday = addDays(today, -1);
  const params: QueryParams = { today, yesterday, now, yesterdayNow: addDays(now, -1) };
  const where = `ts >= $yesterday AND ts <= $now${scoped(scope, params)}`;
  const isToday = `ts >= $today`;
  const isYesterday = `ts < $today AND ts <= $yesterdayNow`;
  const totals = (when: string, k: string) => `
      sum(CASE WHEN type = 'pay' AND ${when} THEN amount ELSE 0 END) AS gmv_${k},
      count(DISTINCT CASE WHEN type = 'pay' AND ${when} THEN order_id END) AS orders_${k},
      count(DISTINCT CASE WHEN type = 'pay' AND ${when} THEN actor END) AS buyers_${k},
      count(DISTINCT CASE WHEN type = 'view' AND ${when} THEN actor END) AS visitors_${k}`;
  const hour = deps.analytics.dialect.truncate('hour', 'ts');
  // The last days' events in a table of their own when the engine keeps one (analytics recent.ts): the 大屏 then
  // reads a few hundred thousand rows at 10M events, not every event's time.
  const events = await eventsTableFrom(deps.analytics, yesterday);
  const [head, channels, products, hours, liveRoomsNow] = await Promise.all([
    queryEvents<Record<string, number | null>>(
      deps,
      `SELECT ${totals(isToday, 'today')}, ${totals(isYesterday, 'yesterday')} FROM ${events} WHERE ${where}`,
      params,
    ),
    queryEvents<{ channel: string | null; gmv: number; orders: number }>(
      deps,
      `SELECT channel, sum(amount) AS gmv, count(DISTINCT order_id) AS orders
         FROM ${events} WHERE type = 'pay' AND ${isToday} AND ${where} GROUP BY channel ORDER BY gmv DESC`,
      params,
    ),
    queryEvents<{ product_id: string; gmv: number; qty: number; orders: number }>(
      deps,
      `SELECT product_id, sum(amount) AS gmv, sum(qty) AS qty, count(DISTINCT order_id) AS orders
         FROM ${events} WHERE type = 'pay' AND ${isToday} AND ${where}
         GROUP BY product_id ORDER BY gmv DESC, product_id LIMIT 10`,
      params,
    ),
    queryEvents<{ h: string | Date; gmv: number }>(
      deps,
      `SELECT ${hour} AS h, sum(amount) AS gmv FROM ${events} WHERE type = 'pay' AND ${where} GROUP BY h`,
      params,
    ),
    liveSessionsOnAir(deps.database.db, scope.merchantId),
  ]);
  const r = head[0] ?? {};
  const pick = (k: string): Totals => {
    const buyers = Number(r[`buyers_${k}`] ?? 0);
    const visitors = Number(r[`visitors_${k}`] ?? 0);
    return {
      gmv: Number(r[`gmv_${k}`] ?? 0),
      orders: Number(r[`orders_${k}`] ?? 0),
      buyers,
      visitors,
      conversion: ratio(buyers, visitors),
    };
  };
  const briefs = await getProductBriefs(
    deps.database.db,
    products.map((p) => p.product_id),
  );
  const hourly = Array.from({ length: 24 }, (_, h) => ({ hour: h, today: 0, yesterday: 0 }));
  for (const row of hours) {
    const start = new Date(row.h).getTime();
    const slot = hourly[Math.floor((start - (start >= today.getTime() ? today : yesterday).getTime()) / 3_600_000)];
    if (!slot) continue;
    if (start >= today.getTime()) slot.today += Number(row.gmv);
    else slot.yesterday += Number(row.gmv);
  }
  return {
    at: now.toISOString(),
    today: pick('today'),
    yesterdaySameTime: pick('yesterday'),
    liveRoomsNow,
    byChannel: channels.map((c) => ({ channel: c.channel ?? 'direct', gmv: Number(c.gmv), orders: Number(c.orders) })),
    topProducts: products.map((p) => ({
      productId: p.product_id,
      title: briefs.get(p.product_id)?.title ?? '（已删除的商品）',
      gmv: Number(p.gmv),
      qty: Number(p.qty),
      orders: Number(p.orders),
    })),
    hourly,
  };
}
