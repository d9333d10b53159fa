import jstatPkg from 'jstat';

// The statistics of an A/B test, on jStat's distributions (no hand-rolled CDFs). Each function is checked against
// published R output in stats.test.ts. All tests are two-sided; the fixed-horizon design is explained in
// docs/ANALYTICS.md ("A/B experiments"): the p-value is only valid once the planned sample is reached.

const { jStat } = jstatPkg;
const zOf = (p: number) => jStat.normal.inv(p, 0, 1);
const normalTwoSided = (z: number) => 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1));

interface Interval {
  low: number;
  high: number;
}

export interface ProportionTest {
  /** Rate of each group. */
  rateA: number;
  rateB: number;
  /** rateB − rateA, with its confidence interval (unpooled Wald, as R's prop.test(correct = FALSE)). */
  difference: number;
  differenceCi: Interval;
  /** rateB / rateA − 1, with the Katz log-ratio interval; null when group A has no conversions. */
  relativeLift: number | null;
  relativeLiftCi: Interval | null;
  /** z with the pooled variance under H0 (z² is prop.test's X-squared). */
  z: number;
  pValue: number;
}

/** Two-proportion z-test: do B's conversions differ from A's? */
export function twoProportionTest(
  successesA: number,
  totalA: number,
  successesB: number,
  totalB: number,
  confidence = 0.95,
): ProportionTest {
  const rateA = successesA / totalA;
  const rateB = successesB / totalB;
  const pooled = (successesA + successesB) / (totalA + totalB);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / totalA + 1 / totalB));
  const z = sePooled === 0 ? 0 : (rateB - rateA) / sePooled;
  const crit = zOf(1 - (1 - confidence) / 2);
  const se = Math.sqrt((rateA * (1 - rateA)) / totalA + (rateB * (1 - rateB)) / totalB);
  const difference = rateB - rateA;
  let relativeLift: number | null = null;
  let relativeLiftCi: Interval | null = null;
  if (successesA > 0 && successesB > 0) {
    // Katz et al. (1978): the log of a risk ratio is close to normal; its CI maps back through exp.
    const logRatio = Math.log(rateB / rateA);
    const seLog = Math.sqrt((1 - rateA) / successesA + (1 - rateB) / successesB);
    relativeLift = rateB / rateA - 1;
    relativeLiftCi = { low: Math.exp(logRatio - crit * seLog) - 1, high: Math.exp(logRatio + crit * seLog) - 1 };
  } else if (successesA > 0) {
    relativeLift = -1;
  }
  return {
    rateA,
    rateB,
    difference,
    differenceCi: { low: difference - crit * se, high: difference + crit * se },
    relativeLift,
    relativeLiftCi,
    z,
    pValue: sePooled === 0 ? 1 : normalTwoSided(z),
  };
}

/** A group's sample summarised: size, mean and the unbiased (n − 1) variance. */
export interface SampleSummary {
  n: number;
  mean: number;
  variance: number;
}

/** Summary of a sample from its count, sum and sum of squares (what an aggregate query returns). */
export function summaryOf(n: number, sum: number, sumOfSquares: number): SampleSummary {
  const mean = n === 0 ? 0 : sum / n;
  const variance = n < 2 ? 0 : Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
  return { n, mean, variance };
}

export interface MeanTest {
  difference: number;
  differenceCi: Interval;
  relativeLift: number | null;
  t: number;
  df: number;
  pValue: number;
}

/** Welch's t-test (unequal variances), as R's t.test(var.equal = FALSE): difference B − A of two means. */
export function welchTTest(a: SampleSummary, b: SampleSummary, confidence = 0.95): MeanTest {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  const difference = b.mean - a.mean;
  const relativeLift = a.mean === 0 ? null : difference / a.mean;
  if (se === 0 || a.n < 2 || b.n < 2) {
    return { difference, differenceCi: { low: difference, high: difference }, relativeLift, t: 0, df: 0, pValue: 1 };
  }
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = difference / se;
  const crit = jStat.studentt.inv(1 - (1 - confidence) / 2, df);
  return {
    difference,
    differenceCi: { low: difference - crit * se, high: difference + crit * se },
    relativeLift,
    t,
    df,
    pValue: 2 * (1 - jStat.studentt.cdf(Math.abs(t), df)),
  };
}

export interface GoodnessOfFit {
  chiSquare: number;
  df: number;
  pValue: number;
}

/** Pearson's chi-square goodness of fit of observed counts to expected proportions (R's chisq.test(x, p = w)). */
export function chiSquareGoodnessOfFit(observed: number[], weights: number[]): GoodnessOfFit {
  const total = observed.reduce((s, x) => s + x, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const expected = (total * weights[i]!) / weightSum;
    if (expected > 0) chiSquare += (o - expected) ** 2 / expected;
  });
  const df = observed.length - 1;
  return { chiSquare, df, pValue: total === 0 || df < 1 ? 1 : 1 - jStat.chisquare.cdf(chiSquare, df) };
}

/** Sample-ratio mismatch: the split differs from the configured weights beyond chance (p < 0.001, the usual bar). */
export const SRM_P_THRESHOLD = 0.001;

/**
 * Units per group needed to detect a change from rate p1 to p2 with a two-sided test at level alpha and the
 * given power — the closed form of R's power.prop.test (strict = FALSE), which solves the same equation numerically.
 */
export function sampleSizePerGroup(p1: number, p2: number, alpha = 0.05, power = 0.8): number {
  const qa = zOf(1 - alpha / 2);
  const qb = zOf(power);
  const numerator = qa * Math.sqrt(((p1 + p2) * (2 - p1 - p2)) / 2) + qb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (numerator / Math.abs(p2 - p1)) ** 2;
}
