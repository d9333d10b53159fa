import { twoProportionTest as proportionTest } from '../experiments/api.ts';

// The uplift report's reading of the experiments module's two-proportion test (one implementation, checked
// against R there): the hold-out is the control group, the treated users the variant.

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
  const out: TwoProportions = {
    treated: { ...treated, rate: rate(treated) },
    holdout: { ...holdout, rate: rate(holdout) },
    difference: null,
    ci95: null,
    pValue: null,
    sufficient: false,
  };
  if (treated.n === 0 || holdout.n === 0) return out;
  const test = proportionTest(holdout.conversions, holdout.n, treated.conversions, treated.n);
  const pooled = (treated.conversions + holdout.conversions) / (treated.n + holdout.n);
  const expected = [treated.n * pooled, treated.n * (1 - pooled), holdout.n * pooled, holdout.n * (1 - pooled)];
  return {
    ...out,
    difference: test.difference,
    ci95: [test.differenceCi.low, test.differenceCi.high],
    pValue: test.pValue,
    sufficient: treated.n >= MIN_GROUP && holdout.n >= MIN_GROUP && expected.every((e) => e >= 5),
  };
}
