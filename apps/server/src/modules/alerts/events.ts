import type { Deps } from '../../deps.ts';
import { CHECK_JOB, runMinuteChecks, scheduleMinuteChecks, WEBHOOK_JOB } from './check.ts';
import { type AbnormalAccessPayload, openStaffAccessAlert } from './staff-access.ts';
import { deliverAlertWebhook } from './webhook.ts';

// Published: alert.opened { alertId, metric, direction }. Jobs: the minute checks (each run schedules the next,
// resuming from a checkpoint after a stop) and the webhook delivery of a new alert. Reads behaviour from the
// analytics engine; subscribes to staff.access.abnormal (abnormal staff access to personal data, staff-access.ts).

export function wireAlerts(deps: Deps): void {
  deps.jobs.register(CHECK_JOB, (db) => runMinuteChecks(deps, db));
  deps.jobs.register<{ alertId: string }>(WEBHOOK_JOB, (db, p) => deliverAlertWebhook(deps, db, p.alertId));
  deps.events.subscribe<AbnormalAccessPayload>('staff.access.abnormal', 'alerts.staff-access', (db, e) =>
    openStaffAccessAlert(deps, db, e.payload),
  );
}

/** Starts the chain of minute checks (a chain already pending merges with it: jobs are keyed by minute). */
export async function initAlerts(deps: Deps): Promise<void> {
  await scheduleMinuteChecks(deps, deps.database.db, deps.clock.now());
}
