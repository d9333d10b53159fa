import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeAlipay, FakeWechatPay } from '../../../test/fake-providers.ts';
import { operator, staffWithRoles } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop } from '../../../test/order-factories.ts';
import { accountBalance, checkLedgerBalance, postJournal } from '../../platform/ledger.ts';
import { TransferRefused } from '../../platform/payment-provider.ts';
import { ledgerJournals } from '../../platform/schema.ts';
import { compensationTransfers } from './schema.ts';
import { MANUAL_PAYOUTS_ACCOUNT } from './stuck-transfers.ts';
import { requestCompensationTransfer, transferRequestNo } from './transfers.ts';

// 假一赔十 payouts through the real adapters, each talking to its local fake (keys generated per file): the
// request is signed, the answer verified, the payee is the account that paid the order, and a retry never pays twice.
const alipay = await FakeAlipay.start();
const wechat = await FakeWechatPay.start();
const t = await createTestApp({
  PAYMENT_PROVIDERS: 'alipay,wechatpay,sandbox',
  PUBLIC_URL: 'https://shop.example.com',
  PAYMENT_PROVIDER_RETRY_DELAY_MS: '0',
  ...alipay.env(),
  ...wechat.env(),
});
afterAll(async () => {
  await alipay.stop();
  await wechat.stop();
});
const db = t.deps.database.db;
const admin = await operator(t);
const FUND = 'platform:guarantee-fund';

async function paidOrder(method: 'alipay' | 'wechatpay', opts: { buyerId?: string; openid?: string } = {}) {
  const s = await shop(t, { price: 9900 });
  const me = await buyer(t);
  const c = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
  const created = await me.post('/api/v1/payments', { checkoutId: c.checkoutId, method });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const paymentId = created.body.paymentId as string;
  if (method === 'alipay') {
    alipay.buyerPays(created.body.payUrl);
    const body = alipay.notification(paymentId, opts.buyerId ? { buyer_id: opts.buyerId } : {});
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/callbacks/alipay',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: body,
    });
    expect(res.body).toBe('success');
  } else {
    wechat.buyerPays(paymentId);
    const n = wechat.notification(paymentId, {
      timestamp: Math.floor(t.clock.now().getTime() / 1000),
      ...(opts.openid ? { openid: opts.openid } : {}),
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/callbacks/wechatpay',
      headers: n.headers,
      payload: n.body,
    });
    expect(res.statusCode).toBe(204);
  }
  await t.drain();
  return { me, orderId: c.orders[0]!.id };
}

/** What trust does on a 假一赔十 approval: the fund owes the consumer, and a transfer is asked for in the same transaction. */
async function owe(userId: string, orderId: string, amount: number) {
  const refId = `tenfold:test-${orderId}`;
  const payable = `trust-compensation:${userId}`;
  const view = await db.transaction(async (tx) => {
    await postJournal(tx, {
      kind: 'test.compensation-owed',
      refId,
      memo: '假一赔十（测试）',
      at: t.clock.now(),
      lines: [
        { account: FUND, amount },
        { account: payable, amount: -amount },
      ],
    });
    return requestCompensationTransfer(t.deps, tx, {
      refId,
      userId,
      amount,
      memo: '假一赔十（理赔单 test）',
      debitAccount: payable,
      at: t.clock.now(),
      orderId,
    });
  });
  return { transferId: view.transferId, payable };
}

const row = async (id: string) =>
  (await db.select().from(compensationTransfers).where(eq(compensationTransfers.id, id)))[0]!;
const journals = async (kind: string, refId: string) =>
  (
    await db
      .select()
      .from(ledgerJournals)
      .where(and(eq(ledgerJournals.kind, kind), eq(ledgerJournals.refId, refId)))
  ).length;
const balanced = async () => {
  const ledger = await checkLedgerBalance(db);
  expect(ledger.total).toBe(0);
  expect(ledger.unbalanced).toEqual([]);
};
const stuck = async () => (await admin.get('/api/v1/admin/compensation-transfers/stuck')).body;

describe('Alipay transfers (alipay.fund.trans.uni.transfer)', () => {
  it('pays the buyer account that paid the order once, also when the first answer was lost', async () => {
    const { me, orderId } = await paidOrder('alipay', { buyerId: '2088000011112222' });
    const { transferId, payable } = await owe(me.userId, orderId, 99_000);
    expect((await row(transferId)).provider).toBe('alipay');
    // The gateway moves the money but the answer is lost: the adapter asks again with the same out_biz_no.
    alipay.loseAnswers = 1;
    await t.runJobs();
    const requestNo = transferRequestNo({ id: transferId, generation: 0 });
    expect(requestNo).toMatch(/^[0-9A-Za-z]+$/);
    expect(alipay.transfers.get(requestNo)).toMatchObject({
      amount: 99_000,
      identity: '2088000011112222',
      identityType: 'ALIPAY_USER_ID',
    });
    expect(alipay.transfers.size).toBe(1);
    expect(alipay.calls.filter((m) => m === 'alipay.fund.trans.uni.transfer')).toHaveLength(2);
    expect(await row(transferId)).toMatchObject({ status: 'completed', attempts: 1, lastError: null });
    await t.runJobs();
    expect(await journals('compensation-transfer', transferId)).toBe(1);
    expect(await accountBalance(db, payable)).toBe(0);
    await balanced();

    // The same out_biz_no with other content is the gateway's PAYMENT_INFO_INCONSISTENCY, a refusal.
    const err = await t.deps.payments.get('alipay')!.transfer!({
      requestNo,
      userId: me.userId,
      amount: 1,
      memo: 'x',
      payeeAccount: '2088000011112222',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransferRefused);
    expect((err as TransferRefused).code).toBe('PAYMENT_INFO_INCONSISTENCY');
  });

  it('a refused payee fails the transfer; after the fix the retry uses a new out_biz_no and the ledger balances', async () => {
    const { me, orderId } = await paidOrder('alipay', { buyerId: '2088000033334444' });
    alipay.unknownPayees.add('2088000033334444');
    const { transferId, payable } = await owe(me.userId, orderId, 50_000);
    await t.runJobs();
    expect(await row(transferId)).toMatchObject({ status: 'failed', generation: 0 });
    expect((await row(transferId)).lastError).toContain('收款账号不存在');
    expect(await accountBalance(db, payable)).toBe(-50_000);
    const listed = (await stuck()).items.find((i: { transferId: string }) => i.transferId === transferId);
    expect(listed).toMatchObject({ status: 'failed', provider: 'alipay', amount: 50_000, attempts: 1 });
    await balanced();

    alipay.unknownPayees.delete('2088000033334444');
    const retried = await admin.post(`/api/v1/admin/compensation-transfers/${transferId}/retry`, {});
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.requestNo).toBe(`${transferRequestNo({ id: transferId, generation: 0 })}R1`);
    await t.runJobs();
    expect(await row(transferId)).toMatchObject({ status: 'completed', attempts: 2 });
    expect(alipay.transfers.get(retried.body.requestNo)).toMatchObject({ amount: 50_000 });
    expect(await accountBalance(db, payable)).toBe(0);
    expect(await journals('compensation-transfer', transferId)).toBe(1);
    expect((await stuck()).items.some((i: { transferId: string }) => i.transferId === transferId)).toBe(false);
    const again = await admin.post(`/api/v1/admin/compensation-transfers/${transferId}/retry`, {});
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('transfer-completed');
    await balanced();
  });
});

describe('WeChat Pay transfers (商家转账到零钱)', () => {
  it('sends a signed batch to the payer openid, waits while it processes, completes once it is paid', async () => {
    const { me, orderId } = await paidOrder('wechatpay', { openid: 'oPayer_wx_0001' });
    const { transferId, payable } = await owe(me.userId, orderId, 12_300);
    await t.runJobs();
    const no = transferRequestNo({ id: transferId, generation: 0 });
    expect(wechat.transferBatches.get(no)).toMatchObject({ amount: 12_300, openid: 'oPayer_wx_0001', outDetailNo: no });
    expect(await row(transferId)).toMatchObject({ status: 'pending', attempts: 1 });
    // Still processing a minute later: asked again (GET first, so no second batch), nothing paid yet.
    t.clock.advanceMinutes(1);
    await t.runJobs();
    expect(await row(transferId)).toMatchObject({ status: 'pending', attempts: 2 });
    expect(wechat.calls.filter((c) => c === 'POST /v3/transfer/batches')).toHaveLength(1);
    wechat.settleTransfers();
    t.clock.advanceMinutes(2);
    await t.runJobs();
    expect(await row(transferId)).toMatchObject({ status: 'completed', attempts: 3 });
    expect(await accountBalance(db, payable)).toBe(0);
    await balanced();
  });

  it('fail → retry → success: a provider outage past 30 minutes is listed, retried with the same number', async () => {
    const { me, orderId } = await paidOrder('wechatpay', { openid: 'oPayer_wx_0002' });
    wechat.down = true;
    const { transferId, payable } = await owe(me.userId, orderId, 8_800);
    await t.runJobs();
    expect(await row(transferId)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row(transferId)).lastError).toContain('微信支付暂时无法处理');
    expect((await stuck()).items.some((i: { transferId: string }) => i.transferId === transferId)).toBe(false);
    t.clock.advanceMinutes(31);
    const listed = (await stuck()).items.find((i: { transferId: string }) => i.transferId === transferId);
    expect(listed).toMatchObject({ status: 'pending', provider: 'wechatpay', amount: 8_800, ageMinutes: 31 });
    expect(listed.lastError).toContain('微信支付暂时无法处理');
    // The 先行赔付 desk's 24 h dashboard counts it.
    const desk = async () => (await admin.get('/api/v1/admin/compensation-claims')).body.stuckTransfers as number;
    expect(await desk()).toBe(1);
    await balanced();

    wechat.down = false;
    const retried = await admin.post(`/api/v1/admin/compensation-transfers/${transferId}/retry`, {});
    expect(retried.body.requestNo).toBe(transferRequestNo({ id: transferId, generation: 0 }));
    await t.runJobs();
    wechat.settleTransfers();
    await admin.post(`/api/v1/admin/compensation-transfers/${transferId}/retry`, {});
    await t.runJobs();
    expect(await row(transferId)).toMatchObject({ status: 'completed' });
    expect(wechat.transferBatches.size).toBeGreaterThan(0);
    expect([...wechat.transferBatches.values()].filter((b) => b.openid === 'oPayer_wx_0002')).toHaveLength(1);
    expect(await desk()).toBe(0);
    expect(await accountBalance(db, payable)).toBe(0);
    await balanced();
  });

  it('a frozen 零钱 fails with its reason; ¥2,000 and more is refused and paid by hand with a note', async () => {
    const frozen = await paidOrder('wechatpay', { openid: 'oFrozen_wx' });
    wechat.frozenOpenids.add('oFrozen_wx');
    const a = await owe(frozen.me.userId, frozen.orderId, 6_600);
    await t.runJobs();
    wechat.settleTransfers();
    t.clock.advanceMinutes(1);
    await t.runJobs();
    expect(await row(a.transferId)).toMatchObject({ status: 'failed' });
    expect((await row(a.transferId)).lastError).toContain('零钱账户已冻结');

    const big = await paidOrder('wechatpay', { openid: 'oBig_wx' });
    const b = await owe(big.me.userId, big.orderId, 250_000);
    await t.runJobs();
    expect(await row(b.transferId)).toMatchObject({ status: 'failed' });
    expect((await row(b.transferId)).lastError).toContain('须填写收款人实名');
    expect(wechat.transferBatches.has(transferRequestNo({ id: b.transferId, generation: 0 }))).toBe(false);

    const short = await admin.post(`/api/v1/admin/compensation-transfers/${b.transferId}/manual-payment`, {
      note: '好',
    });
    expect(short.status).toBe(400);
    const manualBefore = await accountBalance(db, MANUAL_PAYOUTS_ACCOUNT);
    const paid = await admin.post(`/api/v1/admin/compensation-transfers/${b.transferId}/manual-payment`, {
      note: '对公转账至买家银行卡，回单号 HZ20261207001',
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(await row(b.transferId)).toMatchObject({
      status: 'completed',
      manualNote: '对公转账至买家银行卡，回单号 HZ20261207001',
      manualBy: admin.userId,
    });
    expect(await accountBalance(db, b.payable)).toBe(0);
    expect((await accountBalance(db, MANUAL_PAYOUTS_ACCOUNT)) - manualBefore).toBe(-250_000);
    const twice = await admin.post(`/api/v1/admin/compensation-transfers/${b.transferId}/manual-payment`, {
      note: '再次标记',
    });
    expect(twice.status).toBe(409);
    // A later run of the job finds it completed and asks nobody.
    t.clock.advanceHours(2);
    await t.runJobs();
    expect(await journals('compensation-transfer', b.transferId)).toBe(0);
    await balanced();
  });

  it('only finance staff see and act on stuck transfers', async () => {
    const { me } = await paidOrder('wechatpay');
    expect((await me.get('/api/v1/admin/compensation-transfers/stuck')).status).toBe(403);
    const support = await staffWithRoles(t, ['operator', 'support'], '客服');
    expect((await support.post('/api/v1/admin/compensation-transfers/trf_x/retry', {})).status).toBe(403);
    expect(
      (await support.post('/api/v1/admin/compensation-transfers/trf_x/manual-payment', { note: '人工打款测试' }))
        .status,
    ).toBe(403);
    expect((await admin.post('/api/v1/admin/compensation-transfers/trf_missing/retry', {})).status).toBe(404);
  });
});
