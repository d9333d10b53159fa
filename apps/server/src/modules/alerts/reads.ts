import type { Deps } from '../../deps.ts';
import { queryEvents } from '../analytics/api.ts';
import type { QueryParams } from '../../platform/analytics/engine.ts';
import { type Dimension, METRIC_EVENT_TYPES, METRICS, type MetricDef, type MetricKey } from './metrics.ts';

// The alert checks' reads from the analytics engine: one statement per question, windows passed as parameters.

export interface Window {
  from: Date;
  to: Date;
}
export interface Parts {
  num: number;
  den: number;
}

const types = METRIC_EVENT_TYPES.map((t) => `'${t}'`).join(', ');

function windowSql(windows: readonly Window[]): { which: string; where: string; params: QueryParams } {
  const params: QueryParams = {};
  const cases: string[] = [];
  const ors: string[] = [];
  windows.forEach((w, i) => {
    params[`f${i}`] = w.from;
    params[`t${i}`] = w.to;
    cases.push(`WHEN ts >= $f${i} AND ts < $t${i} THEN ${i}`);
    ors.push(`(ts >= $f${i} AND ts < $t${i})`);
  });
  return { which: `CASE ${cases.join(' ')} ELSE -1 END`, where: `(${ors.join(' OR ')})`, params };
}

const parts = (def: MetricDef, i: number) => `${def.num} AS n${i}, ${def.den ?? '0'} AS d${i}`;

/** Every metric's parts in each window (index = position in `windows`), plus how many events the window holds. */
export async function readWindows(
  deps: Deps,
  windows: readonly Window[],
): Promise<{ events: number; metrics: Record<MetricKey, Parts> }[]> {
  const { which, where, params } = windowSql(windows);
  const rows = await queryEvents(
    deps,
    `SELECT ${which} AS w, count(*) AS n_events, ${METRICS.map(parts).join(', ')}
       FROM events WHERE type IN (${types}) AND ${where} GROUP BY w`,
    params,
  );
  const out = windows.map(() => ({ events: 0, metrics: emptyParts() }));
  for (const r of rows) {
    const slot = out[Number(r.w)];
    if (!slot) continue;
    slot.events = Number(r.n_events);
    METRICS.forEach((m, i) => (slot.metrics[m.key] = { num: Number(r[`n${i}`]), den: Number(r[`d${i}`]) }));
  }
  return out;
}

const emptyParts = () =>
  Object.fromEntries(METRICS.map((m) => [m.key, { num: 0, den: 0 }])) as Record<MetricKey, Parts>;

/** One metric's parts per value of one dimension, in each window; a missing value is "未知". */
export async function readSlices(
  deps: Deps,
  def: MetricDef,
  dimension: Dimension,
  windows: readonly Window[],
): Promise<Map<string, Parts>[]> {
  const { which, where, params } = windowSql(windows);
  const rows = await queryEvents(
    deps,
    `SELECT ${which} AS w, coalesce(${dimension}, '未知') AS v, ${parts(def, 0)}
       FROM events WHERE type IN (${types}) AND ${where} GROUP BY w, v`,
    params,
  );
  const out = windows.map(() => new Map<string, Parts>());
  for (const r of rows) out[Number(r.w)]?.set(String(r.v), { num: Number(r.n0), den: Number(r.d0) });
  return out;
}

/** One metric's parts per Beijing hour in [from, to), with the volume behind a sum (MetricDef.volumeOf). */
export async function readHourly(
  deps: Deps,
  def: MetricDef,
  from: Date,
  to: Date,
): Promise<Map<number, Parts & { volume: number }>> {
  const hour = deps.analytics.dialect.truncate('hour', 'ts');
  const volume = METRICS.find((m) => m.key === def.volumeOf)?.num ?? '0';
  const rows = await queryEvents(
    deps,
    `SELECT ${hour} AS h, ${parts(def, 0)}, ${volume} AS v0 FROM events
      WHERE type IN (${types}) AND ts >= $from AND ts < $to GROUP BY h`,
    { from, to },
  );
  return new Map(
    rows.map((r) => [
      new Date(r.h as string | Date).getTime(),
      { num: Number(r.n0), den: Number(r.d0), volume: Number(r.v0) },
    ]),
  );
}

/** When the engine's history begins: weeks before it are not "quiet", they are missing. */
export async function firstEventAt(deps: Deps): Promise<Date | undefined> {
  const [row] = await queryEvents(deps, `SELECT min(ts) AS first FROM events`);
  const first = row?.first ? new Date(row.first as string | Date) : undefined;
  // ClickHouse answers the epoch, not NULL, for the minimum of nothing.
  return first && first.getTime() > 0 ? first : undefined;
}
