// Reads the outcome of a flash-sale run straight from the database: what was sold, whether anything was oversold
// or sold twice to one buyer, and whether every purchase the load tool saw acknowledged exists as an order.
import { sql } from 'drizzle-orm';
import type { Database } from '../../apps/server/src/platform/db.ts';

export interface FlashOutcome {
  stock: number;
  sold: number;
  remaining: number;
  liveUnits: number;
  orders: number;
  oversold: number;
  duplicatePerUser: number;
  acknowledgedMissing: number;
  skuStockLeft: number;
}

async function first<T>(db: Database, query: ReturnType<typeof sql>): Promise<T> {
  const result: unknown = await db.db.execute(query);
  return (result as { rows: T[] }).rows[0]!;
}

export async function verifyFlashOutcome(
  db: Database,
  itemId: string,
  skuId: string,
  acknowledged: string[],
): Promise<FlashOutcome> {
  const item = await first<{ quantity: number; sold: number; per_user_limit: number }>(
    db,
    sql`select quantity, sold, per_user_limit from flash_items where id = ${itemId}`,
  );
  const live = await first<{ units: number; orders: number }>(
    db,
    sql`select coalesce(sum(qty), 0)::int as units, count(*)::int as orders from flash_purchases where item_id = ${itemId} and status in ('reserved', 'paid')`,
  );
  const ordersPlaced = await first<{ n: number }>(
    db,
    sql`select count(*)::int as n from orders where campaign_id = ${itemId} and status <> 'cancelled'`,
  );
  const dup = await first<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select user_id from flash_purchases where item_id = ${itemId} and status in ('reserved', 'paid')
        group by user_id having sum(qty) > ${item.per_user_limit}) d`,
  );
  let found = 0;
  for (let i = 0; i < acknowledged.length; i += 5000) {
    const chunk = acknowledged.slice(i, i + 5000);
    const row = await first<{ n: number }>(
      db,
      sql`select count(*)::int as n from orders where id in (${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    found += row.n;
  }
  const sku = await first<{ stock: number }>(db, sql`select stock from skus where id = ${skuId}`);
  const sold = Number(item.sold);
  return {
    stock: Number(item.quantity),
    sold,
    remaining: Number(item.quantity) - sold,
    liveUnits: Number(live.units),
    orders: Number(ordersPlaced.n),
    oversold: Math.max(0, Number(live.units) - Number(item.quantity), Number(ordersPlaced.n) - Number(item.quantity)),
    duplicatePerUser: Number(dup.n),
    acknowledgedMissing: acknowledged.length - found,
    skuStockLeft: Number(sku.stock),
  };
}
