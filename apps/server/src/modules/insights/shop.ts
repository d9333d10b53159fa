import type { Deps } from '../../deps.ts';
import { publicProfiles } from '../accounts/api.ts';
import { afterSaleSummary, type AfterSaleSummary } from '../aftersales/api.ts';
import { queryEvents } from '../analytics/api.ts';
import { getLineAttributions } from '../attribution/api.ts';
import { getProductBriefs } from '../catalog/api.ts';
import { communityNames } from '../communities/api.ts';
import { liveSessionTitles } from '../live/api.ts';
import { ordersAwaitingShipment } from '../orders/api.ts';
import { postTitles } from '../posts/api.ts';
import { addDays, beijingDate, beijingDayStart } from './scope.ts';

export interface ShopOverview {
  days: { day: string; gmv: number; orders: number }[];
  gmv: number;
  refunded: number;
  paidOrders: number;
  buyers: number;
  topProducts: { productId: string; title: string; units: number; amount: number }[];
  afterSales: AfterSaleSummary;
  toShip: number;
}

/**
 * The merchant dashboard's figures for the last `days` Beijing days, computed on the server: sales from the
 * behaviour events (pay and refund rows), to-dos from the orders and after-sales modules.
 */
export async function shopOverview(deps: Deps, merchantId: string, days: number, now: Date): Promise<ShopOverview> {
  const from = addDays(beijingDayStart(now), -(days - 1));
  const params = { merchant: merchantId, from, now };
  const day = deps.analytics.dialect.truncate('day', 'ts');
  const where = `merchant_id = $merchant AND ts >= $from AND ts <= $now`;
  const [daily, totals, products, afterSales, toShip] = await Promise.all([
    queryEvents<{ d: string | Date; gmv: number; orders: number }>(
      deps,
      `SELECT ${day} AS d, sum(amount) AS gmv, count(DISTINCT order_id) AS orders
         FROM events WHERE type = 'pay' AND ${where} GROUP BY d`,
      params,
    ),
    queryEvents<{ gmv: number | null; orders: number; buyers: number; refunded: number | null }>(
      deps,
      `SELECT sum(CASE WHEN type = 'pay' THEN amount ELSE 0 END) AS gmv,
              count(DISTINCT CASE WHEN type = 'pay' THEN order_id END) AS orders,
              count(DISTINCT CASE WHEN type = 'pay' THEN actor END) AS buyers,
              sum(CASE WHEN type = 'refund' THEN amount ELSE 0 END) AS refunded
         FROM events WHERE type IN ('pay', 'refund') AND ${where}`,
      params,
    ),
    queryEvents<{ product_id: string; units: number; amount: number }>(
      deps,
      `SELECT product_id, sum(qty) AS units, sum(amount) AS amount FROM events
        WHERE type = 'pay' AND ${where} GROUP BY product_id ORDER BY amount DESC, product_id LIMIT 10`,
      params,
    ),
    afterSaleSummary(deps.database.db, merchantId, from, now),
    ordersAwaitingShipment(deps.database.db, merchantId),
  ]);
  const byDay = new Map(daily.map((r) => [beijingDate(new Date(r.d)), r]));
  const briefs = await getProductBriefs(
    deps.database.db,
    products.map((p) => p.product_id),
  );
  const t = totals[0];
  return {
    days: Array.from({ length: days }, (_, i) => {
      const d = beijingDate(addDays(from, i));
      const r = byDay.get(d);
      return { day: d, gmv: Number(r?.gmv ?? 0), orders: Number(r?.orders ?? 0) };
    }),
    gmv: Number(t?.gmv ?? 0),
    refunded: Number(t?.refunded ?? 0),
    paidOrders: Number(t?.orders ?? 0),
    buyers: Number(t?.buyers ?? 0),
    topProducts: products.map((p) => ({
      productId: p.product_id,
      title: briefs.get(p.product_id)?.title ?? '（已删除的商品）',
      units: Number(p.units),
      amount: Number(p.amount),
    })),
    afterSales,
    toShip,
  };
}

export interface OrderSource {
  lineId: string;
  orderId: string;
  source: string;
  /** What led to it: the post's title, the live session's title, the community's name, the sharer's nickname. */
  label: string | null;
  refId: string | null;
}

/**
 * Where each of a shop's order lines came from, by the attribution module's stamps, named. Lines of other shops'
 * products are left out, so a merchant cannot learn another shop's sources by guessing line ids.
 */
export async function orderSources(deps: Deps, merchantId: string | null, lineIds: string[]): Promise<OrderSource[]> {
  const db = deps.database.db;
  const stamps = [...(await getLineAttributions(db, lineIds)).values()];
  const briefs = await getProductBriefs(
    db,
    stamps.map((s) => s.productId),
  );
  const mine = stamps.filter((s) => !merchantId || briefs.get(s.productId)?.merchantId === merchantId);
  const ids = (pick: (s: (typeof mine)[number]) => string | null) =>
    mine.map(pick).filter((x): x is string => x !== null);
  const [posts, lives, communities, sharers] = await Promise.all([
    postTitles(
      db,
      ids((s) => s.postId),
    ),
    liveSessionTitles(
      db,
      ids((s) => s.liveSessionId),
    ),
    communityNames(
      db,
      ids((s) => s.communityId),
    ),
    publicProfiles(
      db,
      ids((s) => s.sharerId),
    ),
  ]);
  return mine.map((s) => {
    const [refId, label] =
      s.source === 'live'
        ? [s.liveSessionId, s.liveSessionId && lives.get(s.liveSessionId)]
        : s.source === 'community'
          ? [s.communityId, s.communityId && communities.get(s.communityId)]
          : s.source === 'share'
            ? [s.sharerId, s.sharerId && sharers.get(s.sharerId)?.nickname]
            : [s.postId, s.postId && posts.get(s.postId)];
    return { lineId: s.lineId, orderId: s.orderId, source: s.source, label: label || null, refId: refId ?? null };
  });
}
