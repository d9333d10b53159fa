import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { accountBalance, postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';
import { completeRedeemedOrder, getOrderForAfterSale, nextOrderNos, placeCampaignOrders } from '../orders/api.ts';
import { accessTo } from './courses.ts';
import {
  COMPLETE_JOB,
  completeKey,
  creatorAccounts,
  creatorShareOf,
  DAY_MS,
  merchantAccounts,
  refuse,
  SHIP_HOLD,
  SUBSCRIPTION_DAYS,
} from './rules.ts';
import { contentCourses, contentCreatorShares, contentEntitlements } from './schema.ts';

// Buying a course places an ordinary order (orders' campaign path, no shipping). Paying it grants the course (and
// records the creator's share as pending); the order stays refundable for SETTLEMENT_DELAY_DAYS, then completes and
// settles; a refund revokes the course and reverses the share. Buying a bundled product grants the course too.

export interface CourseBought {
  orderId: string;
  checkoutId: string;
  amount: number;
  payDeadline: string;
}

export async function buyCourse(
  ctx: Ctx,
  courseId: string,
  input: { expectedAmount: number },
): Promise<Result<CourseBought>> {
  const user = requireUser(ctx.actor);
  return idempotent(ctx, 'content.buy-course', { courseId, ...input }, async (tx) => {
    const now = ctx.now();
    const [course] = await tx.select().from(contentCourses).where(eq(contentCourses.id, courseId));
    if (!course) throw notFound('课程');
    if (course.status !== 'active') return refuse('course-unavailable');
    if (course.price !== input.expectedAmount)
      return refuse(
        'price-changed',
        `应付金额已由 ${formatYuan(input.expectedAmount)} 变为 ${formatYuan(course.price)}`,
      );
    const access = (await accessTo({ ...ctx, db: tx }, [course])).get(course.id)!;
    // A subscriber renews before the end; a course owned for good is never sold twice.
    if (access.entitled && access.expiresAt === null) return refuse('already-owned');
    const sku = (await loadSkusForCheckout(tx, [course.skuId])).get(course.skuId);
    if (!sku?.purchasable) return refuse('course-unavailable');
    const [orderNo] = await nextOrderNos(tx, now, 1);
    const payDeadline = new Date(now.getTime() + ctx.deps.config.ORDER_PAYMENT_TIMEOUT_MINUTES * 60_000);
    const [placed] = await placeCampaignOrders(ctx.deps, tx, now, [
      {
        orderNo: orderNo!,
        userId: user.userId,
        sku,
        qty: 1,
        unitPrice: course.price,
        shippingFee: 0,
        // Nothing is shipped: learned in the app.
        address: {
          recipient: '线上学习',
          phone: '',
          province: '线上',
          city: '线上',
          district: '',
          detail: course.title,
        },
        campaign: { kind: 'course', id: course.id },
        stockPool: 'campaign',
        payDeadline,
        shipHold: SHIP_HOLD,
      },
    ]);
    await tx.insert(contentEntitlements).values({
      id: newId('ent'),
      userId: user.userId,
      courseId: course.id,
      orderId: placed!.orderId,
      source: course.pricing === 'subscription' ? 'subscription' : 'purchase',
      status: 'pending',
      createdAt: now,
    });
    return ok({
      orderId: placed!.orderId,
      checkoutId: placed!.checkoutId,
      amount: placed!.payAmount,
      payDeadline: payDeadline.toISOString(),
    });
  });
}

interface PaidOrder {
  orderId: string;
  userId: string;
  lines: { productId: string }[];
}

/** order.paid: a course order's grant starts (a renewal runs on from the current end); bundled products grant too. */
export async function onOrderPaid(db: Db, deps: Deps, e: PaidOrder): Promise<void> {
  const now = deps.clock.now();
  const [pending] = await db
    .select()
    .from(contentEntitlements)
    .where(and(eq(contentEntitlements.orderId, e.orderId), eq(contentEntitlements.status, 'pending')))
    .for('update');
  if (pending) await activateCourseOrder(db, deps, pending, now);
  const productIds = [...new Set(e.lines.map((l) => l.productId))];
  if (productIds.length === 0) return;
  const bundled = await db
    .select({ id: contentCourses.id })
    .from(contentCourses)
    .where(
      and(
        eq(contentCourses.status, 'active'),
        sql`${contentCourses.bundleProductIds} && ${sql.param(productIds)}::text[]`,
      ),
    );
  for (const c of bundled) {
    const [granted] = await db
      .insert(contentEntitlements)
      .values({
        id: newId('ent'),
        userId: e.userId,
        courseId: c.id,
        orderId: e.orderId,
        source: 'bundle',
        status: 'active',
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (granted)
      await emit(db, 'content.course_granted', {
        courseId: c.id,
        userId: e.userId,
        orderId: e.orderId,
        source: 'bundle',
      });
  }
}

async function activateCourseOrder(db: Db, deps: Deps, grant: typeof contentEntitlements.$inferSelect, now: Date) {
  let startsAt: Date | null = null;
  let expiresAt: Date | null = null;
  if (grant.source === 'subscription') {
    const [latest] = await db
      .select({ end: sql<Date | null>`max(${contentEntitlements.expiresAt})` })
      .from(contentEntitlements)
      .where(
        and(
          eq(contentEntitlements.userId, grant.userId),
          eq(contentEntitlements.courseId, grant.courseId),
          eq(contentEntitlements.status, 'active'),
          gt(contentEntitlements.expiresAt, now),
        ),
      );
    const from = latest?.end ? new Date(latest.end) : now;
    startsAt = from;
    expiresAt = new Date(from.getTime() + SUBSCRIPTION_DAYS * DAY_MS);
  }
  await db
    .update(contentEntitlements)
    .set({ status: 'active', startsAt, expiresAt })
    .where(eq(contentEntitlements.id, grant.id));
  const order = await getOrderForAfterSale(db, grant.orderId);
  if (!order) throw new Error(`course order ${grant.orderId} missing`);
  const [course] = await db.select().from(contentCourses).where(eq(contentCourses.id, grant.courseId));
  const share = course!.creatorUserId ? creatorShareOf(order.payAmount, course!.creatorShareBp) : 0;
  if (share > 0) {
    const [row] = await db
      .insert(contentCreatorShares)
      .values({
        id: newId('csh'),
        orderId: order.orderId,
        courseId: course!.id,
        merchantId: order.merchantId,
        creatorUserId: course!.creatorUserId!,
        baseAmount: order.payAmount,
        amount: share,
        status: 'pending',
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (row)
      await postJournal(db, {
        kind: 'content.creator-share',
        refId: row.id,
        memo: `课程「${course!.title}」订单 ${order.orderId} 创作者分成 ${formatYuan(share)}（待结算）`,
        at: now,
        lines: [
          { account: merchantAccounts.pending(row.merchantId), amount: share },
          { account: creatorAccounts.pending(row.creatorUserId), amount: -share },
        ],
      });
  }
  const completeAt = new Date(now.getTime() + deps.config.SETTLEMENT_DELAY_DAYS * DAY_MS);
  await deps.jobs.enqueue(
    db,
    COMPLETE_JOB,
    { orderId: grant.orderId },
    { runAt: completeAt, key: completeKey(grant.orderId, completeAt) },
  );
  await emit(db, 'content.course_granted', {
    courseId: grant.courseId,
    userId: grant.userId,
    orderId: grant.orderId,
    source: grant.source,
  });
}

/** The refund window has passed: the course order completes, so payments settles it; an open after-sale waits a day. */
export async function completeCourseOrder(db: Db, deps: Deps, orderId: string): Promise<void> {
  const now = deps.clock.now();
  const order = await getOrderForAfterSale(db, orderId);
  if (!order || order.status !== 'paid' || order.shipHold !== SHIP_HOLD) return;
  if (order.openAfterSales > 0) {
    const again = new Date(now.getTime() + DAY_MS);
    await deps.jobs.enqueue(db, COMPLETE_JOB, { orderId }, { runAt: again, key: completeKey(orderId, again) });
    return;
  }
  await completeRedeemedOrder(db, { orderId, hold: SHIP_HOLD, at: now });
}

/**
 * Refunds (refund.completed, aftersale.completed, order.closed): the creator gives back the refunded share of the
 * order; a fully refunded order loses its course. Cumulative, so whichever event comes first does it, once.
 */
export async function onOrderRefunded(db: Db, orderId: string, triggerId: string, now: Date): Promise<void> {
  const order = await getOrderForAfterSale(db, orderId);
  if (!order || order.refundedAmount === 0) return;
  if (order.refundedAmount >= order.payAmount) {
    const revoked = await db
      .update(contentEntitlements)
      .set({ status: 'revoked' })
      .where(and(eq(contentEntitlements.orderId, orderId), inArray(contentEntitlements.status, ['pending', 'active'])))
      .returning();
    for (const r of revoked)
      await emit(db, 'content.course_revoked', { courseId: r.courseId, userId: r.userId, orderId });
  }
  const [s] = await db
    .select()
    .from(contentCreatorShares)
    .where(eq(contentCreatorShares.orderId, orderId))
    .for('update');
  if (!s) return;
  // What the creator keeps is the share of what the buyer kept paid, rounded down, so a full refund takes all of it.
  const keptPaid = Math.max(s.baseAmount - order.refundedAmount, 0);
  const target = s.amount - Math.floor((s.amount * keptPaid) / s.baseAmount);
  const delta = target - s.reversedAmount;
  if (delta <= 0) return;
  const settled = s.status === 'settled';
  const posted = await postJournal(db, {
    kind: 'content.creator-share-reversed',
    refId: `${s.id}:${triggerId}`,
    memo: `课程订单 ${orderId} 退款，冲回创作者分成 ${formatYuan(delta)}`,
    at: now,
    lines: [
      {
        account: settled ? creatorAccounts.available(s.creatorUserId) : creatorAccounts.pending(s.creatorUserId),
        amount: delta,
      },
      {
        account: settled ? merchantAccounts.available(s.merchantId) : merchantAccounts.pending(s.merchantId),
        amount: -delta,
      },
    ],
  });
  if (!posted) return;
  const reversedAmount = s.reversedAmount + delta;
  await db
    .update(contentCreatorShares)
    .set({ reversedAmount, status: reversedAmount === s.amount && !settled ? 'reversed' : s.status })
    .where(eq(contentCreatorShares.id, s.id));
}

/**
 * order.completed: payments has moved the order's money to the merchant's available balance; the same journal
 * moves the creator's share out of it, so the merchant ends up net of the share and the creator can withdraw it.
 */
export async function onOrderCompleted(db: Db, orderId: string, triggerId: string, now: Date): Promise<void> {
  await onOrderRefunded(db, orderId, triggerId, now);
  const [s] = await db
    .select()
    .from(contentCreatorShares)
    .where(and(eq(contentCreatorShares.orderId, orderId), eq(contentCreatorShares.status, 'pending')))
    .for('update');
  if (!s) return;
  const net = s.amount - s.reversedAmount;
  await postJournal(db, {
    kind: 'content.creator-share-settled',
    refId: s.id,
    memo: `课程订单 ${orderId} 已过退款期，创作者分成 ${formatYuan(net)} 转为可提现`,
    at: now,
    lines: [
      { account: merchantAccounts.pending(s.merchantId), amount: -net },
      { account: merchantAccounts.available(s.merchantId), amount: net },
      { account: creatorAccounts.pending(s.creatorUserId), amount: net },
      { account: creatorAccounts.available(s.creatorUserId), amount: -net },
    ],
  });
  await db
    .update(contentCreatorShares)
    .set({ status: 'settled', settledAt: now })
    .where(eq(contentCreatorShares.id, s.id));
}

/** 创作者收益: the signed-in creator's pending and withdrawable share, and the newest sales behind it. */
export async function myCreatorEarnings(ctx: Ctx) {
  const user = requireUser(ctx.actor);
  const [pending, available, rows] = await Promise.all([
    accountBalance(ctx.db, creatorAccounts.pending(user.userId)),
    accountBalance(ctx.db, creatorAccounts.available(user.userId)),
    ctx.db
      .select({ share: contentCreatorShares, title: contentCourses.title })
      .from(contentCreatorShares)
      .innerJoin(contentCourses, eq(contentCourses.id, contentCreatorShares.courseId))
      .where(eq(contentCreatorShares.creatorUserId, user.userId))
      .orderBy(desc(contentCreatorShares.id))
      .limit(50),
  ]);
  return {
    pending: -pending,
    available: -available,
    items: rows.map((r) => ({
      id: r.share.id,
      orderId: r.share.orderId,
      courseId: r.share.courseId,
      courseTitle: r.title,
      baseAmount: r.share.baseAmount,
      amount: r.share.amount,
      reversedAmount: r.share.reversedAmount,
      status: r.share.status,
      createdAt: r.share.createdAt.toISOString(),
    })),
  };
}
