import type { Deps } from '../../deps.ts';
import type { QueryParams } from '../../platform/analytics/engine.ts';
import { queryEvents } from '../analytics/api.ts';
import { addDays, beijingDate, beijingDayStart, ratio, type Scope, scoped } from './scope.ts';

const RETENTION_DAYS = [1, 3, 7, 14, 30] as const;
const RETENTION_WEEKS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export interface RetentionInput {
  cohort: 'signup' | 'first_purchase';
  granularity: 'day' | 'week';
  /** What counts as coming back: any behaviour, or a purchase. */
  returnOn: 'active' | 'pay';
  from: Date;
  to: Date;
}

export interface RetentionReport {
  granularity: 'day' | 'week';
  offsets: number[];
  cohorts: {
    /** First Beijing day of the cohort (its Monday for weeks). */
    cohort: string;
    size: number;
    /** Per offset: people back on that day/week after the cohort's, and their share; null when not yet observable. */
    values: { offset: number; retained: number | null; rate: number | null }[];
  }[];
}

/**
 * Cohorts by the Beijing day (or week) of a person's first sign-up or first purchase; a person is retained on
 * day N when they come back on the Nth calendar day after their own first day (week N: the Nth week after the
 * cohort's week). For a shop the cohort is its own first-time buyers and coming back means at that shop.
 */
export async function retentionReport(
  deps: Deps,
  scope: Scope,
  input: RetentionInput,
  now: Date,
): Promise<RetentionReport> {
  const d = deps.analytics.dialect;
  const params: QueryParams = { from: input.from, to: input.to };
  const firstType = input.cohort === 'signup' ? 'signup' : 'pay';
  const back = input.returnOn === 'pay' ? `e.type = 'pay'` : `e.type <> 'signup'`;
  const weekly = input.granularity === 'week';
  const offsets: number[] = weekly ? [...RETENTION_WEEKS] : [...RETENTION_DAYS];
  const start = weekly ? d.truncate('week', 'c.t0') : 'c.t0';
  const diff = weekly ? `floor(${d.dayDiff(start, 'e.ts')} / 7)` : d.dayDiff('c.t0', 'e.ts');
  const columns = offsets.map((n) => `count(DISTINCT CASE WHEN b.n = ${n} THEN b.actor END) AS r${n}`);
  const sql = `
    WITH f AS (SELECT actor, min(ts) AS t0 FROM events WHERE type = '${firstType}'${scoped(scope, params)} GROUP BY actor),
    c AS (SELECT actor, t0 FROM f WHERE t0 >= $from AND t0 < $to),
    b AS (SELECT DISTINCT c.actor AS actor, ${diff} AS n FROM c JOIN events e ON e.actor = c.actor
          WHERE ${back} AND e.ts > c.t0${scoped(scope, params, 'e.')})
    SELECT ${d.truncate(weekly ? 'week' : 'day', 'c.t0')} AS cohort, count(DISTINCT c.actor) AS size, ${columns.join(', ')}
    FROM c LEFT JOIN b ON b.actor = c.actor GROUP BY cohort ORDER BY cohort`;
  const rows = await queryEvents<Record<string, unknown>>(deps, sql, params);
  const today = beijingDayStart(now);
  return {
    granularity: input.granularity,
    offsets,
    cohorts: rows.map((r) => {
      const cohortStart = new Date(r.cohort as string | Date);
      const size = Number(r.size);
      return {
        cohort: beijingDate(cohortStart),
        size,
        values: offsets.map((n) => {
          // Day N (week N) of this cohort has not happened yet: no figure rather than a misleading zero.
          const observable = addDays(cohortStart, weekly ? n * 7 : n) <= today;
          const retained = observable ? Number(r[`r${n}`] ?? 0) : null;
          return { offset: n, retained, rate: retained == null ? null : ratio(retained, size) };
        }),
      };
    }),
  };
}
