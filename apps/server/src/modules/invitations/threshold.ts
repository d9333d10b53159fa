import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { firstPurchases, inviteeOrders, invitations } from './schema.ts';

/** The inviter's reward per invitee who passes the fission threshold, in fen (cash on the ledger, withdrawable). */
export const INVITE_REWARD_FEN = 500;

interface OrderPaid {
  orderId: string;
  userId: string;
  payAmount: number;
  paidAt: string;
}
interface OrderCompleted {
  orderId: string;
  userId: string;
  refundedAmount: number;
  completedAt: string;
}
interface OrderClosed {
  orderId: string;
  refundedAmount: number;
  closedAt: string;
}

/** order.paid: the buyer is no longer new; an invitee's order starts being watched for the threshold. */
export async function onOrderPaid(db: Db, e: OrderPaid): Promise<void> {
  const paidAt = new Date(e.paidAt);
  await db.insert(firstPurchases).values({ userId: e.userId, orderId: e.orderId, paidAt }).onConflictDoNothing();
  const [inv] = await db
    .select({ inviterId: invitations.inviterId })
    .from(invitations)
    .where(eq(invitations.inviteeId, e.userId));
  if (!inv) return;
  await db
    .insert(inviteeOrders)
    .values({
      orderId: e.orderId,
      inviteeId: e.userId,
      inviterId: inv.inviterId,
      status: 'paid',
      payAmount: e.payAmount,
      paidAt,
    })
    .onConflictDoNothing();
}

/**
 * order.completed: the return window has passed with no open after-sale. Completed with nothing refunded, it is the
 * invitee's qualifying first purchase and the inviter is rewarded, once per invitee; with a refund it does not
 * qualify and the threshold waits for the next paid order that completes cleanly.
 */
export async function onOrderCompleted(db: Db, e: OrderCompleted): Promise<void> {
  const at = new Date(e.completedAt);
  const clean = e.refundedAmount === 0;
  const [row] = await db
    .update(inviteeOrders)
    .set({ status: clean ? 'completed' : 'refunded', refundedAmount: e.refundedAmount, endedAt: at })
    .where(and(eq(inviteeOrders.orderId, e.orderId), eq(inviteeOrders.status, 'paid')))
    .returning();
  if (!row || !clean) return;
  const [rewarded] = await db
    .update(invitations)
    .set({ rewardStatus: 'rewarded', rewardOrderId: e.orderId, rewardAmount: INVITE_REWARD_FEN, rewardedAt: at })
    .where(and(eq(invitations.inviteeId, row.inviteeId), eq(invitations.rewardStatus, 'waiting')))
    .returning();
  if (!rewarded) return;
  await emit(db, 'invitation.rewarded', {
    inviteeId: rewarded.inviteeId,
    inviterId: rewarded.inviterId,
    orderId: e.orderId,
    amount: INVITE_REWARD_FEN,
    rewardedAt: at.toISOString(),
  });
}

/** order.closed: everything was refunded, so this order can never be the qualifying purchase. */
export async function onOrderClosed(db: Db, e: OrderClosed): Promise<void> {
  await db
    .update(inviteeOrders)
    .set({ status: 'refunded', refundedAmount: e.refundedAmount, endedAt: new Date(e.closedAt) })
    .where(and(eq(inviteeOrders.orderId, e.orderId), eq(inviteeOrders.status, 'paid')));
}
