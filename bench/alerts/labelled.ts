// The labelled set for the anomaly detector: synthetic hourly series with weekly seasonality and noise, and
// anomalies injected at known hours. Seeded, so every run sees the same series; labels.json holds the labels and
// run.ts checks the generator still produces exactly them.

export const HOURS_PER_WEEK = 168;
export const WEEKS = 12;
/** Anomalies are injected, and hours judged, only in the last weeks: the first ones are history. */
export const JUDGED_WEEKS = 4;

export type AnomalyKind = 'spike' | 'drop' | 'level-shift';
export interface Anomaly {
  kind: AnomalyKind;
  /** First anomalous hour (index into the series) and how many hours it lasts. */
  start: number;
  hours: number;
  factor: number;
}
export interface LabelledSeries {
  name: string;
  /** Typical events per hour at the daily peak: low-volume series are noisier. */
  scale: number;
  values: number[];
  anomalies: Anomaly[];
}

/** mulberry32: small, seedable, good enough for test data. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson by inversion (small means) or the normal approximation (large ones). */
function poisson(r: () => number, mean: number): number {
  if (mean > 50) {
    const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

/** A shop's day: quiet at night, a lunch bump, the evening peak (Beijing hours 0–23). */
const DAY_SHAPE = [
  0.12, 0.07, 0.05, 0.04, 0.04, 0.06, 0.12, 0.25, 0.4, 0.5, 0.6, 0.7, 0.8, 0.65, 0.6, 0.62, 0.66, 0.7, 0.78, 0.9, 1.0,
  0.98, 0.7, 0.35,
];
/** Monday … Sunday: weekends sell more. */
const WEEK_SHAPE = [0.9, 0.88, 0.92, 0.95, 1.05, 1.25, 1.2];

export function generateLabelledSet(seed = 20261206, count = 40): LabelledSeries[] {
  const r = rng(seed);
  const scales = [20, 60, 200, 1000, 5000];
  const out: LabelledSeries[] = [];
  for (let s = 0; s < count; s++) {
    const scale = scales[s % scales.length]!;
    const n = WEEKS * HOURS_PER_WEEK;
    // Slow drift (±10% over the twelve weeks) and day-to-day wobble, so history is not a perfect copy.
    const drift = 1 + (r() - 0.5) * 0.2;
    const dayWobble = Array.from({ length: WEEKS * 7 }, () => 1 + (r() - 0.5) * 0.12);
    const mean = Array.from({ length: n }, (_, h) => {
      const day = Math.floor(h / 24);
      return scale * DAY_SHAPE[h % 24]! * WEEK_SHAPE[day % 7]! * dayWobble[day]! * (1 + ((drift - 1) * h) / n);
    });
    const anomalies: Anomaly[] = [];
    const first = (WEEKS - JUDGED_WEEKS) * HOURS_PER_WEEK;
    const taken = new Set<number>();
    for (let a = 0; a < 3; a++) {
      const kind = (['spike', 'drop', 'level-shift'] as const)[Math.floor(r() * 3)]!;
      const hours = kind === 'level-shift' ? 12 + Math.floor(r() * 24) : 1 + Math.floor(r() * 3);
      // Daytime starts (08–21h) so a drop has something to drop from.
      const day = Math.floor(r() * (JUDGED_WEEKS * 7 - 2));
      const start = first + day * 24 + 8 + Math.floor(r() * 14);
      if ([...Array(hours + 24).keys()].some((i) => taken.has(start - 12 + i))) continue;
      for (let i = 0; i < hours; i++) taken.add(start + i);
      const factor = kind === 'spike' ? 1.6 + r() * 1.4 : kind === 'drop' ? 0.15 + r() * 0.45 : r() < 0.5 ? 0.6 : 1.45;
      anomalies.push({ kind, start, hours, factor: Math.round(factor * 100) / 100 });
      for (let i = 0; i < hours; i++) mean[start + i]! *= Math.round(factor * 100) / 100;
    }
    out.push({ name: `series-${s}`, scale, values: mean.map((m) => poisson(r, m)), anomalies });
  }
  return out;
}
