import { and, count, countDistinct, desc, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { OPEN_STATUSES, statusLabelOf } from './rules.ts';
import { afterSales } from './schema.ts';

export interface AfterSaleSummary {
  /** Requests since `since`, withdrawn ones left out. */
  requested: number;
  ordersWithAfterSales: number;
  byReason: { reason: string; count: number }[];
  /** Waiting for the merchant now, and of those past their SLA. */
  toHandle: number;
  overdue: number;
}

/** A shop's after-sales at a glance, counted by the database instead of paged through in the browser. */
export async function afterSaleSummary(db: Db, merchantId: string, since: Date, now: Date): Promise<AfterSaleSummary> {
  const mine = eq(afterSales.merchantId, merchantId);
  const recent = and(mine, gte(afterSales.createdAt, since), ne(afterSales.status, 'cancelled'));
  const waiting = and(mine, eq(afterSales.status, 'requested'));
  const [totals, reasons, handle, late] = await Promise.all([
    db
      .select({ n: count(), orders: countDistinct(afterSales.orderId) })
      .from(afterSales)
      .where(recent),
    db
      .select({ reason: afterSales.reasonCode, n: count() })
      .from(afterSales)
      .where(recent)
      .groupBy(afterSales.reasonCode),
    db.select({ n: count() }).from(afterSales).where(waiting),
    db
      .select({ n: count() })
      .from(afterSales)
      .where(and(waiting, lte(afterSales.dueAt, now))),
  ]);
  return {
    requested: totals[0]?.n ?? 0,
    ordersWithAfterSales: totals[0]?.orders ?? 0,
    byReason: reasons.map((r) => ({ reason: r.reason, count: r.n })),
    toHandle: handle[0]?.n ?? 0,
    overdue: late[0]?.n ?? 0,
  };
}

/** A buyer's after-sales still being handled (not completed, rejected or withdrawn): money may still move. */
export async function openAfterSalesOfBuyer(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(afterSales)
    .where(and(eq(afterSales.userId, userId), inArray(afterSales.status, [...OPEN_STATUSES])));
  return row?.n ?? 0;
}

interface AfterSaleBrief {
  id: string;
  orderId: string;
  userId: string;
  merchantId: string;
  productTitle: string;
  status: string;
  statusLabel: string;
  amount: number;
  createdAt: Date;
}

const toBrief = (a: typeof afterSales.$inferSelect): AfterSaleBrief => ({
  id: a.id,
  orderId: a.orderId,
  userId: a.userId,
  merchantId: a.merchantId,
  productTitle: a.productTitle,
  status: a.status,
  statusLabel: statusLabelOf(a.type, a.status),
  amount: a.amount,
  createdAt: a.createdAt,
});

/** After-sales by id, as cards in a conversation; the caller checks whose they are. */
export async function afterSaleBriefs(db: Db, ids: string[]): Promise<Map<string, AfterSaleBrief>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(afterSales)
    .where(inArray(afterSales.id, [...new Set(ids)]));
  return new Map(rows.map((a) => [a.id, toBrief(a)]));
}

/** A buyer's latest after-sales (with one shop, or all): what a service agent sees beside the chat. */
export async function recentAfterSalesOfBuyer(
  db: Db,
  userId: string,
  merchantId: string | null,
  limit: number,
): Promise<AfterSaleBrief[]> {
  const rows = await db
    .select()
    .from(afterSales)
    .where(
      merchantId
        ? and(eq(afterSales.userId, userId), eq(afterSales.merchantId, merchantId))
        : eq(afterSales.userId, userId),
    )
    .orderBy(desc(afterSales.id))
    .limit(limit);
  return rows.map(toBrief);
}
