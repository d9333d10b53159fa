import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { publicProfiles } from '../accounts/api.ts';
import { DEFAULT_DETECTOR, expectedBand, median } from './detector.ts';
import { type LabelledContribution, labelContributions } from './labels.ts';
import { METRICS, metricDef, valueOf } from './metrics.ts';
import { readHourly } from './reads.ts';
import { type AlertState, alertMetricStatus, alerts } from './schema.ts';
import { staffAccessMetric } from './staff-access.ts';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

const refuse = refusals({
  'alert-not-open': '该告警已确认或已解决，无需再确认',
  'alert-resolved': '该告警已解决',
});

type Row = typeof alerts.$inferSelect;
type Who = { userId: string; nickname: string; at: string; note: string | null } | null;

export interface AlertSummary {
  id: string;
  metric: string;
  metricLabel: string;
  unit: 'fen' | 'count' | 'ratio';
  direction: 'up' | 'down';
  state: AlertState;
  windowStart: string;
  windowEnd: string;
  observed: number;
  expected: { low: number; median: number; high: number; weeks: number };
  deviation: number;
  /** The value that explains most of it, e.g. { dimension: 'channel', value: 'live', share: 0.93 }. */
  topExplanation: LabelledContribution | null;
  lastSeenAt: string;
  minutes: number;
  createdAt: string;
}

export interface AlertDetail extends AlertSummary {
  definition: string;
  score: number;
  drilldown: LabelledContribution[];
  acknowledged: Who;
  resolved: Who;
  /** The metric per Beijing hour around the alert, with the band learned for each hour. */
  series: { hour: string; value: number; low: number | null; median: number | null; high: number | null }[];
}

function summary(r: Row, topExplanation: LabelledContribution | null): AlertSummary {
  const def = metricDef(r.metric);
  return {
    id: r.id,
    metric: r.metric,
    metricLabel: def?.label ?? staffAccessMetric(r.metric)?.label ?? r.metric,
    unit: def?.unit ?? 'count',
    direction: r.direction,
    state: r.state,
    windowStart: r.windowStart.toISOString(),
    windowEnd: r.windowEnd.toISOString(),
    observed: r.observed,
    expected: { low: r.expectedLow, median: r.expectedMedian, high: r.expectedHigh, weeks: r.historyWeeks },
    deviation: r.deviation,
    topExplanation,
    lastSeenAt: r.lastSeenAt.toISOString(),
    minutes: r.minutes,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Alerts newest first, optionally in one state (ids are time-ordered: the id is the cursor). */
export async function listAlerts(
  ctx: Ctx,
  input: { state?: AlertState | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: AlertSummary[]; nextCursor: string | null }> {
  requireOperator(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(alerts)
    .where(
      and(
        input.state ? eq(alerts.state, input.state) : undefined,
        input.cursor ? lt(alerts.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(alerts.id))
    .limit(input.limit + 1);
  const shown = rows.slice(0, input.limit);
  const tops = await labelContributions(
    ctx,
    shown.map((r) => r.drilldown.slice(0, 1)),
  );
  return {
    items: shown.map((r, i) => summary(r, tops[i]![0] ?? null)),
    nextCursor: rows.length > input.limit ? shown[shown.length - 1]!.id : null,
  };
}

/** One alert with its drill-down, who handled it, and the metric's hourly series against its band. */
export async function getAlert(ctx: Ctx, id: string): Promise<AlertDetail> {
  requireOperator(ctx.actor);
  const [r] = await ctx.db.select().from(alerts).where(eq(alerts.id, id));
  if (!r) throw notFound('告警', id);
  const people = await publicProfiles(
    ctx.db,
    [r.acknowledgedBy, r.resolvedBy].filter((x): x is string => x !== null),
  );
  const who = (userId: string | null, at: Date | null, note: string | null): Who =>
    userId && at ? { userId, nickname: people.get(userId)?.nickname ?? userId, at: at.toISOString(), note } : null;
  const [drilldown] = await labelContributions(ctx, [r.drilldown]);
  return {
    ...summary(r, drilldown![0] ?? null),
    definition: metricDef(r.metric)?.definition ?? staffAccessMetric(r.metric)?.definition ?? '',
    score: r.score,
    drilldown: drilldown!,
    acknowledged: who(r.acknowledgedBy, r.acknowledgedAt, r.acknowledgeNote),
    resolved: who(r.resolvedBy, r.resolvedAt, r.resolveNote),
    series: await hourlySeries(ctx, r),
  };
}

/** 24 hours before the alert to 6 after (or now); each hour's band from the same hour in previous weeks. */
async function hourlySeries(ctx: Ctx, r: Row): Promise<AlertDetail['series']> {
  const def = metricDef(r.metric);
  if (!def) return [];
  const from = Math.floor(r.windowEnd.getTime() / HOUR) * HOUR - 24 * HOUR;
  const to = Math.min(Math.ceil(ctx.now().getTime() / HOUR) * HOUR, from + 30 * HOUR);
  const weeks = ctx.deps.config.ALERTS_HISTORY_WEEKS;
  const byWeek = [];
  for (let k = 0; k <= weeks; k++)
    byWeek.push(await readHourly(ctx.deps, def, new Date(from - k * WEEK), new Date(to - k * WEEK)));
  const out: AlertDetail['series'] = [];
  for (let h = from; h < to; h += HOUR) {
    const now = byWeek[0]!.get(h) ?? { num: 0, den: 0, volume: 0 };
    const past = byWeek
      .slice(1)
      .map((m, i) => m.get(h - (i + 1) * WEEK))
      .filter((p) => p !== undefined)
      .filter((p) => def.kind === 'count' || p.den > 0);
    const band =
      past.length >= DEFAULT_DETECTOR.minWeeks
        ? expectedBand(
            past.map((p) => valueOf(def, p.num, p.den)),
            def.kind,
            DEFAULT_DETECTOR,
            def.kind === 'rate'
              ? median(past.map((p) => p.den))
              : def.volumeOf
                ? median(past.map((p) => p.volume))
                : undefined,
          )
        : null;
    out.push({
      hour: new Date(h).toISOString(),
      value: valueOf(def, now.num, now.den),
      low: band?.low ?? null,
      median: band?.median ?? null,
      high: band?.high ?? null,
    });
  }
  return out;
}

/** 确认: an operator has seen it and is looking. */
export async function acknowledgeAlert(
  ctx: Ctx,
  id: string,
  input: { note?: string | undefined },
): Promise<Result<AlertDetail, 'alert-not-open'>> {
  const operator = requireOperator(ctx.actor);
  const changed = await ctx.tx(async (db) => {
    const [r] = await db.select().from(alerts).where(eq(alerts.id, id)).for('update');
    if (!r) throw notFound('告警', id);
    if (r.state !== 'open') return refuse('alert-not-open');
    await db
      .update(alerts)
      .set({
        state: 'acknowledged',
        acknowledgedBy: operator.userId,
        acknowledgedAt: ctx.now(),
        acknowledgeNote: input.note ?? null,
      })
      .where(eq(alerts.id, id));
    return ok(undefined);
  });
  return changed.ok ? ok(await getAlert(ctx, id)) : changed;
}

/** 解决: closed with a note; a later anomaly of the same metric opens a new alert. */
export async function resolveAlert(
  ctx: Ctx,
  id: string,
  input: { note?: string | undefined },
): Promise<Result<AlertDetail, 'alert-resolved'>> {
  const operator = requireOperator(ctx.actor);
  const changed = await ctx.tx(async (db) => {
    const [r] = await db.select().from(alerts).where(eq(alerts.id, id)).for('update');
    if (!r) throw notFound('告警', id);
    if (r.state === 'resolved') return refuse('alert-resolved');
    await db
      .update(alerts)
      .set({ state: 'resolved', resolvedBy: operator.userId, resolvedAt: ctx.now(), resolveNote: input.note ?? null })
      .where(eq(alerts.id, id));
    return ok(undefined);
  });
  return changed.ok ? ok(await getAlert(ctx, id)) : changed;
}

/** Every watched metric with its definition and latest verdict (judged, or why not). */
export async function metricStatuses(ctx: Ctx) {
  requireOperator(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(alertMetricStatus)
    .where(
      inArray(
        alertMetricStatus.metric,
        METRICS.map((m) => m.key),
      ),
    );
  const byKey = new Map(rows.map((r) => [r.metric, r]));
  return {
    items: METRICS.map((m) => {
      const s = byKey.get(m.key);
      return {
        metric: m.key,
        label: m.label,
        definition: m.definition,
        unit: m.unit,
        checkedAt: s?.checkedAt.toISOString() ?? null,
        observed: s?.observed ?? null,
        judged: s?.judged ?? false,
        anomalous: s?.anomalous ?? false,
        expected: s?.judged ? { low: s.expectedLow!, median: s.expectedMedian!, high: s.expectedHigh! } : null,
        reason: s ? s.reason : '尚未检查',
      };
    }),
  };
}
