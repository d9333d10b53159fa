import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, paidOrder, payCheckout, placeOrder, shop } from '../../../test/order-factories.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';
import {
  getCheckoutForPayment,
  getLineForReview,
  getOrderForAfterSale,
  recordRefund,
  setAfterSaleOpen,
} from './service.ts';

const t = await createTestApp();
const db = t.deps.database.db;
const stockOf = async (skuId: string) => (await loadSkusForCheckout(db, [skuId])).get(skuId)!.stock;

const published: { type: string; payload: any }[] = [];
for (const type of [
  'order.created',
  'order.paid',
  'order.cancelled',
  'order.shipped',
  'order.delivered',
  'order.completed',
  'order.closed',
]) {
  t.deps.events.subscribe(type, 'test.capture', async (_db, e) => void published.push({ type, payload: e.payload }));
}
const eventsFor = (orderId: string) => published.filter((e) => e.payload.orderId === orderId);

const ship = (s: { owner: any }, orderId: string) =>
  s.owner.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: '顺丰速运', trackingNo: 'SF1234567890123' });

describe('payment timeout and cancellation', () => {
  it('cancels an unpaid order after 15 minutes and puts its stock back', async () => {
    const s = await shop(t, { stock: 10 });
    const me = await buyer(t);
    const { checkoutId, orders } = await placeOrder(t, me, [{ skuId: s.skuId, qty: 2 }]);
    const orderId = orders[0]!.id;
    expect(await stockOf(s.skuId)).toBe(8);

    t.clock.advanceMinutes(14);
    await t.runJobs();
    expect((await me.get(`/api/v1/orders/${orderId}`)).body.status).toBe('pending_payment');

    t.clock.advanceMinutes(2);
    await t.runJobs();
    const order = (await me.get(`/api/v1/orders/${orderId}`)).body;
    expect(order).toMatchObject({
      status: 'cancelled',
      statusLabel: '已取消',
      cancelReason: '超时未付款，订单已自动取消',
    });
    expect(order.timeline.map((e: any) => e.type)).toEqual(['created', 'cancelled']);
    expect(await stockOf(s.skuId)).toBe(10);
    expect((await me.get(`/api/v1/checkouts/${checkoutId}`)).body).toMatchObject({
      status: 'cancelled',
      payableAmount: 0,
    });
    expect(eventsFor(orderId).map((e) => e.type)).toEqual(['order.created', 'order.cancelled']);

    // Money that arrives after the timeout cannot revive the order.
    const late = await payCheckout(t, checkoutId);
    expect(late.paid).toEqual([]);
    expect(late.notPayable).toEqual([{ orderId, merchantId: s.merchantId, payAmount: 9900 * 2, status: 'cancelled' }]);
  });

  it('lets the buyer cancel an unpaid order once; stock is released exactly once even for concurrent cancels', async () => {
    const s = await shop(t, { stock: 5 });
    const me = await buyer(t);
    const { orders } = await placeOrder(t, me, [{ skuId: s.skuId, qty: 3 }]);
    const [a, b] = await Promise.all([
      me.post(`/api/v1/orders/${orders[0]!.id}/cancel`, { reason: '不想要了' }),
      me.post(`/api/v1/orders/${orders[0]!.id}/cancel`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.type).toBe('invalid-state-transition');
    expect(await stockOf(s.skuId)).toBe(5);
    // The payment timer is gone: nothing happens when it would have fired.
    t.clock.advanceMinutes(20);
    await t.runJobs();
    expect(await stockOf(s.skuId)).toBe(5);
  });
});

describe('illegal transitions', () => {
  it('refuses to ship an unpaid order, confirm receipt before shipping, cancel a shipped order or ship twice', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const { checkoutId, orders } = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const orderId = orders[0]!.id;

    const unpaidShip = await ship(s, orderId);
    expect(unpaidShip.status).toBe(409);
    expect(unpaidShip.body).toMatchObject({
      type: 'invalid-state-transition',
      title: '当前状态不允许此操作',
      detail: '状态为「待付款」时不能发货',
    });
    const earlyConfirm = await me.post(`/api/v1/orders/${orderId}/confirm-receipt`);
    expect(earlyConfirm.status).toBe(409);
    expect(earlyConfirm.body.type).toBe('invalid-state-transition');

    await payCheckout(t, checkoutId);
    expect((await me.post(`/api/v1/orders/${orderId}/confirm-receipt`)).body.type).toBe('invalid-state-transition');
    expect((await me.post(`/api/v1/orders/${orderId}/cancel`)).body.type).toBe('invalid-state-transition');
    expect((await ship(s, orderId)).status).toBe(200);
    const twice = await ship(s, orderId);
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toBe('状态为「待收货」时不能发货');
    expect((await me.post(`/api/v1/orders/${orderId}/cancel`)).body.type).toBe('invalid-state-transition');
  });

  it('refuses carriers outside the list', async () => {
    const { orderId, owner } = await paidOrder(t);
    const res = await owner.post(`/api/v1/merchant/orders/${orderId}/ship`, {
      carrier: '不存在快递',
      trackingNo: 'X1234567',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.carrier');
  });
});

describe('payment, shipping, receipt and completion', () => {
  it('pays, ships with tracking, confirms receipt and completes 7 days after delivery', async () => {
    const s = await shop(t, { price: 5000, stock: 10 });
    const me = await buyer(t);
    const { checkoutId, orders } = await placeOrder(t, me, [{ skuId: s.skuId, qty: 2 }]);
    const orderId = orders[0]!.id;

    const result = await payCheckout(t, checkoutId, 'pay_test_1');
    expect(result).toEqual({ paid: [{ orderId, merchantId: s.merchantId, payAmount: 10000 }], notPayable: [] });
    // A retried notification with the same payment changes nothing.
    expect(await payCheckout(t, checkoutId, 'pay_test_1')).toEqual(result);
    // Another payment for the same checkout finds nothing to pay.
    expect((await payCheckout(t, checkoutId, 'pay_test_2')).notPayable).toEqual([
      { orderId, merchantId: s.merchantId, payAmount: 10000, status: 'paid' },
    ]);
    const paidEvents = eventsFor(orderId).filter((e) => e.type === 'order.paid');
    expect(paidEvents).toHaveLength(1);
    expect(paidEvents[0]!.payload).toEqual({
      orderId,
      checkoutId,
      userId: me.userId,
      merchantId: s.merchantId,
      paidAt: t.clock.now().toISOString(),
      // Paid through markCheckoutPaid directly: no provider, so no method to report.
      payMethod: null,
      payAmount: 10000,
      lines: [
        {
          lineId: orders[0]!.lines[0]!.id,
          skuId: s.skuId,
          productId: s.productId,
          qty: 2,
          unitPrice: 5000,
          payAmount: 10000,
        },
      ],
    });
    expect((await me.get(`/api/v1/checkouts/${checkoutId}`)).body).toMatchObject({ status: 'paid', payableAmount: 0 });

    const shippedAt = t.clock.now();
    const shipped = await ship(s, orderId);
    expect(shipped.body).toMatchObject({
      status: 'shipped',
      logistics: { carrier: '顺丰速运', trackingNo: 'SF1234567890123', source: 'sandbox' },
    });
    expect(shipped.body.autoConfirmAt).toBe(new Date(shippedAt.getTime() + 10 * 86_400_000).toISOString());
    t.clock.advanceHours(30);
    const tracking = (await me.get(`/api/v1/orders/${orderId}`)).body.logistics;
    expect(tracking.notice).toContain('沙箱');
    expect(tracking.nodes.map((n: any) => n.text)).toEqual([
      '快件已到达【杭州市】转运中心',
      '快件已到达始发转运中心，正在发往下一站',
      '【顺丰速运】商家已发货，快递员已揽收',
    ]);

    const confirmed = await me.post(`/api/v1/orders/${orderId}/confirm-receipt`);
    expect(confirmed.body).toMatchObject({ status: 'delivered', autoConfirmAt: null });
    expect(confirmed.body.logistics.nodes[0].text).toBe('快件已签收');

    t.clock.advanceDays(7);
    t.clock.advanceMinutes(-1);
    await t.runJobs();
    expect((await me.get(`/api/v1/orders/${orderId}`)).body.status).toBe('delivered');
    t.clock.advanceMinutes(1);
    await t.runJobs();
    const done = (await me.get(`/api/v1/orders/${orderId}`)).body;
    expect(done.status).toBe('completed');
    expect(done.timeline.map((e: any) => e.type)).toEqual(['created', 'paid', 'shipped', 'delivered', 'completed']);
    expect(done.timeline[2].label).toBe('商家已发货（顺丰速运 SF1234567890123）');
    expect(eventsFor(orderId).find((e) => e.type === 'order.completed')!.payload).toMatchObject({
      orderId,
      merchantId: s.merchantId,
      payAmount: 10000,
      refundedAmount: 0,
      completedAt: t.clock.now().toISOString(),
    });
    // The auto-confirm timer no longer applies once the buyer confirmed.
    t.clock.advanceDays(10);
    await t.runJobs();
    expect((await me.get(`/api/v1/orders/${orderId}`)).body.timeline).toHaveLength(5);
  });

  it('confirms receipt automatically 10 days after shipping', async () => {
    const { orderId, owner, buyer: me } = await paidOrder(t);
    await owner.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: '中通快递', trackingNo: '75000111222333' });
    t.clock.advanceDays(9);
    await t.runJobs();
    expect((await me.get(`/api/v1/orders/${orderId}`)).body.status).toBe('shipped');
    t.clock.advanceDays(1);
    await t.runJobs();
    const order = (await me.get(`/api/v1/orders/${orderId}`)).body;
    expect(order.status).toBe('delivered');
    expect(order.timeline.at(-1)).toMatchObject({ type: 'delivered', label: '超时未确认，系统已自动确认收货' });
    t.clock.advanceDays(7);
    await t.runJobs();
    expect((await me.get(`/api/v1/orders/${orderId}`)).body.status).toBe('completed');
  });

  it('waits with completion while an after-sale is open, checking again each day', async () => {
    const { orderId, owner, buyer: me } = await paidOrder(t);
    await owner.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: '京东物流', trackingNo: 'JDVA00011122233' });
    await me.post(`/api/v1/orders/${orderId}/confirm-receipt`);
    expect(await db.transaction((tx) => setAfterSaleOpen(tx, orderId, 1))).toBe(1);
    t.clock.advanceDays(7);
    await t.runJobs();
    expect((await me.get(`/api/v1/orders/${orderId}`)).body).toMatchObject({ status: 'delivered', openAfterSales: 1 });
    t.clock.advanceDays(1);
    await t.runJobs();
    expect((await me.get(`/api/v1/orders/${orderId}`)).body.status).toBe('delivered');
    expect(await db.transaction((tx) => setAfterSaleOpen(tx, orderId, -1))).toBe(0);
    t.clock.advanceDays(1);
    await t.runJobs();
    expect((await me.get(`/api/v1/orders/${orderId}`)).body.status).toBe('completed');
  });
});

describe('refunds', () => {
  it('records partial refunds once per refundId and closes the order when everything paid is refunded', async () => {
    const s = await shop(t, { price: 3000, stock: 10 });
    const me = await buyer(t);
    const { checkoutId, orders } = await placeOrder(t, me, [{ skuId: s.skuId, qty: 2 }]);
    const orderId = orders[0]!.id;
    const lineId = orders[0]!.lines[0]!.id;
    await payCheckout(t, checkoutId);
    expect(orders[0]!.payAmount).toBe(6800);
    expect(await stockOf(s.skuId)).toBe(8);

    const at = t.clock.now();
    const first = await db.transaction((tx) =>
      recordRefund(tx, {
        orderId,
        refundId: 'rfd_1',
        lines: [{ lineId, qty: 1, amount: 3000 }],
        shippingAmount: 0,
        at,
      }),
    );
    expect(first).toEqual({ recorded: true, status: 'paid', refundedAmount: 3000 });
    const replay = await db.transaction((tx) =>
      recordRefund(tx, {
        orderId,
        refundId: 'rfd_1',
        lines: [{ lineId, qty: 1, amount: 3000 }],
        shippingAmount: 0,
        at,
      }),
    );
    expect(replay).toEqual({ recorded: false, status: 'paid', refundedAmount: 3000 });
    // Refunded before shipping: the unit goes back on sale.
    expect(await stockOf(s.skuId)).toBe(9);

    await expect(
      db.transaction((tx) =>
        recordRefund(tx, {
          orderId,
          refundId: 'rfd_2',
          lines: [{ lineId, qty: 1, amount: 3001 }],
          shippingAmount: 0,
          at,
        }),
      ),
    ).rejects.toMatchObject({ type: 'refund-exceeds-paid' });
    await expect(
      db.transaction((tx) =>
        recordRefund(tx, {
          orderId,
          refundId: 'rfd_2',
          lines: [{ lineId, qty: 1, amount: 3000 }],
          shippingAmount: 801,
          at,
        }),
      ),
    ).rejects.toMatchObject({ type: 'refund-exceeds-paid' });

    const last = await db.transaction((tx) =>
      recordRefund(tx, {
        orderId,
        refundId: 'rfd_2',
        lines: [{ lineId, qty: 1, amount: 3000 }],
        shippingAmount: 800,
        at,
      }),
    );
    expect(last).toEqual({ recorded: true, status: 'closed', refundedAmount: 6800 });
    await t.drain();
    const order = (await me.get(`/api/v1/orders/${orderId}`)).body;
    expect(order).toMatchObject({
      status: 'closed',
      refundedAmount: 6800,
      lines: [{ refundedQty: 2, refundedAmount: 6000 }],
    });
    expect(order.timeline.map((e: any) => [e.type, e.label])).toEqual([
      ['created', '订单已提交'],
      ['paid', '买家已付款'],
      ['refunded', '已退款 ¥30.00'],
      ['refunded', '已退款 ¥38.00'],
      ['closed', '已全额退款，交易关闭'],
    ]);
    expect(eventsFor(orderId).find((e) => e.type === 'order.closed')!.payload).toMatchObject({
      orderId,
      merchantId: s.merchantId,
      refundedAmount: 6800,
    });
    const merchantView = await s.owner.post(`/api/v1/merchant/orders/${orderId}/ship`, {
      carrier: '顺丰速运',
      trackingNo: 'SF0000000000001',
    });
    expect(merchantView.body.type).toBe('invalid-state-transition');
  });

  it('refuses refunds of orders that were never paid', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const { orders } = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    await expect(
      db.transaction((tx) =>
        recordRefund(tx, {
          orderId: orders[0]!.id,
          refundId: 'rfd_x',
          lines: [{ lineId: orders[0]!.lines[0]!.id, qty: 1, amount: 100 }],
          shippingAmount: 0,
          at: t.clock.now(),
        }),
      ),
    ).rejects.toMatchObject({ type: 'invalid-state-transition' });
  });
});

describe('contract reads for other modules', () => {
  it('describes a checkout for payment, an order for after-sales and a line for reviews', async () => {
    const {
      orderId,
      checkoutId,
      order,
      buyer: me,
      merchantId,
      skuId,
      productId,
      owner,
    } = await paidOrder(t, { price: 12900 });
    const checkout = await getCheckoutForPayment(db, checkoutId);
    expect(checkout).toMatchObject({
      checkoutId,
      userId: me.userId,
      amount: 12900,
      orders: [{ orderId, merchantId, payAmount: 12900, status: 'paid' }],
    });
    expect(await getCheckoutForPayment(db, 'chk_missing')).toBeUndefined();

    await owner.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: '极兔速递', trackingNo: 'JT1234567890123' });
    const forAfterSale = await getOrderForAfterSale(db, orderId);
    expect(forAfterSale).toMatchObject({
      orderId,
      userId: me.userId,
      merchantId,
      status: 'shipped',
      payAmount: 12900,
      shippingFee: 0,
      refundedAmount: 0,
    });
    expect(forAfterSale!.shippedAt).toBeInstanceOf(Date);
    expect(forAfterSale!.lines[0]).toMatchObject({
      lineId: order.lines[0]!.id,
      skuId,
      qty: 1,
      payAmount: 12900,
      returnPolicy: { noReason7d: true, reason: null },
    });

    await me.post(`/api/v1/orders/${orderId}/confirm-receipt`);
    expect(await getLineForReview(db, order.lines[0]!.id)).toEqual({
      orderId,
      lineId: order.lines[0]!.id,
      userId: me.userId,
      merchantId,
      productId,
      skuId,
      specText: '标准装',
      qty: 1,
      orderStatus: 'delivered',
      deliveredAt: t.clock.now(),
    });
    expect(await getLineForReview(db, 'orl_missing')).toBeUndefined();
  });
});
