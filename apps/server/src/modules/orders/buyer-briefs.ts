import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { orderLines, orders } from './schema.ts';
import { STATUS_LABELS } from './state.ts';

interface OrderBrief {
  id: string;
  orderNo: string;
  userId: string;
  merchantId: string;
  status: string;
  statusLabel: string;
  payAmount: number;
  /** The first line's title, "等 n 件" when there are more. */
  title: string;
  imageUrl: string | null;
  createdAt: Date;
}

/** A buyer's latest orders (with one shop, or all): what a service agent sees beside the chat. */
export async function recentOrdersOfBuyer(
  db: Db,
  userId: string,
  merchantId: string | null,
  limit: number,
): Promise<OrderBrief[]> {
  const rows = await db
    .select()
    .from(orders)
    .where(merchantId ? and(eq(orders.userId, userId), eq(orders.merchantId, merchantId)) : eq(orders.userId, userId))
    .orderBy(desc(orders.id))
    .limit(limit);
  return briefsOf(db, rows);
}

/** Orders by id, as cards in a conversation; the caller checks whose they are. */
export async function orderBriefs(db: Db, ids: string[]): Promise<Map<string, OrderBrief>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(orders)
    .where(inArray(orders.id, [...new Set(ids)]));
  return new Map((await briefsOf(db, rows)).map((b) => [b.id, b]));
}

async function briefsOf(db: Db, rows: (typeof orders.$inferSelect)[]): Promise<OrderBrief[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .select({ orderId: orderLines.orderId, title: orderLines.title, imageUrl: orderLines.imageUrl })
    .from(orderLines)
    .where(
      inArray(
        orderLines.orderId,
        rows.map((o) => o.id),
      ),
    )
    .orderBy(asc(orderLines.id));
  const byOrder = new Map<string, typeof lines>();
  for (const l of lines) byOrder.set(l.orderId, [...(byOrder.get(l.orderId) ?? []), l]);
  return rows.map((o) => {
    const mine = byOrder.get(o.id) ?? [];
    const first = mine[0];
    return {
      id: o.id,
      orderNo: o.orderNo,
      userId: o.userId,
      merchantId: o.merchantId,
      status: o.status,
      statusLabel: STATUS_LABELS[o.status],
      payAmount: o.payAmount,
      title: (first?.title ?? '订单') + (mine.length > 1 ? ` 等 ${mine.length} 件` : ''),
      imageUrl: first?.imageUrl ?? null,
      createdAt: o.createdAt,
    };
  });
}

/** The lines of some orders (亲情付 checks their categories and shows the payer what they pay for). */
export async function linesOfOrders(
  db: Db,
  orderIds: string[],
): Promise<{ orderId: string; productId: string; title: string; imageUrl: string | null; qty: number }[]> {
  if (orderIds.length === 0) return [];
  return db
    .select({
      orderId: orderLines.orderId,
      productId: orderLines.productId,
      title: orderLines.title,
      imageUrl: orderLines.imageUrl,
      qty: orderLines.qty,
    })
    .from(orderLines)
    .where(inArray(orderLines.orderId, orderIds))
    .orderBy(asc(orderLines.id));
}
