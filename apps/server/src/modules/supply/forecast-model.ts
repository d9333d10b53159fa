import { Matrix, solve } from 'ml-matrix';

// 销量预测 (docs/SUPPLY.md "Forecast"): a weighted ridge regression per SKU on its daily units, with a damped linear
// trend, day-of-week effects and the two promotions known in advance (flash-sale days of that SKU, the monthly
// 会员日) as regressors. Recent weeks weigh more (half-life 6 weeks), the exponential-smoothing idea; the trend is
// damped like damped Holt so a short rise is not extrapolated for ever.

export interface DayPoint {
  /** Beijing business day, YYYY-MM-DD. */
  day: string;
  units: number;
  flash: boolean;
  memberDay: boolean;
}
export interface FutureDay {
  day: string;
  flash: boolean;
  memberDay: boolean;
}
export interface FittedModel {
  /** Predicts units for the day `h` days after the last training day (h ≥ 1). */
  predict(h: number, day: FutureDay): number;
  /** Weighted residual standard deviation of daily units: what safety stock covers. */
  sigma: number;
  /** Promotion uplifts in units per day, as fitted (for the console's explanation). */
  effects: { flash: number; memberDay: number; trendPerWeek: number };
}

const HALF_LIFE_DAYS = 42;
const RIDGE = 0.5;
const DAMPING = 0.96;
const MIN_DAYS = 21;

const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** [1, trend, Tue…Sun, flash, memberDay]: Monday is the base day. */
function features(t: number, d: FutureDay): number[] {
  const w = weekday(d.day);
  const dow = [2, 3, 4, 5, 6, 0].map((k) => (w === k ? 1 : 0));
  return [1, t / 7, ...dow, d.flash ? 1 : 0, d.memberDay ? 1 : 0];
}

export function fitDemand(history: DayPoint[]): FittedModel {
  const n = history.length;
  const mean = n ? history.reduce((s, p) => s + p.units, 0) / n : 0;
  if (n < MIN_DAYS) {
    // Too little history for a regression: the recent mean, and its spread.
    const sd = Math.sqrt(history.reduce((s, p) => s + (p.units - mean) ** 2, 0) / Math.max(1, n - 1));
    return { predict: () => mean, sigma: sd, effects: { flash: 0, memberDay: 0, trendPerWeek: 0 } };
  }
  const rows = history.map((p, t) => features(t, p));
  const weights = history.map((_, t) => 0.5 ** ((n - 1 - t) / HALF_LIFE_DAYS));
  const k = rows[0]!.length;
  const X = new Matrix(rows);
  const Xw = new Matrix(rows.map((r, i) => r.map((v) => v * weights[i]!)));
  const y = Matrix.columnVector(history.map((p) => p.units));
  const A = Xw.transpose().mmul(X);
  // A promotion never seen in the history has no column of its own; ridge keeps the system solvable and its
  // effect at zero. The intercept is not shrunk.
  for (let j = 1; j < k; j++) A.set(j, j, A.get(j, j) + RIDGE);
  const beta = solve(A, Xw.transpose().mmul(y)).to1DArray();
  const fitted = rows.map((r) => r.reduce((s, v, j) => s + v * beta[j]!, 0));
  const wSum = weights.reduce((s, w) => s + w, 0);
  const sigma = Math.sqrt(history.reduce((s, p, i) => s + weights[i]! * (p.units - fitted[i]!) ** 2, 0) / wSum);
  const last = n - 1;
  return {
    predict(h, day) {
      let tEff = last;
      for (let i = 1; i <= h; i++) tEff += DAMPING ** i;
      return Math.max(
        0,
        features(tEff, day).reduce((s, v, j) => s + v * beta[j]!, 0),
      );
    },
    sigma,
    effects: { flash: beta[8]!, memberDay: beta[9]!, trendPerWeek: beta[1]! },
  };
}

/** The baseline every forecast must beat: the same weekday one week earlier. */
function seasonalNaive(history: DayPoint[], h: number): number {
  const n = history.length;
  const back = 7 - ((h - 1) % 7);
  return history[n - back]?.units ?? history.at(-1)?.units ?? 0;
}

export interface BacktestErrors {
  actual: number;
  absErrModel: number;
  absErrNaive: number;
  /** Sums of |e| / actual over days that sold something (MAPE is undefined on zero days). */
  apeModel: number;
  apeNaive: number;
  apeDays: number;
}

export const emptyErrors = (): BacktestErrors => ({
  actual: 0,
  absErrModel: 0,
  absErrNaive: 0,
  apeModel: 0,
  apeNaive: 0,
  apeDays: 0,
});

/**
 * Rolling-origin backtest: at each of the last `folds` weekly origins, fit on everything before it and forecast the
 * next `horizon` days; the same days are forecast by the seasonal-naive baseline. Errors are added into `into`.
 */
export function backtest(history: DayPoint[], into: BacktestErrors, folds = 8, horizon = 7): BacktestErrors {
  for (let f = folds; f >= 1; f--) {
    const origin = history.length - f * horizon;
    if (origin < MIN_DAYS) continue;
    const train = history.slice(0, origin);
    const model = fitDemand(train);
    for (let h = 1; h <= horizon; h++) {
      const day = history[origin + h - 1];
      if (!day) break;
      const m = model.predict(h, day);
      const b = seasonalNaive(train, h);
      into.actual += day.units;
      into.absErrModel += Math.abs(day.units - m);
      into.absErrNaive += Math.abs(day.units - b);
      if (day.units > 0) {
        into.apeModel += Math.abs(day.units - m) / day.units;
        into.apeNaive += Math.abs(day.units - b) / day.units;
        into.apeDays++;
      }
    }
  }
  return into;
}

/** WAPE and MAPE in basis points (1 % = 100), null when there is nothing to measure. */
export function errorFigures(e: BacktestErrors) {
  const bp = (x: number) => Math.round(x * 10_000);
  return {
    wapeModelBp: e.actual > 0 ? bp(e.absErrModel / e.actual) : null,
    wapeNaiveBp: e.actual > 0 ? bp(e.absErrNaive / e.actual) : null,
    mapeModelBp: e.apeDays > 0 ? bp(e.apeModel / e.apeDays) : null,
    mapeNaiveBp: e.apeDays > 0 ? bp(e.apeNaive / e.apeDays) : null,
    actualUnits: e.actual,
  };
}
