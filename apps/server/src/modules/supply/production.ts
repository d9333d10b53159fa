import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { refuse } from './refusals.ts';
import { poLines, purchaseOrders, supplierSkus, suppliers, warehouses } from './schema.ts';

// Production orders for C2M pre-sales (docs/SUPPLY.md, "C2M"): the pre-sale module names the supplier and warehouse
// when the campaign is created and, once it reaches its target, a purchase order goes to that supplier already sent.

/** Whether the supplier and the warehouse are the merchant's own (checked when a pre-sale is created). */
export async function checkProductionSource(
  db: Db,
  merchantId: string,
  input: { supplierId: string; warehouseId: string },
): Promise<Result<{ supplierName: string; warehouseName: string }>> {
  const [[supplier], [house]] = await Promise.all([
    db
      .select({ name: suppliers.name })
      .from(suppliers)
      .where(and(eq(suppliers.id, input.supplierId), eq(suppliers.merchantId, merchantId))),
    db
      .select({ name: warehouses.name })
      .from(warehouses)
      .where(and(eq(warehouses.id, input.warehouseId), eq(warehouses.merchantId, merchantId))),
  ]);
  if (!supplier) return refuse('supplier-not-found');
  if (!house) return refuse('warehouse-not-found');
  return ok({ supplierName: supplier.name, warehouseName: house.name });
}

/**
 * A sent purchase order for `qty` units of one SKU, `presoldQty` of them already sold (they arrive pre-sold, see
 * receivePurchaseOrder). Runs in the caller's transaction (the pre-sale's deadline job), as the system.
 */
export async function placeProductionOrder(
  db: Db,
  input: {
    merchantId: string;
    supplierId: string;
    warehouseId: string;
    skuId: string;
    qty: number;
    presoldQty: number;
    note: string;
    at: Date;
  },
): Promise<Result<{ poId: string }>> {
  const source = await checkProductionSource(db, input.merchantId, input);
  if (!source.ok) return source;
  const [link] = await db
    .select({ unitCost: supplierSkus.unitCost })
    .from(supplierSkus)
    .where(and(eq(supplierSkus.supplierId, input.supplierId), eq(supplierSkus.skuId, input.skuId)));
  const unitCost = link?.unitCost ?? 0;
  const poId = newId('po');
  await db.insert(purchaseOrders).values({
    id: poId,
    merchantId: input.merchantId,
    supplierId: input.supplierId,
    warehouseId: input.warehouseId,
    status: 'sent',
    note: input.note,
    totalCost: unitCost * input.qty,
    createdBy: 'system',
    createdAt: input.at,
    sentAt: input.at,
  });
  await db.insert(poLines).values({
    id: newId('pol'),
    poId,
    skuId: input.skuId,
    qtyOrdered: input.qty,
    unitCost,
    presoldQty: input.presoldQty,
  });
  return ok({ poId });
}
