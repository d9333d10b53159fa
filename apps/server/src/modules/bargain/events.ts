import type { Deps } from '../../deps.ts';
import { expireBargain, onOrderCancelled, onOrderPaid } from './lifecycle.ts';
import { EXPIRE_JOB } from './rules.ts';

// bargain publishes bargain.campaign_created, bargain.started, bargain.helped, bargain.ordered, bargain.purchased,
// bargain.expired.

export function wireBargain(deps: Deps): void {
  deps.jobs.register<{ bargainId: string }>(EXPIRE_JOB, (db, p) => expireBargain(db, p.bargainId, deps.clock.now()));
  deps.events.subscribe<{ orderId: string }>('order.paid', 'bargain.mark-purchased', (db, e) =>
    onOrderPaid(db, e.payload.orderId, deps.clock.now()),
  );
  deps.events.subscribe<{ orderId: string }>('order.cancelled', 'bargain.reopen-or-expire', (db, e) =>
    onOrderCancelled(db, e.payload.orderId, deps.clock.now()),
  );
}
