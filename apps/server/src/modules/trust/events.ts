import { eq, and } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { addDays, shanghaiDay, shanghaiDayStart } from '../points/api.ts';
import { sealPlainBankHolders } from './applications.ts';
import { CLAIM_SLA_JOB, escalateClaimIfDue, onGuaranteeRefundCompleted } from './compensation.ts';
import { COMPLAINT_SLA_JOB, escalateComplaintIfDue } from './complaints.ts';
import { CREDIT_RULES, merchantsWithCreditInputs, recomputeCredit } from './credit.ts';
import { PATROL_JOB, runPatrol } from './patrol.ts';
import { creditFacts } from './schema.ts';

// trust publishes trust.complaint-filed/-escalated/-resolved, trust.claim-filed/-escalated/-approved,
// trust.penalty-imposed, trust.patrol-findings, trust.deposit-*, trust.merchant-exiting.
// Subscribed: order.paid, order.shipped, aftersale.requested, review.published (the credit score's inputs, kept as
// trust_credit_facts), refund.guarantee-completed (a 先行赔付 is paid). Jobs: each complaint's 2 h and each claim's
// 24 h SLA; the daily run (00:30 Beijing time) patrols listings and recomputes every known merchant's credit.

type Paid = { orderId: string; merchantId: string; paidAt: string };
type Shipped = { orderId: string; merchantId: string; shippedAt: string };
type AfterSale = { afterSaleId: string; merchantId: string };
type Review = { reviewId: string; merchantId: string; rating: number | null; isFollowUp: boolean };

async function scheduleDaily(deps: Deps, db: Db, now: Date): Promise<void> {
  const runAt = new Date(shanghaiDayStart(addDays(shanghaiDay(now), 1)).getTime() + 30 * 60_000);
  await deps.jobs.enqueue(db, PATROL_JOB, {}, { runAt, key: `${PATROL_JOB}:${shanghaiDay(runAt)}` });
}

async function fact(db: Db, f: typeof creditFacts.$inferInsert): Promise<boolean> {
  const added = await db.insert(creditFacts).values(f).onConflictDoNothing().returning({ refId: creditFacts.refId });
  return added.length > 0;
}

export function wireTrust(deps: Deps): void {
  const now = () => deps.clock.now();
  deps.events.subscribe<Paid>('order.paid', 'trust.credit-order-paid', async (db, e) => {
    const p = e.payload;
    await fact(db, {
      kind: 'order-paid',
      refId: p.orderId,
      merchantId: p.merchantId,
      value: 1,
      at: new Date(p.paidAt),
    });
  });
  deps.events.subscribe<Shipped>('order.shipped', 'trust.credit-order-shipped', async (db, e) => {
    const p = e.payload;
    const [paid] = await db
      .select({ at: creditFacts.at })
      .from(creditFacts)
      .where(and(eq(creditFacts.kind, 'order-paid'), eq(creditFacts.refId, p.orderId)));
    if (!paid) return;
    const shippedAt = new Date(p.shippedAt);
    const hours = Math.floor((shippedAt.getTime() - paid.at.getTime()) / 3_600_000);
    const added = await fact(db, {
      kind: 'order-shipped',
      refId: p.orderId,
      merchantId: p.merchantId,
      value: hours,
      at: shippedAt,
    });
    // Only a late shipment can move the score; on-time ones are counted at the next daily run.
    if (added && hours > CREDIT_RULES.shipping.lateAfterHours) await recomputeCredit(db, p.merchantId, now());
  });
  deps.events.subscribe<AfterSale>('aftersale.requested', 'trust.credit-after-sale', async (db, e) => {
    const p = e.payload;
    if (await fact(db, { kind: 'after-sale', refId: p.afterSaleId, merchantId: p.merchantId, value: 1, at: now() }))
      await recomputeCredit(db, p.merchantId, now());
  });
  deps.events.subscribe<Review>('review.published', 'trust.credit-review', async (db, e) => {
    const p = e.payload;
    if (p.isFollowUp || p.rating === null) return;
    if (await fact(db, { kind: 'review', refId: p.reviewId, merchantId: p.merchantId, value: p.rating, at: now() }))
      await recomputeCredit(db, p.merchantId, now());
  });
  deps.events.subscribe<{ refId: string }>('refund.guarantee-completed', 'trust.claim-paid', (db, e) =>
    onGuaranteeRefundCompleted(db, e.payload.refId, now()),
  );
  deps.jobs.register<{ complaintId: string }>(COMPLAINT_SLA_JOB, (db, p) =>
    escalateComplaintIfDue(deps, db, p.complaintId),
  );
  deps.jobs.register<{ claimId: string }>(CLAIM_SLA_JOB, (db, p) => escalateClaimIfDue(deps, db, p.claimId));
  deps.jobs.register(PATROL_JOB, async (db) => {
    const at = now();
    await runPatrol(db, at);
    for (const m of await merchantsWithCreditInputs(db)) await recomputeCredit(db, m, at);
    await scheduleDaily(deps, db, at);
  });
}

/** Module start: account-holder names written before sealing are sealed, then the daily jobs are scheduled. */
export async function initTrust(deps: Deps): Promise<void> {
  const sealed = await sealPlainBankHolders(deps);
  if (sealed > 0) deps.log.info({ applications: sealed }, 'trust: sealed plain account-holder names');
  await scheduleDaily(deps, deps.database.db, deps.clock.now());
}
