import type { Deps } from '../../deps.ts';
import type { QueryParams } from '../../platform/analytics/engine.ts';
import { queryEvents } from '../analytics/api.ts';
import { ratio, type Scope, scoped } from './scope.ts';

export interface RepurchaseReport {
  buyers: number;
  repeatBuyers: number;
  /** Buyers with two or more paid orders in the period ÷ buyers. */
  rate: number | null;
  /** How many buyers paid for 1, 2, 3, 4 and 5 or more orders. */
  byOrders: { orders: string; buyers: number }[];
}

/** Repurchase over a period: of the people who paid, how many paid for more than one order. */
export async function repurchaseReport(
  deps: Deps,
  scope: Scope,
  range: { from: Date; to: Date },
): Promise<RepurchaseReport> {
  const params: QueryParams = { from: range.from, to: range.to };
  const rows = await queryEvents<{ bucket: number; buyers: number }>(
    deps,
    `WITH b AS (SELECT actor, count(DISTINCT order_id) AS n FROM events
                WHERE type = 'pay' AND ts >= $from AND ts < $to${scoped(scope, params)} GROUP BY actor)
     SELECT CASE WHEN n >= 5 THEN 5 ELSE n END AS bucket, count(*) AS buyers FROM b GROUP BY bucket ORDER BY bucket`,
    params,
  );
  const count = new Map(rows.map((r) => [Number(r.bucket), Number(r.buyers)]));
  const buyers = [...count.values()].reduce((a, b) => a + b, 0);
  const repeatBuyers = buyers - (count.get(1) ?? 0);
  return {
    buyers,
    repeatBuyers,
    rate: ratio(repeatBuyers, buyers),
    byOrders: [1, 2, 3, 4, 5].map((n) => ({ orders: n === 5 ? '5+' : String(n), buyers: count.get(n) ?? 0 })),
  };
}

/** The eight classic RFM groups, by whether recency, frequency and monetary value are high (H) or low (L). */
const RFM_SEGMENTS = {
  HHH: '重要价值客户',
  LHH: '重要保持客户',
  HLH: '重要发展客户',
  LLH: '重要挽留客户',
  HHL: '一般价值客户',
  LHL: '一般保持客户',
  HLL: '一般发展客户',
  LLL: '一般挽留客户',
} as const;
type RfmCode = keyof typeof RFM_SEGMENTS;

export interface RfmReport {
  buyers: number;
  /** The period's averages that split high from low. */
  averages: { recencyDays: number; orders: number; amount: number };
  segments: { code: RfmCode; name: string; buyers: number; amount: number; share: number | null }[];
}

/**
 * RFM over the buyers of a period: recency = days since their last payment, frequency = paid orders,
 * monetary = amount paid. A buyer is high on R when their recency is at most the average, high on F and M
 * when above the average — so "high" always means better than the typical buyer of this shop and period.
 */
export async function rfmReport(deps: Deps, scope: Scope, range: { from: Date; to: Date }): Promise<RfmReport> {
  const params: QueryParams = { from: range.from, to: range.to };
  const recency = deps.analytics.dialect.dayDiff('max(ts)', '$to');
  const rows = await queryEvents<Record<string, unknown>>(
    deps,
    `WITH b AS (SELECT actor, ${recency} AS r, count(DISTINCT order_id) AS f, sum(amount) AS m FROM events
                WHERE type = 'pay' AND ts >= $from AND ts < $to${scoped(scope, params)} GROUP BY actor),
     a AS (SELECT avg(r) AS ar, avg(f) AS af, avg(m) AS am FROM b)
     SELECT CASE WHEN b.r <= a.ar THEN 'H' ELSE 'L' END AS rh, CASE WHEN b.f > a.af THEN 'H' ELSE 'L' END AS fh,
            CASE WHEN b.m > a.am THEN 'H' ELSE 'L' END AS mh, count(*) AS n, sum(b.m) AS amount,
            any_value(a.ar) AS ar, any_value(a.af) AS af, any_value(a.am) AS am
     FROM b CROSS JOIN a GROUP BY rh, fh, mh`,
    params,
  );
  const byCode = new Map(rows.map((r) => [`${String(r.rh)}${String(r.fh)}${String(r.mh)}`, r]));
  const buyers = rows.reduce((s, r) => s + Number(r.n), 0);
  const first = rows[0];
  return {
    buyers,
    averages: {
      recencyDays: first ? Number(first.ar) : 0,
      orders: first ? Number(first.af) : 0,
      amount: first ? Math.round(Number(first.am)) : 0,
    },
    segments: (Object.keys(RFM_SEGMENTS) as RfmCode[]).map((code) => {
      const r = byCode.get(code);
      const n = r ? Number(r.n) : 0;
      return { code, name: RFM_SEGMENTS[code], buyers: n, amount: r ? Number(r.amount) : 0, share: ratio(n, buyers) };
    }),
  };
}
