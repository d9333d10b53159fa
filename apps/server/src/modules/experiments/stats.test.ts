import { describe, expect, it } from 'vitest';
// The proportion test and the power analysis are the module's public surface (lifecycle's hold-out uplift uses them).
import { sampleSizePerGroup, twoProportionTest } from './api.ts';
import { chiSquareGoodnessOfFit, summaryOf, welchTTest } from './stats.ts';

// Reference values are published R output (R documentation examples and textbook data) or, where noted,
// computed with SciPy's independent implementation of the same test.

describe('two-proportion z-test', () => {
  it('matches prop.test(c(15, 25), c(50, 50), correct = FALSE)', () => {
    // R: X-squared = 4.1667, df = 1, p-value = 0.04123; 95 % CI of p1 − p2: −0.38799 −0.01201.
    // (SciPy chi2_contingency([[15,35],[25,25]], correction=False): 4.166667, p = 0.0412268.)
    const r = twoProportionTest(15, 50, 25, 50);
    expect(r.z ** 2).toBeCloseTo(4.166667, 5);
    expect(r.pValue).toBeCloseTo(0.0412268, 6);
    // We report B − A, the mirror image of R's p1 − p2.
    expect(r.difference).toBeCloseTo(0.2, 10);
    expect(r.differenceCi.low).toBeCloseTo(0.0120069, 6);
    expect(r.differenceCi.high).toBeCloseTo(0.3879931, 6);
  });

  it('gives the Katz log interval for the relative lift (risk ratio 25/50 ÷ 15/50)', () => {
    // SciPy relative_risk(25, 50, 15, 50).confidence_interval(): 1.0047765 – 2.7645729 (Katz method).
    const r = twoProportionTest(15, 50, 25, 50);
    expect(r.relativeLift).toBeCloseTo(0.666667, 6);
    expect(r.relativeLiftCi!.low).toBeCloseTo(0.0047765, 6);
    expect(r.relativeLiftCi!.high).toBeCloseTo(1.7645729, 6);
  });

  it('says nothing is different when both groups are identical', () => {
    const r = twoProportionTest(0, 100, 0, 100);
    expect(r.pValue).toBe(1);
    expect(r.relativeLift).toBeNull();
  });
});

describe("Welch's t-test", () => {
  // R's sleep data (Cushny & Peebles 1905, as in ?t.test): t.test(extra ~ group, data = sleep)
  // → t = −1.8608, df = 17.776, p-value = 0.07939, 95 % CI −3.3654832 0.2054832 (group 1 − group 2).
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const summarise = (xs: number[]) =>
    summaryOf(
      xs.length,
      xs.reduce((s, x) => s + x, 0),
      xs.reduce((s, x) => s + x * x, 0),
    );

  it('matches t.test(var.equal = FALSE) on the sleep data', () => {
    const r = welchTTest(summarise(group2), summarise(group1));
    expect(r.t).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
    expect(r.differenceCi.low).toBeCloseTo(-3.3654832, 6);
    expect(r.differenceCi.high).toBeCloseTo(0.2054832, 6);
  });
});

describe('chi-square goodness of fit (sample-ratio mismatch)', () => {
  it("matches Mendel's peas against 9:3:3:1 (X² = 0.470, df = 3, p = 0.9254)", () => {
    const r = chiSquareGoodnessOfFit([315, 108, 101, 32], [9, 3, 3, 1]);
    expect(r.chiSquare).toBeCloseTo(0.47002, 5);
    expect(r.df).toBe(3);
    expect(r.pValue).toBeCloseTo(0.9254, 4);
  });

  it('matches chisq.test(c(20, 15, 25)) from the R documentation (X² = 2.5, p = 0.2865)', () => {
    const r = chiSquareGoodnessOfFit([20, 15, 25], [1, 1, 1]);
    expect(r.chiSquare).toBeCloseTo(2.5, 10);
    expect(r.pValue).toBeCloseTo(0.2865, 4);
  });
});

describe('sample size', () => {
  it('matches power.prop.test(p1 = .50, p2 = .75, power = .90) from the R documentation (n = 76.7 per group)', () => {
    expect(sampleSizePerGroup(0.5, 0.75, 0.05, 0.9)).toBeCloseTo(76.7, 1);
  });

  it('needs more people for a smaller effect', () => {
    // power.prop.test(p1 = .05, p2 = .055, power = .8) → n ≈ 31,234 per group.
    const n = sampleSizePerGroup(0.05, 0.055);
    expect(n).toBeGreaterThan(31_000);
    expect(n).toBeLessThan(31_500);
  });
});
