import type { AfterSale, AfterSaleReason, StaffOrder } from '../../../api/types.ts';

const SHANGHAI_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The business day (Asia/Shanghai) of an instant, as YYYY-MM-DD. */
export const shanghaiDay = (at: string | number): string =>
  new Date(new Date(at).getTime() + SHANGHAI_MS).toISOString().slice(0, 10);

/** The last `n` business days, oldest first, ending today. */
export function lastDays(n: number, now: number): string[] {
  const today = Date.parse(`${shanghaiDay(now)}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** Orders the buyer paid for: everything except the unpaid and those cancelled before payment. */
const wasPaid = (o: StaffOrder): boolean => o.status !== 'pending_payment' && o.status !== 'cancelled';

interface DayFigure {
  day: string;
  gmv: number;
  orders: number;
}

interface ProductFigure {
  productId: string;
  title: string;
  units: number;
  amount: number;
}

export interface DashboardStats {
  days: DayFigure[];
  gmv: number;
  refunded: number;
  paidOrders: number;
  buyers: number;
  topProducts: ProductFigure[];
  afterSales: number;
  /** Paid orders of the window for which the buyer asked for an after-sale (not withdrawn): the after-sale rate's numerator. */
  ordersWithAfterSales: number;
  afterSalesByReason: Map<AfterSaleReason, number>;
}

/**
 * Figures derived from the merchant's own order and after-sale lists (the server has no statistics endpoint):
 * GMV is what buyers paid for paid orders created in the window, by order date; refunds are shown separately.
 */
export function computeStats(orders: StaffOrder[], afterSales: AfterSale[], window: string[]): DashboardStats {
  const first = window[0] ?? '';
  const inWindow = (iso: string) => shanghaiDay(iso) >= first;
  const byDay = new Map(window.map((day) => [day, { day, gmv: 0, orders: 0 }]));
  const products = new Map<string, ProductFigure>();
  const buyers = new Set<string>();
  let gmv = 0;
  let refunded = 0;
  let paidOrders = 0;
  const paidIds = new Set<string>();
  for (const o of orders) {
    if (!wasPaid(o) || !inWindow(o.createdAt)) continue;
    paidIds.add(o.id);
    const d = byDay.get(shanghaiDay(o.createdAt));
    if (d) {
      d.gmv += o.payAmount;
      d.orders += 1;
    }
    gmv += o.payAmount;
    refunded += o.refundedAmount;
    paidOrders += 1;
    buyers.add(o.userId);
    for (const l of o.lines) {
      const p = products.get(l.productId) ?? { productId: l.productId, title: l.title, units: 0, amount: 0 };
      p.units += l.qty - l.refundedQty;
      p.amount += l.payAmount - l.refundedAmount;
      products.set(l.productId, p);
    }
  }
  const windowAfterSales = afterSales.filter((a) => inWindow(a.createdAt) && a.status !== 'cancelled');
  const afterSalesByReason = new Map<AfterSaleReason, number>();
  for (const a of windowAfterSales)
    afterSalesByReason.set(a.reasonCode, (afterSalesByReason.get(a.reasonCode) ?? 0) + 1);
  return {
    days: [...byDay.values()],
    gmv,
    refunded,
    paidOrders,
    buyers: buyers.size,
    topProducts: [...products.values()]
      .filter((p) => p.amount > 0 || p.units > 0)
      .sort((a, b) => b.amount - a.amount || b.units - a.units)
      .slice(0, 8),
    afterSales: windowAfterSales.length,
    ordersWithAfterSales: new Set(windowAfterSales.map((a) => a.orderId).filter((id) => paidIds.has(id))).size,
    afterSalesByReason,
  };
}
