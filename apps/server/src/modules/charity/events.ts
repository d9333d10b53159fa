import type { Deps } from '../../deps.ts';
import { type PaidOrder, recordDonations, settleDonations, syncDonationReversals } from './donations.ts';

// charity publishes no events; it reacts to orders' and payments' outbox events (docs/POINTS.md "Charity products").

type OrderRef = { orderId: string };

export function wireCharity(deps: Deps): void {
  deps.events.subscribe<PaidOrder>('order.paid', 'charity.record-donations', (db, e) =>
    recordDonations(db, e.payload, deps.clock.now()),
  );
  // Refunds: each of these may be the first to see a line's new refundedAmount; the sync is cumulative.
  for (const type of ['refund.completed', 'aftersale.completed', 'order.closed']) {
    deps.events.subscribe<OrderRef>(type, `charity.reverse-on-${type}`, (db, e) =>
      syncDonationReversals(db, e.payload.orderId, e.id, deps.clock.now()),
    );
  }
  deps.events.subscribe<OrderRef>('order.completed', 'charity.settle', (db, e) =>
    settleDonations(db, e.payload.orderId, e.id, deps.clock.now()),
  );
}
