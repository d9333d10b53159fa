import type { Deps } from '../../deps.ts';
import { onOrderClosed, onOrderCompleted, onOrderPaid } from './threshold.ts';

// invitations publishes invitation.bound {inviteeId, inviterId, depth, boundAt} and
// invitation.rewarded {inviteeId, inviterId, orderId, amount, rewardedAt} (distribution credits the cash).

export function wireInvitations(deps: Deps): void {
  deps.events.subscribe<Parameters<typeof onOrderPaid>[1]>('order.paid', 'invitations.watch-first-purchase', (db, e) =>
    onOrderPaid(db, e.payload),
  );
  deps.events.subscribe<Parameters<typeof onOrderCompleted>[1]>('order.completed', 'invitations.threshold', (db, e) =>
    onOrderCompleted(db, e.payload),
  );
  deps.events.subscribe<Parameters<typeof onOrderClosed>[1]>('order.closed', 'invitations.order-refunded', (db, e) =>
    onOrderClosed(db, e.payload),
  );
}
