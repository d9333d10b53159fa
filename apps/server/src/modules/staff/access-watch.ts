// Abnormal staff access (docs/PRIVACY.md "Abnormal access"): each read written to the access trail is checked against
// three rules, in the same transaction, with one indexed query over the staff member's last hour. A read that breaks
// a rule emits `staff.access.abnormal`; the alerts module opens (or extends) an alert on 异常告警.
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { staffAccessLog } from './schema.ts';

const MINUTE = 60_000;
const BEIJING_OFFSET = 8 * 60 * MINUTE;

/** The thresholds, documented in docs/PRIVACY.md; change both together. */
export const ACCESS_WATCH = {
  /** More reads of personal data than this by one staff member in any 60 minutes. */
  volumePerHour: 100,
  /** More distinct people than this looked at by one staff member within `peopleWindowMinutes`. */
  peoplePerWindow: 20,
  peopleWindowMinutes: 10,
  /** Any read between these Beijing hours (00:00 inclusive to 06:00 exclusive). */
  offHoursFrom: 0,
  offHoursTo: 6,
} as const;

type AbnormalAccessRule = 'volume' | 'many_people' | 'off_hours';

export interface AbnormalAccess extends Record<string, unknown> {
  staffUserId: string;
  rule: AbnormalAccessRule;
  /** What was counted (reads, distinct people, off-hours reads) over the window, this read included. */
  observed: number;
  /** The most that is normal; observed is above it. */
  threshold: number;
  windowStart: string;
  windowEnd: string;
}

const beijingHour = (at: Date) => new Date(at.getTime() + BEIJING_OFFSET).getUTCHours();

/** The start of the off-hours night `at` falls in (Beijing midnight). */
const beijingMidnight = (at: Date) => {
  const day = 24 * 60 * MINUTE;
  return new Date(Math.floor((at.getTime() + BEIJING_OFFSET) / day) * day - BEIJING_OFFSET);
};

/** Checks the staff member's recent reads after one was recorded at `at`; emits one event per broken rule. */
export async function watchAccess(db: Db, staffUserId: string, at: Date): Promise<AbnormalAccess[]> {
  const hourAgo = new Date(at.getTime() - 60 * MINUTE);
  const peopleFrom = new Date(at.getTime() - ACCESS_WATCH.peopleWindowMinutes * MINUTE);
  const offHours = beijingHour(at) >= ACCESS_WATCH.offHoursFrom && beijingHour(at) < ACCESS_WATCH.offHoursTo;
  const nightFrom = beijingMidnight(at);
  const from = offHours && nightFrom < hourAgo ? nightFrom : hourAgo;
  const [counts] = await db
    .select({
      // An export counts once per person it covered (`people`), for volume and for people alike.
      reads: sql<number>`(coalesce(sum(${staffAccessLog.people}) filter (where ${staffAccessLog.at} > ${hourAgo}), 0))::int`,
      people: sql<number>`(count(distinct ${staffAccessLog.subjectUserId}) filter (where ${staffAccessLog.at} > ${peopleFrom})
        + coalesce(sum(${staffAccessLog.people}) filter (where ${staffAccessLog.at} > ${peopleFrom} and ${staffAccessLog.subjectUserId} is null), 0))::int`,
      tonight: sql<number>`(count(*) filter (where ${staffAccessLog.at} >= ${nightFrom}))::int`,
    })
    .from(staffAccessLog)
    .where(and(eq(staffAccessLog.staffUserId, staffUserId), gt(staffAccessLog.at, from), lte(staffAccessLog.at, at)));
  const { reads, people, tonight } = counts!;
  const found: AbnormalAccess[] = [];
  const windowEnd = at.toISOString();
  if (reads > ACCESS_WATCH.volumePerHour) {
    found.push({
      staffUserId,
      rule: 'volume',
      observed: reads,
      threshold: ACCESS_WATCH.volumePerHour,
      windowStart: hourAgo.toISOString(),
      windowEnd,
    });
  }
  if (people > ACCESS_WATCH.peoplePerWindow) {
    found.push({
      staffUserId,
      rule: 'many_people',
      observed: people,
      threshold: ACCESS_WATCH.peoplePerWindow,
      windowStart: peopleFrom.toISOString(),
      windowEnd,
    });
  }
  if (offHours) {
    found.push({
      staffUserId,
      rule: 'off_hours',
      observed: tonight,
      threshold: 0,
      windowStart: nightFrom.toISOString(),
      windowEnd,
    });
  }
  for (const f of found) await emit(db, 'staff.access.abnormal', f);
  return found;
}
