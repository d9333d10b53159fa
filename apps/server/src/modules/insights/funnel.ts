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
const BREAKDOWN_KEY: Record<Exclude<FunnelBreakdown, 'segment' | 'none'>, [column: string, otherwise: string]> = {
  channel: ['channel', 'direct'],
  platform: ['platform', 'other'],
};

/**
 * An ordered funnel over people (`actor`): a person enters at their first step-1 event in [from, to); they reach
 * step k with the earliest step-k event at or after their step-(k−1) event and within `windowHours` of entering.
 *
 * Grouped by person: the entry time and breakdown key from the step-1 events, and every later step's event times
 * collected into a list; the steps are then matched in order on those (small) per-person lists. A self-join per
 * step read the events once per step and hashed the person id each time — 4× slower over 10M events
 * (docs/PERFORMANCE.md, "Analytics").
 */
export async function funnelReport(deps: Deps, scope: Scope, input: FunnelInput): Promise<FunnelReport> {
  const { dialect } = deps.analytics;
  const params: QueryParams = { from: input.from, to: input.to, window: input.windowHours * 3600 };
  const cond = (step: FunnelStep, i: number): string => {
    params[`type${i}`] = step.type;
    let c = `type = $type${i}`;
    const filters = [
      ['product', 'product_id', step.productId],
      ['category', 'category_id', step.categoryId],
      ['channel', 'channel', step.channel],
    ] as const;
    for (const [name, column, value] of filters) {
      if (!value) continue;
      params[`${name}${i}`] = value;
      c += ` AND ${column} = $${name}${i}`;
    }
    return `(${c + scoped(scope, params)})`;
  };
  const conds = input.steps.map((step, i) => cond(step, i));
  const key =
    input.breakdown === 'none' || input.breakdown === 'segment'
      ? `'all'`
      : `coalesce(argMin(${BREAKDOWN_KEY[input.breakdown][0]}, ts), '${BREAKDOWN_KEY[input.breakdown][1]}')`;
  // Two passes, each with cheap aggregates: the entry (first step-1 event in the period) of everyone who entered,
  // and the later steps' event times of the (few) people who have any. One pass computing both in the same
  // grouping cost a third more: its list aggregates ran for every person seen (docs/PERFORMANCE.md, "Analytics").
  const ctes = [
    `s0 AS (SELECT actor, min(ts) AS t0, ${key} AS k FROM events
            WHERE ts >= $from AND ts < $to AND ${conds[0]} GROUP BY actor)`,
  ];
  if (input.steps.length > 1) {
    // Events after the period can still complete a funnel entered in it, up to the window after `to`.
    const later = conds.slice(1).map((c, j) => `${dialect.collect('ts', c)} AS l${j + 1}`);
    ctes.push(
      `later AS (SELECT actor, ${later.join(', ')} FROM events
                 WHERE ts >= $from AND ts <= ${dialect.addSeconds('$to', '$window')} AND (${conds.slice(1).join(' OR ')})
                 GROUP BY actor)`,
      `p0 AS (SELECT s0.*, ${later.map((_, j) => `later.l${j + 1}`).join(', ')} FROM s0 LEFT JOIN later ON later.actor = s0.actor)`,
    );
  } else ctes.push(`p0 AS (SELECT * FROM s0)`);
  const deadline = dialect.addSeconds('t0', '$window');
  for (let i = 1; i < input.steps.length; i++) {
    ctes.push(`p${i} AS (SELECT *, ${dialect.firstWithin(`l${i}`, `t${i - 1}`, deadline)} AS t${i} FROM p${i - 1})`);
  }
  const last = `p${input.steps.length - 1}`;
  let group = `${last}.k`;
  if (input.breakdown === 'segment') {
    // New or returning buyer when entering: did the person pay (at this shop, for a shop) before their first step?
    ctes.push(
      `fp AS (SELECT actor, min(ts) AS first_pay FROM events WHERE type = 'pay'${scoped(scope, params)} GROUP BY actor)`,
    );
    group = `CASE WHEN fp.first_pay IS NOT NULL AND fp.first_pay < ${last}.t0 THEN 'returning' ELSE 'new' END`;
  }
  const counts = input.steps.map((_, i) => (i === 0 ? 'count(*) AS n0' : `count(${last}.t${i}) AS n${i}`));
  const sql = `WITH ${ctes.join(', ')}
    SELECT ${group} AS grp, ${counts.join(', ')} FROM ${last}
    ${input.breakdown === 'segment' ? `LEFT JOIN fp ON fp.actor = ${last}.actor` : ''}
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
