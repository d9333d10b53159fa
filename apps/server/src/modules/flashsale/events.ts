import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { releaseStock } from '../catalog/api.ts';
import { flashGate } from './gate.ts';
import { flashStockGate } from './stock-gate.ts';
import { emit } from '../../platform/events.ts';
import { CLOSE_SALE_JOB, FLASH_ITEM_CHANGED } from './jobs.ts';
import { giveBackQuota } from './purchase.ts';
import { flashItems, flashPurchases } from './schema.ts';
import { closeSaleItems } from './service.ts';

// Subscribed: order.paid (the purchase is paid), order.cancelled (an unpaid flash order expired or was cancelled:
// its units return to the pool, or to the SKU's stock once the slot has closed).
// Published: flashsale.item-changed { itemId, saleId } — an item's remaining units moved (a purchase batch, units
// returned by an unpaid order) or it closed; once per batch, so read the item for the figures.

interface CancelledOrder {
  orderId: string;
  by: 'buyer' | 'system';
  campaignKind?: string | null;
}

export function wireFlashSale(deps: Deps): void {
  deps.jobs.register<{ saleId: string }>(CLOSE_SALE_JOB, (db, p) => closeSaleItems(db, p.saleId, deps.clock.now()));

  deps.events.subscribe<{ orderId: string }>('order.paid', 'flashsale.mark-paid', async (db, e) => {
    await db
      .update(flashPurchases)
      .set({ status: 'paid' })
      .where(and(eq(flashPurchases.orderId, e.payload.orderId), eq(flashPurchases.status, 'reserved')));
  });

  deps.events.subscribe<CancelledOrder>('order.cancelled', 'flashsale.return-units', async (db, e) => {
    if (e.payload.campaignKind !== 'flash_sale') return;
    const itemId = await returnUnits(db, e.payload.orderId, e.payload.by === 'buyer' ? 'cancelled' : 'expired');
    if (itemId) {
      flashGate(deps).unitsReturned(itemId);
      await flashStockGate(deps)?.forget(itemId);
    }
  });
}

/**
 * An unpaid purchase ended: its units go back to the flash pool (and the buyer's quota, so they may try again)
 * while the slot runs, or straight to the SKU's stock once the slot has closed. Guarded by the purchase's status,
 * so a redelivered event returns nothing twice.
 */
async function returnUnits(db: Db, orderId: string, status: 'expired' | 'cancelled'): Promise<string | undefined> {
  const [purchase] = await db
    .update(flashPurchases)
    .set({ status })
    .where(and(eq(flashPurchases.orderId, orderId), eq(flashPurchases.status, 'reserved')))
    .returning();
  if (!purchase) return undefined;
  // Quota row before the item row: the same lock order as a purchase batch.
  await giveBackQuota(db, purchase.itemId, [{ userId: purchase.userId, qty: purchase.qty }]);
  const [item] = await db.select().from(flashItems).where(eq(flashItems.id, purchase.itemId)).for('update');
  if (!item) return undefined;
  await db
    .update(flashItems)
    .set({
      sold: sql`${flashItems.sold} - ${purchase.qty}`,
      returnedQty: item.closedAt ? sql`${flashItems.returnedQty} + ${purchase.qty}` : flashItems.returnedQty,
    })
    .where(eq(flashItems.id, item.id));
  if (item.closedAt) await releaseStock(db, [{ skuId: item.skuId, qty: purchase.qty }]);
  await emit(db, FLASH_ITEM_CHANGED, { itemId: item.id, saleId: item.saleId });
  return item.id;
}
