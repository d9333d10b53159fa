import type { Deps } from '../../deps.ts';
import { CHECK_JOB, runMinuteChecks, scheduleMinuteChecks, WEBHOOK_JOB } from './check.ts';
import { deliverAlertWebhook } from './webhook.ts';

// Published: alert.opened { alertId, metric, direction }. Jobs: the minute checks (each run schedules the next,
// resuming from a checkpoint after a stop) and the webhook delivery of a new alert. Subscribes to nothing: it
// reads behaviour from the analytics engine.

export function wireAlerts(deps: Deps): void {
  deps.jobs.register(CHECK_JOB, (db) => runMinuteChecks(deps, db));
  deps.jobs.register<{ alertId: string }>(WEBHOOK_JOB, (db, p) => deliverAlertWebhook(deps, db, p.alertId));
}

/** Starts the chain of minute checks (a chain already pending merges with it: jobs are keyed by minute). */
export async function initAlerts(deps: Deps): Promise<void> {
  await scheduleMinuteChecks(deps, deps.database.db, deps.clock.now());
}
