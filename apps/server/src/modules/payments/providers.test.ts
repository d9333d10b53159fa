import { generateKeyPairSync } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeAlipay, FakeWechatPay } from '../../../test/fake-providers.ts';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop } from '../../../test/order-factories.ts';
import { loadConfig, StartupError } from '../../config.ts';
import { ledgerJournals, outboxEvents } from '../../platform/schema.ts';
import { reconcileBill } from './bill-reconcile.ts';
import { parseAlipayAccountBill, parseWechatTradeBill } from './bills.ts';
import { requestRefund } from './refunds.ts';
import { refunds } from './schema.ts';

// One app with all three providers, each real one talking to its local fake (keys generated here).
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
const reconciled = async () => (await admin.get('/api/v1/admin/reconciliation')).body.ok as boolean;
const journals = async (kind: string, refId: string) =>
  (
    await db
      .select()
      .from(ledgerJournals)
      .where(and(eq(ledgerJournals.kind, kind), eq(ledgerJournals.refId, refId)))
  ).length;
const now = () => Math.floor(t.clock.now().getTime() / 1000);

async function checkout(price = 15700) {
  const s = await shop(t, { price });
  const me = await buyer(t);
  const c = await placeOrder(t, me, [{ skuId: s.skuId, qty: 1 }]);
  return { me, merchantId: s.merchantId, checkoutId: c.checkoutId, orderId: c.orders[0]!.id, amount: c.amount };
}

const postAlipay = (body: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/payments/callbacks/alipay',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    payload: body,
  });
const postWechat = (n: { headers: Record<string, string>; body: string }) =>
  t.app.inject({ method: 'POST', url: '/api/v1/payments/callbacks/wechatpay', headers: n.headers, payload: n.body });

describe('configuration', () => {
  it('offers only the configured methods, sandbox alone by default, and names what a real provider lacks', async () => {
    const { me } = await checkout();
    expect((await me.get('/api/v1/payments/methods')).body.items.map((m: { method: string }) => m.method)).toEqual([
      'alipay',
      'wechatpay',
      'sandbox',
    ]);
    expect(loadConfig({}).PAYMENT_PROVIDERS).toEqual(['sandbox']);
    expect(() => loadConfig({ PAYMENT_PROVIDERS: 'alipay' })).toThrow(StartupError);
    expect(() => loadConfig({ PAYMENT_PROVIDERS: 'alipay' })).toThrow(/ALIPAY_APP_ID[\s\S]*ALIPAY_PUBLIC_KEY/);
    expect(() => loadConfig({ PAYMENT_PROVIDERS: 'paypal' })).toThrow(/未知的支付渠道 paypal/);
    const res = await me.post('/api/v1/payments', { checkoutId: 'x', method: 'unionpay' });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('payment-method-unavailable');
  });
});

describe('Alipay', () => {
  it('signs the wap.pay redirect, captures once on its RSA2 notification, and refuses forgeries and wrong amounts', async () => {
    const c = await checkout(15700);
    const created = await c.me.post('/api/v1/payments', { checkoutId: c.checkoutId, method: 'alipay' });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ method: 'alipay', status: 'pending', amount: c.amount });
    expect(created.body.payUrl).toContain(alipay.url);
    expect(created.body.payUrl).toContain('method=alipay.trade.wap.pay');
    const paymentId = created.body.paymentId as string;
    // The buyer's browser takes the signed URL to the gateway, which checks our signature and the amount in yuan.
    const paid = alipay.buyerPays(created.body.payUrl);
    expect(paid).toEqual({
      outTradeNo: paymentId,
      totalAmount: (c.amount / 100).toFixed(2),
      notifyUrl: 'https://shop.example.com/api/v1/payments/callbacks/alipay',
    });

    // Forged: signed with a key that is not Alipay's.
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect((await postAlipay(alipay.notification(paymentId, {}, stranger))).statusCode).toBe(401);
    // Tampered: a genuine notification whose amount was edited afterwards.
    const genuine = alipay.notification(paymentId);
    expect((await postAlipay(genuine.replace(/total_amount=[^&]+/, 'total_amount=0.01'))).statusCode).toBe(401);
    // Correctly signed but for another amount: refused, and finance is told.
    const wrong = await postAlipay(alipay.notification(paymentId, { total_amount: '0.01' }));
    expect(wrong.statusCode).toBe(422);
    expect(JSON.parse(wrong.body).type).toBe('callback-mismatch');
    const alerts = await db.select().from(outboxEvents).where(eq(outboxEvents.type, 'payment.callback-mismatched'));
    expect(alerts.map((a) => a.payload)).toContainEqual(
      expect.objectContaining({ paymentId, expectedAmount: c.amount, reportedAmount: 1 }),
    );
    expect((await c.me.get(`/api/v1/orders/${c.orderId}`)).body.status).toBe('pending_payment');

    const ok = await postAlipay(genuine);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('success');
    // Alipay repeats a notification until it reads success: the repeat changes nothing.
    expect((await postAlipay(genuine)).body).toBe('success');
    expect((await postAlipay(alipay.notification(paymentId))).body).toBe('success');
    await t.drain();
    expect(await journals('payment.captured', paymentId)).toBe(1);
    expect((await c.me.get(`/api/v1/orders/${c.orderId}`)).body.status).toBe('paid');
    expect(await reconciled()).toBe(true);

    // A refund goes to alipay.trade.refund; a system error there is retried with the same out_request_no.
    alipay.failNext = 1;
    const refund = await db.transaction((tx) =>
      requestRefund(tx, {
        orderId: c.orderId,
        merchantId: c.merchantId,
        amount: 5000,
        refId: `test:${paymentId}`,
        reason: '买家申请退款',
        at: t.clock.now(),
      }),
    );
    expect(refund.ok).toBe(true);
    await t.runJobs();
    const [row] = await db
      .select()
      .from(refunds)
      .where(eq(refunds.refId, `test:${paymentId}`));
    expect(row).toMatchObject({ status: 'completed', providerRefundRef: row!.id });
    expect([...alipay.trades.get(paymentId)!.refunds.values()]).toEqual([5000]);
    expect(alipay.calls.filter((m) => m === 'alipay.trade.refund')).toHaveLength(2);
    expect(await reconciled()).toBe(true);
  });

  it('finds a payment whose notification has not arrived when the buyer comes back', async () => {
    const c = await checkout(2990);
    const created = await c.me.post('/api/v1/payments', { checkoutId: c.checkoutId, method: 'alipay' });
    expect((await c.me.get(`/api/v1/payments/${created.body.paymentId}`)).body.status).toBe('pending');
    alipay.buyerPays(created.body.payUrl);
    expect((await c.me.get(`/api/v1/payments/${created.body.paymentId}`)).body.status).toBe('succeeded');
    await t.drain();
    expect((await c.me.get(`/api/v1/orders/${c.orderId}`)).body.status).toBe('paid');
  });
});

describe('WeChat Pay', () => {
  it('creates an H5 charge with a signed request, and applies one verified, decrypted notification once', async () => {
    const c = await checkout(8800);
    const created = await c.me.post('/api/v1/payments', { checkoutId: c.checkoutId, method: 'wechatpay' });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const paymentId = created.body.paymentId as string;
    expect(created.body.payUrl).toMatch(/^https:\/\/wx\.tenpay\.com\/.*prepay_id=wx/);
    expect(decodeURIComponent(created.body.payUrl)).toContain(
      `redirect_url=https://shop.example.com/pay/${c.checkoutId}/result?payment=${paymentId}`,
    );
    expect(wechat.trades.get(paymentId)).toMatchObject({ total: c.amount, state: 'NOTPAY' });
    wechat.buyerPays(paymentId);

    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = wechat.notification(paymentId, { timestamp: now(), signWith: stranger });
    expect((await postWechat(forged)).statusCode).toBe(401);
    const stale = wechat.notification(paymentId, { timestamp: now() - 3600 });
    expect((await postWechat(stale)).statusCode).toBe(401);
    const otherKey = wechat.notification(paymentId, { timestamp: now(), apiV3Key: 'x'.repeat(32) });
    expect((await postWechat(otherKey)).statusCode).toBe(401);
    const genuine = wechat.notification(paymentId, { timestamp: now() });
    const tampered = { ...genuine, body: genuine.body.replace('支付成功', '支付失败') };
    expect((await postWechat(tampered)).statusCode).toBe(401);
    const wrongAmount = await postWechat(wechat.notification(paymentId, { timestamp: now(), total: c.amount - 1 }));
    expect(wrongAmount.statusCode).toBe(422);

    expect((await postWechat(genuine)).statusCode).toBe(204);
    expect((await postWechat(genuine)).statusCode).toBe(204);
    await t.drain();
    expect(await journals('payment.captured', paymentId)).toBe(1);
    expect((await c.me.get(`/api/v1/orders/${c.orderId}`)).body.status).toBe('paid');

    // WeChat Pay refunds asynchronously: PROCESSING keeps the refund pending, the job asks again later.
    const refund = await db.transaction((tx) =>
      requestRefund(tx, {
        orderId: c.orderId,
        merchantId: c.merchantId,
        amount: c.amount,
        refId: `test:${paymentId}`,
        reason: '买家申请退款',
        at: t.clock.now(),
      }),
    );
    expect(refund.ok).toBe(true);
    await t.runJobs();
    const pending = await db
      .select()
      .from(refunds)
      .where(eq(refunds.refId, `test:${paymentId}`));
    expect(pending[0]!.status).toBe('pending');
    wechat.settleRefunds();
    t.clock.advance(60_000);
    await t.runJobs();
    const [done] = await db
      .select()
      .from(refunds)
      .where(eq(refunds.refId, `test:${paymentId}`));
    expect(done!.status).toBe('completed');
    expect(wechat.calls.filter((x) => x === 'POST /v3/refund/domestic/refunds')).toHaveLength(1);
    expect(await reconciled()).toBe(true);
  });

  it('when WeChat Pay is down: a clear error, nothing charged, and the order is paid with Alipay instead', async () => {
    const c = await checkout(4500);
    const first = await c.me.post('/api/v1/payments', { checkoutId: c.checkoutId, method: 'alipay' });
    const closes = alipay.calls.filter((m) => m === 'alipay.trade.close').length;
    wechat.down = true;
    const before = wechat.calls.length;
    const res = await c.me.post('/api/v1/payments', { checkoutId: c.checkoutId, method: 'wechatpay' });
    wechat.down = false;
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      type: 'payment-provider-unavailable',
      title: '微信支付暂时无法使用，请稍后再试或选择其他支付方式',
    });
    expect(wechat.calls.length - before).toBe(3);
    expect((await c.me.get(`/api/v1/orders/${c.orderId}`)).body.status).toBe('pending_payment');

    // The Alipay payment opened before is untouched (not closed there) and is the one the buyer now pays.
    expect(alipay.calls.filter((m) => m === 'alipay.trade.close').length).toBe(closes);
    const created = await c.me.post('/api/v1/payments', { checkoutId: c.checkoutId, method: 'alipay' });
    expect(created.status).toBe(200);
    expect(created.body.paymentId).toBe(first.body.paymentId);
    alipay.buyerPays(created.body.payUrl);
    expect((await postAlipay(alipay.notification(created.body.paymentId))).body).toBe('success');
    await t.drain();
    expect((await c.me.get(`/api/v1/orders/${c.orderId}`)).body.status).toBe('paid');
  });

  it('switching method closes the first charge at its provider; money still paid to it is refunded whole', async () => {
    const c = await checkout(6600);
    const first = await c.me.post('/api/v1/payments', { checkoutId: c.checkoutId, method: 'wechatpay' });
    const second = await c.me.post('/api/v1/payments', { checkoutId: c.checkoutId, method: 'alipay' });
    expect(second.body.paymentId).not.toBe(first.body.paymentId);
    expect(wechat.trades.get(first.body.paymentId)!.state).toBe('CLOSED');
    alipay.buyerPays(second.body.payUrl);
    expect((await postAlipay(alipay.notification(second.body.paymentId))).body).toBe('success');
    await t.drain();
    expect((await c.me.get(`/api/v1/payments/${first.body.paymentId}`)).body.status).toBe('failed');
    expect((await c.me.get(`/api/v1/orders/${c.orderId}`)).body.status).toBe('paid');
  });
});

/** GBK bytes for a fixture, built from the platform's own GBK decoder (Alipay bills are GBK). */
function gbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

const y = (fen: number) => (fen / 100).toFixed(2);

function alipayBill(
  rows: { kind: 'pay' | 'refund' | 'fee'; id: string; fen: number }[],
  footer?: { income: number; expense: number },
) {
  const income = rows.filter((r) => r.kind === 'pay');
  const expense = rows.filter((r) => r.kind !== 'pay');
  const sum = (rs: typeof rows) => rs.reduce((a, r) => a + r.fen, 0);
  return gbk(
    [
      '#支付宝账务明细查询',
      '#账号：[20881234567890120156]',
      '#起始日期：[2026年11月25日 00:00:00]   终止日期：[2026年11月26日 00:00:00]',
      '#-----------------------------------------账务明细列表----------------------------------------',
      '账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,交易渠道,业务类型,备注',
      ...rows.map(
        (r, i) =>
          `2026112520001${i}\t,2026112522001${i}\t,${r.id}\t,好物订单, 面霜\t,2026-11-25 09:30:0${i}\t,buyer***@163.com\t,${r.kind === 'pay' ? `+${y(r.fen)}` : '0.00'}\t,${r.kind === 'pay' ? '0.00' : `-${y(r.fen)}`}\t,100.00\t,支付宝\t,${r.kind === 'pay' ? '在线支付' : r.kind === 'refund' ? '交易退款' : '收费'}\t,\t`,
      ),
      '#-----------------------------------------账务明细列表结束------------------------------------',
      `#支出合计：${expense.length}笔，共-${y(footer?.expense ?? sum(expense))}元`,
      `#收入合计：${income.length}笔，共${y(footer?.income ?? sum(income))}元`,
      '#导出时间：[2026年11月26日 09:00:00]',
    ].join('\r\n'),
  );
}

function wechatBill(rows: { kind: 'pay' | 'refund'; id: string; refundId?: string; fen: number }[]) {
  const head =
    '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
  const line = (r: (typeof rows)[number]) =>
    [
      '2026-11-25 09:30:00',
      wechat.appId,
      wechat.mchId,
      '0',
      '',
      `4200002${r.id.slice(-8)}`,
      r.id,
      'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      'MWEB',
      r.kind === 'pay' ? 'SUCCESS' : 'REFUND',
      'CMB_DEBIT',
      'CNY',
      r.kind === 'pay' ? y(r.fen) : '0.00',
      '0.00',
      r.kind === 'refund' ? '50300000001' : '0',
      r.refundId ?? '0',
      r.kind === 'refund' ? y(r.fen) : '0.00',
      '0.00',
      r.kind === 'refund' ? 'ORIGINAL' : '',
      r.kind === 'refund' ? 'SUCCESS' : '',
      '好物订单,面霜',
      '',
      '0.00000',
      '0.60%',
      r.kind === 'pay' ? y(r.fen) : '0.00',
      r.kind === 'refund' ? y(r.fen) : '0.00',
      '',
    ]
      .map((c) => `\`${c}`)
      .join(',');
  const pays = rows.filter((r) => r.kind === 'pay').reduce((a, r) => a + r.fen, 0);
  const refundsTotal = rows.filter((r) => r.kind === 'refund').reduce((a, r) => a + r.fen, 0);
  return [
    head,
    ...rows.map(line),
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
    [rows.length, y(pays), y(refundsTotal), '0.00', '0.00000', y(pays), y(refundsTotal)].map((c) => `\`${c}`).join(','),
    '',
  ].join('\r\n');
}

describe("reconciliation with the providers' daily bills", () => {
  it('matches a day of Alipay and WeChat Pay bills to the ledger, and lists every mismatch', async () => {
    // 2026-11-25 10:00 in Shanghai: the bills' day.
    t.clock.advance(new Date('2026-11-25T02:00:00Z').getTime() - t.clock.now().getTime());
    const a = await checkout(12800);
    const ap = await a.me.post('/api/v1/payments', { checkoutId: a.checkoutId, method: 'alipay' });
    alipay.buyerPays(ap.body.payUrl);
    await postAlipay(alipay.notification(ap.body.paymentId, { gmt_payment: '2026-11-25 09:30:00' }));
    const w = await checkout(5600);
    const wp = await w.me.post('/api/v1/payments', { checkoutId: w.checkoutId, method: 'wechatpay' });
    wechat.buyerPays(wp.body.paymentId);
    await postWechat(
      wechat.notification(wp.body.paymentId, { timestamp: now(), successTime: '2026-11-25T09:31:00+08:00' }),
    );
    await t.drain();
    const refundOf = (c: typeof a, paymentId: string, amount: number) =>
      db.transaction((tx) =>
        requestRefund(tx, {
          orderId: c.orderId,
          merchantId: c.merchantId,
          amount,
          refId: `bill:${paymentId}`,
          reason: '买家申请退款',
          at: t.clock.now(),
        }),
      );
    await refundOf(a, ap.body.paymentId, 2800);
    const wr = await refundOf(w, wp.body.paymentId, 600);
    await t.runJobs();
    wechat.settleRefunds();
    t.clock.advance(60_000);
    await t.runJobs();
    const wRefundId = wr.ok ? wr.value.refundId : '';

    const aliOk = parseAlipayAccountBill(
      alipayBill([
        { kind: 'pay', id: ap.body.paymentId, fen: a.amount },
        { kind: 'refund', id: ap.body.paymentId, fen: 2800 },
        { kind: 'fee', id: ap.body.paymentId, fen: 77 },
      ]),
    );
    expect(aliOk.lines.find((l) => l.kind === 'payment')).toMatchObject({
      paymentId: ap.body.paymentId,
      amount: a.amount,
    });
    expect(await reconcileBill(db, aliOk, '2026-11-25')).toEqual({
      provider: 'alipay',
      date: '2026-11-25',
      ok: true,
      matchedPayments: 1,
      matchedRefunds: 1,
      fees: 77,
      problems: [],
    });
    const wxOk = parseWechatTradeBill(
      wechatBill([
        { kind: 'pay', id: wp.body.paymentId, fen: w.amount },
        { kind: 'refund', id: wp.body.paymentId, refundId: wRefundId, fen: 600 },
      ]),
    );
    expect(await reconcileBill(db, wxOk, '2026-11-25')).toMatchObject({
      ok: true,
      matchedPayments: 1,
      matchedRefunds: 1,
    });

    // A bill that disagrees: a payment we never saw, a wrong amount, our payment missing, a refund missing, a bad footer.
    const wxBad = parseWechatTradeBill(
      wechatBill([
        { kind: 'pay', id: 'pay_unknown000000000000000000', fen: 100 },
        { kind: 'pay', id: wp.body.paymentId, fen: w.amount + 1 },
      ]),
    );
    const bad = await reconcileBill(db, wxBad, '2026-11-25');
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual([
      expect.stringContaining('pay_unknown000000000000000000'),
      `支付单 ${wp.body.paymentId} 系统金额 ¥${y(w.amount)}，账单 ¥${y(w.amount + 1)}`,
      `退款 ${wRefundId} 系统已完成 ¥6.00，当日账单中没有`,
    ]);
    const aliBad = await reconcileBill(
      db,
      parseAlipayAccountBill(
        alipayBill([{ kind: 'refund', id: ap.body.paymentId, fen: 2800 }], { income: 500, expense: 2800 }),
      ),
      '2026-11-25',
    );
    expect(aliBad.problems).toEqual([
      '账单合计收款 ¥5.00，明细合计 ¥0.00（文件不完整或被改动）',
      `支付单 ${ap.body.paymentId} 系统已收款 ¥${y(a.amount)}，当日账单中没有`,
    ]);
    expect(() => parseWechatTradeBill('not a bill')).toThrow(/不是微信支付交易账单/);
  });
});
