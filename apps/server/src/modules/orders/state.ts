import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { invalidTransition } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { type OrderEventType, orderEvents, orders, type OrderStatus } from './schema.ts';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '待发货',
  shipped: '待收货',
  delivered: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  closed: '已关闭',
};

/** Every legal move of an order, in one place. Anything not listed is an invalid-state-transition. */
const TRANSITIONS = {
  pay: { from: ['pending_payment'], to: 'paid', label: '付款' },
  cancel: { from: ['pending_payment'], to: 'cancelled', label: '取消订单' },
  ship: { from: ['paid'], to: 'shipped', label: '发货' },
  confirmReceipt: { from: ['shipped'], to: 'delivered', label: '确认收货' },
  complete: { from: ['delivered'], to: 'completed', label: '完成订单' },
  // A voucher redeemed in the store: the service was received there, nothing ships and nothing comes back.
  redeemInStore: { from: ['paid'], to: 'completed', label: '到店核销' },
  close: { from: ['paid', 'shipped', 'delivered'], to: 'closed', label: '关闭订单' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus; label: string }>;

export type OrderAction = keyof typeof TRANSITIONS;
export type OrderRow = typeof orders.$inferSelect;

export function canTransition(status: OrderStatus, action: OrderAction): boolean {
  return (TRANSITIONS[action].from as readonly OrderStatus[]).includes(status);
}

/** Throws the 409 problem when `action` is not allowed from `status`. */
export function assertTransition(status: OrderStatus, action: OrderAction): void {
  if (!canTransition(status, action)) throw invalidTransition(STATUS_LABELS[status], TRANSITIONS[action].label);
}

/**
 * Moves an order with a guarded update (`… WHERE status IN (allowed)`), so of two concurrent actions only one
 * wins; the loser gets the invalid-state-transition problem naming the status it lost to.
 */
export async function transition(
  db: Db,
  orderId: string,
  action: OrderAction,
  set: Partial<Omit<OrderRow, 'id' | 'status'>> = {},
  extraGuard?: SQL,
): Promise<OrderRow> {
  const moved = await tryTransition(db, orderId, action, set, extraGuard);
  if (moved) return moved;
  const [current] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  throw invalidTransition(STATUS_LABELS[current?.status ?? 'cancelled'], TRANSITIONS[action].label);
}

/** Like transition, but returns undefined instead of throwing: for jobs, where "already moved on" is normal. */
export async function tryTransition(
  db: Db,
  orderId: string,
  action: OrderAction,
  set: Partial<Omit<OrderRow, 'id' | 'status'>> = {},
  extraGuard?: SQL,
): Promise<OrderRow | undefined> {
  const rule = TRANSITIONS[action];
  const guard = and(eq(orders.id, orderId), inArray(orders.status, [...rule.from]), extraGuard);
  const [row] = await db
    .update(orders)
    .set({ ...set, status: rule.to })
    .where(guard)
    .returning();
  return row;
}

/** `tryTransition` for several orders in one guarded statement; returns the rows that moved. */
export async function tryTransitionMany(
  db: Db,
  orderIds: string[],
  action: OrderAction,
  set: Partial<Omit<OrderRow, 'id' | 'status'>> = {},
): Promise<OrderRow[]> {
  if (orderIds.length === 0) return [];
  const rule = TRANSITIONS[action];
  return db
    .update(orders)
    .set({ ...set, status: rule.to })
    .where(and(inArray(orders.id, orderIds), inArray(orders.status, [...rule.from])))
    .returning();
}

/** Adds an entry to the order's timeline. */
export async function recordEvent(
  db: Db,
  orderId: string,
  type: OrderEventType,
  at: Date,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(orderEvents).values({ id: newId('oev'), orderId, type, at, data });
}
