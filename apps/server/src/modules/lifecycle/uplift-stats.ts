import jStat from 'jstat';

// The two-proportion test behind the uplift report. One small file so the experiments module's shared test can
// replace it (same inputs, same outputs).

export interface TwoProportions {
  treated: { n: number; conversions: number; rate: number | null };
  holdout: { n: number; conversions: number; rate: number | null };
  /** treated rate − hold-out rate, with a 95% Wald interval; null when a group is empty. */
  difference: number | null;
  ci95: [number, number] | null;
  /** Two-sided p-value of the pooled z test. */
  pValue: number | null;
  /** False when a group is below MIN_GROUP or an expected count is below 5: the numbers say nothing yet. */
  sufficient: boolean;
}

const MIN_GROUP = 30;

export function twoProportionTest(
  treated: { n: number; conversions: number },
  holdout: { n: number; conversions: number },
): TwoProportions {
  const rate = (g: { n: number; conversions: number }) => (g.n > 0 ? g.conversions / g.n : null);
  const p1 = rate(treated);
  const p2 = rate(holdout);
  const out: TwoProportions = {
    treated: { ...treated, rate: p1 },
    holdout: { ...holdout, rate: p2 },
    difference: null,
    ci95: null,
    pValue: null,
    sufficient: false,
  };
  if (p1 === null || p2 === null) return out;
  const diff = p1 - p2;
  const se = Math.sqrt((p1 * (1 - p1)) / treated.n + (p2 * (1 - p2)) / holdout.n);
  const z95 = jStat.normal.inv(0.975, 0, 1);
  const pooled = (treated.conversions + holdout.conversions) / (treated.n + holdout.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / treated.n + 1 / holdout.n));
  const z = sePooled > 0 ? diff / sePooled : 0;
  const expected = [treated.n * pooled, treated.n * (1 - pooled), holdout.n * pooled, holdout.n * (1 - pooled)];
  return {
    ...out,
    difference: diff,
    ci95: [diff - z95 * se, diff + z95 * se],
    pValue: sePooled > 0 ? 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1)) : 1,
    sufficient: treated.n >= MIN_GROUP && holdout.n >= MIN_GROUP && expected.every((e) => e >= 5),
  };
}
