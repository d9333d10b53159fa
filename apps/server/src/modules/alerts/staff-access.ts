// Alerts for abnormal staff access to personal data (docs/PRIVACY.md "Abnormal access"). The staff module judges each
// read against its rules and emits `staff.access.abnormal`; here that becomes an alert on 异常告警, one live alert per
// staff member and rule: later abnormal reads extend it (observed grows, `minutes` counts the abnormal reads).
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { WEBHOOK_JOB } from './check.ts';
import { alerts } from './schema.ts';

/** The payload of `staff.access.abnormal` (staff/access-watch.ts). */
export interface AbnormalAccessPayload {
  staffUserId: string;
  rule: 'volume' | 'many_people' | 'off_hours';
  observed: number;
  threshold: number;
  windowStart: string;
  windowEnd: string;
}

const PREFIX = 'staff_access.';

const RULES: Record<AbnormalAccessPayload['rule'], { label: string; definition: string }> = {
  volume: {
    label: '员工访问个人信息：访问量异常',
    definition: '同一员工在任意 60 分钟内查看个人信息（订单收货信息、完整手机号、导出）的次数超过上限',
  },
  many_people: {
    label: '员工访问个人信息：涉及人数异常',
    definition: '同一员工在 10 分钟内查看了过多不同用户的个人信息',
  },
  off_hours: {
    label: '员工访问个人信息：非工作时间',
    definition: '员工在北京时间 00:00–06:00 查看个人信息（实际值为当晚的访问次数）',
  },
};

/** The label and definition of a staff-access alert's metric (`staff_access.<rule>:<staff id>`), else undefined. */
export function staffAccessMetric(metric: string): { label: string; definition: string } | undefined {
  if (!metric.startsWith(PREFIX)) return undefined;
  return RULES[metric.slice(PREFIX.length).split(':')[0] as AbnormalAccessPayload['rule']];
}

export async function openStaffAccessAlert(deps: Deps, db: Db, p: AbnormalAccessPayload): Promise<void> {
  const metric = `${PREFIX}${p.rule}:${p.staffUserId}`;
  const windowEnd = new Date(p.windowEnd);
  const drilldown = [
    {
      dimension: 'staff_user_id',
      value: p.staffUserId,
      observed: p.observed,
      expected: p.threshold,
      contribution: p.observed - p.threshold,
      share: 1,
      surprise: 0,
    },
  ];
  const described = {
    windowStart: new Date(p.windowStart),
    windowEnd,
    observed: p.observed,
    expectedLow: 0,
    expectedMedian: p.threshold,
    expectedHigh: p.threshold,
    historyWeeks: 0,
    deviation: p.observed - p.threshold,
    score: p.observed / Math.max(1, p.threshold),
    drilldown,
  };
  const live = and(eq(alerts.metric, metric), eq(alerts.direction, 'up'), ne(alerts.state, 'resolved'));
  const [existing] = await db
    .select({ observed: alerts.observed, id: alerts.id })
    .from(alerts)
    .where(live)
    .for('update');
  if (existing) {
    await db
      .update(alerts)
      .set({
        lastSeenAt: windowEnd,
        minutes: sql`${alerts.minutes} + 1`,
        ...(p.observed > existing.observed ? described : {}),
      })
      .where(eq(alerts.id, existing.id));
    return;
  }
  const id = newId('alr');
  await db.insert(alerts).values({
    id,
    metric,
    direction: 'up',
    state: 'open',
    ...described,
    lastSeenAt: windowEnd,
    minutes: 1,
    createdAt: deps.clock.now(),
  });
  await emit(db, 'alert.opened', { alertId: id, metric, direction: 'up' });
  await deps.jobs.enqueue(db, WEBHOOK_JOB, { alertId: id }, { runAt: deps.clock.now(), key: `${WEBHOOK_JOB}:${id}` });
}
