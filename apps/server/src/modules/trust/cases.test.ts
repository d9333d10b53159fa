import { describe, expect, it } from 'vitest';
import { operator, product } from '../../../test/factories.ts';
import { sandboxPaidOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { LIVE, liveShop, scheduled, VALID_ID_NUMBER, verifyRealName } from '../../../test/live-factories.ts';
import { signIn } from '../../../test/order-factories.ts';
import { accountBalance, checkLedgerBalance } from '../../platform/ledger.ts';
import { getMerchantCreditScore } from '../catalog/api.ts';
import { depositAccounts } from './deposits.ts';

const t = await createTestApp();
const ops = await operator(t);
const db = t.deps.database.db;
const IMG = '/media/u/00000000/evidence.png';
const HOUR = 3_600_000;

/** A home-goods shop opened through admission, its ¥3,000 deposit held. */
async function shopWithDeposit() {
  const applicant = await signIn(t);
  const app = await applicant.post('/api/v1/merchant-applications', {
    entityType: 'individual',
    shopName: '小林家居',
    categoryId: 'cat_home',
    licenceName: '杭州市西湖区小林家居用品店',
    creditCode: '91310000775785552L',
    licenceImageUrl: IMG,
    licenceValidUntil: null,
    licencePermanent: true,
    qualifications: [],
    legalRep: { name: '林小', idNumber: VALID_ID_NUMBER },
    bank: { bankName: '农业银行', accountHolder: '林小', accountNumber: '6228480012345678' },
  });
  const approved = await ops.post(`/api/v1/admin/merchant-applications/${app.body.id}/decision`, {
    decision: 'approve',
  });
  const merchantId = approved.body.merchantId as string;
  await ops.post(`/api/v1/admin/merchants/${merchantId}/deposit/transfers`, { amount: 300_000, reference: 'CMB-1' });
  return { merchantId, owner: applicant };
}

describe('complaints: first response within 2 hours', () => {
  it('escalates at the deadline, not before; the answer stops the clock; an upheld outcome costs credit', async () => {
    const order = await sandboxPaidOrder(t);
    const filed = await order.buyer.post('/api/v1/complaints', {
      orderId: order.orderId,
      productId: order.productId,
      category: 'not-as-described',
      description: '收到的面霜与详情页写的容量不符',
      images: [IMG],
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(new Date(filed.body.respondBy).getTime() - t.clock.now().getTime()).toBe(2 * HOUR);
    const id = filed.body.id as string;

    // Bad input and other people's orders change nothing.
    expect(
      (await order.buyer.post('/api/v1/complaints', { orderId: order.orderId, category: 'quality', description: '短' }))
        .status,
    ).toBe(400);
    const stranger = await signIn(t);
    const notMine = await stranger.post('/api/v1/complaints', {
      orderId: order.orderId,
      category: 'quality',
      description: '别人的订单也想投诉',
    });
    expect(notMine.status).toBe(404);
    expect((await stranger.get(`/api/v1/complaints/${id}`)).status).toBe(404);
    expect((await order.buyer.get('/api/v1/admin/complaints')).status).toBe(403);

    t.clock.advance(2 * HOUR - 60_000);
    await t.runJobs();
    expect((await order.buyer.get(`/api/v1/complaints/${id}`)).body).toMatchObject({
      overdue: false,
      escalatedAt: null,
    });
    t.clock.advance(60_000);
    await t.runJobs();
    const late = (await ops.get(`/api/v1/complaints/${id}`)).body;
    expect(late.overdue).toBe(true);
    expect(late.escalatedAt).not.toBeNull();
    expect(late.history.map((h: { action: string }) => h.action)).toEqual(['filed', 'escalated']);
    expect((await ops.get('/api/v1/admin/complaints')).body.items.map((c: { id: string }) => c.id)).toContain(id);

    const answered = await ops.post(`/api/v1/admin/complaints/${id}/actions`, {
      action: 'respond',
      message: '已联系商家核实',
    });
    expect(answered.body).toMatchObject({ status: 'responded', overdue: false });
    const resolved = await ops.post(`/api/v1/admin/complaints/${id}/actions`, {
      action: 'resolve',
      outcome: 'upheld',
      message: '商家描述与实物不符，投诉成立',
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'upheld' });
    expect(await getMerchantCreditScore(db, order.merchantId)).toBe(96);
    const mine = (await order.buyer.get(`/api/v1/complaints/${id}`)).body;
    expect(mine.history.at(-1)).toMatchObject({ action: 'resolved-upheld', by: 'operator', actorId: null });
    expect(
      (await ops.post(`/api/v1/admin/complaints/${id}/actions`, { action: 'respond', message: '再回复' })).body.type,
    ).toBe('complaint-resolved');
  });

  it('an answer within the 2 hours never escalates', async () => {
    const order = await sandboxPaidOrder(t);
    const { body } = await order.buyer.post('/api/v1/complaints', {
      orderId: order.orderId,
      category: 'shipping',
      description: '下单三天了还没发货',
    });
    t.clock.advance(HOUR);
    await ops.post(`/api/v1/admin/complaints/${body.id}/actions`, { action: 'respond', message: '已催促商家今日发货' });
    t.clock.advance(2 * HOUR);
    await t.runJobs();
    expect((await order.buyer.get(`/api/v1/complaints/${body.id}`)).body).toMatchObject({
      escalatedAt: null,
      overdue: false,
    });
  });
});

describe('先行赔付 within 24 hours', () => {
  it('pays the consumer from the guarantee fund, recovers from the deposit, and balances the ledger', async () => {
    const shop = await shopWithDeposit();
    // A bedding product: within the shop's home-goods qualification, so the daily patrol (it runs as the clock
    // passes 00:30 Beijing time) finds nothing and the score moves by the compensation alone.
    const sheet = await product(t, shop.owner, shop.merchantId, { title: '全棉四件套', categoryId: 'cat_bedding' });
    const order = await sandboxPaidOrder(t, { merchant: shop, product: sheet });
    const url = '/api/v1/compensation-claims';
    const tooMuch = await order.buyer.post(url, {
      orderId: order.orderId,
      reason: 'not-as-described',
      amount: 9901,
      description: '实物与描述严重不符',
    });
    expect(tooMuch.body.type).toBe('amount-exceeds-paid');
    const claim = await order.buyer.post(url, {
      orderId: order.orderId,
      reason: 'merchant-unresponsive',
      amount: 9900,
      description: '申请退货后商家两天不处理',
      images: [IMG],
    });
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    expect(new Date(claim.body.payBy).getTime() - t.clock.now().getTime()).toBe(24 * HOUR);
    expect(
      (
        await order.buyer.post(url, {
          orderId: order.orderId,
          reason: 'counterfeit',
          amount: 100,
          description: '再申请一次试试',
        })
      ).body.type,
    ).toBe('claim-open');
    const queue = (await ops.get('/api/v1/admin/compensation-claims')).body.items;
    expect(queue.map((c: { id: string }) => c.id)).toContain(claim.body.id);

    t.clock.advance(23 * HOUR);
    const decided = await ops.post(`/api/v1/admin/compensation-claims/${claim.body.id}/decision`, {
      decision: 'approve',
      note: '商家超时未处理售后，平台先行赔付',
    });
    expect(decided.body).toMatchObject({ status: 'paying', approved: 9900, recovered: 9900 });
    expect(await getMerchantCreditScore(db, shop.merchantId)).toBe(90);
    await t.runJobs();
    const paid = (await order.buyer.get(`${url}/${claim.body.id}`)).body;
    expect(paid.status).toBe('paid');
    expect(new Date(paid.paidAt).getTime()).toBeLessThanOrEqual(new Date(paid.payBy).getTime());
    expect(paid.history.map((h: { action: string }) => h.action)).toEqual(['claimed', 'approved', 'recovered', 'paid']);
    const refunds = (await order.buyer.get(`/api/v1/orders/${order.orderId}/refunds`)).body.items;
    expect(refunds).toEqual([expect.objectContaining({ amount: 9900, status: 'completed' })]);

    // The fund paid 9900 and got 9900 back from the deposit; the deposit holds 9900 less.
    expect(await accountBalance(db, depositAccounts.guaranteeFund)).toBe(0);
    expect(-(await accountBalance(db, depositAccounts.deposit(shop.merchantId)))).toBe(300_000 - 9900);
    const deposit = (await shop.owner.get('/api/v1/merchant/deposit')).body;
    expect(deposit.movements[0]).toMatchObject({ kind: 'recovery', amount: -9900 });
    const ledger = await checkLedgerBalance(db);
    expect(ledger.total).toBe(0);
    expect(ledger.unbalanced).toEqual([]);
    // The merchant sees the deduction and why.
    const credit = (await shop.owner.get('/api/v1/merchant/credit')).body;
    expect(credit.score).toBe(90);
    expect(credit.components.find((c: { key: string }) => c.key === 'compensation')).toMatchObject({ points: -10 });
  });

  it('a refused claim moves no money; a deciding twice is refused', async () => {
    const order = await sandboxPaidOrder(t);
    const claim = await order.buyer.post('/api/v1/compensation-claims', {
      orderId: order.orderId,
      reason: 'counterfeit',
      amount: 5000,
      description: '怀疑是假货，包装印刷模糊',
    });
    const before = await accountBalance(db, depositAccounts.guaranteeFund);
    const url = `/api/v1/admin/compensation-claims/${claim.body.id}/decision`;
    expect((await order.buyer.post(url, { decision: 'approve', note: '自己批准自己' })).status).toBe(403);
    expect((await ops.post(url, { decision: 'reject', note: '经鉴定为正品，附检测报告' })).body.status).toBe(
      'rejected',
    );
    expect((await ops.post(url, { decision: 'approve', note: '改判' })).body.type).toBe('claim-decided');
    expect(await accountBalance(db, depositAccounts.guaranteeFund)).toBe(before);
    expect(await getMerchantCreditScore(db, order.merchantId)).toBe(100);
  });
});

describe('live streaming is refused below the credit threshold', () => {
  it('four compensations and a suspension-level record take the computed score under 60', async () => {
    const s = await liveShop(t);
    const id = await scheduled(t, s);
    await verifyRealName(s);
    for (let i = 0; i < 4; i++) {
      const order = await sandboxPaidOrder(t, { merchant: s, product: s.products[0]! });
      const claim = await order.buyer.post('/api/v1/compensation-claims', {
        orderId: order.orderId,
        reason: 'lost-in-delivery',
        amount: 1000,
        description: '快递显示签收但未收到',
      });
      await ops.post(`/api/v1/admin/compensation-claims/${claim.body.id}/decision`, {
        decision: 'approve',
        note: '快递丢件，先行赔付',
      });
    }
    expect(await getMerchantCreditScore(db, s.merchantId)).toBe(60);
    expect((await s.owner.get(`${LIVE}/qualification`)).body).toMatchObject({ creditScore: 60, canStart: true });
    await ops.post(`/api/v1/admin/merchants/${s.merchantId}/penalties`, { kind: 'warning', reason: '多次丢件未改善' });
    expect(await getMerchantCreditScore(db, s.merchantId)).toBe(58);
    const refused = await s.owner.post(`${LIVE}/sessions/${id}/start`);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('credit-score-low');
    expect(refused.body.detail).toContain('58');
  });
});
