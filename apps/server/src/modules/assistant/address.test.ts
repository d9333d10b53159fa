import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import {
  buyer,
  type Buyer,
  HANGZHOU,
  paidOrder,
  payCheckout,
  placeOrder,
  shop,
  URUMQI,
} from '../../../test/order-factories.ts';
import { makeCtx } from '../../platform/context.ts';
import { askAssistant, type AssistantTurn } from '../service/api.ts';

const t = await createTestApp();

const ask = (who: Buyer, text: string, extra: Partial<AssistantTurn> = {}) =>
  askAssistant(
    makeCtx(t.deps, { kind: 'user', userId: who.userId, sessionId: 'test', roles: ['consumer'], staff: [] }),
    { conversationId: 'conv_addr', text, context: {}, ...extra },
  );

const OFFICE = { ...HANGZHOU, district: '滨江区', detail: '网商路 599 号 公司前台' };
const PARENTS = { ...HANGZHOU, city: '宁波市', district: '鄞州区', detail: '天童南路 8 号' };

async function saveAddress(who: Buyer, address: typeof HANGZHOU): Promise<string> {
  const res = await who.post('/api/v1/me/addresses', address);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const addressOf = async (who: Buyer, orderId: string) => (await who.get(`/api/v1/orders/${orderId}`)).body.address;

describe('changing the address through the assistant', () => {
  it('proposes the address the customer names and changes it only on their confirmation', async () => {
    const o = await paidOrder(t);
    await saveAddress(o.buyer, OFFICE);
    const proposal = await ask(o.buyer, '帮我把订单地址改成公司地址');
    expect(proposal.intent).toBe('change_address');
    expect(proposal.text).toContain('还没有发货');
    expect(proposal.text).toContain('网商路 599 号 公司前台');
    expect(proposal.proposedAction?.label).toContain(o.order.orderNo);
    expect(proposal.handover).toBeUndefined();
    // Nothing changes before the confirmation.
    expect(await addressOf(o.buyer, o.orderId)).toEqual(HANGZHOU);

    const token = proposal.proposedAction!.token;
    const stranger = await buyer(t);
    expect((await ask(stranger, '', { confirmToken: token })).text).toContain('失效');
    expect(await addressOf(o.buyer, o.orderId)).toEqual(HANGZHOU);

    const done = await ask(o.buyer, '', { confirmToken: token });
    expect(done.text).toContain('已将');
    expect(done.toolsUsed).toContainEqual(expect.objectContaining({ tool: 'orders.changeOrderAddress' }));
    expect(await addressOf(o.buyer, o.orderId)).toEqual(OFFICE);
    expect((await o.owner.get(`/api/v1/merchant/orders/${o.orderId}`)).body.address).toEqual(OFFICE);
    expect((await ask(o.buyer, '', { confirmToken: token })).text).toContain('失效');
  });

  it('asks which address when several fit, and proposes the one picked by number', async () => {
    const o = await paidOrder(t);
    await saveAddress(o.buyer, OFFICE);
    await saveAddress(o.buyer, PARENTS);
    const which = await ask(o.buyer, '我想改一下收货地址', { context: { orderId: o.orderId } });
    expect(which.proposedAction).toBeUndefined();
    expect(which.text).toContain('要改到地址簿里的哪一个');
    expect(which.quickReplies).toEqual(['地址改成第2个', '地址改成第3个']);
    const picked = await ask(o.buyer, '地址改成第3个', { context: { orderId: o.orderId } });
    expect(picked.intent).toBe('change_address');
    expect(picked.text).toContain('天童南路 8 号');
    await ask(o.buyer, '', { confirmToken: picked.proposedAction!.token });
    expect(await addressOf(o.buyer, o.orderId)).toEqual(PARENTS);
  });

  it('answers honestly for a shipped order and for a province with another shipping fee; acts on neither', async () => {
    const o = await paidOrder(t);
    await saveAddress(o.buyer, OFFICE);
    await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
      carrier: '顺丰速运',
      trackingNo: 'SF1234567890123',
    });
    const shipped = await ask(o.buyer, '地址填错了能改吗', { context: { orderId: o.orderId } });
    expect(shipped).toMatchObject({ intent: 'change_address', quickReplies: ['转人工'] });
    expect(shipped.text).toContain('已发货，无法修改收货地址');
    expect(shipped.proposedAction).toBeUndefined();

    const s = await shop(t);
    await s.owner.post('/api/v1/merchant/shipping-templates', {
      name: '默认模板',
      defaultRule: { firstUnits: 1, firstFee: 800, extraUnits: 1, extraFee: 0 },
      freeThreshold: null,
      remoteProvinces: ['新疆'],
      remoteExtraFee: 2000,
    });
    const me = await buyer(t);
    const { checkoutId, orders } = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    await payCheckout(t, checkoutId);
    await saveAddress(me, URUMQI);
    const fee = await ask(me, '收货地址改成乌鲁木齐那个', { context: { orderId: orders[0]!.id } });
    expect(fee.proposedAction).toBeUndefined();
    expect(fee.text).toContain('新地址运费不同');
    expect(fee.text).toContain('新地址运费 ¥28.00，订单运费 ¥8.00');
    expect(await addressOf(me, orders[0]!.id)).toEqual(HANGZHOU);
  });

  it("never proposes a change to someone else's order", async () => {
    const theirs = await paidOrder(t);
    const me = await buyer(t);
    await saveAddress(me, OFFICE);
    const reply = await ask(me, '这个订单地址改成公司', { context: { orderId: theirs.orderId } });
    expect(JSON.stringify(reply)).not.toContain(theirs.orderId);
    expect(reply.proposedAction).toBeUndefined();
    expect(await addressOf(theirs.buyer, theirs.orderId)).toEqual(HANGZHOU);
  });
});
