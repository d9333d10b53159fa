import type { Deps } from '../../deps.ts';
import { applyModerationDecision, groupChannel } from './chat.ts';
import { autoJoinAfterFirstOrder, recordPurchase } from './first-order.ts';

interface ModerationDecided {
  subjectType: string;
  subjectId: string;
  verdict: string;
}

interface OrderPaid {
  orderId: string;
  userId: string;
  merchantId: string;
  paidAt: string;
  payAmount: number;
}

export function wireCommunities(deps: Deps): void {
  // First order with a merchant → its exclusive community; every paid order → a 'bought' moment in the
  // buyer's timeline of that merchant's communities. Both are idempotent under redelivery.
  deps.events.subscribe<OrderPaid>('order.paid', 'communities.first-order-auto-join', async (db, event) => {
    const p = event.payload;
    await autoJoinAfterFirstOrder(db, {
      merchantId: p.merchantId,
      userId: p.userId,
      orderId: p.orderId,
      paidAt: new Date(p.paidAt),
    });
    await recordPurchase(db, {
      merchantId: p.merchantId,
      userId: p.userId,
      orderId: p.orderId,
      payAmount: p.payAmount,
      paidAt: new Date(p.paidAt),
    });
  });

  deps.events.subscribe<ModerationDecided>('moderation.decided', 'communities.chat-moderation', async (db, event) => {
    const p = event.payload;
    if (p.subjectType !== 'community_message' || (p.verdict !== 'approved' && p.verdict !== 'rejected')) return;
    const outcome = await applyModerationDecision(db, p.subjectId, p.verdict, event.createdAt);
    // Published from inside the dispatch transaction: were it to roll back, the next history load corrects the screen.
    if (outcome) await deps.realtime.publish(groupChannel(outcome.groupId), outcome.publish);
  });
}
