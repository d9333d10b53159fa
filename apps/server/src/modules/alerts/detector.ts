// The detector's arithmetic, free of databases so the server and the labelled benchmark run the same code.

/** Robust centre and spread of the same window in previous weeks. */
export interface Band {
  low: number;
  median: number;
  high: number;
  /** How many previous weeks the band was learned from. */
  weeks: number;
}

export type MetricKind = 'count' | 'rate';

export interface DetectorOptions {
  /** Width of the band in robust standard deviations (1.4826 · MAD). */
  k: number;
  /** Fewer previous weeks with data than this: not judged. */
  minWeeks: number;
  /** A count metric whose expected and observed values are both below this is not judged. */
  minCount: number;
  /** A rate whose denominator (now, or the median of the history) is below this is not judged. */
  minDenominator: number;
  /** The band is at least this fraction of the median wide on each side (a calm history is not a promise). */
  minRelativeWidth: number;
}

export const DEFAULT_DETECTOR: DetectorOptions = {
  k: 3.5,
  minWeeks: 3,
  minCount: 10,
  minDenominator: 30,
  minRelativeWidth: 0.15,
};

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation around the median. */
function mad(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/**
 * The expected band: median ± k robust standard deviations of the history, widened to at least the noise the
 * volume itself implies and a relative floor. `volume` is the usual number of underlying events: for a count of
 * events it is the count (Poisson, √μ); for a sum such as GMV the number of orders behind it (μ/√n); for a rate
 * its denominator (binomial, √(p(1−p)/n)). Eight weeks give a noisy MAD; the volume's noise is a floor it cannot
 * fall below.
 */
export function expectedBand(
  history: readonly number[],
  kind: MetricKind,
  opts: DetectorOptions = DEFAULT_DETECTOR,
  volume?: number,
): Band {
  const m = median(history);
  const robustSd = 1.4826 * mad(history);
  const n = volume ?? (kind === 'count' ? m : 0);
  const noise = kind === 'count' ? Math.abs(m) / Math.sqrt(Math.max(n, 1)) : n > 0 ? Math.sqrt((m * (1 - m)) / n) : 0;
  const half = Math.max(opts.k * robustSd, opts.k * noise, opts.minRelativeWidth * Math.abs(m));
  const low = Math.max(0, m - half);
  const high = kind === 'rate' ? Math.min(1, m + half) : m + half;
  return { low, median: m, high, weeks: history.length };
}

export type Verdict =
  | { judged: false; reason: string }
  | {
      judged: true;
      anomalous: boolean;
      direction: 'up' | 'down' | null;
      band: Band;
      /** observed − median */
      deviation: number;
      /** Deviation in robust standard deviations (band half-widths ÷ k). */
      score: number;
    };

/** Judges one observation against its history, or says why it cannot honestly be judged. */
export function judge(
  observed: number,
  history: readonly number[],
  kind: MetricKind,
  volume: { denominator?: number; historyDenominators?: readonly number[]; historyVolumes?: readonly number[] } = {},
  opts: DetectorOptions = DEFAULT_DETECTOR,
): Verdict {
  if (history.length < opts.minWeeks)
    return { judged: false, reason: `历史不足：仅有 ${history.length} 周同时段数据（至少 ${opts.minWeeks} 周）` };
  if (kind === 'rate') {
    const now = volume.denominator ?? 0;
    const usual = median(volume.historyDenominators ?? []);
    if (now < opts.minDenominator || !(usual >= opts.minDenominator))
      return {
        judged: false,
        reason: `样本不足：本时段分母 ${now}，往期中位数 ${Number.isFinite(usual) ? Math.round(usual) : 0}（至少 ${opts.minDenominator}）`,
      };
  }
  const usualVolume =
    kind === 'rate'
      ? median(volume.historyDenominators ?? [])
      : volume.historyVolumes?.length
        ? median(volume.historyVolumes)
        : undefined;
  const band = expectedBand(history, kind, opts, usualVolume);
  if (kind === 'count' && Math.max(band.median, observed) < opts.minCount)
    return { judged: false, reason: `量太小：期望 ${round(band.median)}、实际 ${observed}（至少 ${opts.minCount}）` };
  const deviation = observed - band.median;
  const half = deviation >= 0 ? band.high - band.median : band.median - band.low;
  const score = half > 0 ? (deviation / half) * opts.k : 0;
  const direction = observed > band.high ? 'up' : observed < band.low ? 'down' : null;
  return { judged: true, anomalous: direction !== null, direction, band, deviation, score };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** One dimension value's share of a deviation (the drill-down rows). */
export interface Contribution {
  dimension: string;
  value: string;
  observed: number;
  expected: number;
  /** This value's part of the metric's change, in the metric's unit. */
  contribution: number;
  /** contribution ÷ the total change in this dimension: 1 means it explains all of it. */
  share: number;
  /** How much this value's share of the volume moved (Jensen–Shannon term): 0 when it kept its usual share. */
  surprise: number;
}

/** Per value: numerator (and denominator for rates) now, and their medians over the same history weeks. */
export interface Slice {
  value: string;
  num: number;
  den: number;
  expectedNum: number;
  expectedDen: number;
}

/**
 * Explanatory power per value of one dimension (after Adtributor, Bhagwan et al., NSDI 2014). For a count the
 * change splits exactly into each value's observed − expected. For a rate r = A/B the change splits exactly into
 * ((A_v − Â_v) − r̂·(B_v − B̂_v)) / B, where r̂ = ΣÂ/ΣB̂ and B the observed denominator: a value explains a fall in
 * conversion by losing payers more than its share of visitors, not by being big. Shares are taken of the sum of
 * contributions, so within a dimension they add up to 1.
 */
export function explain(dimension: string, kind: MetricKind, slices: readonly Slice[]): Contribution[] {
  const sumExpNum = slices.reduce((s, x) => s + x.expectedNum, 0);
  const sumExpDen = slices.reduce((s, x) => s + x.expectedDen, 0);
  const sumDen = slices.reduce((s, x) => s + x.den, 0);
  const sumNum = slices.reduce((s, x) => s + x.num, 0);
  const rHat = sumExpDen > 0 ? sumExpNum / sumExpDen : 0;
  const rows = slices.map((x) => {
    const contribution =
      kind === 'count'
        ? x.num - x.expectedNum
        : sumDen > 0
          ? (x.num - x.expectedNum - rHat * (x.den - x.expectedDen)) / sumDen
          : 0;
    const observed = kind === 'count' ? x.num : x.den > 0 ? x.num / x.den : 0;
    const expected = kind === 'count' ? x.expectedNum : x.expectedDen > 0 ? x.expectedNum / x.expectedDen : 0;
    const surprise =
      jsTerm(sumExpNum > 0 ? x.expectedNum / sumExpNum : 0, sumNum > 0 ? x.num / sumNum : 0) +
      (kind === 'rate' ? jsTerm(sumExpDen > 0 ? x.expectedDen / sumExpDen : 0, sumDen > 0 ? x.den / sumDen : 0) : 0);
    return { dimension, value: x.value, observed, expected, contribution, share: 0, surprise };
  });
  const total = rows.reduce((s, r) => s + r.contribution, 0);
  for (const r of rows) r.share = total !== 0 ? r.contribution / total : 0;
  return rows.sort((a, b) => b.share - a.share);
}

/** One value's term of the Jensen–Shannon divergence between the expected (p) and observed (q) distributions. */
function jsTerm(p: number, q: number): number {
  const m = (p + q) / 2;
  const t = (x: number) => (x > 0 ? x * Math.log2(x / m) : 0);
  return m > 0 ? (t(p) + t(q)) / 2 : 0;
}

/** A value explaining at least this share of the change is a candidate explanation (Adtributor's T_EP). */
const MIN_SHARE = 0.2;

/**
 * The drill-down, every dimension together. Candidates (share ≥ MIN_SHARE) come first, ranked by share × surprise:
 * a value that explains the change *and* moved away from its usual share of the volume. Surprise keeps a dimension
 * with one value (every order paid one way) from "explaining" everything; share keeps a small value that merely
 * wobbled from outranking the one that carries the change. The rest follow by share.
 */
export function rankExplanations(perDimension: readonly Contribution[][], limit = 20): Contribution[] {
  const rows = perDimension.flat().filter((r) => r.contribution !== 0);
  const candidate = (r: Contribution) => r.share >= MIN_SHARE;
  return rows
    .sort((a, b) =>
      candidate(a) !== candidate(b)
        ? candidate(a)
          ? -1
          : 1
        : candidate(a)
          ? b.share * b.surprise - a.share * a.surprise
          : b.share - a.share,
    )
    .slice(0, limit);
}
