import type { Deps } from '../../deps.ts';
import { provideShipHoldRule } from '../orders/api.ts';
import { cancelOpenCase, onRefundCompleted, openCase } from './cases.ts';
import { AUTHENTICATION_HOLD, needsAuthentication } from './rules.ts';

// Provides: orders' ship-hold rule (an order with a line that needs 鉴定 is held when placed). Subscribed:
// order.paid (open the case), order.closed (cancel a case without verdict), refund.completed (a failed
// inspection's refund reached the buyer: the order records it).

export function wireAuthentication(deps: Deps): void {
  provideShipHoldRule({ holdFor: (lines) => (lines.some(needsAuthentication) ? AUTHENTICATION_HOLD : null) });
  deps.events.subscribe<{ orderId: string }>('order.paid', 'authentication.open-case', async (db, e) => {
    await openCase(db, e.payload.orderId, deps.clock.now());
  });
  deps.events.subscribe<{ orderId: string }>('order.closed', 'authentication.cancel-case', (db, e) =>
    cancelOpenCase(db, e.payload.orderId),
  );
  deps.events.subscribe<{ refundId: string; refId: string }>(
    'refund.completed',
    'authentication.record-refund',
    (db, e) => onRefundCompleted(db, e.payload, deps.clock.now()),
  );
}
