import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { nextPhone } from '../../../test/http.ts';
import { createUser } from '../accounts/api.ts';
import { buyer, type Buyer, merchant, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';

const t = await createTestApp();
const db = t.deps.database.db;
// Sessions last 30 days and these tests move the clock by weeks, so each test signs its operator in afresh.
let admin = await operatorClient();
beforeEach(async () => {
  admin = await operatorClient();
});
async function operatorClient() {
  const phone = nextPhone();
  await createUser(t.deps, db, { phone, now: t.clock.now(), roles: ['consumer', 'operator'], nickname: '平台运营' });
  return signIn(t, phone);
}
const stockOf = async (skuId: string) => (await loadSkusForCheckout(db, [skuId])).get(skuId)!.stock;
const reconciles = async () => {
  const report = (await admin.get('/api/v1/admin/reconciliation')).body;
  expect(report.ok, JSON.stringify(report.problems)).toBe(true);
};

/** A paid order of `qty` units from a new shop; shipped and received unless told otherwise. */
async function boughtOrder(
  opts: { price?: number; qty?: number; categoryId?: string; stage?: 'paid' | 'shipped' | 'delivered' } = {},
) {
  const s = await shop(t, {
    price: opts.price ?? 9900,
    stock: 10,
    ...(opts.categoryId ? { categoryId: opts.categoryId } : {}),
  });
  const me = await buyer(t);
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: opts.qty ?? 1 }]);
  await payThroughSandbox(t, me, checkout.checkoutId);
  const order = checkout.orders[0]!;
  const stage = opts.stage ?? 'delivered';
  if (stage !== 'paid') {
    const shipped = await s.owner.post(`/api/v1/merchant/orders/${order.id}/ship`, {
      carrier: '顺丰速运',
      trackingNo: 'SF1234567890123',
    });
    expect(shipped.status).toBe(200);
  }
  if (stage === 'delivered') expect((await me.post(`/api/v1/orders/${order.id}/confirm-receipt`)).status).toBe(200);
  await t.drain();
  return { ...s, me, orderId: order.id, lineId: order.lines[0]!.id, payAmount: order.payAmount };
}

const ask = (who: Buyer, o: { orderId: string; lineId: string }, body: Record<string, unknown> = {}) =>
  who.post('/api/v1/after-sales', {
    orderId: o.orderId,
    lineId: o.lineId,
    qty: 1,
    type: 'return_refund',
    reasonCode: 'no_reason',
    description: '尺码不合适',
    images: [],
    ...body,
  });

describe('7-day no-reason return', () => {
  it('goes from request to refund: the order, the ledger and the stock all show it', async () => {
    const o = await boughtOrder({ price: 9900, qty: 2 });
    expect(await stockOf(o.skuId)).toBe(8);
    t.clock.advanceDays(3);
    const created = await ask(o.me, o, { images: ['/media/u/proof.jpg'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      qty: 1,
      amount: 4950 * 2,
      shippingAmount: 0,
      status: 'requested',
      statusLabel: '待商家处理',
      typeLabel: '退货退款',
      reasonLabel: '七天无理由',
    });
    expect(created.body.amount).toBe(9900);
    expect(created.body.dueAt).toBe(new Date(t.clock.now().getTime() + 48 * 3_600_000).toISOString());
    const id = created.body.id as string;
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.openAfterSales).toBe(1);

    const inbox = (await o.owner.get('/api/v1/merchant/after-sales?status=requested')).body.items;
    expect(inbox.map((a: any) => [a.id, a.dueAt !== null])).toEqual([[id, true]]);
    const orderNo = (await o.me.get(`/api/v1/orders/${o.orderId}`)).body.orderNo;
    expect(orderNo).toMatch(/^\d{14}$/);
    expect(inbox[0]).toMatchObject({ orderId: o.orderId, orderNo });
    expect((await o.owner.get(`/api/v1/merchant/after-sales/${id}`)).body.orderNo).toBe(orderNo);
    expect(
      (await o.owner.post(`/api/v1/merchant/after-sales/${id}/approve`, { note: '请寄回原包装' })).body.status,
    ).toBe('awaiting_return');
    const shipped = await o.me.post(`/api/v1/after-sales/${id}/return-shipment`, {
      carrier: '中通快递',
      trackingNo: 'ZT998877665',
    });
    expect(shipped.body).toMatchObject({
      status: 'return_shipped',
      returnShipment: { carrier: '中通快递', trackingNo: 'ZT998877665' },
    });
    const received = await o.owner.post(`/api/v1/merchant/after-sales/${id}/receive-return`);
    expect(received.body).toMatchObject({ status: 'refunding', refund: { amount: 9900, status: 'pending' } });
    expect(await stockOf(o.skuId)).toBe(9);

    await t.runJobs();
    const done = (await o.me.get(`/api/v1/after-sales/${id}`)).body;
    expect(done).toMatchObject({
      status: 'completed',
      statusLabel: '退款成功',
      refund: { amount: 9900, status: 'completed' },
    });
    expect(done.timeline.map((e: any) => e.actor)).toEqual(['buyer', 'merchant', 'buyer', 'merchant', 'system']);
    const order = (await o.me.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order).toMatchObject({ status: 'delivered', refundedAmount: 9900, openAfterSales: 0 });
    expect(order.lines[0]).toMatchObject({ refundedQty: 1, refundedAmount: 9900 });
    expect((await o.me.get(`/api/v1/orders/${o.orderId}/refunds`)).body.items).toEqual([
      expect.objectContaining({ amount: 9900, status: 'completed' }),
    ]);
    expect((await o.owner.get('/api/v1/merchant/finance')).body).toMatchObject({ pending: 9900, available: 0 });
    expect(await stockOf(o.skuId)).toBe(9);
    await reconciles();

    // The order completes after the return window; the merchant is settled what was not refunded.
    t.clock.advanceDays(5);
    await t.runJobs();
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('completed');
    expect((await o.owner.get('/api/v1/merchant/finance')).body).toMatchObject({ pending: 0, available: 9900 });
    await reconciles();
  });

  it('is refused for fresh food, saying why, while a quality claim is accepted', async () => {
    const o = await boughtOrder({ categoryId: 'cat_fresh', price: 5900 });
    const res = await ask(o.me, o);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'no-reason-not-allowed', title: '该商品不支持七天无理由退货' });
    expect(res.body.detail).toContain('生鲜');
    const quality = await ask(o.me, o, {
      type: 'refund_only',
      reasonCode: 'quality',
      description: '收到时已腐烂',
      images: ['/media/u/rotten.jpg'],
    });
    expect(quality.status).toBe(201);
  });

  it('is refused once 7 days have passed since delivery', async () => {
    const o = await boughtOrder();
    t.clock.advanceDays(7);
    t.clock.advanceHours(1);
    const res = await ask(o.me, o);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'no-reason-expired', title: '已超过七天无理由退货期限' });
    expect(res.body.detail).toMatch(/签收，七天无理由退货已于 .* 截止/);
    expect((await ask(o.me, o, { reasonCode: 'quality', description: '开线了' })).status).toBe(201);
  });
});

describe('requests and their limits', () => {
  it('refunds before shipment: units back in stock once, shipping back only with the whole order', async () => {
    const o = await boughtOrder({ price: 1000, qty: 3, stage: 'paid' });
    expect(o.payAmount).toBe(3800);
    expect(await stockOf(o.skuId)).toBe(7);
    const returnFirst = await ask(o.me, o, { reasonCode: 'other' });
    expect(returnFirst.body).toMatchObject({ type: 'return-before-shipment', title: '商品尚未发货，请申请仅退款' });

    const one = await ask(o.me, o, { type: 'refund_only', reasonCode: 'no_reason', qty: 1 });
    expect(one.body).toMatchObject({ amount: 1000, status: 'requested' });
    expect((await o.owner.post(`/api/v1/merchant/after-sales/${one.body.id}/approve`)).body).toMatchObject({
      status: 'refunding',
      shippingAmount: 0,
      refund: { amount: 1000 },
    });
    const rest = await ask(o.me, o, { type: 'refund_only', reasonCode: 'other', qty: 2 });
    expect(rest.body.amount).toBe(2000);
    expect((await o.owner.post(`/api/v1/merchant/after-sales/${rest.body.id}/approve`)).body).toMatchObject({
      shippingAmount: 800,
      refund: { amount: 2800 },
    });
    await t.runJobs();

    const order = (await o.me.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order).toMatchObject({ status: 'closed', refundedAmount: 3800, openAfterSales: 0 });
    expect(await stockOf(o.skuId)).toBe(10);
    expect((await o.owner.get('/api/v1/merchant/finance')).body).toMatchObject({ pending: 0, available: 0 });
    await reconciles();
  });

  it('never lets requests of a line exceed its quantity, and frees units when one is cancelled', async () => {
    const o = await boughtOrder({ qty: 2, price: 4000 });
    const first = await ask(o.me, o, { qty: 2, reasonCode: 'quality' });
    expect(first.status).toBe(201);
    const more = await ask(o.me, o, { qty: 1, reasonCode: 'quality' });
    expect(more.status).toBe(422);
    expect(more.body).toMatchObject({ type: 'qty-exceeds-available', detail: '这件商品共 2 件，还可申请 0 件' });
    const cancelled = await o.me.post(`/api/v1/after-sales/${first.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusLabel: '已撤销' });
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.openAfterSales).toBe(0);
    expect((await o.me.post(`/api/v1/after-sales/${first.body.id}/cancel`)).status).toBe(409);
    expect((await ask(o.me, o, { qty: 1, reasonCode: 'quality' })).status).toBe(201);
    expect((await o.me.get('/api/v1/after-sales')).body.items.map((a: any) => a.status)).toEqual([
      'requested',
      'cancelled',
    ]);
  });

  it('refuses orders that are unpaid or not the buyer’s, and validates input in Chinese', async () => {
    const s = await shop(t);
    const me = await buyer(t);
    const unpaid = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const res = await ask(
      me,
      { orderId: unpaid.orders[0]!.id, lineId: unpaid.orders[0]!.lines[0]!.id },
      { type: 'refund_only', reasonCode: 'other' },
    );
    expect(res.body).toMatchObject({ type: 'order-not-eligible', detail: '订单状态为「待付款」，不能申请售后' });
    const o = await boughtOrder();
    const stranger = await buyer(t);
    expect((await ask(stranger, o)).status).toBe(404);
    const bad = await ask(o.me, o, { qty: 0, reasonCode: 'because' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.message)).toEqual(
      expect.arrayContaining(['数量至少为 1', '请选择售后原因']),
    );
  });

  it('a rejection closes the request with the reason, and the order can complete', async () => {
    const o = await boughtOrder();
    const req = await ask(o.me, o, { reasonCode: 'not_as_described', description: '颜色不对' });
    const noReason = await o.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/reject`, {});
    expect(noReason.status).toBe(400);
    const rejected = await o.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/reject`, {
      reason: '商品与描述一致，见详情页第三张图',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '商品与描述一致，见详情页第三张图' });
    expect((await o.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`)).status).toBe(409);
    t.clock.advanceDays(8);
    await t.runJobs();
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('completed');
    expect((await o.owner.get('/api/v1/merchant/finance')).body).toMatchObject({ pending: 0, available: 9900 });
  });
});

describe('escalation and who may see what', () => {
  it('escalates a request the merchant leaves unanswered; the operator decides', async () => {
    const o = await boughtOrder({ price: 6600 });
    const req = await ask(o.me, o, { type: 'refund_only', reasonCode: 'quality', description: '破损' });
    t.clock.advanceHours(47);
    await t.runJobs();
    expect((await o.me.get(`/api/v1/after-sales/${req.body.id}`)).body.status).toBe('requested');
    t.clock.advanceHours(2);
    await t.runJobs();
    const escalated = (await admin.get('/api/v1/admin/after-sales?escalated=true')).body.items;
    expect(escalated.map((a: any) => a.id)).toContain(req.body.id);
    expect(escalated.find((a: any) => a.id === req.body.id)).toMatchObject({
      status: 'escalated',
      statusLabel: '平台介入中',
      escalatedAt: t.clock.now().toISOString(),
    });
    expect((await o.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`)).status).toBe(409);
    expect((await o.owner.get(`/api/v1/merchant/after-sales/${req.body.id}`)).body.status).toBe('escalated');

    const decided = await admin.post(`/api/v1/admin/after-sales/${req.body.id}/approve`, {
      note: '商家超时，平台判定退款',
    });
    expect(decided.body).toMatchObject({ status: 'refunding', refund: { amount: 6600 } });
    await t.runJobs();
    const detail = (await admin.get(`/api/v1/admin/after-sales/${req.body.id}`)).body;
    expect(detail.status).toBe('completed');
    expect(detail.timeline.map((e: any) => e.action)).toEqual([
      '买家提交售后申请',
      '商家超时未处理售后申请，平台已介入',
      '平台同意仅退款',
      '退款成功',
    ]);
    expect(
      (await admin.get('/api/v1/admin/after-sales?escalated=true')).body.items.map((a: any) => a.id),
    ).not.toContain(req.body.id);
    await reconciles();
  });

  it('escalates a return the merchant never confirms receiving; the operator refunds it', async () => {
    const o = await boughtOrder({ price: 4500 });
    const req = await ask(o.me, o);
    await o.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`);
    await o.me.post(`/api/v1/after-sales/${req.body.id}/return-shipment`, {
      carrier: '圆通速递',
      trackingNo: 'YT1234567',
    });
    t.clock.advanceDays(8);
    await t.runJobs();
    expect((await admin.get(`/api/v1/admin/after-sales/${req.body.id}`)).body.status).toBe('escalated');
    expect((await admin.post(`/api/v1/admin/after-sales/${req.body.id}/approve`)).body.status).toBe('refunding');
    expect(await stockOf(o.skuId)).toBe(10);
    await t.runJobs();
    // The goods went out, so the ¥8 shipping stays with the merchant and the order completes with it.
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body).toMatchObject({
      status: 'delivered',
      payAmount: 5300,
      refundedAmount: 4500,
    });
    t.clock.advanceDays(1);
    await t.runJobs();
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('completed');
    expect((await o.owner.get('/api/v1/merchant/finance')).body).toMatchObject({ pending: 0, available: 800 });
    await reconciles();
  });

  it('hides a request from other shops and other buyers (404), and operator routes from merchants (403)', async () => {
    const o = await boughtOrder();
    const req = await ask(o.me, o, { reasonCode: 'quality' });
    const other = await merchant(t, '别家店');
    expect((await other.owner.get(`/api/v1/merchant/after-sales/${req.body.id}`)).status).toBe(404);
    expect((await other.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`)).status).toBe(404);
    expect(
      (await other.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/reject`, { reason: '不是我家的' })).status,
    ).toBe(404);
    expect((await other.owner.get('/api/v1/merchant/after-sales')).body.items).toEqual([]);
    expect((await (await buyer(t)).get(`/api/v1/after-sales/${req.body.id}`)).status).toBe(404);
    expect((await o.owner.get('/api/v1/admin/after-sales')).status).toBe(403);
    expect((await o.me.get('/api/v1/merchant/after-sales')).status).toBe(403);
    expect((await o.owner.get(`/api/v1/merchant/after-sales/${req.body.id}`)).body.status).toBe('requested');
  });

  it('pages merchant lists with a cursor', async () => {
    const o = await boughtOrder({ qty: 3, price: 3000 });
    for (let i = 0; i < 3; i++) expect((await ask(o.me, o, { reasonCode: 'quality' })).status).toBe(201);
    const first = (await o.owner.get('/api/v1/merchant/after-sales?limit=2')).body;
    expect(first.items).toHaveLength(2);
    const second = (await o.owner.get(`/api/v1/merchant/after-sales?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((a: any) => a.id)).size).toBe(3);
  });
});
