import type { Deps } from '../../deps.ts';
import { subscribeTracking } from './tracking.ts';

// logistics publishes logistics.tracking_updated (a parcel moved to 已揽收/运输中/派送中/已签收/物流异常).

export function wireLogistics(deps: Deps): void {
  deps.events.subscribe<{ orderId: string; carrier: string; trackingNo: string }>(
    'order.shipped',
    'logistics.subscribe-tracking',
    (db, event) => subscribeTracking(db, deps, event.payload),
  );
}
