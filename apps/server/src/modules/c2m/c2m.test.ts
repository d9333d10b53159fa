import { describe, expect, it, vi } from 'vitest';
import { operator, product } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { claim, createTemplate, MERCHANT_TEMPLATES, myCoupons } from '../../../test/coupon-factories.ts';
import { type Buyer, buyer, merchant, placeOrder } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { newId } from '../../platform/ids.ts';

const t = await createTestApp();
vi.setConfig({ testTimeout: 120_000 });
const admin = await operator(t);
const idem = () => ({ idempotencyKey: newId('idem') });
const DAY = 86_400_000;
let waybill = 0;

/** A shop whose product sells 经典黑 from stock and makes 雾霾蓝 to order, with a supplier and a warehouse. */
async function c2mShop() {
  const { merchantId, owner } = await merchant(t, `C2M店${newId('x').slice(-6)}`);
  const p = await product(t, owner, merchantId, {
    title: '轻量羽绒服',
    categoryId: 'cat_skincare',
    specs: [{ name: '颜色', values: ['经典黑', '雾霾蓝'] }],
    skus: [
      { specValues: { 颜色: '经典黑' }, price: 39900, stock: 50 },
      { specValues: { 颜色: '雾霾蓝' }, price: 39900, stock: 0 },
    ],
  });
  const house = await owner.post('/api/v1/merchant/supply/warehouses', { name: '杭州仓', province: '浙江省' });
  expect(house.status, JSON.stringify(house.body)).toBe(201);
  const supplier = await owner.post('/api/v1/merchant/supply/suppliers', {
    name: `羽绒服工厂${newId('x').slice(-4)}`,
    origin: '浙江省嘉兴市',
    factoryDirect: true,
    leadTimeDays: 20,
  });
  expect(supplier.status, JSON.stringify(supplier.body)).toBe(201);
  return {
    merchantId,
    owner,
    productId: p.productId,
    stockSkuId: p.skuIds[0]!,
    presaleSkuId: p.skuIds[1]!,
    warehouseId: house.body.id as string,
    supplierId: supplier.body.id as string,
  };
}
type Shop = Awaited<ReturnType<typeof c2mShop>>;

async function presale(s: Shop, opts: { minBatch: number; price?: number; deadlineDays?: number }) {
  const now = t.clock.now().getTime();
  const res = await s.owner.post('/api/v1/merchant/c2m/presales', {
    skuId: s.presaleSkuId,
    price: opts.price ?? 29900,
    minBatch: opts.minBatch,
    targetPercent: 120,
    deadline: new Date(now + (opts.deadlineDays ?? 7) * DAY).toISOString(),
    deliverBy: new Date(now + ((opts.deadlineDays ?? 7) + 7) * DAY).toISOString(),
    supplierId: s.supplierId,
    warehouseId: s.warehouseId,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; targetQty: number };
}

async function back(who: Buyer, presaleId: string, qty: number, benefits: Record<string, unknown> = {}) {
  const q = await who.post(`/api/v1/c2m/presales/${presaleId}/quote`, { qty, addressId: who.addressId, ...benefits });
  expect(q.status, JSON.stringify(q.body)).toBe(200);
  const res = await who.post(
    `/api/v1/c2m/presales/${presaleId}/pledges`,
    { qty, addressId: who.addressId, expectedAmount: q.body.amount, ...benefits },
    idem(),
  );
  return res;
}

async function backAndPay(who: Buyer, presaleId: string, qty: number, benefits: Record<string, unknown> = {}) {
  const res = await back(who, presaleId, qty, benefits);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await payThroughSandbox(t, who, res.body.checkoutId);
  return res.body as { pledgeId: string; orderId: string; amount: number };
}

/** The deadline job and the refunds it asks for, as the job runner would run them once the clock passes. */
async function passDeadline(days = 7.1) {
  t.clock.advanceHours(days * 24);
  await t.runJobs();
  await t.runJobs();
  await t.drain();
}

const presaleOf = async (id: string) => (await admin.get(`/api/v1/c2m/presales/${id}`)).body;

describe('demand pool and design voting', () => {
  it('one vote per person per proposal, undo gives it back, the pool sorts by votes', async () => {
    const [a, b, c] = [await buyer(t), await buyer(t), await buyer(t)];
    const mk = async (title: string) => {
      const res = await a.post('/api/v1/c2m/proposals', { categoryId: 'cat_skincare', title, variant: '雾霾蓝 / L' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const coat = await mk('雾霾蓝轻量羽绒服');
    const tea = await mk('低糖桂花乌龙');
    for (const who of [a, b])
      expect((await who.put(`/api/v1/c2m/proposals/${tea}/vote`)).body.voteCount).toBeGreaterThan(0);
    // Voting twice counts once.
    await c.put(`/api/v1/c2m/proposals/${coat}/vote`);
    const again = await c.put(`/api/v1/c2m/proposals/${coat}/vote`);
    expect(again.body).toMatchObject({ voteCount: 1, votedByMe: true });
    // Concurrent double-clicks from one person still count once.
    await Promise.all([1, 2, 3].map(() => b.put(`/api/v1/c2m/proposals/${coat}/vote`)));
    const pool = (await c.get('/api/v1/c2m/proposals?categoryId=cat_skincare')).body.items;
    expect(pool.filter((p: any) => p.id === coat || p.id === tea).map((p: any) => p.voteCount)).toEqual([2, 2]);
    expect(pool.find((p: any) => p.id === coat)).toMatchObject({ voteCount: 2, votedByMe: true });
    // Undo gives the vote back; undoing twice changes nothing.
    await c.delete(`/api/v1/c2m/proposals/${coat}/vote`);
    const undone = await c.delete(`/api/v1/c2m/proposals/${coat}/vote`);
    expect(undone.body).toMatchObject({ voteCount: 1, votedByMe: false });
    const sorted = (await c.get('/api/v1/c2m/proposals?categoryId=cat_skincare')).body.items.map(
      (p: any) => p.voteCount,
    );
    expect(sorted).toEqual([...sorted].sort((x: number, y: number) => y - x));
    // Bad input: a Chinese problem, nothing written.
    const bad = await a.post('/api/v1/c2m/proposals', { categoryId: 'cat_nope', title: '不存在的类目' });
    expect(bad.status).toBe(422);
    expect(bad.body.title).toBe('类目不存在');
    // Merchants see it grouped by category, busiest first.
    const s = await merchant(t, `看需求店${newId('x').slice(-6)}`);
    const demand = (await s.owner.get('/api/v1/merchant/c2m/demand')).body.items;
    const cat = demand.find((d: any) => d.categoryId === 'cat_skincare');
    expect(cat.proposals.find((p: any) => p.id === coat).voteCount).toBe(1);
    expect((await a.get('/api/v1/merchant/c2m/demand')).status).toBe(403);
  });

  it('design vote: 2–6 options, one ballot each, counts hidden until it closes, then the winner', async () => {
    const s = await c2mShop();
    const closesAt = new Date(t.clock.now().getTime() + DAY).toISOString();
    const one = await s.owner.post('/api/v1/merchant/c2m/design-votes', {
      title: '羽绒服新配色',
      categoryId: 'cat_skincare',
      closesAt,
      options: [{ label: '雾霾蓝' }],
    });
    expect(one.status).toBe(400);
    const made = await s.owner.post('/api/v1/merchant/c2m/design-votes', {
      title: '羽绒服新配色',
      categoryId: 'cat_skincare',
      closesAt,
      options: [{ label: '雾霾蓝' }, { label: '燕麦白' }, { label: '松石绿' }],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const [blue, oat] = made.body.options;
    const voters = [await buyer(t), await buyer(t), await buyer(t)];
    for (const [i, who] of voters.entries()) {
      const cast = await who.post(`/api/v1/c2m/design-votes/${made.body.id}/ballot`, {
        optionId: i < 2 ? blue.id : oat.id,
      });
      expect(cast.status, JSON.stringify(cast.body)).toBe(200);
      expect(cast.body.options.every((o: any) => o.votes === null)).toBe(true);
      expect(cast.body.winnerOptionId).toBeNull();
    }
    const twice = await voters[0]!.post(`/api/v1/c2m/design-votes/${made.body.id}/ballot`, { optionId: oat.id });
    expect(twice.status).toBe(409);
    expect(twice.body.type).toBe('already-voted');
    // Too early to turn into a pre-sale.
    const early = await s.owner.post('/api/v1/merchant/c2m/presales', {
      skuId: s.presaleSkuId,
      designVoteId: made.body.id,
      price: 29900,
      minBatch: 10,
      targetPercent: 120,
      deadline: new Date(t.clock.now().getTime() + 3 * DAY).toISOString(),
      deliverBy: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
      supplierId: s.supplierId,
      warehouseId: s.warehouseId,
    });
    expect(early.status).toBe(422);

    t.clock.advanceHours(25);
    const late = await (await buyer(t)).post(`/api/v1/c2m/design-votes/${made.body.id}/ballot`, { optionId: oat.id });
    expect(late.body.type).toBe('design-vote-closed');
    const result = (await s.owner.get('/api/v1/merchant/c2m/design-votes')).body.items[0];
    expect(result.options.map((o: any) => [o.label, o.votes])).toEqual([
      ['雾霾蓝', 2],
      ['燕麦白', 1],
      ['松石绿', 0],
    ]);
    expect(result.winnerOptionId).toBe(blue.id);
    const fromWinner = await s.owner.post('/api/v1/merchant/c2m/presales', {
      skuId: s.presaleSkuId,
      designVoteId: made.body.id,
      price: 29900,
      minBatch: 10,
      targetPercent: 120,
      deadline: new Date(t.clock.now().getTime() + 3 * DAY).toISOString(),
      deliverBy: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
      supplierId: s.supplierId,
      warehouseId: s.warehouseId,
    });
    expect(fromWinner.status, JSON.stringify(fromWinner.body)).toBe(201);
    expect(fromWinner.body).toMatchObject({ title: '羽绒服新配色：雾霾蓝', targetQty: 12 });
  });
});

describe('crowdfunded pre-sale', () => {
  it('funded past its target at the deadline: a production order goes to the supplier and the orders may ship', async () => {
    const s = await c2mShop();
    const p = await presale(s, { minBatch: 5 }); // target 6
    expect(p.targetQty).toBe(6);
    const buyers = [await buyer(t), await buyer(t), await buyer(t)];
    const pledges = [];
    for (const who of buyers) pledges.push(await backAndPay(who, p.id, 2));
    // Dual track: the in-stock colour sells from stock as usual, the pre-sale colour never touched the catalog stock.
    const stockOrder = await placeOrder(t, buyers[0]!, [{ skuId: s.stockSkuId, qty: 1 }]);
    await payThroughSandbox(t, buyers[0]!, stockOrder.checkoutId);
    const productPage = (await buyers[0]!.get(`/api/v1/products/${s.productId}`)).body;
    expect(productPage.skus.map((k: any) => k.stock)).toEqual([49, 0]);
    const live = (await buyers[0]!.get(`/api/v1/products/${s.productId}/presales`)).body.items[0];
    expect(live).toMatchObject({ paidQty: 6, targetQty: 6, progressPercent: 100, backers: 3, live: true });
    // Held until the pre-sale is decided.
    const early = await s.owner.post(`/api/v1/merchant/orders/${pledges[0]!.orderId}/ship`, {
      carrier: '顺丰速运',
      trackingNo: `SF${String(1_000_000_000_000 + ++waybill)}`,
    });
    expect(early.body.type).toBe('ship-held');

    await passDeadline();
    const done = await presaleOf(p.id);
    expect(done).toMatchObject({ status: 'succeeded', paidQty: 6 });
    const po = (await s.owner.get(`/api/v1/merchant/supply/purchase-orders/${done.poId}`)).body;
    expect(po).toMatchObject({ status: 'sent', supplierId: s.supplierId });
    expect(po.lines.map((l: any) => [l.skuId, l.qtyOrdered, l.presoldQty])).toEqual([[s.presaleSkuId, 6, 6]]);
    // The batch arrives pre-sold: nothing becomes sellable, and the journal still sums to on-hand.
    const rcv = await s.owner.post(
      `/api/v1/merchant/supply/purchase-orders/${po.id}/receipts`,
      {
        lines: [
          { poLineId: po.lines[0].id, qty: 6, batchNo: 'YR-01', producedOn: t.clock.now().toISOString().slice(0, 10) },
        ],
      },
      idem(),
    );
    expect(rcv.status, JSON.stringify(rcv.body)).toBe(200);
    const stock = (await s.owner.get('/api/v1/merchant/supply/stock')).body.items;
    expect(stock.map((i: any) => [i.skuId, i.sellable, i.onHand])).toEqual([
      [s.stockSkuId, 49, 49],
      [s.presaleSkuId, 0, 0],
    ]);
    const shipped = await s.owner.post(`/api/v1/merchant/orders/${pledges[0]!.orderId}/ship`, {
      carrier: '顺丰速运',
      trackingNo: `SF${String(1_000_000_000_000 + ++waybill)}`,
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    await t.drain();

    // Past the promised date: the shipped buyer sees no notice; the one still waiting may refund in full.
    t.clock.advanceHours(7 * 24);
    const mine = (await buyers[1]!.get('/api/v1/c2m/presales/mine')).body.items[0];
    expect(mine).toMatchObject({ status: 'paid', late: true });
    expect((await buyers[0]!.get('/api/v1/c2m/presales/mine')).body.items[0].late).toBe(false);
    const refused = await buyers[0]!.post(`/api/v1/c2m/pledges/${pledges[0]!.pledgeId}/late-refund`);
    expect(refused.body.type).toBe('not-refundable');
    const refund = await buyers[1]!.post(`/api/v1/c2m/pledges/${mine.id}/late-refund`);
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    await t.runJobs();
    await t.drain();
    const order = (await buyers[1]!.get(`/api/v1/orders/${mine.orderId}`)).body;
    expect(order).toMatchObject({ status: 'closed', refundedAmount: order.payAmount });
    expect((await buyers[1]!.get('/api/v1/c2m/presales/mine')).body.items[0]).toMatchObject({
      status: 'refunded',
      refundReason: 'late',
    });
    expect((await admin.get('/api/v1/admin/reconciliation')).body.ok).toBe(true);
    // The operator sees every merchant's campaigns.
    const all = (await admin.get('/api/v1/merchant/c2m/presales')).body.items;
    expect(all.find((x: any) => x.id === p.id)).toMatchObject({ status: 'succeeded', merchantId: s.merchantId });
  });

  it('below target at the deadline: every buyer refunded through the provider, coupon and points back, ledger balanced', async () => {
    const s = await c2mShop();
    const p = await presale(s, { minBatch: 10 }); // target 12
    const [withCoupon, plain, unpaid] = [await buyer(t), await buyer(t), await buyer(t)];
    const tpl = await createTemplate(t, s.owner, MERCHANT_TEMPLATES, { thresholdAmount: 20000, discountAmount: 3000 });
    const coupon = await claim(withCoupon, tpl.id);
    const points = async () => (await withCoupon.get('/api/v1/points/me')).body.balance as number;
    const before = await points();
    const a = await backAndPay(withCoupon, p.id, 1, { couponIds: [coupon.id] });
    expect(a.amount).toBe(29900 - 3000);
    expect((await myCoupons(withCoupon, 'used')).items.map((x) => x.id)).toEqual([coupon.id]);
    expect(await points()).toBeGreaterThan(before);
    const b = await backAndPay(plain, p.id, 3);
    const pending = await back(unpaid, p.id, 1);
    expect(pending.status).toBe(201);

    await passDeadline();
    const failed = await presaleOf(p.id);
    expect(failed).toMatchObject({ status: 'failed', paidQty: 4, poId: null });
    for (const [who, orderId] of [
      [withCoupon, a.orderId],
      [plain, b.orderId],
    ] as const) {
      const order = (await who.get(`/api/v1/orders/${orderId}`)).body;
      expect(order).toMatchObject({ status: 'closed', refundedAmount: order.payAmount });
      const refunds = (await who.get(`/api/v1/orders/${orderId}/refunds`)).body.items;
      expect(refunds.map((r: any) => [r.status, r.amount])).toEqual([['completed', order.payAmount]]);
      expect((await who.get('/api/v1/c2m/presales/mine')).body.items[0]).toMatchObject({
        status: 'refunded',
        refundReason: 'failed',
      });
    }
    expect((await unpaid.get(`/api/v1/orders/${pending.body.orderId}`)).body.status).toBe('cancelled');
    expect((await myCoupons(withCoupon, 'available')).items.map((x) => x.id)).toEqual([coupon.id]);
    expect(await points()).toBe(before);
    // Nothing was made, so nothing went on sale.
    expect((await plain.get(`/api/v1/products/${s.productId}`)).body.skus[1].stock).toBe(0);
    const report = (await admin.get('/api/v1/admin/reconciliation')).body;
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // Closed to new buyers.
    const closed = await back(await buyer(t), p.id, 1);
    expect([409, 422]).toContain(closed.status);
  });

  it('the deadline job waits for the injected clock and decides once', async () => {
    const s = await c2mShop();
    const p = await presale(s, { minBatch: 1, deadlineDays: 2 }); // target 2
    await backAndPay(await buyer(t), p.id, 2);
    t.clock.advanceHours(47);
    await t.runJobs();
    expect((await presaleOf(p.id)).status).toBe('funding');
    t.clock.advanceHours(2);
    await t.runJobs();
    await t.runJobs();
    const decided = await presaleOf(p.id);
    expect(decided.status).toBe('succeeded');
    const pos = (await s.owner.get('/api/v1/merchant/supply/purchase-orders')).body.items;
    expect(pos.filter((x: any) => x.id === decided.poId)).toHaveLength(1);
    expect(pos).toHaveLength(1);
  });

  it('concurrent buyers at the target boundary are all counted exactly once', async () => {
    const s = await c2mShop();
    const p = await presale(s, { minBatch: 5 }); // target 6
    const first = await buyer(t);
    await backAndPay(first, p.id, 5);
    const racers = await Promise.all([1, 2, 3, 4].map(() => buyer(t)));
    const placed = await Promise.all(racers.map((who) => back(who, p.id, 1)));
    for (const res of placed) expect(res.status, JSON.stringify(res.body)).toBe(201);
    await Promise.all(racers.map((who, i) => payThroughSandbox(t, who, placed[i]!.body.checkoutId)));
    await t.drain();
    expect(await presaleOf(p.id)).toMatchObject({ paidQty: 9, backers: 5, progressPercent: 150 });
    await passDeadline();
    const done = await presaleOf(p.id);
    const po = (await s.owner.get(`/api/v1/merchant/supply/purchase-orders/${done.poId}`)).body;
    expect(po.lines[0]).toMatchObject({ qtyOrdered: 9, presoldQty: 9 });
  });

  it('refuses bad pre-sale settings with a Chinese problem and creates nothing', async () => {
    const s = await c2mShop();
    const now = t.clock.now().getTime();
    const bad = await s.owner.post('/api/v1/merchant/c2m/presales', {
      skuId: s.presaleSkuId,
      price: 29900,
      minBatch: 10,
      targetPercent: 120,
      deadline: new Date(now + 7 * DAY).toISOString(),
      deliverBy: new Date(now + 3 * DAY).toISOString(),
      supplierId: s.supplierId,
      warehouseId: s.warehouseId,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toBe('承诺发货日期须晚于预售截止时间');
    expect((await s.owner.get('/api/v1/merchant/c2m/presales')).body.items).toEqual([]);
  });
});
