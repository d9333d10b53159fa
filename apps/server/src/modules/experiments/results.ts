import type { Ctx } from '../../platform/context.ts';
import { queryEvents } from '../analytics/api.ts';
import type { ExperimentResults } from './dto.ts';
import type { Guardrail } from './schema.ts';
import { experimentForResults, viewOf } from './service.ts';
import { chiSquareGoodnessOfFit, SRM_P_THRESHOLD, summaryOf, twoProportionTest, welchTTest } from './stats.ts';

interface VariantAggregate extends Record<string, unknown> {
  variant: string;
  units: number;
  converters: number;
  revenue: number;
  revenue_sq: number;
  orders: number;
  paid_orders: number;
  refunded_orders: number;
}

/**
 * Per variant: the units exposed (a unit's first exposure in the window starts its clock), and what they did
 * from then on — paid orders, revenue, refunds. A unit seen in two variants (a bug or a shared device) is left
 * out of both and counted apart. One scan of the events table; both DuckDB and ClickHouse accept the SQL
 * (outcomes are filtered by time inside the aggregates, not in the join, which ClickHouse requires to be equality).
 */
const RESULTS_SQL = `
WITH exposed AS (
  SELECT actor, min(variant) AS variant, max(variant) AS last_variant, min(ts) AS first_ts
  FROM events
  WHERE type = 'exposure' AND experiment = $experiment AND ts >= $from AND ts < $to AND variant IS NOT NULL
  GROUP BY actor
),
outcomes AS (
  SELECT actor, type, ts, order_id, amount
  FROM events
  WHERE type IN ('order', 'pay', 'refund') AND ts >= $from AND ts < $to
),
per_unit AS (
  SELECT x.actor AS actor, x.variant AS variant,
    count(DISTINCT CASE WHEN o.type = 'order' AND o.ts >= x.first_ts THEN o.order_id END) AS orders,
    count(DISTINCT CASE WHEN o.type = 'pay' AND o.ts >= x.first_ts THEN o.order_id END) AS paid_orders,
    count(DISTINCT CASE WHEN o.type = 'refund' AND o.ts >= x.first_ts THEN o.order_id END) AS refunded_orders,
    CAST(sum(CASE WHEN o.type = 'pay' AND o.ts >= x.first_ts THEN o.amount ELSE 0 END) AS DOUBLE) AS revenue
  FROM exposed x LEFT JOIN outcomes o ON o.actor = x.actor
  WHERE x.variant = x.last_variant
  GROUP BY x.actor, x.variant
)
SELECT variant,
  count(*) AS units,
  sum(CASE WHEN paid_orders > 0 THEN 1 ELSE 0 END) AS converters,
  sum(revenue) AS revenue,
  sum(revenue * revenue) AS revenue_sq,
  sum(orders) AS orders,
  sum(paid_orders) AS paid_orders,
  sum(refunded_orders) AS refunded_orders
FROM per_unit
GROUP BY variant
ORDER BY variant`;

const CONTAMINATED_SQL = `
SELECT count(*) AS n FROM (
  SELECT actor FROM events
  WHERE type = 'exposure' AND experiment = $experiment AND ts >= $from AND ts < $to AND variant IS NOT NULL
  GROUP BY actor HAVING count(DISTINCT variant) > 1
) t`;

const HARMFUL_P = 0.05;

/**
 * The results page: exposures, conversion and revenue per user by variant, each treatment against the control
 * (first variant), the sample-ratio check and the guardrails. Fixed horizon: provisional until every variant has
 * the planned sample.
 */
export async function experimentResults(ctx: Ctx, id: string): Promise<ExperimentResults> {
  const row = await experimentForResults(ctx, id);
  const experiment = viewOf(row);
  const from = row.startedAt;
  // A running experiment reads up to now plus the shop clock drift analytics accepts (10 min).
  const to = row.stoppedAt ?? new Date(ctx.now().getTime() + 10 * 60_000);
  const aggregates = from
    ? await queryEvents<VariantAggregate>(ctx.deps, RESULTS_SQL, { experiment: row.key, from, to })
    : [];
  const [contaminated] = from
    ? await queryEvents<{ n: number }>(ctx.deps, CONTAMINATED_SQL, { experiment: row.key, from, to })
    : [];
  const byKey = new Map(aggregates.map((a) => [a.variant, a]));

  const variants = row.variants.map((v) => {
    const a = byKey.get(v.key);
    const units = Number(a?.units ?? 0);
    const revenue = Number(a?.revenue ?? 0);
    const orders = Number(a?.orders ?? 0);
    const paidOrders = Number(a?.paid_orders ?? 0);
    const refundedOrders = Number(a?.refunded_orders ?? 0);
    const converters = Number(a?.converters ?? 0);
    return {
      ...v,
      exposures: units,
      converters,
      conversionRate: units === 0 ? 0 : converters / units,
      revenue: Math.round(revenue),
      revenuePerUser: units === 0 ? 0 : revenue / units,
      revenueSq: Number(a?.revenue_sq ?? 0),
      orders,
      paidOrders,
      refundedOrders,
      paySuccessRate: orders === 0 ? null : paidOrders / orders,
      refundRate: paidOrders === 0 ? null : refundedOrders / paidOrders,
      averageOrderValue: paidOrders === 0 ? null : revenue / paidOrders,
    };
  });

  const [control, ...treatments] = variants;
  const comparisons = treatments.map((t) => {
    if (control!.exposures === 0 || t.exposures === 0)
      return { variant: t.key, conversion: null, revenuePerUser: null };
    const conversion = twoProportionTest(control!.converters, control!.exposures, t.converters, t.exposures);
    const money = welchTTest(
      summaryOf(control!.exposures, control!.revenue, control!.revenueSq),
      summaryOf(t.exposures, t.revenue, t.revenueSq),
    );
    return {
      variant: t.key,
      conversion: {
        difference: conversion.difference,
        differenceCi: conversion.differenceCi,
        relativeLift: conversion.relativeLift,
        relativeLiftCi: conversion.relativeLiftCi,
        pValue: conversion.pValue,
      },
      revenuePerUser: {
        difference: money.difference,
        differenceCi: money.differenceCi,
        relativeLift: money.relativeLift,
        pValue: money.pValue,
        df: money.df,
      },
    };
  });

  const guardrails = treatments.flatMap((t) => row.guardrails.map((metric) => guardrailOf(metric, control!, t)));
  const srm = chiSquareGoodnessOfFit(
    variants.map((v) => v.exposures),
    variants.map((v) => v.weight),
  );
  const fewest = Math.min(...variants.map((v) => v.exposures));
  const progress = fewest / experiment.plan.perVariant;

  return {
    experiment,
    window: { from: from?.toISOString() ?? null, to: from ? to.toISOString() : null },
    variants: variants.map(({ revenueSq: _sq, ...v }) => v),
    comparisons,
    srm: { ...srm, mismatch: srm.pValue < SRM_P_THRESHOLD },
    guardrails,
    excludedUnits: Number(contaminated?.n ?? 0),
    progress,
    provisional: progress < 1,
  };
}

interface Counts {
  key: string;
  orders: number;
  paidOrders: number;
  refundedOrders: number;
  paySuccessRate: number | null;
  refundRate: number | null;
  averageOrderValue: number | null;
}

/** A guardrail is harmed when the treatment is significantly worse in the direction that hurts. */
function guardrailOf(metric: Guardrail, control: Counts, t: Counts) {
  const base = { metric, variant: t.key };
  if (metric === 'refund_rate') {
    if (control.paidOrders === 0 || t.paidOrders === 0) {
      return { ...base, control: control.refundRate, treatment: t.refundRate, pValue: null, harmed: false };
    }
    const r = twoProportionTest(control.refundedOrders, control.paidOrders, t.refundedOrders, t.paidOrders);
    return {
      ...base,
      control: r.rateA,
      treatment: r.rateB,
      pValue: r.pValue,
      harmed: r.pValue < HARMFUL_P && r.difference > 0,
    };
  }
  if (metric === 'pay_success') {
    if (control.orders === 0 || t.orders === 0) {
      return { ...base, control: control.paySuccessRate, treatment: t.paySuccessRate, pValue: null, harmed: false };
    }
    const r = twoProportionTest(control.paidOrders, control.orders, t.paidOrders, t.orders);
    return {
      ...base,
      control: r.rateA,
      treatment: r.rateB,
      pValue: r.pValue,
      harmed: r.pValue < HARMFUL_P && r.difference < 0,
    };
  }
  // Average order value is shown, not tested: per-order variances are not kept by the results query.
  return { ...base, control: control.averageOrderValue, treatment: t.averageOrderValue, pValue: null, harmed: false };
}
