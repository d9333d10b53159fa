import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/http.ts';
import { buyer, type Buyer, placeOrder, shop } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { accountBalance, checkLedgerBalance } from '../../platform/ledger.ts';
import { outboxEvents } from '../../platform/schema.ts';
import { recordDonations, type PaidOrder } from './donations.ts';
import { certificateNoOf, reversedPartOf } from './rules.ts';

const t = await createTestApp();
const db = t.deps.database.db;
type Shop = Awaited<ReturnType<typeof shop>>;
// The clock moves past the return window here, so each test signs its operator in afresh.
let admin: Awaited<ReturnType<typeof operator>>;
beforeEach(async () => {
  admin = await operator(t);
});

async function project(title = '乡村小学图书角') {
  const res = await admin.post('/api/v1/admin/charity/projects', {
    title,
    organization: '好物公益测试机构',
    description: '为乡村小学建设班级图书角（测试数据）',
    targetPoints: 100_000,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A shop whose product donates `amountPerItem` per item to a new project. */
async function pledgedShop(amountPerItem = 100, price = 3300) {
  const s = await shop(t, { title: '公益助农大米 5kg', price });
  const projectId = await project();
  const res = await s.owner.put(`/api/v1/merchant/products/${s.productId}/charity`, { projectId, amountPerItem });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { s, projectId };
}

async function buy(s: Shop, qty: number, who?: Buyer) {
  const me = who ?? (await buyer(t));
  const checkout = await placeOrder(t, me, [{ skuId: s.skuId, qty }]);
  await payThroughSandbox(t, me, checkout.checkoutId);
  await t.drain();
  const order = checkout.orders[0]!;
  return { me, orderId: order.id, lineId: order.lines[0]!.id, payAmount: order.payAmount };
}

async function refundOne(s: Shop, o: { me: Buyer; orderId: string; lineId: string }, qty: number) {
  const req = await o.me.post('/api/v1/after-sales', {
    orderId: o.orderId,
    lineId: o.lineId,
    qty,
    type: 'refund_only',
    reasonCode: 'no_reason',
    description: '买多了',
    images: [],
  });
  expect(req.status, JSON.stringify(req.body)).toBe(201);
  expect((await s.owner.post(`/api/v1/merchant/after-sales/${req.body.id}/approve`)).status).toBe(200);
  await t.runJobs();
  await t.drain();
}

async function completeOrder(s: Shop, o: { me: Buyer; orderId: string }) {
  const shipped = await s.owner.post(`/api/v1/merchant/orders/${o.orderId}/ship`, {
    carrier: '顺丰速运',
    trackingNo: 'SF1234567890123',
  });
  expect(shipped.status).toBe(200);
  expect((await o.me.post(`/api/v1/orders/${o.orderId}/confirm-receipt`)).status).toBe(200);
  await t.drain();
  t.clock.advanceDays(8);
  await t.runJobs();
  await t.drain();
}

const raised = (projectId: string) => accountBalance(db, `charity:${projectId}`).then((b) => 0 - b);
async function booksBalance() {
  const ledger = await checkLedgerBalance(db);
  expect([ledger.total, ledger.unbalanced]).toEqual([0, []]);
  const report = (await admin.get('/api/v1/admin/reconciliation')).body;
  expect(report.problems).toEqual([]);
}
const anon = new Client(t);

describe('a paid order of a charity product', () => {
  it('journals the pledge × qty from the merchant to the project, once, and shows it on the public ledger', async () => {
    const { s, projectId } = await pledgedShop(100);
    const o = await buy(s, 3);
    expect(await raised(projectId)).toBe(300);
    const finance = (await s.owner.get('/api/v1/merchant/finance')).body;
    expect(finance).toMatchObject({ pending: o.payAmount - 300, available: 0 });
    expect(finance.recent.map((e: { kindLabel: string }) => e.kindLabel)).toContain('公益商品捐赠');

    // The outbox delivers at least once: the same order.paid handled again donates nothing more.
    const paidEvents = await db.select().from(outboxEvents).where(eq(outboxEvents.type, 'order.paid'));
    const payload = paidEvents.find((e) => (e.payload as { orderId?: string }).orderId === o.orderId)!
      .payload as PaidOrder;
    await db.transaction((tx) => recordDonations(tx, payload, t.clock.now()));
    await db.transaction((tx) => recordDonations(tx, payload, t.clock.now()));
    expect(await raised(projectId)).toBe(300);

    const totals = (await anon.get('/api/v1/charity/money')).body.items;
    expect(totals.find((p: { projectId: string }) => p.projectId === projectId)).toEqual({
      projectId,
      raisedAmount: 300,
      donations: 1,
      buyers: 1,
    });
    const ledger = (await anon.get(`/api/v1/charity/projects/${projectId}/sales`)).body;
    expect(ledger).toMatchObject({ projectId, raisedAmount: 300, donations: 1, buyers: 1, nextCursor: null });
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0]).toMatchObject({ productTitle: '公益助农大米 5kg', qty: 3, amount: 300, reversedAmount: 0 });
    // The buyer's nickname is masked: first and last character only.
    expect(ledger.items[0].buyer).toMatch(/^.\*\*\*.$|^\*$/);
    await booksBalance();
  });

  it('donates nothing for products without a pledge, or once the project has closed', async () => {
    const { s, projectId } = await pledgedShop(100);
    const plain = await shop(t);
    await buy(plain, 2);
    expect((await admin.patch(`/api/v1/admin/charity/projects/${projectId}`, { active: false })).status).toBe(200);
    expect((await anon.get(`/api/v1/products/${s.productId}/charity`)).body).toEqual({ pledge: null });
    await buy(s, 1);
    expect(await raised(projectId)).toBe(0);
    expect((await anon.get(`/api/v1/charity/projects/${projectId}/sales`)).body.items).toEqual([]);
  });
});

describe('refunds reverse the donation in proportion', () => {
  it('a one-of-three refund takes back a third; settlement leaves the merchant net of the rest', async () => {
    const { s, projectId } = await pledgedShop(100, 3300);
    const o = await buy(s, 3);
    await refundOne(s, o, 1);
    expect(await raised(projectId)).toBe(200);
    const [cert] = (await o.me.get(`/api/v1/orders/${o.orderId}/charity-certificates`)).body.items;
    expect(cert).toMatchObject({ amount: 300, reversedAmount: 100, netAmount: 200, status: 'partly-refunded' });
    await booksBalance();

    await completeOrder(s, o);
    expect(await raised(projectId)).toBe(200);
    const finance = (await s.owner.get('/api/v1/merchant/finance')).body;
    expect(finance).toMatchObject({ pending: 0, available: o.payAmount - 3300 - 200 });
    // Replayed refund events change nothing: the sync is cumulative.
    await t.drain();
    expect(await raised(projectId)).toBe(200);
    expect((await anon.get('/api/v1/charity/money')).body.items).toContainEqual({
      projectId,
      raisedAmount: 200,
      donations: 1,
      buyers: 1,
    });
    await booksBalance();
  });

  it('a full refund reverses all of it, voids the certificate and drops it from the counts', async () => {
    const { s, projectId } = await pledgedShop(150, 5000);
    const o = await buy(s, 2);
    expect(await raised(projectId)).toBe(300);
    await refundOne(s, o, 2);
    expect(await raised(projectId)).toBe(0);
    const [cert] = (await o.me.get(`/api/v1/orders/${o.orderId}/charity-certificates`)).body.items;
    expect(cert).toMatchObject({ netAmount: 0, status: 'void' });
    const ledger = (await anon.get(`/api/v1/charity/projects/${projectId}/sales`)).body;
    expect(ledger).toMatchObject({ raisedAmount: 0, donations: 0, buyers: 0 });
    expect(ledger.items[0]).toMatchObject({ amount: 300, reversedAmount: 300 });
    // Nothing is left to settle: the order closed with its last refund.
    expect((await s.owner.get('/api/v1/merchant/finance')).body.pending).toBe(o.payAmount - 2 * 5000);
    await booksBalance();
  });

  it('splits a partial refund so a full one takes exactly all of it', () => {
    expect(reversedPartOf(300, 9900, 3300)).toBe(100);
    expect(reversedPartOf(100, 3000, 1000)).toBe(34);
    expect(reversedPartOf(100, 3000, 3000)).toBe(100);
    expect(reversedPartOf(100, 3000, 0)).toBe(0);
  });
});

describe('donation certificates', () => {
  it('only the buyer sees theirs: on the order page and by id', async () => {
    const { s, projectId } = await pledgedShop(100);
    const o = await buy(s, 2);
    const list = (await o.me.get(`/api/v1/orders/${o.orderId}/charity-certificates`)).body.items;
    expect(list).toHaveLength(1);
    const cert = list[0];
    expect(cert).toMatchObject({
      orderId: o.orderId,
      productTitle: '公益助农大米 5kg',
      qty: 2,
      amountPerItem: 100,
      amount: 200,
      netAmount: 200,
      status: 'valid',
      project: { id: projectId, title: '乡村小学图书角', organization: '好物公益测试机构' },
    });
    expect(cert.certificateNo).toBe(certificateNoOf(cert.id, new Date(cert.donatedAt)));
    expect(cert.certificateNo).toMatch(/^GY\d{8}-[0-9A-Z]{10}$/);
    expect((await o.me.get(`/api/v1/me/charity-certificates/${cert.id}`)).body).toEqual(cert);

    const stranger = await buyer(t);
    const theirs = await stranger.get(`/api/v1/me/charity-certificates/${cert.id}`);
    expect([theirs.status, theirs.body.title]).toEqual([404, '捐赠证书不存在']);
    expect((await stranger.get(`/api/v1/orders/${o.orderId}/charity-certificates`)).body.items).toEqual([]);
    expect((await s.owner.get(`/api/v1/me/charity-certificates/${cert.id}`)).status).toBe(404);
    expect((await anon.get(`/api/v1/me/charity-certificates/${cert.id}`)).status).toBe(401);
    expect((await anon.get(`/api/v1/orders/${o.orderId}/charity-certificates`)).status).toBe(401);
  });
});

describe('setting up a charity product', () => {
  it('refuses bad input in Chinese and changes nothing', async () => {
    const s = await shop(t, { price: 990 });
    const projectId = await project();
    const url = `/api/v1/merchant/products/${s.productId}/charity`;
    for (const [amountPerItem, message] of [
      [0, '每件捐赠金额至少 ¥0.01'],
      [10_001, '每件捐赠金额最多 ¥100'],
      [1.5, '每件捐赠金额须精确到分'],
    ] as const) {
      const res = await s.owner.put(url, { projectId, amountPerItem });
      expect([res.status, res.body.title, res.body.detail]).toEqual([400, '请求参数有误', message]);
    }
    const noProject = await s.owner.put(url, { projectId: '', amountPerItem: 100 });
    expect([noProject.status, noProject.body.detail]).toEqual([400, '请选择公益项目']);
    const unknown = await s.owner.put(url, { projectId: 'chp_nope', amountPerItem: 100 });
    expect([unknown.status, unknown.body.type, unknown.body.title]).toEqual([
      422,
      'project-unavailable',
      '该公益项目不存在或已结束募捐',
    ]);
    const tooMuch = await s.owner.put(url, { projectId, amountPerItem: 1000 });
    expect([tooMuch.status, tooMuch.body.type, tooMuch.body.detail]).toEqual([
      422,
      'pledge-exceeds-price',
      '本商品最低售价 ¥9.90',
    ]);
    const closed = await project('已结束的项目');
    await admin.patch(`/api/v1/admin/charity/projects/${closed}`, { active: false });
    expect((await s.owner.put(url, { projectId: closed, amountPerItem: 100 })).body.type).toBe('project-unavailable');
    expect((await s.owner.get(url)).body).toEqual({ pledge: null });

    // Another shop's product is not found; a consumer may not set one at all.
    const other = await shop(t);
    expect((await other.owner.put(url, { projectId, amountPerItem: 100 })).status).toBe(404);
    expect((await (await buyer(t)).put(url, { projectId, amountPerItem: 100 })).status).toBe(403);
    expect((await s.owner.get(url)).body).toEqual({ pledge: null });
  });

  it('sets, changes and removes the pledge; the product page shows the badge while it stands', async () => {
    const s = await shop(t, { price: 9900 });
    const projectId = await project();
    const url = `/api/v1/merchant/products/${s.productId}/charity`;
    expect((await s.owner.put(url, { projectId, amountPerItem: 100 })).body.pledge).toMatchObject({
      projectId,
      projectTitle: '乡村小学图书角',
      amountPerItem: 100,
      projectActive: true,
    });
    expect((await s.owner.put(url, { projectId, amountPerItem: 200 })).body.pledge.amountPerItem).toBe(200);
    expect((await anon.get(`/api/v1/products/${s.productId}/charity`)).body.pledge).toMatchObject({
      projectTitle: '乡村小学图书角',
      amountPerItem: 200,
    });
    expect((await s.owner.delete(url)).status).toBe(204);
    expect((await anon.get(`/api/v1/products/${s.productId}/charity`)).body).toEqual({ pledge: null });
    const o = await buy(s, 1);
    expect((await o.me.get(`/api/v1/orders/${o.orderId}/charity-certificates`)).body.items).toEqual([]);
  });
});
