import type { Deps } from '../../deps.ts';
import { completeCourseOrder, onOrderCompleted, onOrderPaid, onOrderRefunded } from './purchase.ts';
import { COMPLETE_JOB } from './rules.ts';

// content publishes content.course_created, content.course_granted, content.course_revoked (docs/CONTENT.md).

type OrderRef = { orderId: string };

export function wireContent(deps: Deps): void {
  deps.jobs.register<OrderRef>(COMPLETE_JOB, (db, p) => completeCourseOrder(db, deps, p.orderId));
  deps.events.subscribe<OrderRef & { userId: string; lines: { productId: string }[] }>(
    'order.paid',
    'content.grant-course',
    (db, e) => onOrderPaid(db, deps, e.payload),
  );
  for (const type of ['refund.completed', 'aftersale.completed', 'order.closed']) {
    deps.events.subscribe<OrderRef>(type, `content.reverse-on-${type}`, (db, e) =>
      onOrderRefunded(db, e.payload.orderId, e.id, deps.clock.now()),
    );
  }
  deps.events.subscribe<OrderRef>('order.completed', 'content.settle-creator-share', (db, e) =>
    onOrderCompleted(db, e.payload.orderId, e.id, deps.clock.now()),
  );
}
