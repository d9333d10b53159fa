import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { product } from '../../../test/factories.ts';
import { buyer, type Buyer, merchant, payCheckout, placeOrder, shop } from '../../../test/order-factories.ts';
import { makeCtx } from '../../platform/context.ts';
import { askAssistant, type AssistantTurn } from '../service/api.ts';

const t = await createTestApp();

const ask = (who: Buyer, text: string, extra: Partial<AssistantTurn> = {}) =>
  askAssistant(
    makeCtx(t.deps, { kind: 'user', userId: who.userId, sessionId: 'test', roles: ['consumer'], staff: [] }),
    { conversationId: 'conv_1', text, context: {}, ...extra },
  );

/** A buyer's order from a new shop: unpaid, paid, shipped or received. */
async function orderIn(stage: 'pending' | 'paid' | 'shipped' | 'delivered', who?: Buyer, categoryId?: string) {
  const s = await shop(t, { title: '玻尿酸保湿面霜 50ml', ...(categoryId ? { categoryId } : {}) });
  const me = who ?? (await buyer(t));
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
  const order = checkout.orders[0]!;
  if (stage !== 'pending') await payCheckout(t, checkout.checkoutId);
  if (stage === 'shipped' || stage === 'delivered') {
    const shipped = await s.owner.post(`/api/v1/merchant/orders/${order.id}/ship`, {
      carrier: '顺丰速运',
      trackingNo: 'SF1234567890123',
    });
    expect(shipped.status).toBe(200);
  }
  if (stage === 'delivered') expect((await me.post(`/api/v1/orders/${order.id}/confirm-receipt`)).status).toBe(200);
  await t.drain();
  return { me, orderId: order.id, orderNo: order.orderNo, shop: s };
}

describe('where is my order', () => {
  it('tells the real state of the order as it moves, with the carrier and tracking number once shipped', async () => {
    const o = await orderIn('paid');
    const paid = await ask(o.me, '我的快递到哪了');
    expect(paid).toMatchObject({ intent: 'order_status', cards: [{ kind: 'order', id: o.orderId }] });
    expect(paid.text).toContain(o.orderNo);
    expect(paid.text).toContain('待发货');
    expect(paid.handover).toBeUndefined();

    await o.shop.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
      carrier: '中通快递',
      trackingNo: '75123455667788',
    });
    const shipped = await ask(o.me, `订单${o.orderNo}发货了吗`);
    expect(shipped.text).toContain('待收货');
    expect(shipped.text).toContain('中通快递');
    expect(shipped.text).toContain('75123455667788');
    expect(shipped.cards).toContainEqual({ kind: 'logistics', id: o.orderId });
  });
});

describe("another person's order", () => {
  it('is neither shown nor touched, asked by number or passed as the conversation context', async () => {
    const theirs = await orderIn('pending');
    const me = await buyer(t);
    const byNumber = await ask(me, `帮我查一下订单 ${theirs.orderNo} 到哪了`);
    expect(byNumber.text).toContain('没有在你的账号下找到');
    expect(byNumber.cards ?? []).toEqual([]);

    const cancel = await ask(me, `取消订单${theirs.orderNo}`);
    expect(cancel.proposedAction).toBeUndefined();
    const viaContext = await ask(me, '这个订单帮我取消', { context: { orderId: theirs.orderId } });
    expect(viaContext.proposedAction).toBeUndefined();
    expect(JSON.stringify(viaContext)).not.toContain(theirs.orderId);
    expect((await theirs.me.get(`/api/v1/orders/${theirs.orderId}`)).body.status).toBe('pending_payment');

    const refund = await ask(me, `订单${theirs.orderNo}我要退款`);
    expect(refund.proposedAction).toBeUndefined();
  });
});

describe('actions need the customer to confirm', () => {
  it('starts an after-sale only on confirmation, and the token works once, for its owner and conversation', async () => {
    const o = await orderIn('delivered');
    const proposal = await ask(o.me, '收到的东西坏了，我要退货');
    expect(proposal.intent).toBe('start_aftersale');
    expect(proposal.proposedAction?.label).toContain('退货退款');
    expect((await o.me.get('/api/v1/after-sales')).body.items).toHaveLength(0);

    const token = proposal.proposedAction!.token;
    const stranger = await buyer(t);
    expect((await ask(stranger, '', { confirmToken: token })).text).toContain('失效');
    expect((await ask(o.me, '', { confirmToken: token, conversationId: 'conv_other' })).text).toContain('失效');
    expect((await o.me.get('/api/v1/after-sales')).body.items).toHaveLength(0);

    const done = await ask(o.me, '', { confirmToken: token });
    expect(done.text).toContain('已提交售后申请');
    expect(done.text).toContain('待商家处理');
    const list = (await o.me.get('/api/v1/after-sales')).body.items;
    expect(list).toMatchObject([{ orderId: o.orderId, type: 'return_refund', reasonCode: 'quality' }]);
    expect(done.cards).toEqual([{ kind: 'after_sale', id: list[0].id }]);

    expect((await ask(o.me, '', { confirmToken: token })).text).toContain('失效');
    expect((await o.me.get('/api/v1/after-sales')).body.items).toHaveLength(1);
  });

  it('cancels an unpaid order after confirmation and explains why a paid one cannot be', async () => {
    const o = await orderIn('pending');
    const proposal = await ask(o.me, '拍错了，帮我取消订单');
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('pending_payment');
    const done = await ask(o.me, '', { confirmToken: proposal.proposedAction!.token });
    expect(done.text).toContain('已取消');
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('cancelled');

    const paid = await orderIn('paid');
    const refused = await ask(paid.me, '取消订单');
    expect(refused.proposedAction).toBeUndefined();
    expect(refused.text).toContain('已经付款');
  });
});

describe('how to return this item', () => {
  it('applies the 7-day rule to the order: the deadline while it runs, the refusal after, and the category rule', async () => {
    const o = await orderIn('delivered');
    const open = await ask(o.me, '这个还能退货吗', { context: { orderId: o.orderId } });
    expect(open.intent).toBe('return_policy');
    expect(open.text).toContain('支持七天无理由退货');
    t.clock.advanceDays(8);
    const late = await ask(o.me, '这个还能退货吗', { context: { orderId: o.orderId } });
    expect(late.text).toContain('已于');
    expect(late.text).toContain('截止');

    const fresh = await orderIn('delivered', undefined, 'cat_fresh');
    const perishable = await ask(fresh.me, '这个能退吗', { context: { orderId: fresh.orderId } });
    expect(perishable.text).toContain('生鲜易腐商品签收后不支持七天无理由退货');
  });
});

describe('product facts', () => {
  it("answers from the product's own attributes and hands over when the page does not say", async () => {
    const { merchantId, owner } = await merchant(t);
    const p = await product(t, owner, merchantId, {
      attributes: [
        { name: '材质', value: '100%纯棉' },
        { name: '产地', value: '浙江杭州' },
      ],
    });
    const me = await buyer(t);
    const fabric = await ask(me, '这件是什么面料的', { context: { productId: p.productId } });
    expect(fabric).toMatchObject({ intent: 'product_fact' });
    expect(fabric.text).toContain('100%纯棉');
    expect(fabric.handover).toBeUndefined();
    const unknown = await ask(me, '这个能用洗碗机洗吗', { context: { productId: p.productId } });
    expect(unknown).toMatchObject({ intent: 'product_fact', handover: 'low_confidence' });
  });
});

describe('hand-over to a person', () => {
  it('on request, for compensation, on anger and when it does not know', async () => {
    const me = await buyer(t);
    expect((await ask(me, '转人工')).handover).toBe('requested');
    expect((await ask(me, '找真人客服')).handover).toBe('requested');
    expect((await ask(me, '发货这么慢，你们要赔偿我')).handover).toBe('compensation');
    expect((await ask(me, '什么垃圾东西，气死我了')).handover).toBe('negative_sentiment');
    expect((await ask(me, '明天天气怎么样')).handover).toBe('low_confidence');
  });
});
