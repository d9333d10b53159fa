import { eq, and } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { addDays, shanghaiDay, shanghaiDayStart } from '../points/api.ts';
import { sealPlainBankHolders } from './applications.ts';
import { CLAIM_SLA_JOB, escalateClaimIfDue, onGuaranteeRefundCompleted } from './compensation.ts';
import { COMPLAINT_SLA_JOB, escalateComplaintIfDue } from './complaints.ts';
import { CREDIT_RULES, merchantsWithCreditInputs, recomputeCredit } from './credit.ts';
import { PATROL_JOB, runPatrol } from './patrol.ts';
import { runQualificationCheck } from './qualification-expiry.ts';
import { backfillQualifications } from './qualifications.ts';
import { listMerchantStaff } from '../accounts/api.ts';
import { creditFacts } from './schema.ts';

// trust publishes trust.complaint-filed/-escalated/-resolved, trust.claim-filed/-escalated/-approved,
// trust.penalty-imposed, trust.patrol-findings, trust.deposit-*, trust.merchant-exiting.
// Subscribed: order.paid, order.shipped, aftersale.requested, review.published (the credit score's inputs, kept as
// trust_credit_facts), refund.guarantee-completed (a 先行赔付 is paid). Jobs: each complaint's 2 h and each claim's
// 24 h SLA; the daily run (00:30 Beijing time) patrols listings, checks qualification validity (warning 30 days
// ahead, delisting at expiry) and recomputes every known merchant's credit.

type Paid = { orderId: string; merchantId: string; paidAt: string };
type Shipped = { orderId: string; merchantId: string; shippedAt: string };
type AfterSale = { afterSaleId: string; merchantId: string };
type QualificationNotice = { merchantId: string; kindName: string; validUntil: string; delisted?: string[] };
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
  // The console shows warnings and delistings on 资质管理; the shop's owner is also texted, as nobody may be looking.
  const textOwners = async (db: Db, merchantId: string, text: string) => {
    const owners = (await listMerchantStaff(deps, db, merchantId)).filter((s) => s.role === 'owner');
    for (const o of owners)
      await deps.sms
        .sendNotice(o.phone, text)
        .catch((err: unknown) => deps.log.warn({ err, merchantId }, 'qualification notice not sent'));
  };
  deps.events.subscribe<QualificationNotice>('trust.qualification-expiring', 'trust.qualification-warn', (db, e) =>
    textOwners(
      db,
      e.payload.merchantId,
      `【好物】你店铺的${e.payload.kindName}将于 ${e.payload.validUntil} 到期，请在到期前到商家后台「资质管理」上传新证件，逾期相关类目商品将下架`,
    ),
  );
  deps.events.subscribe<QualificationNotice>('trust.qualification-expired', 'trust.qualification-delist', (db, e) =>
    textOwners(
      db,
      e.payload.merchantId,
      `【好物】你店铺的${e.payload.kindName}已于 ${e.payload.validUntil} 到期，${e.payload.delisted?.length ?? 0} 件相关商品已下架（资质过期）。在「资质管理」上传新证件，审核通过后自动恢复上架`,
    ),
  );
  deps.jobs.register<{ complaintId: string }>(COMPLAINT_SLA_JOB, (db, p) =>
    escalateComplaintIfDue(deps, db, p.complaintId),
  );
  deps.jobs.register<{ claimId: string }>(CLAIM_SLA_JOB, (db, p) => escalateClaimIfDue(deps, db, p.claimId));
  deps.jobs.register(PATROL_JOB, async (db) => {
    const at = now();
    await runPatrol(db, at);
    await runQualificationCheck(db, at);
    for (const m of await merchantsWithCreditInputs(db)) await recomputeCredit(db, m, at);
    await scheduleDaily(deps, db, at);
  });
}

/** Module start: account-holder names written before sealing are sealed, then the daily jobs are scheduled. */
export async function initTrust(deps: Deps): Promise<void> {
  const sealed = await sealPlainBankHolders(deps);
  if (sealed > 0) deps.log.info({ applications: sealed }, 'trust: sealed plain account-holder names');
  const copied = await backfillQualifications(deps.database.db, deps.clock.now());
  if (copied > 0) deps.log.info({ documents: copied }, 'trust: qualifications copied from approved applications');
  await scheduleDaily(deps, deps.database.db, deps.clock.now());
}
