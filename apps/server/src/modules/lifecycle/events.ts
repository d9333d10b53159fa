import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRuleCoupons, runRules } from './automation.ts';
import { recomputeSegments, recordPurchase, recordSignup } from './recompute.ts';

// Subscribed: user.registered (a new customer), order.paid (purchase facts, immediate reassessment, conversions).
// Job: every LIFECYCLE_RUN_MINUTES, recompute every segment (interactions and influence from the analytics engine),
// then run the enabled automation rules and send deferred actions whose quiet hours ended.
// Init: the platform coupon templates the rules give, and the first run.

const RUN_JOB = 'lifecycle.run';

type Paid = { orderId: string; userId: string; merchantId: string; payAmount: number; paidAt: string };

async function scheduleRun(deps: Deps, db: Db, now: Date): Promise<void> {
  const every = deps.config.LIFECYCLE_RUN_MINUTES * 60_000;
  const runAt = new Date((Math.floor(now.getTime() / every) + 1) * every);
  await deps.jobs.enqueue(db, RUN_JOB, {}, { runAt, key: `${RUN_JOB}:${runAt.toISOString()}` });
}

export function wireLifecycle(deps: Deps): void {
  deps.events.subscribe<{ userId: string; registeredAt?: string }>('user.registered', 'lifecycle.signup', (db, e) =>
    recordSignup(deps, db, e.payload.userId, e.payload.registeredAt ? new Date(e.payload.registeredAt) : e.createdAt),
  );
  deps.events.subscribe<Paid>('order.paid', 'lifecycle.purchase', (db, e) =>
    recordPurchase(deps, db, { ...e.payload, paidAt: new Date(e.payload.paidAt) }, deps.clock.now()),
  );
  deps.jobs.register(RUN_JOB, async (db) => {
    const now = deps.clock.now();
    await recomputeSegments(deps, db, now);
    await runRules(deps, db, now);
    await scheduleRun(deps, db, now);
  });
}

export async function initLifecycle(deps: Deps): Promise<void> {
  await ensureRuleCoupons(deps.database.db, deps.clock.now());
  await scheduleRun(deps, deps.database.db, deps.clock.now());
}
