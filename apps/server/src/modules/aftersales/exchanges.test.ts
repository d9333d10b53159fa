import { count } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { nextPhone } from '../../../test/http.ts';
import { buyer, type Buyer, merchant, placeOrder, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { newId } from '../../platform/ids.ts';
import { ledgerEntries } from '../../platform/schema.ts';
import { createUser } from '../accounts/api.ts';
import { loadSkusForCheckout } from '../catalog/api.ts';

const t = await createTestApp();
const db = t.deps.database.db;
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
const ledgerRows = async () => (await db.select({ n: count() }).from(ledgerEntries))[0]!.n;
const reconciles = async () => {
  const report = (await admin.get('/api/v1/admin/reconciliation')).body;
  expect(report.ok, JSON.stringify(report.problems)).toBe(true);
};

/** A shop selling a T-shirt in S and M at ¥99 and a gift box at ¥129; stock per SKU as given. */
async function tshirtShop(stock: { s?: number; m?: number; box?: number } = {}) {
  const { merchantId, owner } = await merchant(t, '换货测试店');
  const p = await product(t, owner, merchantId, {
    title: '纯棉短袖T恤',
    specs: [{ name: '尺码', values: ['S', 'M', '礼盒装'] }],
    skus: [
      { specValues: { 尺码: 'S' }, price: 9900, stock: stock.s ?? 5 },
      { specValues: { 尺码: 'M' }, price: 9900, stock: stock.m ?? 3 },
      { specValues: { 尺码: '礼盒装' }, price: 12900, stock: stock.box ?? 5 },
    ],
  });
  const [s, m, box] = p.skuIds as [string, string, string];
  return { merchantId, owner, productId: p.productId, s, m, box };
}
type Shop = Awaited<ReturnType<typeof tshirtShop>>;

/** A buyer's paid order of `qty` units of `skuId`, shipped and (unless told) received. */
async function bought(s: Shop, skuId: string, qty = 1, stage: 'shipped' | 'delivered' = 'delivered') {
  const me = await buyer(t);
  const checkout = await placeOrder(t, me, [{ skuId, qty }]);
  await payThroughSandbox(t, me, checkout.checkoutId);
  const order = checkout.orders[0]!;
  const shipped = await s.owner.post(`/api/v1/merchant/orders/${order.id}/ship`, {
    carrier: '顺丰速运',
    trackingNo: 'SF1234567890123',
  });
  expect(shipped.status).toBe(200);
  if (stage === 'delivered') expect((await me.post(`/api/v1/orders/${order.id}/confirm-receipt`)).status).toBe(200);
  await t.drain();
  return { me, orderId: order.id, lineId: order.lines[0]!.id, payAmount: order.payAmount };
}

const askExchange = (who: Buyer, o: { orderId: string; lineId: string }, body: Record<string, unknown> = {}) =>
  who.post('/api/v1/after-sales', {
    orderId: o.orderId,
    lineId: o.lineId,
    qty: 1,
    type: 'exchange',
    reasonCode: 'no_reason',
    description: '尺码偏小，换大一码',
    images: [],
    ...body,
  });

const base = (id: string) => `/api/v1/merchant/after-sales/${id}`;

describe('exchange (换货)', () => {
  it('swaps S for M: M reserved at approval, S restocked on receipt, M shipped on the order timeline, no money moves', async () => {
    const s = await tshirtShop({ s: 5, m: 3 });
    const o = await bought(s, s.s, 2);
    expect([await stockOf(s.s), await stockOf(s.m)]).toEqual([3, 3]);
    const ledgerBefore = await ledgerRows();
    const financeBefore = (await s.owner.get('/api/v1/merchant/finance')).body;

    const created = await askExchange(o.me, o, { replacementSkuId: s.m });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      type: 'exchange',
      typeLabel: '换货',
      amount: 0,
      status: 'requested',
      specText: 'S',
      exchange: { skuId: s.m, specText: 'M', reserved: false, shipment: null },
    });
    const id = created.body.id as string;
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.openAfterSales).toBe(1);

    // Approval reserves M once, however often it is retried with the same key.
    const key = newId('idem');
    const approved = await s.owner.post(
      `${base(id)}/approve`,
      { note: '请寄回吊牌完好的商品' },
      { idempotencyKey: key },
    );
    expect(approved.body).toMatchObject({ status: 'awaiting_return', exchange: { reserved: true } });
    const again = await s.owner.post(`${base(id)}/approve`, { note: '请寄回吊牌完好的商品' }, { idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('awaiting_return');
    expect(await stockOf(s.m)).toBe(2);

    // The buyer's waybill is checked against the courier's format.
    const wrong = await o.me.post(`/api/v1/after-sales/${id}/return-shipment`, {
      carrier: '中通快递',
      trackingNo: 'ZT998877665',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ type: 'bad-tracking-no', title: '快递单号与快递公司不符' });
    expect(wrong.body.detail).toContain('中通快递运单号格式不对');
    const sent = await o.me.post(`/api/v1/after-sales/${id}/return-shipment`, {
      carrier: '中通快递',
      trackingNo: '73123456789012',
    });
    expect(sent.body).toMatchObject({
      status: 'return_shipped',
      returnShipment: { carrier: '中通快递', trackingNo: '73123456789012' },
    });
    expect(
      (await s.owner.post(`${base(id)}/ship-replacement`, { carrier: '顺丰速运', trackingNo: 'SF9876543210123' }))
        .status,
    ).toBe(409);

    const receiveKey = newId('idem');
    const received = await s.owner.post(`${base(id)}/receive-return`, {}, { idempotencyKey: receiveKey });
    expect(received.body).toMatchObject({ status: 'awaiting_replacement', statusLabel: '待商家寄出换货' });
    expect((await s.owner.post(`${base(id)}/receive-return`, {}, { idempotencyKey: receiveKey })).status).toBe(200);
    expect([await stockOf(s.s), await stockOf(s.m)]).toEqual([4, 2]);

    const badWaybill = await s.owner.post(`${base(id)}/ship-replacement`, {
      carrier: '顺丰速运',
      trackingNo: 'YT1234567890123',
    });
    expect(badWaybill.body).toMatchObject({ type: 'bad-tracking-no' });
    const shipKey = newId('idem');
    const waybill = { carrier: '顺丰速运', trackingNo: 'sf9876543210123' };
    const shipped = await s.owner.post(`${base(id)}/ship-replacement`, waybill, { idempotencyKey: shipKey });
    expect(shipped.body).toMatchObject({
      status: 'replacement_shipped',
      statusLabel: '换货已寄出',
      exchange: { reserved: false, shipment: { carrier: '顺丰速运', trackingNo: 'SF9876543210123' } },
    });
    expect(shipped.body.exchange.autoConfirmAt).toBe(new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString());
    expect((await s.owner.post(`${base(id)}/ship-replacement`, waybill, { idempotencyKey: shipKey })).status).toBe(200);
    const order = (await o.me.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order.timeline.at(-1)).toMatchObject({
      type: 'exchange_shipped',
      label: '商家已寄出换货 M × 1（顺丰速运 SF9876543210123）',
    });

    const done = await o.me.post(`/api/v1/after-sales/${id}/confirm-replacement`);
    expect(done.body).toMatchObject({ status: 'completed', statusLabel: '换货完成', refund: null, amount: 0 });
    expect((await o.me.post(`/api/v1/after-sales/${id}/confirm-replacement`)).body.status).toBe('completed');
    expect(done.body.timeline.map((e: any) => e.actor)).toEqual([
      'buyer',
      'merchant',
      'buyer',
      'merchant',
      'merchant',
      'buyer',
    ]);
    expect([await stockOf(s.s), await stockOf(s.m)]).toEqual([4, 2]);

    await t.runJobs();
    expect(await ledgerRows()).toBe(ledgerBefore);
    expect((await s.owner.get('/api/v1/merchant/finance')).body).toEqual(financeBefore);
    expect((await o.me.get(`/api/v1/orders/${o.orderId}/refunds`)).body.items).toEqual([]);
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body).toMatchObject({
      openAfterSales: 0,
      refundedAmount: 0,
    });
    await reconciles();
    // The order still completes and the merchant is settled in full: the exchange moved goods, not money.
    t.clock.advanceDays(8);
    await t.runJobs();
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('completed');
    expect((await s.owner.get('/api/v1/merchant/finance')).body).toMatchObject({ pending: 0, available: o.payAmount });
    await reconciles();
  });

  it('a defective unit is not restocked; the same SKU is sent again and receipt confirms itself after 10 days', async () => {
    const s = await tshirtShop({ s: 5 });
    const o = await bought(s, s.s, 1);
    const req = await askExchange(o.me, o, { reasonCode: 'quality', description: '领口开线' });
    expect(req.body.exchange).toMatchObject({ skuId: s.s, specText: 'S' });
    await s.owner.post(`${base(req.body.id)}/approve`);
    expect(await stockOf(s.s)).toBe(3);
    await o.me.post(`/api/v1/after-sales/${req.body.id}/return-shipment`, {
      carrier: '圆通速递',
      trackingNo: 'YT1234567890123',
    });
    const received = await s.owner.post(`${base(req.body.id)}/receive-return`, { defective: true });
    expect(received.body.exchange.returnDefective).toBe(true);
    expect(received.body.timeline.at(-1).note).toBe('退回的 1 件有质量问题，不再上架销售');
    expect(await stockOf(s.s)).toBe(3);
    await s.owner.post(`${base(req.body.id)}/ship-replacement`, { carrier: '韵达快递', trackingNo: '4312345678901' });
    t.clock.advanceDays(9);
    await t.runJobs();
    expect((await o.me.get(`/api/v1/after-sales/${req.body.id}`)).body.status).toBe('replacement_shipped');
    t.clock.advanceDays(1);
    await t.runJobs();
    const done = (await o.me.get(`/api/v1/after-sales/${req.body.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', statusLabel: '换货完成' });
    expect(done.timeline.at(-1)).toMatchObject({ actor: 'system', action: '超时未确认，系统已自动确认收到换货' });
    expect(await stockOf(s.s)).toBe(3);
  });

  it('refuses another price, another product, an unreceived order and more units than are free, in Chinese', async () => {
    const s = await tshirtShop();
    const o = await bought(s, s.s, 2);
    const pricier = await askExchange(o.me, o, { replacementSkuId: s.box });
    expect(pricier.status).toBe(422);
    expect(pricier.body).toMatchObject({ type: 'exchange-price-differs', title: '只能换同价的规格' });
    expect(pricier.body.detail).toBe('「礼盒装」现价 ¥129.00，原规格现价 ¥99.00；价格不同的规格请退货后重新购买');
    const other = await tshirtShop();
    expect((await askExchange(o.me, o, { replacementSkuId: other.m })).body).toMatchObject({
      type: 'exchange-other-product',
      title: '只能换同一商品的其他规格',
    });
    const onTheWay = await bought(s, s.s, 1, 'shipped');
    expect((await askExchange(onTheWay.me, onTheWay, { replacementSkuId: s.m })).body).toMatchObject({
      type: 'exchange-before-delivery',
      title: '确认收货后才能申请换货',
    });
    expect((await askExchange(o.me, o, { qty: 3, replacementSkuId: s.m })).body).toMatchObject({
      type: 'qty-exceeds-available',
      detail: '这件商品共 2 件，还可申请 2 件',
    });
    // An open exchange holds its unit at its share of the line, so a refund of the other unit takes only its own.
    expect((await askExchange(o.me, o, { replacementSkuId: s.m })).status).toBe(201);
    const refund = await o.me.post('/api/v1/after-sales', {
      orderId: o.orderId,
      lineId: o.lineId,
      qty: 1,
      type: 'return_refund',
      reasonCode: 'quality',
      description: '起球',
      images: [],
    });
    expect(refund.body).toMatchObject({ status: 'requested', amount: 9900 });
    expect((await askExchange(o.me, o, { replacementSkuId: s.m })).body.detail).toBe('这件商品共 2 件，还可申请 0 件');
  });

  it('two approvals race for the last M: one reserves it, the other is refused 缺货 and can be rejected with a refund offer', async () => {
    const s = await tshirtShop({ s: 5, m: 1 });
    const a = await bought(s, s.s);
    const b = await bought(s, s.s);
    const ra = await askExchange(a.me, a, { replacementSkuId: s.m });
    const rb = await askExchange(b.me, b, { replacementSkuId: s.m });
    expect([ra.status, rb.status]).toEqual([201, 201]);
    const results = await Promise.all([
      s.owner.post(`${base(ra.body.id)}/approve`),
      s.owner.post(`${base(rb.body.id)}/approve`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body).toMatchObject({ type: 'exchange-out-of-stock', title: '缺货' });
    expect(refused.body.detail).toContain('可拒绝申请并在理由中说明改为退款');
    expect(await stockOf(s.m)).toBe(0);
    const loserId = results[0].status === 409 ? ra.body.id : rb.body.id;
    const winnerId = loserId === ra.body.id ? rb.body.id : ra.body.id;
    const winner = loserId === ra.body.id ? b : a;
    expect((await s.owner.get(base(loserId))).body.status).toBe('requested');
    const rejected = await s.owner.post(`${base(loserId)}/reject`, {
      reason: 'M 码已售罄，请申请退货退款，我们全额退款',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', exchange: { reserved: false } });
    expect(await stockOf(s.m)).toBe(0);

    // The winner withdraws before anything ships: the reserved M goes back on sale.
    const cancelled = await winner.me.post(`/api/v1/after-sales/${winnerId}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', exchange: { reserved: false } });
    expect(await stockOf(s.m)).toBe(1);
    expect(await stockOf(s.s)).toBe(3);
    expect((await winner.me.get(`/api/v1/orders/${winner.orderId}`)).body.openAfterSales).toBe(0);
  });

  it('an operator deciding an escalated exchange reserves the unit; the buyer cancelling before shipment releases it', async () => {
    const s = await tshirtShop({ m: 2 });
    const o = await bought(s, s.s);
    const req = await askExchange(o.me, o, { replacementSkuId: s.m });
    t.clock.advanceHours(49);
    await t.runJobs();
    expect((await admin.get(`/api/v1/admin/after-sales/${req.body.id}`)).body.status).toBe('escalated');
    const decided = await admin.post(`/api/v1/admin/after-sales/${req.body.id}/approve`, {
      note: '商家超时，平台同意换货',
    });
    expect(decided.body).toMatchObject({ status: 'awaiting_return', exchange: { reserved: true } });
    expect(await stockOf(s.m)).toBe(1);
    const cancelled = await o.me.post(`/api/v1/after-sales/${req.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await stockOf(s.m)).toBe(2);
  });

  it('only the shop’s deciders act on it, only its buyer confirms, and a merchant cannot act for the buyer', async () => {
    const s = await tshirtShop();
    const o = await bought(s, s.s);
    const req = await askExchange(o.me, o, { replacementSkuId: s.m });
    const id = req.body.id as string;
    const other = await merchant(t, '别家店');
    for (const path of ['approve', 'receive-return'])
      expect((await other.owner.post(`${base(id)}/${path}`)).status).toBe(404);
    expect(
      (await other.owner.post(`${base(id)}/ship-replacement`, { carrier: '顺丰速运', trackingNo: 'SF1234567890123' }))
        .status,
    ).toBe(404);
    const phone = nextPhone();
    expect((await s.owner.post('/api/v1/merchant/staff', { phone, role: 'shipping' })).status).toBe(201);
    const shipper = await signIn(t, phone);
    expect((await shipper.post(`${base(id)}/approve`)).status).toBe(403);
    expect(
      (await shipper.post(`${base(id)}/ship-replacement`, { carrier: '顺丰速运', trackingNo: 'SF1234567890123' }))
        .status,
    ).toBe(403);
    expect((await o.me.post(`${base(id)}/approve`)).status).toBe(403);
    expect((await (await buyer(t)).post(`/api/v1/after-sales/${id}/confirm-replacement`)).status).toBe(404);
    expect((await s.owner.post(`/api/v1/after-sales/${id}/confirm-replacement`)).status).toBe(404);
    expect((await o.me.post(`/api/v1/after-sales/${id}/confirm-replacement`)).status).toBe(409);
    const bad = await s.owner.post(`${base(id)}/ship-replacement`, { carrier: '大白快递', trackingNo: '1' });
    expect(bad.status).toBe(400);
    expect(await stockOf(s.m)).toBe(3);
  });
});
