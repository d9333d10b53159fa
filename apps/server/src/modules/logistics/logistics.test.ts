import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { kuaidi100Sign, TrackingUnavailable } from '../../platform/tracking.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, payCheckout, placeOrder, shop, URUMQI } from '../../../test/order-factories.ts';
import { subscribeTracking } from './tracking.ts';

// A local fake of 快递100's subscribe API (poll.kuaidi100.com/poll) answering as documented: form schema=json +
// param JSON; returnCode 200 accepted, 501 duplicate, 600 bad key, 700 unknown company, 500 while "down".
const KEY = 'test-kuaidi100-key';
const SALT = 'test-salt-0123456789abcdef';
const subscribed: { company: string; number: string; callbackurl: string }[] = [];
let down = false;
const fake = createServer((req, res) => {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString()));
  req.on('end', () => {
    const form = new URLSearchParams(raw);
    const p = JSON.parse(form.get('param') ?? '{}') as {
      company: string;
      number: string;
      key: string;
      parameters: { callbackurl: string; salt: string };
    };
    const answer = (returnCode: string, message: string) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result: returnCode === '200', returnCode, message }));
    };
    if (down) return answer('500', '服务器错误');
    if (form.get('schema') !== 'json' || p.key !== KEY) return answer('600', '您不是合法的订阅者（即授权Key出错）');
    if (!['shunfeng', 'zhongtong', 'yuantong', 'jtexpress'].includes(p.company))
      return answer('700', '不支持的快递公司');
    if (subscribed.some((s) => s.number === p.number)) return answer('501', '重复订阅');
    subscribed.push({ company: p.company, number: p.number, callbackurl: p.parameters.callbackurl });
    answer('200', '提交成功');
  });
});
await new Promise<void>((ok) => fake.listen(0, '127.0.0.1', ok));
const t = await createTestApp({
  TRACKING_PROVIDER: 'kuaidi100',
  KUAIDI100_KEY: KEY,
  KUAIDI100_SALT: SALT,
  KUAIDI100_CALLBACK_URL: 'https://shop.example.com/api/v1/logistics/kuaidi100/callback',
  KUAIDI100_POLL_URL: `http://127.0.0.1:${(fake.address() as AddressInfo).port}/poll`,
});
// The harness closes the app after the file; the fake closes with it.
afterAll(() => {
  fake.close();
});

const TEMPLATE = {
  name: '全国按件',
  defaultRule: { firstUnits: 1, firstFee: 1000, extraUnits: 1, extraFee: 500 },
  regions: [{ provinces: ['广东'], firstUnits: 1, firstFee: 600, extraUnits: 2, extraFee: 300 }],
  freeThreshold: 50_000,
  remoteProvinces: ['新疆', '西藏'],
  remoteMode: 'surcharge',
  remoteExtraFee: 1500,
};

describe('shipping templates in the console', () => {
  it('creates, previews, edits and activates templates; checkout prices with the active one', async () => {
    const s = await shop(t, { price: 3000 });
    const first = await s.owner.post('/api/v1/merchant/shipping-templates', TEMPLATE);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.active).toBe(true);
    const preview = await s.owner.post('/api/v1/merchant/shipping-templates/preview', {
      template: TEMPLATE,
      province: '广东',
      units: 2,
      itemsAmount: 6000,
    });
    expect(preview.body).toMatchObject({ fee: 900 });
    expect(preview.body.text).toContain('广东 2 件');
    expect(preview.body.text).toContain('¥9.00');

    const me = await buyer(t);
    const quote = async (qty: number, who = me) =>
      (await who.post('/api/v1/checkout/quote', { items: [{ skuId: s.skuId, qty }], addressId: who.addressId })).body;
    // HANGZHOU (浙江): the default rule, ¥10 + ¥5 per extra piece.
    expect((await quote(3)).shippingFee).toBe(2000);

    const second = await s.owner.post('/api/v1/merchant/shipping-templates', {
      ...TEMPLATE,
      name: '偏远不发',
      remoteMode: 'undeliverable',
    });
    expect(second.body.active).toBe(false);
    const far = await buyer(t, URUMQI);
    expect((await quote(1, far)).shippingFee).toBe(2500);
    expect((await s.owner.post(`/api/v1/merchant/shipping-templates/${second.body.id}/activate`)).status).toBe(200);
    const refused = await far.post('/api/v1/checkout/quote', {
      items: [{ skuId: s.skuId, qty: 1 }],
      addressId: far.addressId,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('region-not-delivered');

    const edited = await s.owner.put(`/api/v1/merchant/shipping-templates/${second.body.id}`, {
      ...TEMPLATE,
      name: '偏远不发',
      remoteMode: 'undeliverable',
      freeThreshold: 5000,
    });
    expect(edited.body.freeThreshold).toBe(5000);
    expect((await quote(2)).shippingFee).toBe(0);
    const list = await s.owner.get('/api/v1/merchant/shipping-templates');
    expect(list.body.items.map((i: { name: string; active: boolean }) => [i.name, i.active])).toEqual([
      ['全国按件', false],
      ['偏远不发', true],
    ]);
    const gone = await s.owner.delete(`/api/v1/merchant/shipping-templates/${second.body.id}`);
    expect(gone.body.type).toBe('active-template-delete');
  });

  it('prices a checkout by the cart’s total weight, rounding partial kilograms up', async () => {
    const s = await shop(t, { price: 3000 });
    // 800 g a unit, set in the merchant's SKU editor with the 商家编码 the ERP uses.
    const weighed = await s.owner.patch(`/api/v1/merchant/products/${s.productId}/skus`, {
      updates: [{ skuId: s.skuId, weightGrams: 800, code: 'CREAM-50' }],
    });
    expect(weighed.status, JSON.stringify(weighed.body)).toBe(200);
    expect(weighed.body.skus[0]).toMatchObject({ weightGrams: 800, code: 'CREAM-50' });
    const byWeight = {
      name: '按重量',
      chargeBy: 'weight',
      // 首重 1 kg ¥12, 续重 each 1 kg ¥4; 新疆 ¥20 + ¥10/kg; free from ¥500.
      defaultRule: { firstUnits: 1000, firstFee: 1200, extraUnits: 1000, extraFee: 400 },
      regions: [{ provinces: ['新疆'], firstUnits: 1000, firstFee: 2000, extraUnits: 1000, extraFee: 1000 }],
      freeThreshold: 50_000,
      remoteProvinces: [],
    };
    const created = await s.owner.post('/api/v1/merchant/shipping-templates', byWeight);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ chargeBy: 'weight', active: true });
    const preview = await s.owner.post('/api/v1/merchant/shipping-templates/preview', {
      template: byWeight,
      province: '浙江',
      units: 3,
      weightGrams: 2400,
      itemsAmount: 9000,
    });
    expect(preview.body.fee).toBe(2000);
    expect(preview.body.text).toContain('3 件 2.4 kg');

    const me = await buyer(t);
    const far = await buyer(t, URUMQI);
    const quote = async (qty: number, who = me) =>
      (await who.post('/api/v1/checkout/quote', { items: [{ skuId: s.skuId, qty }], addressId: who.addressId })).body;
    // 1 × 800 g = 0.8 kg: the first kg. 2 × 800 g = 1.6 kg: first kg + one started kg. 3 → 2.4 kg: two more.
    expect((await quote(1)).shippingFee).toBe(1200);
    expect((await quote(2)).shippingFee).toBe(1600);
    expect((await quote(3)).shippingFee).toBe(2000);
    expect((await quote(2, far)).shippingFee).toBe(3000);
    // ¥30 × 17 = ¥510 ≥ ¥500: free whatever it weighs.
    expect((await quote(17)).shippingFee).toBe(0);

    const placed = await placeOrder(t, me, [{ skuId: s.skuId, qty: 3 }]);
    expect(placed.orders[0]!.payAmount).toBe(9000 + 2000);
    const order = await me.get(`/api/v1/orders/${placed.orders[0]!.id}`);
    expect(order.body.shippingFee).toBe(2000);

    const tooHeavy = await s.owner.patch(`/api/v1/merchant/products/${s.productId}/skus`, {
      updates: [{ skuId: s.skuId, weightGrams: -5 }],
    });
    expect(tooHeavy.status).toBe(400);
    const badPieces = await s.owner.post('/api/v1/merchant/shipping-templates', {
      ...TEMPLATE,
      defaultRule: { firstUnits: 1000, firstFee: 100, extraUnits: 1, extraFee: 0 },
    });
    expect(badPieces.status).toBe(400);
  });

  it('refuses a province in two groups, bad input, and other merchants', async () => {
    const s = await shop(t);
    const twice = await s.owner.post('/api/v1/merchant/shipping-templates', {
      ...TEMPLATE,
      regions: [TEMPLATE.regions[0], { ...TEMPLATE.regions[0] }],
    });
    expect(twice.body.type).toBe('province-in-two-groups');
    const bad = await s.owner.post('/api/v1/merchant/shipping-templates', { ...TEMPLATE, remoteProvinces: ['火星'] });
    expect(bad.status).toBe(400);
    expect((await s.owner.get('/api/v1/merchant/shipping-templates')).body.items).toEqual([]);
    const other = await shop(t);
    const mine = await s.owner.post('/api/v1/merchant/shipping-templates', TEMPLATE);
    expect((await other.owner.put(`/api/v1/merchant/shipping-templates/${mine.body.id}`, TEMPLATE)).status).toBe(404);
  });
});

async function paid() {
  const s = await shop(t, { price: 3000 });
  const me = await buyer(t);
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
  await payCheckout(t, checkout.checkoutId);
  return { ...s, me, orderId: checkout.orders[0]!.id };
}

const push = (param: object, sign?: string) => {
  const text = JSON.stringify(param);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/logistics/kuaidi100/callback',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ param: text, sign: sign ?? kuaidi100Sign(text, SALT) }).toString(),
  });
};
const scans = (nu: string, state: string, data: { context: string; ftime: string; status: string }[]) => ({
  status: 'polling',
  message: '',
  lastResult: { message: 'ok', com: 'shunfeng', nu, state, ischeck: state === '3' ? '1' : '0', data },
});

describe('courier waybills and the 快递100 tracking feed', () => {
  it('refuses a waybill that cannot be the carrier’s, and subscribes the valid one at 快递100', async () => {
    const o = await paid();
    const wrong = await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
      carrier: '顺丰速运',
      trackingNo: 'YT1234567890123',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'body.trackingNo' });
    expect(wrong.body.errors[0].message).toContain('SF + 13 位数字');
    const carriers = await o.owner.get('/api/v1/merchant/carriers');
    expect(carriers.body.items).toEqual(
      expect.arrayContaining([
        '顺丰速运',
        '中通快递',
        '圆通速递',
        '韵达快递',
        '申通快递',
        '极兔速递',
        '京东物流',
        'EMS',
        '中国邮政',
      ]),
    );

    const ok = await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
      carrier: '顺丰速运',
      trackingNo: 'sf2000000000001',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.logistics.trackingNo).toBe('SF2000000000001');
    await t.drain();
    expect(subscribed).toContainEqual({
      company: 'shunfeng',
      number: 'SF2000000000001',
      callbackurl: 'https://shop.example.com/api/v1/logistics/kuaidi100/callback',
    });
  });

  it('keeps a shipment whose subscription failed while 快递100 was down, and subscribes on the retry', async () => {
    const o = await paid();
    down = true;
    await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
      carrier: '顺丰速运',
      trackingNo: 'SF2000000000002',
    });
    await t.drain();
    expect(subscribed.some((s) => s.number === 'SF2000000000002')).toBe(false);
    expect((await o.owner.get(`/api/v1/merchant/orders/${o.orderId}`)).body.status).toBe('shipped');
    // The order.shipped handler threw, so the outbox keeps the event and retries it (platform/events.ts back-off);
    // the retry is the same handler run again once 快递100 answers.
    await expect(
      t.deps.database.db.transaction((tx) =>
        subscribeTracking(tx, t.deps, { orderId: o.orderId, carrier: '顺丰速运', trackingNo: 'SF2000000000002' }),
      ),
    ).rejects.toThrow(TrackingUnavailable);
    down = false;
    await t.deps.database.db.transaction((tx) =>
      subscribeTracking(tx, t.deps, { orderId: o.orderId, carrier: '顺丰速运', trackingNo: 'SF2000000000002' }),
    );
    expect(subscribed.some((s) => s.number === 'SF2000000000002')).toBe(true);
  });

  it('turns signed pushes into 已揽收/运输中/派送中/已签收 on the timeline; 已签收 brings auto-confirm forward', async () => {
    const o = await paid();
    const nu = 'SF2000000000003';
    await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, { carrier: '顺丰速运', trackingNo: nu });
    await t.drain();
    const before = (await o.me.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(before.logistics).toMatchObject({ source: 'kuaidi100', nodes: [] });

    const collected = { context: '顺丰速运 已收取快件', ftime: '2026-11-20 11:00:00', status: '揽收' };
    const moving = { context: '快件到达【杭州转运中心】', ftime: '2026-11-20 20:00:00', status: '在途' };
    const out = { context: '快件交给张师傅，正在派送途中', ftime: '2026-11-21 09:00:00', status: '派件' };
    const signed = { context: '快件已签收，签收人：本人', ftime: '2026-11-21 12:00:00', status: '签收' };
    for (const [state, data] of [
      ['1', [collected]],
      ['0', [moving, collected]],
      ['5', [out, moving, collected]],
    ] as const) {
      const res = await push(scans(nu, state, [...data]));
      expect(res.json()).toEqual({ result: true, returnCode: '200', message: '成功' });
    }
    await t.drain();
    const mid = (await o.me.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(mid.logistics.statusLabel).toBe('派送中');
    expect(mid.logistics.nodes.map((n: { text: string }) => n.text)).toEqual([
      out.context,
      moving.context,
      collected.context,
    ]);
    const shippedConfirmAt = mid.autoConfirmAt;

    // The same push twice: stored once, one timeline entry, one event.
    const final = scans(nu, '3', [signed, out, moving, collected]);
    await push(final);
    await push(final);
    await t.drain();
    const after = (await o.me.get(`/api/v1/orders/${o.orderId}`)).body;
    const tracking = after.timeline.filter((e: { type: string }) => e.type === 'tracking');
    expect(tracking.map((e: { data: { label: string } }) => e.data.label)).toEqual([
      '已揽收',
      '运输中',
      '派送中',
      '已签收',
    ]);
    expect(after.logistics.nodes).toHaveLength(4);
    // Signed 2026-11-21 12:00 Beijing (04:00Z) + 3 days, sooner than 10 days after shipping.
    expect(after.autoConfirmAt).toBe('2026-11-24T04:00:00.000Z');
    expect(after.autoConfirmAt < shippedConfirmAt).toBe(true);
    t.clock.advanceDays(5);
    await t.runJobs();
    expect((await o.me.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('delivered');
  });

  it('rejects tampered or unsigned pushes and changes nothing', async () => {
    const o = await paid();
    const nu = 'SF2000000000004';
    await o.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, { carrier: '顺丰速运', trackingNo: nu });
    await t.drain();
    const body = scans(nu, '3', [{ context: '快件已签收', ftime: '2026-11-21 12:00:00', status: '签收' }]);
    const sign = kuaidi100Sign(JSON.stringify(body), SALT);
    const tampered = await push({ ...body, lastResult: { ...body.lastResult, nu: 'SF2000000000003' } }, sign);
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().type).toBe('bad-signature');
    expect((await push(body, kuaidi100Sign(JSON.stringify(body), 'another-salt-0123456789'))).statusCode).toBe(401);
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/api/v1/logistics/kuaidi100/callback',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ param: JSON.stringify(body) }).toString(),
    });
    expect(unsigned.statusCode).toBe(401);
    await t.drain();
    const order = (await o.me.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order.logistics.nodes).toEqual([]);
    expect(order.timeline.some((e: { type: string }) => e.type === 'tracking')).toBe(false);
  });
});
