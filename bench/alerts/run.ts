import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DETECTOR, judge } from '../../apps/server/src/modules/alerts/detector.ts';
import { generateLabelledSet, HOURS_PER_WEEK, JUDGED_WEEKS, WEEKS } from './labelled.ts';

// Precision and recall of the alert detector on the labelled set, against a fixed-threshold baseline in the
// same run. Usage: npm run bench:alerts [-- --write-labels]

const here = path.dirname(new URL(import.meta.url).pathname);
const labelsFile = path.join(here, 'labels.json');
const set = generateLabelledSet();
const labels = set.map((s) => ({ name: s.name, scale: s.scale, anomalies: s.anomalies }));
if (process.argv.includes('--write-labels')) writeFileSync(labelsFile, `${JSON.stringify(labels, null, 1)}\n`);
const kept = readFileSync(labelsFile, 'utf8');
if (kept !== `${JSON.stringify(labels, null, 1)}\n`) throw new Error('the generator no longer matches labels.json');

const HISTORY_WEEKS = 8;
/** The baseline: a fixed band of ±50% around the mean of the previous 7 days, the way thresholds are often set. */
const FIXED = 0.5;

interface Score {
  tp: number;
  fp: number;
  fn: number;
  detectedAnomalies: number;
  judged: number;
}
const empty = (): Score => ({ tp: 0, fp: 0, fn: 0, detectedAnomalies: 0, judged: 0 });
const ours = empty();
const fixed = empty();
/** A second baseline with seasonality but no robust statistics: ±30% of the same hour last week. */
const lastWeek = empty();
const LAST_WEEK = 0.3;
let anomalyCount = 0;

for (const s of set) {
  const anomalous = new Set(s.anomalies.flatMap((a) => Array.from({ length: a.hours }, (_, i) => a.start + i)));
  const flaggedOurs = new Set<number>();
  const flaggedFixed = new Set<number>();
  const flaggedLastWeek = new Set<number>();
  for (let h = (WEEKS - JUDGED_WEEKS) * HOURS_PER_WEEK; h < WEEKS * HOURS_PER_WEEK; h++) {
    const observed = s.values[h]!;
    const history = Array.from({ length: HISTORY_WEEKS }, (_, k) => s.values[h - (k + 1) * HOURS_PER_WEEK]!);
    const v = judge(observed, history, 'count', {}, DEFAULT_DETECTOR);
    if (v.judged) ours.judged++;
    if (v.judged && v.anomalous) flaggedOurs.add(h);
    const week = s.values.slice(h - HOURS_PER_WEEK, h);
    const mean = week.reduce((a, b) => a + b, 0) / week.length;
    fixed.judged++;
    if (observed > mean * (1 + FIXED) || observed < mean * (1 - FIXED)) flaggedFixed.add(h);
    const same = s.values[h - HOURS_PER_WEEK]!;
    lastWeek.judged++;
    if (observed > same * (1 + LAST_WEEK) || observed < same * (1 - LAST_WEEK)) flaggedLastWeek.add(h);
  }
  for (const [score, flagged] of [
    [ours, flaggedOurs],
    [fixed, flaggedFixed],
    [lastWeek, flaggedLastWeek],
  ] as const) {
    for (const h of flagged) {
      if (anomalous.has(h)) score.tp++;
      else score.fp++;
    }
    for (const h of anomalous) if (!flagged.has(h)) score.fn++;
    for (const a of s.anomalies)
      if (Array.from({ length: a.hours }, (_, i) => a.start + i).some((h) => flagged.has(h))) score.detectedAnomalies++;
  }
  anomalyCount += s.anomalies.length;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const report = (name: string, s: Score) => {
  const precision = s.tp / Math.max(1, s.tp + s.fp);
  const recall = s.tp / Math.max(1, s.tp + s.fn);
  return {
    detector: name,
    precision: pct(precision),
    recall: pct(recall),
    f1: (precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0).toFixed(3),
    anomaliesCaught: `${s.detectedAnomalies}/${anomalyCount}`,
    falseAlarmHours: s.fp,
    hoursJudged: s.judged,
  };
};
console.log(
  `labelled set: ${set.length} series × ${WEEKS} weeks hourly, ${anomalyCount} injected anomalies ` +
    `(${set.reduce((n, s) => n + s.anomalies.reduce((m, a) => m + a.hours, 0), 0)} anomalous hours) in the last ${JUDGED_WEEKS} weeks`,
);
console.table([
  report(`seasonal median/MAD (k=${DEFAULT_DETECTOR.k})`, ours),
  report(`fixed ±${FIXED * 100}% of 7-day mean`, fixed),
  report(`fixed ±${LAST_WEEK * 100}% of same hour last week`, lastWeek),
]);
