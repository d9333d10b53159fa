import type { Deps } from '../../deps.ts';
import { recordDailySales } from './forecast.ts';
import { trackSkus } from './journal.ts';
import { bookCatalogEdit, restockOrder, routeOrder } from './routing.ts';

// Subscribed: order.created (route to the nearest warehouse, book the sale; count the day's units for the forecast), order.cancelled / order.restocked /
// aftersale.approved (units back on hand), product.created / product.updated (new SKUs get an opening balance; stock
// set in the product editor is an adjustment). Nothing here reads another module's tables.

interface Line {
  lineId: string;
  skuId: string;
  qty: number;
}

export function wireSupply(deps: Deps): void {
  const now = () => deps.clock.now();
  deps.events.subscribe<{ orderId: string; merchantId: string; province?: string; lines: Line[] }>(
    'order.created',
    'supply.route-order',
    (db, e) => routeOrder(db, e.payload, e.createdAt, now()),
  );
  deps.events.subscribe<{
    merchantId: string;
    placedAt: string;
    campaignKind?: string;
    lines: { skuId: string; qty: number }[];
  }>('order.created', 'supply.daily-sales', (db, e) => recordDailySales(db, e.payload));
  deps.events.subscribe<{ orderId: string; merchantId: string }>(
    'order.cancelled',
    'supply.restock-cancelled',
    (db, e) => restockOrder(db, { ...e.payload, note: '订单取消，未发货回库' }, e.createdAt, now()),
  );
  deps.events.subscribe<{ orderId: string; merchantId: string; lines: Line[] }>(
    'order.restocked',
    'supply.restock-refunded',
    (db, e) => restockOrder(db, { ...e.payload, note: '发货前退款，回库' }, e.createdAt, now()),
  );
  deps.events.subscribe<{ orderId: string; merchantId: string; restocked?: { skuId: string; qty: number } | null }>(
    'aftersale.approved',
    'supply.restock-returned',
    async (db, e) => {
      const r = e.payload.restocked;
      if (!r) return;
      await restockOrder(
        db,
        { orderId: e.payload.orderId, merchantId: e.payload.merchantId, lines: [r], note: '退货入库' },
        e.createdAt,
        now(),
      );
    },
  );
  deps.events.subscribe<{ merchantId: string }>('product.created', 'supply.track-product', (db, e) =>
    trackSkus(db, e.payload.merchantId, now()),
  );
  deps.events.subscribe<{ merchantId: string; stockChanges?: { skuId: string; delta: number }[] }>(
    'product.updated',
    'supply.catalog-stock-edit',
    async (db, e) => {
      if (!e.payload.stockChanges) return;
      await bookCatalogEdit(db, e.payload.merchantId, e.payload.stockChanges, e.createdAt, now());
      await trackSkus(db, e.payload.merchantId, now());
    },
  );
}
