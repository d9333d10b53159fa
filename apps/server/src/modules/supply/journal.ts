import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { listMerchantSkus } from '../catalog/api.ts';
import { type MovementKind, movements, stockLevels, trackedSkus, warehouses } from './schema.ts';

export interface MovementInput {
  warehouseId: string;
  skuId: string;
  kind: MovementKind;
  /** Signed units: + into the warehouse, − out of it. */
  qty: number;
  refId?: string | null;
  batchNo?: string | null;
  note?: string | null;
}

/**
 * Books movements and moves the on-hand figures they describe in the caller's transaction. Levels are changed in
 * (warehouse, SKU) order, each guarded by `on_hand + qty >= 0`, so concurrent bookings never deadlock on each other
 * and never drive a warehouse negative. Returns the first (warehouse, SKU) that was short; the caller rolls back.
 */
export async function bookMovements(
  db: Db,
  by: { merchantId: string; recordedBy: string; at: Date },
  entries: MovementInput[],
): Promise<{ ok: true } | { ok: false; warehouseId: string; skuId: string }> {
  const sorted = entries
    .filter((e) => e.qty !== 0)
    .sort((a, b) => a.warehouseId.localeCompare(b.warehouseId) || a.skuId.localeCompare(b.skuId));
  const rows: (typeof movements.$inferInsert)[] = [];
  for (const e of sorted) {
    if (!Number.isSafeInteger(e.qty)) throw new Error(`invalid movement ${e.qty}`);
    await db
      .insert(stockLevels)
      .values({ warehouseId: e.warehouseId, skuId: e.skuId, merchantId: by.merchantId, onHand: 0 })
      .onConflictDoNothing();
    const [level] = await db
      .update(stockLevels)
      .set({ onHand: sql`${stockLevels.onHand} + ${e.qty}` })
      .where(
        and(
          eq(stockLevels.warehouseId, e.warehouseId),
          eq(stockLevels.skuId, e.skuId),
          sql`${stockLevels.onHand} + ${e.qty} >= 0`,
        ),
      )
      .returning({ onHand: stockLevels.onHand });
    if (!level) return { ok: false, warehouseId: e.warehouseId, skuId: e.skuId };
    rows.push({
      id: newId('smv'),
      merchantId: by.merchantId,
      warehouseId: e.warehouseId,
      skuId: e.skuId,
      kind: e.kind,
      qty: e.qty,
      onHandAfter: level.onHand,
      refId: e.refId ?? null,
      batchNo: e.batchNo ?? null,
      note: e.note ?? null,
      recordedBy: by.recordedBy,
      createdAt: by.at,
    });
  }
  if (rows.length > 0) await db.insert(movements).values(rows);
  return { ok: true };
}

export async function merchantWarehouses(db: Db, merchantId: string) {
  return db
    .select()
    .from(warehouses)
    .where(eq(warehouses.merchantId, merchantId))
    .orderBy(asc(warehouses.createdAt), asc(warehouses.id));
}

/** The on-hand figures of these SKUs in every warehouse of the merchant, locked when asked. */
export async function levelsOf(db: Db, merchantId: string, skuIds: string[], lock = false) {
  if (skuIds.length === 0) return [];
  const q = db
    .select()
    .from(stockLevels)
    .where(and(eq(stockLevels.merchantId, merchantId), inArray(stockLevels.skuId, skuIds)))
    .orderBy(asc(stockLevels.warehouseId), asc(stockLevels.skuId));
  return lock ? q.for('update') : q;
}

/**
 * Starts following SKUs the journal does not follow yet: their catalog rows are locked, and their sellable stock
 * becomes an opening balance in the default warehouse. `openedAt` is taken after the lock, so every stock event
 * written before it is already in that balance and every later one is booked (see eventCounts).
 */
export async function trackSkus(db: Db, merchantId: string, at: Date, skuIds?: string[]): Promise<void> {
  const [home] = await db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.merchantId, merchantId), eq(warehouses.isDefault, true)));
  if (!home) return;
  const tracked = db.select({ id: trackedSkus.skuId }).from(trackedSkus).where(eq(trackedSkus.merchantId, merchantId));
  const candidates = (await listMerchantSkus(db, merchantId, skuIds ? { skuIds } : {})).map((s) => s.skuId);
  const known = new Set((await tracked).map((r) => r.id));
  const fresh = candidates.filter((id) => !known.has(id));
  if (fresh.length === 0) return;
  const locked = await listMerchantSkus(db, merchantId, { skuIds: fresh, lock: true });
  const openedAt = new Date();
  const inserted = await db
    .insert(trackedSkus)
    .values(locked.map((s) => ({ skuId: s.skuId, merchantId, openedAt })))
    .onConflictDoNothing()
    .returning({ skuId: trackedSkus.skuId });
  const mine = new Set(inserted.map((r) => r.skuId));
  await bookMovements(
    db,
    { merchantId, recordedBy: 'system', at },
    locked
      .filter((s) => mine.has(s.skuId) && s.stock > 0)
      .map((s) => ({
        warehouseId: home.id,
        skuId: s.skuId,
        kind: 'opening' as const,
        qty: s.stock,
        note: '期初库存（可售库存）',
      })),
  );
}

/** SKUs among these whose journal already counts a stock event written at `writtenAt` (tracked before it). */
export async function eventCounts(db: Db, skuIds: string[], writtenAt: Date): Promise<Set<string>> {
  if (skuIds.length === 0) return new Set();
  const rows = await db
    .select({ skuId: trackedSkus.skuId, openedAt: trackedSkus.openedAt })
    .from(trackedSkus)
    .where(inArray(trackedSkus.skuId, [...new Set(skuIds)]));
  return new Set(rows.filter((r) => r.openedAt.getTime() <= writtenAt.getTime()).map((r) => r.skuId));
}
