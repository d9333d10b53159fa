import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import {
  type Buyer,
  buyer,
  HANGZHOU,
  paidOrder,
  payCheckout,
  placeOrder,
  shop,
  URUMQI,
} from '../../../test/order-factories.ts';

const t = await createTestApp();

const published: { orderId: string; province: string; city: string }[] = [];
t.deps.events.subscribe<{ orderId: string; province: string; city: string }>(
  'order.address-changed',
  'test.capture',
  async (_db, e) => void published.push(e.payload),
);

const SHANGHAI_OFFICE = {
  recipient: '王小明',
  phone: '13800138000',
  province: '上海市',
  city: '上海市',
  district: '徐汇区',
  detail: '宜山路 700 号 好物科技',
};

async function saveAddress(who: Buyer, address: typeof HANGZHOU): Promise<string> {
  const res = await who.post('/api/v1/me/addresses', address);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const change = (who: Buyer, orderId: string, addressId: string) =>
  who.post(`/api/v1/orders/${orderId}/address`, { addressId });

describe('buyer changes the address of an order before it ships', () => {
  it('moves a paid order to another saved address; the merchant sees it, and the same address again is a no-op', async () => {
    const o = await paidOrder(t);
    const officeId = await saveAddress(o.buyer, SHANGHAI_OFFICE);

    const res = await change(o.buyer, o.orderId, officeId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'paid', address: SHANGHAI_OFFICE, payAmount: o.order.payAmount });
    expect(res.body.timeline.at(-1)).toMatchObject({
      type: 'address_changed',
      label: '买家修改了收货地址（上海市）',
      data: { by: 'buyer', from: { province: '浙江省', city: '杭州市' }, to: { province: '上海市', city: '上海市' } },
    });

    const merchantView = await o.owner.get(`/api/v1/merchant/orders/${o.orderId}`);
    expect(merchantView.body.address).toEqual(SHANGHAI_OFFICE);
    await t.drain();
    expect(published.filter((e) => e.orderId === o.orderId)).toEqual([
      expect.objectContaining({ orderId: o.orderId, province: '上海市', city: '上海市' }),
    ]);

    // Asking again for the same address changes nothing: no second timeline entry, no second event.
    const again = await change(o.buyer, o.orderId, officeId);
    expect(again.status).toBe(200);
    expect(again.body.timeline.filter((e: { type: string }) => e.type === 'address_changed')).toHaveLength(1);
    await t.drain();
    expect(published.filter((e) => e.orderId === o.orderId)).toHaveLength(1);

    // Changing back before shipping is allowed too.
    const back = await change(o.buyer, o.orderId, o.buyer.addressId);
    expect(back.body.address).toEqual(HANGZHOU);
    expect(back.body.timeline.filter((e: { type: string }) => e.type === 'address_changed')).toHaveLength(2);
  });

  it('refuses once the order has shipped', async () => {
    const o = await paidOrder(t);
    const officeId = await saveAddress(o.buyer, SHANGHAI_OFFICE);
    const shipped = await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
      carrier: '顺丰速运',
      trackingNo: 'SF1234567890123',
    });
    expect(shipped.status).toBe(200);
    const res = await change(o.buyer, o.orderId, officeId);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      type: 'address-change-closed',
      title: '订单已发货或已结束，无法修改地址',
      detail: expect.stringContaining('订单已发货'),
    });
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.address).toEqual(HANGZHOU);
  });

  it("answers 404 for someone else's order and for someone else's address", async () => {
    const o = await paidOrder(t);
    const stranger = await buyer(t, SHANGHAI_OFFICE);
    const theirs = await change(stranger, o.orderId, stranger.addressId);
    expect(theirs.status).toBe(404);
    expect(theirs.body.title).toBe('订单不存在');

    const notMine = await change(o.buyer, o.orderId, stranger.addressId);
    expect(notMine.status).toBe(404);
    expect(notMine.body.title).toBe('收货地址不存在');
    expect((await o.owner.get(`/api/v1/merchant/orders/${o.orderId}`)).body.address).toEqual(HANGZHOU);
  });

  it('refuses a province with a different shipping fee, paid or unpaid, and changes nothing', async () => {
    const s = await shop(t, { price: 3000 });
    await s.owner.post('/api/v1/merchant/shipping-templates', {
      name: '默认模板',
      defaultRule: { firstUnits: 1, firstFee: 1000, extraUnits: 1, extraFee: 0 },
      freeThreshold: 5000,
      remoteProvinces: ['新疆'],
      remoteExtraFee: 2000,
    });
    const me = await buyer(t, HANGZHOU);
    const urumqiId = await saveAddress(me, URUMQI);
    const officeId = await saveAddress(me, SHANGHAI_OFFICE);

    const unpaid = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    const unpaidId = unpaid.orders[0]!.id;
    const refusedUnpaid = await change(me, unpaidId, urumqiId);
    expect(refusedUnpaid.status).toBe(409);
    expect(refusedUnpaid.body).toMatchObject({
      type: 'shipping-fee-differs',
      title: '新地址运费不同',
      detail: '新地址运费 ¥30.00，订单运费 ¥10.00。待付款订单的金额不能更改，请取消订单后用新地址重新下单',
    });
    // The same fee elsewhere is fine while unpaid; what the checkout asks for stays what the orders add up to.
    expect((await change(me, unpaidId, officeId)).status).toBe(200);
    expect((await me.get(`/api/v1/checkouts/${unpaid.checkoutId}`)).body).toMatchObject({
      amount: 4000,
      payableAmount: 4000,
    });

    await payCheckout(t, unpaid.checkoutId);
    const refusedPaid = await change(me, unpaidId, urumqiId);
    expect(refusedPaid.status).toBe(409);
    expect(refusedPaid.body.detail).toContain('已付款订单不能补退运费差价');
    const after = (await me.get(`/api/v1/orders/${unpaidId}`)).body;
    expect(after).toMatchObject({ address: SHANGHAI_OFFICE, shippingFee: 1000, payAmount: 4000 });
    expect(after.timeline.filter((e: { type: string }) => e.type === 'address_changed')).toHaveLength(1);
  });

  it('allows moving between two remote provinces: the surcharge is the same', async () => {
    const s = await shop(t, { price: 3000 });
    await s.owner.post('/api/v1/merchant/shipping-templates', {
      name: '默认模板',
      defaultRule: { firstUnits: 1, firstFee: 1000, extraUnits: 1, extraFee: 0 },
      freeThreshold: null,
      remoteProvinces: ['新疆', '西藏'],
      remoteExtraFee: 2000,
    });
    const me = await buyer(t, URUMQI);
    const lhasa = await saveAddress(me, { ...URUMQI, province: '西藏自治区', city: '拉萨市', district: '城关区' });
    const { checkoutId, orders } = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
    await payCheckout(t, checkoutId);
    const res = await change(me, orders[0]!.id, lhasa);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ shippingFee: 3000, address: { province: '西藏自治区' } });
  });
});
