import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkNoReason,
  checkOrderStatus,
  claimedOf,
  lineRefundAmount,
  noReasonDeadline,
  shippingRefund,
} from './rules.ts';

describe('after-sales rules', () => {
  it('accepts paid, shipped and delivered orders only, and says why not', () => {
    for (const s of ['paid', 'shipped', 'delivered']) expect(checkOrderStatus(s)).toBeUndefined();
    expect(checkOrderStatus('completed')).toMatchObject({
      type: 'order-not-eligible',
      detail: '订单状态为「已完成」，不能申请售后',
    });
    expect(checkOrderStatus('cancelled')?.type).toBe('order-not-eligible');
    expect(checkOrderStatus('pending_payment')?.type).toBe('order-not-eligible');
  });

  it('allows no-reason returns before delivery and for 7 days after it, unless the policy forbids them', () => {
    const allowed = { noReason7d: true, reason: null };
    const delivered = new Date('2026-11-20T10:00:00Z');
    expect(checkNoReason(allowed, null, new Date('2026-12-30T00:00:00Z'))).toBeUndefined();
    expect(checkNoReason(allowed, delivered, new Date('2026-11-27T10:00:00Z'))).toBeUndefined();
    const late = checkNoReason(allowed, delivered, new Date('2026-11-27T10:00:01Z'));
    expect(late).toMatchObject({ type: 'no-reason-expired', status: 422 });
    expect(late?.detail).toContain('2026-11-20 18:00 签收');
    expect(noReasonDeadline(delivered).toISOString()).toBe('2026-11-27T10:00:00.000Z');
    const fresh = { noReason7d: false, reason: '生鲜易腐商品签收后不支持七天无理由退货，质量问题请申请售后' };
    expect(checkNoReason(fresh, null, delivered)).toMatchObject({
      type: 'no-reason-not-allowed',
      title: '该商品不支持七天无理由退货',
      detail: fresh.reason,
    });
  });

  it('floors partial refunds and gives the last units the remainder', () => {
    const line = { qty: 3, payAmount: 1000, refundedQty: 0, refundedAmount: 0 };
    const first = lineRefundAmount(line, claimedOf(line, []), 1);
    expect(first).toEqual({ ok: true, amount: 333 });
    const second = lineRefundAmount(line, claimedOf(line, [{ qty: 1, amount: 333 }]), 1);
    expect(second).toEqual({ ok: true, amount: 333 });
    const last = lineRefundAmount(
      line,
      claimedOf(line, [
        { qty: 1, amount: 333 },
        { qty: 1, amount: 333 },
      ]),
      1,
    );
    expect(last).toEqual({ ok: true, amount: 334 });
    expect(lineRefundAmount(line, claimedOf(line, [{ qty: 2, amount: 666 }]), 2)).toMatchObject({
      type: 'qty-exceeds-available',
      detail: '这件商品共 3 件，还可申请 1 件',
    });
    expect(lineRefundAmount(line, claimedOf(line, []), 0)).toMatchObject({ type: 'qty-exceeds-available' });
  });

  it('partial refunds of a line in any split add up to its payAmount exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 20 }),
        (qty, payAmount, asks) => {
          const line = { qty, payAmount, refundedQty: 0, refundedAmount: 0 };
          const taken: { qty: number; amount: number }[] = [];
          for (const ask of asks) {
            const claimed = claimedOf(line, taken);
            const q = Math.min(ask, qty - claimed.units);
            if (q === 0) break;
            const r = lineRefundAmount(line, claimed, q);
            if (!r.ok) return false;
            taken.push({ qty: q, amount: r.amount });
          }
          const units = taken.reduce((a, t) => a + t.qty, 0);
          const money = taken.reduce((a, t) => a + t.amount, 0);
          return units < qty ? money <= payAmount : money === payAmount && taken.every((t) => t.amount >= 0);
        },
      ),
    );
  });

  it('refunds shipping only when the whole order is refunded before it ships', () => {
    expect(shippingRefund({ shipped: false, shippingFee: 800, shippingRefunded: 0, unitsLeftAfterThis: 0 })).toBe(800);
    expect(shippingRefund({ shipped: false, shippingFee: 800, shippingRefunded: 0, unitsLeftAfterThis: 1 })).toBe(0);
    expect(shippingRefund({ shipped: true, shippingFee: 800, shippingRefunded: 0, unitsLeftAfterThis: 0 })).toBe(0);
    expect(shippingRefund({ shipped: false, shippingFee: 800, shippingRefunded: 800, unitsLeftAfterThis: 0 })).toBe(0);
  });
});
