import type { Deps } from '../../deps.ts';
import type { QueryParams } from '../../platform/analytics/engine.ts';
import { queryEvents } from '../analytics/api.ts';
import { ratio, type Scope, scoped } from './scope.ts';

export interface FunnelStep {
  type: string;
  productId?: string | undefined;
  categoryId?: string | undefined;
  channel?: string | undefined;
}

export type FunnelBreakdown = 'none' | 'channel' | 'platform' | 'segment';

export interface FunnelInput {
  steps: FunnelStep[];
  from: Date;
  to: Date;
  windowHours: number;
  breakdown: FunnelBreakdown;
}

interface StepFigures {
  count: number;
  /** Share of the previous step's people who reached this one (null on the first step). */
  stepConversion: number | null;
  /** Share of the first step's people who reached this one. */
  overallConversion: number | null;
}

export interface FunnelReport {
  steps: (FunnelStep & StepFigures)[];
  breakdown: FunnelBreakdown;
  groups: { key: string; steps: StepFigures[] }[];
}

/** What the first step's event says about the person, for breaking the funnel down. */
const BREAKDOWN_KEY: Record<Exclude<FunnelBreakdown, 'segment' | 'none'>, string> = {
  channel: `coalesce(argMin(channel, ts), 'direct')`,
  platform: `coalesce(argMin(platform, ts), 'other')`,
};

/**
 * An ordered funnel over people (`actor`): a person enters at their first step-1 event in [from, to); they reach
 * step k with the earliest step-k event at or after their step-(k−1) event and within `windowHours` of entering.
 * Each step is one self-join on the person, so it reads the same in DuckDB and ClickHouse.
 */
export async function funnelReport(deps: Deps, scope: Scope, input: FunnelInput): Promise<FunnelReport> {
  const params: QueryParams = { from: input.from, to: input.to, window: input.windowHours * 3600 };
  const cond = (step: FunnelStep, i: number, alias: string): string => {
    params[`type${i}`] = step.type;
    let c = `${alias}type = $type${i}`;
    const filters = [
      ['product', 'product_id', step.productId],
      ['category', 'category_id', step.categoryId],
      ['channel', 'channel', step.channel],
    ] as const;
    for (const [name, column, value] of filters) {
      if (!value) continue;
      params[`${name}${i}`] = value;
      c += ` AND ${alias}${column} = $${name}${i}`;
    }
    return c + scoped(scope, params, alias);
  };
  const key = input.breakdown === 'none' || input.breakdown === 'segment' ? `'all'` : BREAKDOWN_KEY[input.breakdown];
  const ctes = [
    `s0 AS (SELECT actor, min(ts) AS t0, ${key} AS k FROM events
             WHERE ${cond(input.steps[0]!, 0, '')} AND ts >= $from AND ts < $to GROUP BY actor)`,
  ];
  const deadline = deps.analytics.dialect.addSeconds('p.t0', '$window');
  // Implied by the two conditions before it (entering is in [from, to)), but stated so the engine drops events
  // outside the period before the join on `actor` rather than after it: a 30-day funnel over 90 days of events
  // joins a third of them.
  const period = `e.ts >= $from AND e.ts <= ${deps.analytics.dialect.addSeconds('$to', '$window')}`;
  for (let i = 1; i < input.steps.length; i++) {
    ctes.push(
      `s${i} AS (SELECT p.actor AS actor, p.t0 AS t0, min(e.ts) AS t${i} FROM s${i - 1} p
                 JOIN events e ON e.actor = p.actor
                 WHERE ${cond(input.steps[i]!, i, 'e.')} AND e.ts >= p.t${i - 1} AND e.ts <= ${deadline} AND ${period}
                 GROUP BY p.actor, p.t0)`,
    );
  }
  let group = 's0.k';
  if (input.breakdown === 'segment') {
    // New or returning buyer when entering: did the person pay (at this shop, for a shop) before their first step?
    ctes.push(
      `fp AS (SELECT actor, min(ts) AS first_pay FROM events WHERE type = 'pay'${scoped(scope, params)} GROUP BY actor)`,
    );
    group = `CASE WHEN fp.first_pay IS NOT NULL AND fp.first_pay < s0.t0 THEN 'returning' ELSE 'new' END`;
  }
  const counts = input.steps.map((_, i) => (i === 0 ? 'count(*) AS n0' : `count(s${i}.actor) AS n${i}`));
  const joins = input.steps
    .slice(1)
    .map((_, j) => `LEFT JOIN s${j + 1} ON s${j + 1}.actor = s0.actor`)
    .join(' ');
  const sql = `WITH ${ctes.join(', ')}
    SELECT ${group} AS grp, ${counts.join(', ')} FROM s0 ${joins}
    ${input.breakdown === 'segment' ? 'LEFT JOIN fp ON fp.actor = s0.actor' : ''}
    GROUP BY grp ORDER BY n0 DESC, grp`;
  const rows = await queryEvents<Record<string, unknown>>(deps, sql, params);
  const figures = (ns: number[]): StepFigures[] =>
    ns.map((n, i) => ({
      count: n,
      stepConversion: i === 0 ? null : ratio(n, ns[i - 1]!),
      overallConversion: i === 0 ? null : ratio(n, ns[0]!),
    }));
  const groups = rows.map((r) => ({
    key: String(r.grp),
    ns: input.steps.map((_, i) => Number(r[`n${i}`] ?? 0)),
  }));
  const total = input.steps.map((_, i) => groups.reduce((s, g) => s + g.ns[i]!, 0));
  return {
    steps: figures(total).map((f, i) => ({ ...input.steps[i]!, ...f })),
    breakdown: input.breakdown,
    groups: input.breakdown === 'none' ? [] : groups.map((g) => ({ key: g.key, steps: figures(g.ns) })),
  };
}
