import { describe, expect, it } from 'vitest';
import type { AfterSale, StaffOrder } from '../../../api/types.ts';
import { computeStats, lastDays, shanghaiDay } from './stats.ts';

const order = (o: Partial<StaffOrder>): StaffOrder =>
  ({
    id: 'ord',
    userId: 'u1',
    status: 'paid',
    payAmount: 0,
    refundedAmount: 0,
    createdAt: '2026-11-20T02:00:00Z',
    lines: [],
    ...o,
  }) as StaffOrder;
const line = (productId: string, qty: number, payAmount: number, refunded = { qty: 0, amount: 0 }) =>
  ({
    productId,
    title: productId,
    qty,
    payAmount,
    refundedQty: refunded.qty,
    refundedAmount: refunded.amount,
  }) as StaffOrder['lines'][number];
const afterSale = (a: Partial<AfterSale>): AfterSale =>
  ({
    orderId: 'ord',
    status: 'requested',
    reasonCode: 'quality',
    createdAt: '2026-11-20T03:00:00Z',
    ...a,
  }) as AfterSale;

describe('dashboard figures', () => {
  it('buckets by the Asia/Shanghai business day', () => {
    expect(shanghaiDay('2026-11-19T16:30:00Z')).toBe('2026-11-20');
    expect(shanghaiDay('2026-11-19T15:59:59Z')).toBe('2026-11-19');
    expect(lastDays(3, Date.parse('2026-11-20T17:00:00Z'))).toEqual(['2026-11-19', '2026-11-20', '2026-11-21']);
  });

  it('counts only paid orders inside the window, refunds separately, products net of refunds', () => {
    const window = ['2026-11-19', '2026-11-20'];
    const stats = computeStats(
      [
        order({ id: 'o1', payAmount: 10000, lines: [line('p1', 2, 10000)] }),
        order({
          id: 'o2',
          status: 'closed',
          payAmount: 5000,
          refundedAmount: 5000,
          userId: 'u2',
          lines: [line('p2', 1, 5000, { qty: 1, amount: 5000 })],
        }),
        order({ id: 'o3', status: 'pending_payment', payAmount: 7000 }),
        order({ id: 'o4', status: 'cancelled', payAmount: 7000 }),
        order({ id: 'o5', payAmount: 9000, createdAt: '2026-11-10T02:00:00Z' }),
      ],
      [
        afterSale({ orderId: 'o2' }),
        afterSale({ orderId: 'o2', reasonCode: 'other' }),
        afterSale({ orderId: 'o1', status: 'cancelled' }),
      ],
      window,
    );
    expect(stats.gmv).toBe(15000);
    expect(stats.refunded).toBe(5000);
    expect(stats.paidOrders).toBe(2);
    expect(stats.buyers).toBe(2);
    expect(stats.days).toEqual([
      { day: '2026-11-19', gmv: 0, orders: 0 },
      { day: '2026-11-20', gmv: 15000, orders: 2 },
    ]);
    expect(stats.topProducts.map((p) => [p.productId, p.units, p.amount])).toEqual([['p1', 2, 10000]]);
    expect(stats.afterSales).toBe(2);
    expect(stats.ordersWithAfterSales).toBe(1);
    expect([...stats.afterSalesByReason]).toEqual([
      ['quality', 1],
      ['other', 1],
    ]);
  });
});
