import { and, asc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { cancelUnpaidCampaignOrder, recordFullRefund, releaseShipHold } from '../orders/api.ts';
import { refundCampaignOrder } from './campaign-refunds.ts';
import { EXPIRE_JOB, expireKey, memberIdOfRefundRef, refundRef, SHIP_HOLD } from './rules.ts';
import { groupBuyCampaigns, groupBuyGroups, groupBuyMembers } from './schema.ts';

// What happens to groups after seats are taken, driven by order and refund events and the expiry job.
// Each handler runs in the dispatcher's or the job's transaction and is idempotent (it checks states first).

type MemberRow = typeof groupBuyMembers.$inferSelect;
type GroupRow = typeof groupBuyGroups.$inferSelect;

async function memberOfOrder(db: Db, orderId: string): Promise<MemberRow | undefined> {
  const [m] = await db.select().from(groupBuyMembers).where(eq(groupBuyMembers.orderId, orderId));
  return m;
}

async function lockGroup(db: Db, groupId: string): Promise<GroupRow> {
  const [g] = await db.select().from(groupBuyGroups).where(eq(groupBuyGroups.id, groupId)).for('update');
  if (!g) throw new Error(`group ${groupId} missing`);
  return g;
}

/** order.paid: the seat is confirmed; the leader's payment opens the group; the last payment makes it succeed. */
export async function onOrderPaid(db: Db, deps: Deps, orderId: string): Promise<void> {
  const found = await memberOfOrder(db, orderId);
  if (!found) return;
  const group = await lockGroup(db, found.groupId);
  const [member] = await db.select().from(groupBuyMembers).where(eq(groupBuyMembers.id, found.id));
  if (member!.status !== 'reserved') return;
  const now = deps.clock.now();
  // Paid after the group ended (the payment raced the expiry): the money goes straight back.
  if (group.status === 'failed' || group.status === 'abandoned') {
    await db.update(groupBuyMembers).set({ status: 'paid', paidAt: now }).where(eq(groupBuyMembers.id, member!.id));
    await refundSeat(db, { ...member!, status: 'paid' }, now);
    return;
  }
  await db.update(groupBuyMembers).set({ status: 'paid', paidAt: now }).where(eq(groupBuyMembers.id, member!.id));
  // Paid after the deadline but before the expiry job ran: it does not count; the job refunds it with the others.
  if (group.status === 'open' && group.expiresAt! <= now) return;
  const paidCount = group.paidCount + 1;
  if (group.status === 'pending') {
    const [campaign] = await db.select().from(groupBuyCampaigns).where(eq(groupBuyCampaigns.id, group.campaignId));
    const expiresAt = new Date(now.getTime() + campaign!.durationMinutes * 60_000);
    await db
      .update(groupBuyGroups)
      .set({ status: 'open', paidCount, openedAt: now, expiresAt })
      .where(eq(groupBuyGroups.id, group.id));
    await deps.jobs.enqueue(db, EXPIRE_JOB, { groupId: group.id }, { runAt: expiresAt, key: expireKey(group.id) });
    await emit(db, 'groupbuy.opened', {
      groupId: group.id,
      campaignId: group.campaignId,
      leaderId: group.leaderId,
      expiresAt: expiresAt.toISOString(),
    });
  } else {
    await db.update(groupBuyGroups).set({ paidCount }).where(eq(groupBuyGroups.id, group.id));
  }
  if (paidCount === group.size) await succeed(db, deps, group, now);
}

async function succeed(db: Db, deps: Deps, group: GroupRow, now: Date): Promise<void> {
  await db.update(groupBuyGroups).set({ status: 'succeeded', succeededAt: now }).where(eq(groupBuyGroups.id, group.id));
  const paid = await db
    .select()
    .from(groupBuyMembers)
    .where(and(eq(groupBuyMembers.groupId, group.id), eq(groupBuyMembers.status, 'paid')));
  await releaseShipHold(
    db,
    paid.map((m) => m.orderId),
    SHIP_HOLD,
  );
  await deps.jobs.cancel(db, expireKey(group.id));
  await emit(db, 'groupbuy.succeeded', {
    groupId: group.id,
    campaignId: group.campaignId,
    orderIds: paid.map((m) => m.orderId),
    userIds: paid.map((m) => m.userId),
    succeededAt: now.toISOString(),
  });
}

/** order.cancelled: an unpaid seat is released (the seat opens again); a leader who never paid abandons the group. */
export async function onOrderCancelled(db: Db, deps: Deps, orderId: string): Promise<void> {
  const found = await memberOfOrder(db, orderId);
  if (!found) return;
  const group = await lockGroup(db, found.groupId);
  const now = deps.clock.now();
  const released = await db
    .update(groupBuyMembers)
    .set({ status: 'released', releasedAt: now })
    .where(and(eq(groupBuyMembers.id, found.id), eq(groupBuyMembers.status, 'reserved')))
    .returning();
  if (released.length === 0) return;
  if (group.status === 'pending' && found.isLeader) {
    await db
      .update(groupBuyGroups)
      .set({ status: 'abandoned', failedAt: now, seatsTaken: 0, regularSeatsTaken: 0 })
      .where(eq(groupBuyGroups.id, group.id));
    return;
  }
  if (group.status === 'open') {
    await db
      .update(groupBuyGroups)
      .set({
        seatsTaken: sql`${groupBuyGroups.seatsTaken} - 1`,
        regularSeatsTaken: sql`${groupBuyGroups.regularSeatsTaken} - ${found.isNewUser ? 0 : 1}`,
      })
      .where(eq(groupBuyGroups.id, group.id));
    await emit(db, 'groupbuy.seat_released', { groupId: group.id, orderId, userId: found.userId });
  }
}

/**
 * The expiry job: a group still open at expiresAt fails. Unpaid seats' orders are cancelled; every paid seat is
 * refunded through the payment provider (the order then closes, and coupons and points come back on order.closed).
 */
export async function expireGroup(db: Db, deps: Deps, groupId: string): Promise<void> {
  const group = await lockGroup(db, groupId);
  const now = deps.clock.now();
  if (group.status !== 'open' || group.expiresAt! > now) return;
  await db.update(groupBuyGroups).set({ status: 'failed', failedAt: now }).where(eq(groupBuyGroups.id, groupId));
  const members = await db
    .select()
    .from(groupBuyMembers)
    .where(eq(groupBuyMembers.groupId, groupId))
    .orderBy(asc(groupBuyMembers.id));
  for (const m of members) {
    if (m.status === 'reserved') {
      const cancelled = await cancelUnpaidCampaignOrder(db, deps, m.orderId, '拼团未成团，订单已自动取消');
      // Not cancellable means it was paid and its order.paid is still on its way: that handler refunds it.
      if (cancelled)
        await db
          .update(groupBuyMembers)
          .set({ status: 'released', releasedAt: now })
          .where(eq(groupBuyMembers.id, m.id));
    } else if (m.status === 'paid') {
      await refundSeat(db, m, now);
    }
  }
  await emit(db, 'groupbuy.failed', {
    groupId,
    campaignId: group.campaignId,
    userIds: members.filter((m) => m.status === 'paid').map((m) => m.userId),
    failedAt: now.toISOString(),
  });
}

/** Asks payments to refund everything still refundable on the seat's order (goods and shipping). */
async function refundSeat(db: Db, member: MemberRow, now: Date): Promise<void> {
  const refund = await refundCampaignOrder(db, {
    orderId: member.orderId,
    refId: refundRef(member.id),
    reason: '拼团未成团，自动全额退款',
    at: now,
  });
  await db
    .update(groupBuyMembers)
    .set(refund ? { status: 'refunding', refundId: refund.refundId } : { status: 'refunded', refundedAt: now })
    .where(eq(groupBuyMembers.id, member.id));
}

/** refund.completed of a failed group's seat: the order records the refund (and closes); the seat is refunded. */
export async function onRefundCompleted(
  db: Db,
  payload: { refundId: string; refId: string },
  now: Date,
): Promise<void> {
  const memberId = memberIdOfRefundRef(payload.refId);
  if (!memberId) return;
  const [m] = await db.select().from(groupBuyMembers).where(eq(groupBuyMembers.id, memberId)).for('update');
  if (!m || m.status !== 'refunding') return;
  await recordFullRefund(db, { orderId: m.orderId, refundId: payload.refundId, at: now });
  await db.update(groupBuyMembers).set({ status: 'refunded', refundedAt: now }).where(eq(groupBuyMembers.id, m.id));
  await emit(db, 'groupbuy.seat_refunded', {
    groupId: m.groupId,
    memberId: m.id,
    orderId: m.orderId,
    refundId: payload.refundId,
  });
}

/** order.closed of a succeeded group's seat (an after-sale refund): noted on the seat; the group stays succeeded. */
export async function onOrderClosed(db: Db, orderId: string): Promise<void> {
  await db
    .update(groupBuyMembers)
    .set({ refundedAfterSuccess: true })
    .where(and(eq(groupBuyMembers.orderId, orderId), eq(groupBuyMembers.status, 'paid')));
}
