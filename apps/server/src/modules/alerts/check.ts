import { and, eq, ne, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { DEFAULT_DETECTOR, explain, judge, median, rankExplanations, type Slice, type Verdict } from './detector.ts';
import { DIMENSIONS, type Dimension, METRICS, type MetricDef, valueOf } from './metrics.ts';
import { firstEventAt, readSlices, readWindows, type Window } from './reads.ts';
import { alertCheckpoints, alertMetricStatus, alerts, type StoredContribution } from './schema.ts';

const MINUTE = 60_000;
const WEEK = 7 * 86_400_000;
/** Each check judges the hour that ended at its minute. */
const WINDOW_MS = 60 * MINUTE;
/** A minute is checked this long after it ends, so the events of that minute have reached the engine. */
const CHECK_LAG_MS = 2 * MINUTE;
/**
 * Minutes checked per job run; a longer catch-up continues in the next run. Small, because the run holds the
 * checkpoint lock in a PostgreSQL transaction that sits idle while the analytics engine works: 30 minutes per run
 * kept it open for minutes on 10M events, and a graceful shutdown waited for it.
 */
const MINUTES_PER_RUN = 5;
export const CHECK_JOB = 'alerts.check';
export const WEBHOOK_JOB = 'alerts.webhook';
const CHECKPOINT = 'minute-checks';

const floorMinute = (t: number) => Math.floor(t / MINUTE) * MINUTE;

/** The checked hour at `minute` and the same hour in each of the previous weeks (index k = k weeks back). */
function windowsAt(minute: Date, weeks: number): Window[] {
  return Array.from({ length: weeks + 1 }, (_, k) => ({
    from: new Date(minute.getTime() - WINDOW_MS - k * WEEK),
    to: new Date(minute.getTime() - k * WEEK),
  }));
}

/**
 * The job: checks every minute since the checkpoint up to the last one old enough (CHECK_LAG_MS), then schedules
 * itself for the next minute. The checkpoint row is locked, so two processes never check the same minute, and a
 * restart resumes from it: missed minutes are caught up, none twice.
 */
export async function runMinuteChecks(deps: Deps, db: Db): Promise<void> {
  const now = deps.clock.now().getTime();
  const through = floorMinute(now - CHECK_LAG_MS);
  const [cp] = await db.select().from(alertCheckpoints).where(eq(alertCheckpoints.id, CHECKPOINT)).for('update');
  let next = cp ? cp.checkedThrough.getTime() + MINUTE : through;
  // After a long stop the checks catch up at most this far back; older minutes are skipped (and logged).
  const maxCatchUp = deps.config.ALERTS_CATCH_UP_MINUTES * MINUTE;
  if (next < through - maxCatchUp) {
    deps.log.warn({ from: new Date(next), to: new Date(through - maxCatchUp) }, 'alerts: minutes skipped');
    next = through - maxCatchUp;
  }
  let done = 0;
  const first = await firstEventAt(deps);
  for (; next <= through && done < MINUTES_PER_RUN; next += MINUTE, done++)
    await checkMinute(deps, db, new Date(next), first);
  if (done > 0) {
    const checkedThrough = new Date(next - MINUTE);
    await db
      .insert(alertCheckpoints)
      .values({ id: CHECKPOINT, checkedThrough })
      .onConflictDoUpdate({ target: alertCheckpoints.id, set: { checkedThrough } });
  }
  if (next <= through) {
    // More to catch up: again at once, keyed by the next unchecked minute (this run's own key is still taken).
    await deps.jobs.enqueue(db, CHECK_JOB, {}, { runAt: new Date(now), key: `${CHECK_JOB}:from:${next}` });
  } else await scheduleMinuteChecks(deps, db, new Date(next + CHECK_LAG_MS));
}

/** Keyed by due minute: chains started by several processes (or restarts) merge into one. */
export async function scheduleMinuteChecks(deps: Deps, db: Db, runAt: Date): Promise<void> {
  await deps.jobs.enqueue(db, CHECK_JOB, {}, { runAt, key: `${CHECK_JOB}:${floorMinute(runAt.getTime())}` });
}

/** Judges every metric for the hour ending at `minute`; opens or extends alerts for the anomalous ones. */
async function checkMinute(deps: Deps, db: Db, minute: Date, first: Date | undefined): Promise<void> {
  const weeks = deps.config.ALERTS_HISTORY_WEEKS;
  const windows = windowsAt(minute, weeks);
  const values = await readWindows(deps, windows);
  // A week before the engine's first event is missing history, not a quiet hour.
  const known = windows.map((w) => first !== undefined && w.from.getTime() >= first.getTime());
  for (const def of METRICS) {
    const cur = values[0]!.metrics[def.key];
    const past = values.slice(1).filter((_, i) => known[i + 1]);
    const usable = past.filter((v) => def.kind === 'count' || v.metrics[def.key].den > 0);
    const history = usable.map((v) => v.metrics[def.key]);
    const observed = valueOf(def, cur.num, cur.den);
    const verdict = judge(
      observed,
      history.map((p) => valueOf(def, p.num, p.den)),
      def.kind,
      {
        denominator: cur.den,
        historyDenominators: history.map((p) => p.den),
        historyVolumes: def.volumeOf ? usable.map((v) => v.metrics[def.volumeOf!].num) : undefined,
      },
      DEFAULT_DETECTOR,
    );
    await recordStatus(db, def, minute, def.kind === 'rate' && cur.den === 0 ? null : observed, verdict);
    if (verdict.judged && verdict.direction) {
      await openOrExtend(deps, db, def, windows[0]!, observed, verdict, () =>
        drillDown(
          deps,
          def,
          windows.filter((_, i) => i === 0 || known[i]),
        ),
      );
    }
  }
}

async function recordStatus(db: Db, def: MetricDef, minute: Date, observed: number | null, v: Verdict): Promise<void> {
  const row = {
    checkedAt: minute,
    observed,
    judged: v.judged,
    expectedLow: v.judged ? v.band.low : null,
    expectedMedian: v.judged ? v.band.median : null,
    expectedHigh: v.judged ? v.band.high : null,
    anomalous: v.judged && v.anomalous,
    reason: v.judged ? null : v.reason,
  };
  await db
    .insert(alertMetricStatus)
    .values({ metric: def.key, ...row })
    .onConflictDoUpdate({ target: alertMetricStatus.metric, set: row });
}

async function openOrExtend(
  deps: Deps,
  db: Db,
  def: MetricDef,
  window: Window,
  observed: number,
  v: Extract<Verdict, { judged: true }>,
  explainIt: () => Promise<StoredContribution[]>,
): Promise<void> {
  const direction = v.direction!;
  const live = and(eq(alerts.metric, def.key), eq(alerts.direction, direction), ne(alerts.state, 'resolved'));
  const [existing] = await db.select({ id: alerts.id, score: alerts.score }).from(alerts).where(live).for('update');
  if (existing) {
    // Still anomalous: extend it. When it has grown markedly worse, describe it (band, drill-down) as of this
    // minute; "markedly" (×1.25) keeps a slow ramp from re-running the drill-down every minute.
    const worse = Math.abs(v.score) > 1.25 * Math.abs(existing.score);
    await db
      .update(alerts)
      .set({
        lastSeenAt: window.to,
        minutes: sql`${alerts.minutes} + 1`,
        ...(worse ? { ...describe(window, observed, v), drilldown: await explainIt() } : {}),
      })
      .where(eq(alerts.id, existing.id));
    return;
  }
  const drilldown = await explainIt();
  const id = newId('alr');
  await db.insert(alerts).values({
    id,
    metric: def.key,
    direction,
    state: 'open',
    ...describe(window, observed, v),
    drilldown,
    lastSeenAt: window.to,
    minutes: 1,
    createdAt: deps.clock.now(),
  });
  await emit(db, 'alert.opened', { alertId: id, metric: def.key, direction });
  await deps.jobs.enqueue(db, WEBHOOK_JOB, { alertId: id }, { runAt: deps.clock.now(), key: `${WEBHOOK_JOB}:${id}` });
}

const describe = (window: Window, observed: number, v: Extract<Verdict, { judged: true }>) => ({
  windowStart: window.from,
  windowEnd: window.to,
  observed,
  expectedLow: v.band.low,
  expectedMedian: v.band.median,
  expectedHigh: v.band.high,
  historyWeeks: v.band.weeks,
  deviation: v.deviation,
  score: v.score,
});

/** Splits the deviation by every dimension and ranks the values that explain it (detector.ts, explain()). */
async function drillDown(deps: Deps, def: MetricDef, windows: Window[]): Promise<StoredContribution[]> {
  const perDimension = [];
  for (const dimension of Object.keys(DIMENSIONS) as Dimension[]) {
    const slices = await readSlices(deps, def, dimension, windows);
    const values = new Set(slices.flatMap((m) => [...m.keys()]));
    const rows: Slice[] = [...values].map((value) => {
      const past = slices.slice(1).map((m) => m.get(value) ?? { num: 0, den: 0 });
      const now = slices[0]!.get(value) ?? { num: 0, den: 0 };
      return {
        value,
        num: now.num,
        den: now.den,
        expectedNum: median(past.map((p) => p.num)),
        expectedDen: median(past.map((p) => p.den)),
      };
    });
    // A dimension the metric's events do not carry (every value unknown) explains nothing.
    if (rows.length === 1 && rows[0]!.value === '未知') continue;
    perDimension.push(explain(dimension, def.kind, rows));
  }
  return rankExplanations(perDimension);
}
