// The reference for `npm run bench:analytics`: the insights funnel (apps/server/src/modules/insights/funnel.ts,
// `funnelReport`) computed by PostgreSQL over the inbox, which holds the same rows as the engine. Same definition,
// step by step: a person (`actor`) enters at their first step-1 event in [from, to), with the channel of that
// event (`argMin(channel, ts)`, non-null channels only, 'direct' when none); they reach step k with the earliest
// step-k event at or after their step-(k−1) event and no later than `windowHours` after entering. Only what the
// bench asks for is mirrored: steps by event type, platform-wide, breakdown by channel or none. Like funnelReport
// it also states the period on the later steps' events (implied, but it lets the planner filter before the join).
import { sql } from 'drizzle-orm';
import type { Database } from '../../apps/server/src/platform/db.ts';

export interface ReferenceFunnelInput {
  steps: { type: string }[];
  from: Date;
  to: Date;
  windowHours: number;
  breakdown: 'channel' | 'none';
}

/** Per group (channel, or 'all'): how many people reached each step, as `funnelReport`'s groups count them. */
export type FunnelCounts = Map<string, number[]>;

export function postgresFunnelSql(input: ReferenceFunnelInput): string {
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const key =
    input.breakdown === 'channel'
      ? `coalesce((array_agg(channel ORDER BY ts) FILTER (WHERE channel IS NOT NULL))[1], 'direct')`
      : `'all'`;
  const ctes = [
    `s0 AS (SELECT actor, min(ts) AS t0, ${key} AS k FROM analytics_inbox
            WHERE type = ${lit(input.steps[0]!.type)} AND ts >= ${lit(input.from.toISOString())}
              AND ts < ${lit(input.to.toISOString())} GROUP BY actor)`,
  ];
  for (let i = 1; i < input.steps.length; i++) {
    ctes.push(
      `s${i} AS (SELECT p.actor, p.t0, min(e.ts) AS t${i} FROM s${i - 1} p JOIN analytics_inbox e ON e.actor = p.actor
                 WHERE e.type = ${lit(input.steps[i]!.type)} AND e.ts >= p.t${i - 1}
                   AND e.ts <= p.t0 + make_interval(secs => ${input.windowHours * 3600})
                   AND e.ts >= ${lit(input.from.toISOString())}
                   AND e.ts <= ${lit(input.to.toISOString())}::timestamptz + make_interval(secs => ${input.windowHours * 3600})
                 GROUP BY p.actor, p.t0)`,
    );
  }
  const counts = input.steps.map((_, i) => (i === 0 ? 'count(*) AS n0' : `count(s${i}.actor) AS n${i}`));
  const joins = input.steps
    .slice(1)
    .map((_, j) => `LEFT JOIN s${j + 1} ON s${j + 1}.actor = s0.actor`)
    .join(' ');
  return `WITH ${ctes.join(', ')} SELECT s0.k AS grp, ${counts.join(', ')} FROM s0 ${joins} GROUP BY grp`;
}

export async function postgresFunnel(database: Database, input: ReferenceFunnelInput): Promise<FunnelCounts> {
  const result = await database.db.execute(sql.raw(postgresFunnelSql(input)));
  const rows = (result as { rows: Record<string, unknown>[] }).rows;
  return new Map(rows.map((r) => [String(r.grp), input.steps.map((_, i) => Number(r[`n${i}`]))]));
}
