import {
  createCipheriv,
  createSign,
  createVerify,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local fakes of the Alipay open-platform gateway and the WeChat Pay APIv3, behaving like the documented ones:
 * they verify our request signatures, sign their answers, answer the documented error codes, and build signed
 * notifications. Keys are generated per test file; no real merchant key is ever used.
 */

const pem = (k: KeyObject, type: 'pkcs8' | 'spki') => k.export({ format: 'pem', type }).toString();
const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });

async function listen(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<{
  server: Server;
  url: string;
}> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const fen = (y: string) => Math.round(Number(y) * 100);

/** Alipay's sign content: every non-empty parameter except `sign` (and `sign_type` for notifications), sorted. */
const alipaySignContent = (params: Record<string, string>, dropSignType: boolean) =>
  Object.keys(params)
    .filter((k) => k !== 'sign' && !(dropSignType && k === 'sign_type') && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');

interface AlipayTrade {
  total: number;
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
  tradeNo: string;
  refunds: Map<string, number>;
}

export class FakeAlipay {
  readonly appId = '2021000000000001';
  readonly app = rsa();
  readonly gatewayKeys = rsa();
  readonly trades = new Map<string, AlipayTrade>();
  /** Transfers by out_biz_no: the money that reached each payee (alipay.fund.trans.uni.transfer). */
  readonly transfers = new Map<string, { amount: number; identity: string; identityType: string; orderId: string }>();
  /** Payees the gateway does not know (PAYEE_NOT_EXIST). */
  readonly unknownPayees = new Set<string>();
  readonly calls: string[] = [];
  /** The next n calls answer ACQ.SYSTEM_ERROR; `down` makes every call do so. */
  failNext = 0;
  /** The next n transfers are made but their answer is lost (SYSTEM_ERROR after the money moved). */
  loseAnswers = 0;
  down = false;
  private server!: Server;
  url = '';

  static async start(): Promise<FakeAlipay> {
    const f = new FakeAlipay();
    const { server, url } = await listen((req, body, res) => f.handle(req, body, res));
    f.server = server;
    f.url = `${url}/gateway.do`;
    return f;
  }

  env(): Record<string, string> {
    return {
      ALIPAY_APP_ID: this.appId,
      ALIPAY_PRIVATE_KEY: pem(this.app.privateKey, 'pkcs8'),
      ALIPAY_PUBLIC_KEY: pem(this.gatewayKeys.publicKey, 'spki'),
      ALIPAY_GATEWAY: this.url,
    };
  }

  stop = () => close(this.server);

  private sign(content: string, key: KeyObject = this.gatewayKeys.privateKey) {
    return createSign('RSA-SHA256').update(content, 'utf8').sign(key, 'base64');
  }

  private verifyRequest(params: Record<string, string>): boolean {
    return createVerify('RSA-SHA256')
      .update(alipaySignContent(params, false), 'utf8')
      .verify(this.app.publicKey, params.sign ?? '', 'base64');
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(body)) };
    const method = params.method ?? '';
    this.calls.push(method);
    const key = `${method.replaceAll('.', '_')}_response`;
    const answer = (payload: Record<string, unknown>) => {
      const json = JSON.stringify(payload);
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
      res.end(`{"${key}":${json},"sign":"${this.sign(json)}"}`);
    };
    const fail = (subCode: string, subMsg: string, code = '40004') =>
      answer({ code, msg: 'Business Failed', sub_code: subCode, sub_msg: subMsg });
    if (!this.verifyRequest(params)) return fail('isv.invalid-signature', '验签出错', '40002');
    if (this.down || this.failNext > 0) {
      this.failNext = Math.max(0, this.failNext - 1);
      return fail('ACQ.SYSTEM_ERROR', '系统错误');
    }
    const biz = JSON.parse(params.biz_content ?? '{}') as Record<string, string>;
    const trade = this.trades.get(biz.out_trade_no ?? '');
    switch (method) {
      case 'alipay.fund.trans.uni.transfer': {
        const payee = biz.payee_info as unknown as { identity?: string; identity_type?: string } | undefined;
        if (biz.product_code !== 'TRANS_ACCOUNT_NO_PWD' || biz.biz_scene !== 'DIRECT_TRANSFER' || !payee?.identity)
          return fail('INVALID_PARAMETER', '参数有误', '40002');
        const amount = fen(biz.trans_amount ?? '0');
        const prior = this.transfers.get(biz.out_biz_no ?? '');
        // The same out_biz_no again: documented idempotent — the first transfer's answer, no second payment.
        if (prior) {
          if (prior.amount !== amount || prior.identity !== payee.identity)
            return fail('PAYMENT_INFO_INCONSISTENCY', '两次请求商户单号一样，但是参数不一致');
          return answer({
            code: '10000',
            msg: 'Success',
            out_biz_no: biz.out_biz_no,
            order_id: prior.orderId,
            status: 'SUCCESS',
          });
        }
        if (this.unknownPayees.has(payee.identity)) return fail('PAYEE_NOT_EXIST', '收款账号不存在或姓名有误');
        const orderId = `20261207110070000006${randomBytes(5).toString('hex')}`;
        this.transfers.set(biz.out_biz_no!, {
          amount,
          identity: payee.identity,
          identityType: payee.identity_type ?? '',
          orderId,
        });
        if (this.loseAnswers > 0) {
          this.loseAnswers -= 1;
          return fail('SYSTEM_ERROR', '系统繁忙');
        }
        return answer({
          code: '10000',
          msg: 'Success',
          out_biz_no: biz.out_biz_no,
          order_id: orderId,
          pay_fund_order_id: `20261207110070001506${randomBytes(5).toString('hex')}`,
          status: 'SUCCESS',
          trans_date: '2026-12-07 10:00:00',
        });
      }
      case 'alipay.trade.query':
        if (!trade) return fail('ACQ.TRADE_NOT_EXIST', '交易不存在');
        return answer({
          code: '10000',
          msg: 'Success',
          out_trade_no: biz.out_trade_no,
          trade_no: trade.tradeNo,
          trade_status: trade.status,
          total_amount: yuan(trade.total),
          ...(trade.status === 'TRADE_SUCCESS' ? { send_pay_date: '2026-12-07 10:00:00' } : {}),
        });
      case 'alipay.trade.close':
        if (!trade) return fail('ACQ.TRADE_NOT_EXIST', '交易不存在');
        if (trade.status !== 'WAIT_BUYER_PAY') return fail('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
        trade.status = 'TRADE_CLOSED';
        return answer({ code: '10000', msg: 'Success', out_trade_no: biz.out_trade_no, trade_no: trade.tradeNo });
      case 'alipay.trade.refund': {
        if (!trade) return fail('ACQ.TRADE_NOT_EXIST', '交易不存在');
        const requestNo = biz.out_request_no ?? biz.out_trade_no!;
        // The same out_request_no again: documented as idempotent, no second movement of money.
        if (trade.refunds.has(requestNo))
          return answer({
            code: '10000',
            msg: 'Success',
            fund_change: 'N',
            refund_fee: yuan(trade.refunds.get(requestNo)!),
          });
        const amount = fen(biz.refund_amount ?? '0');
        const already = [...trade.refunds.values()].reduce((a, b) => a + b, 0);
        if (already + amount > trade.total) return fail('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
        trade.refunds.set(requestNo, amount);
        return answer({ code: '10000', msg: 'Success', fund_change: 'Y', refund_fee: yuan(already + amount) });
      }
      case 'alipay.trade.fastpay.refund.query': {
        const refunded = trade?.refunds.get(biz.out_request_no ?? '');
        return answer({
          code: '10000',
          msg: 'Success',
          ...(refunded !== undefined ? { refund_status: 'REFUND_SUCCESS', refund_amount: yuan(refunded) } : {}),
        });
      }
      default:
        return fail('isv.invalid-method', `不存在的方法 ${method}`, '40002');
    }
  }

  /**
   * The buyer opens the signed wap.pay URL and pays: the fake checks the URL's signature like the gateway does,
   * records the trade and returns the biz_content it was asked to charge.
   */
  buyerPays(payUrl: string): { outTradeNo: string; totalAmount: string; notifyUrl: string } {
    const url = new URL(payUrl);
    const params = Object.fromEntries(url.searchParams);
    if (!this.verifyRequest(params)) throw new Error('wap.pay URL signature does not verify');
    const biz = JSON.parse(params.biz_content!) as { out_trade_no: string; total_amount: string };
    this.trades.set(biz.out_trade_no, {
      total: fen(biz.total_amount),
      status: 'TRADE_SUCCESS',
      tradeNo: `2026120722001${randomBytes(6).toString('hex')}`,
      refunds: new Map(),
    });
    return { outTradeNo: biz.out_trade_no, totalAmount: biz.total_amount, notifyUrl: params.notify_url! };
  }

  /** An asynchronous notification, form-encoded and RSA2-signed by the gateway key (or `key` to forge one). */
  notification(outTradeNo: string, overrides: Record<string, string> = {}, key?: KeyObject): string {
    const trade = this.trades.get(outTradeNo);
    const params: Record<string, string> = {
      notify_time: '2026-12-07 10:00:05',
      notify_type: 'trade_status_sync',
      notify_id: randomBytes(8).toString('hex'),
      app_id: this.appId,
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'RSA2',
      trade_no: trade?.tradeNo ?? '2026120722000000',
      out_trade_no: outTradeNo,
      trade_status: 'TRADE_SUCCESS',
      total_amount: trade ? yuan(trade.total) : '0.00',
      subject: '好物订单',
      gmt_payment: '2026-12-07 10:00:00',
      buyer_id: '2088102177846880',
      ...overrides,
    };
    params.sign = this.sign(alipaySignContent(params, true), key);
    return new URLSearchParams(params).toString();
  }
}

interface WechatTrade {
  total: number;
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transactionId: string;
}

export class FakeWechatPay {
  readonly mchId = '1900000001';
  readonly appId = 'wx8888888888888888';
  readonly merchantSerial = '3775B6A45ACD588826D15E583A95F5DD3D9D3E1C';
  readonly platformSerial = 'PUB_KEY_ID_0119000000012026120700000000000001';
  readonly apiV3Key = randomBytes(16).toString('hex');
  readonly merchant = rsa();
  readonly platform = rsa();
  readonly trades = new Map<string, WechatTrade>();
  readonly refunds = new Map<string, { refundId: string; outTradeNo: string; amount: number; status: string }>();
  /** 商家转账到零钱 batches by out_batch_no, one detail each; PROCESSING until settleTransfers. */
  readonly transferBatches = new Map<
    string,
    {
      batchId: string;
      detailId: string;
      outDetailNo: string;
      amount: number;
      openid: string;
      status: string;
      failReason?: string;
    }
  >();
  /** Payees whose 零钱 is frozen: their transfers fail with ACCOUNT_FROZEN when settled. */
  readonly frozenOpenids = new Set<string>();
  readonly calls: string[] = [];
  failNext = 0;
  down = false;
  private server!: Server;
  url = '';

  static async start(): Promise<FakeWechatPay> {
    const f = new FakeWechatPay();
    const { server, url } = await listen((req, body, res) => f.handle(req, body, res));
    f.server = server;
    f.url = url;
    return f;
  }

  env(): Record<string, string> {
    return {
      WECHATPAY_MCH_ID: this.mchId,
      WECHATPAY_APP_ID: this.appId,
      WECHATPAY_MCH_SERIAL_NO: this.merchantSerial,
      WECHATPAY_PRIVATE_KEY: pem(this.merchant.privateKey, 'pkcs8'),
      WECHATPAY_APIV3_KEY: this.apiV3Key,
      WECHATPAY_PLATFORM_PUBLIC_KEY: pem(this.platform.publicKey, 'spki'),
      WECHATPAY_PLATFORM_SERIAL: this.platformSerial,
      WECHATPAY_BASE_URL: this.url,
    };
  }

  stop = () => close(this.server);

  /** Signs like the platform: Wechatpay-* headers over timestamp, nonce and body. */
  signedHeaders(body: string, timestamp: number, key: KeyObject = this.platform.privateKey) {
    const nonce = randomBytes(16).toString('hex');
    const signature = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(key, 'base64');
    return {
      'wechatpay-timestamp': String(timestamp),
      'wechatpay-nonce': nonce,
      'wechatpay-signature': signature,
      'wechatpay-serial': this.platformSerial,
    };
  }

  private authorized(req: IncomingMessage, body: string): boolean {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('WECHATPAY2-SHA256-RSA2048 ')) return false;
    const fields = Object.fromEntries(
      [...auth.slice(26).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as [string, string]),
    );
    if (fields.mchid !== this.mchId || fields.serial_no !== this.merchantSerial) return false;
    const message = `${req.method}\n${req.url}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    return createVerify('RSA-SHA256')
      .update(message)
      .verify(this.merchant.publicKey, fields.signature ?? '', 'base64');
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    this.calls.push(`${req.method} ${url.pathname}`);
    const send = (status: number, payload?: unknown) => {
      const text = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': randomBytes(8).toString('hex'),
        ...(status < 300 ? this.signedHeaders(text, Math.floor(Date.now() / 1000)) : {}),
      });
      res.end(text);
    };
    const error = (status: number, code: string, message: string) => send(status, { code, message });
    if (!this.authorized(req, body)) return error(401, 'SIGN_ERROR', '签名错误');
    if (this.down || this.failNext > 0) {
      this.failNext = Math.max(0, this.failNext - 1);
      return error(500, 'SYSTEM_ERROR', '系统错误');
    }
    const json = (body ? JSON.parse(body) : {}) as Record<string, any>;
    const path = url.pathname;
    if (req.method === 'POST' && (path === '/v3/pay/transactions/h5' || path === '/v3/pay/transactions/native')) {
      if (json.mchid !== this.mchId || json.appid !== this.appId)
        return error(400, 'PARAM_ERROR', '商户号或 appid 有误');
      if (path.endsWith('/h5') && !json.scene_info?.payer_client_ip)
        return error(400, 'PARAM_ERROR', '缺少参数 scene_info.payer_client_ip');
      if (!Number.isSafeInteger(json.amount?.total)) return error(400, 'PARAM_ERROR', '金额有误');
      this.trades.set(json.out_trade_no, {
        total: json.amount.total,
        state: 'NOTPAY',
        transactionId: `42000026${randomBytes(8).toString('hex')}`,
      });
      const prepay = `wx${randomBytes(10).toString('hex')}`;
      return path.endsWith('/h5')
        ? send(200, { h5_url: `https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=${prepay}&package=1` })
        : send(200, { code_url: `weixin://wxpay/bizpayurl?pr=${prepay}` });
    }
    let m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
      const trade = this.trades.get(decodeURIComponent(m[1]!));
      if (!trade) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
      return send(200, {
        mchid: this.mchId,
        appid: this.appId,
        out_trade_no: m[1],
        transaction_id: trade.transactionId,
        trade_state: trade.state,
        amount: { total: trade.total, payer_total: trade.total, currency: 'CNY' },
        ...(trade.state === 'SUCCESS' ? { success_time: '2026-12-07T10:00:00+08:00' } : {}),
      });
    }
    m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path);
    if (req.method === 'POST' && m) {
      const trade = this.trades.get(decodeURIComponent(m[1]!));
      if (trade?.state === 'SUCCESS') return error(400, 'ORDERPAID', '订单已支付');
      if (trade) trade.state = 'CLOSED';
      return send(204);
    }
    if (req.method === 'POST' && path === '/v3/refund/domestic/refunds') {
      const trade = this.trades.get(json.out_trade_no);
      if (!trade) return error(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
      if (json.amount?.total !== trade.total) return error(400, 'PARAM_ERROR', '订单金额与原订单不符');
      const refund = {
        refundId: `50000000${randomBytes(8).toString('hex')}`,
        outTradeNo: json.out_trade_no,
        amount: json.amount.refund,
        status: 'PROCESSING',
      };
      this.refunds.set(json.out_refund_no, refund);
      return send(200, this.refundView(json.out_refund_no));
    }
    if (req.method === 'POST' && path === '/v3/transfer/batches') {
      const detail = json.transfer_detail_list?.[0];
      if (json.appid !== this.appId) return error(400, 'PARAM_ERROR', 'appid 有误');
      if (!/^[0-9A-Za-z]{5,32}$/.test(json.out_batch_no ?? ''))
        return error(400, 'PARAM_ERROR', '商家批次单号格式有误');
      if (json.total_num !== 1 || !detail || detail.transfer_amount !== json.total_amount)
        return error(400, 'PARAM_ERROR', '转账总金额与明细不符');
      if (!detail.openid) return error(400, 'PARAM_ERROR', '缺少 openid');
      if (this.transferBatches.has(json.out_batch_no)) return error(400, 'INVALID_REQUEST', '商家批次单号已存在');
      const batchId = `131000${randomBytes(10).toString('hex')}`;
      this.transferBatches.set(json.out_batch_no, {
        batchId,
        detailId: `132000${randomBytes(10).toString('hex')}`,
        outDetailNo: detail.out_detail_no,
        amount: detail.transfer_amount,
        openid: detail.openid,
        status: 'PROCESSING',
      });
      return send(200, { out_batch_no: json.out_batch_no, batch_id: batchId, batch_status: 'ACCEPTED' });
    }
    m = /^\/v3\/transfer\/batches\/out-batch-no\/([^/]+)\/details\/out-detail-no\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
      const b = this.transferBatches.get(decodeURIComponent(m[1]!));
      if (!b || b.outDetailNo !== decodeURIComponent(m[2]!)) return error(404, 'NOT_FOUND', '记录不存在');
      return send(200, {
        mchid: this.mchId,
        out_batch_no: m[1],
        batch_id: b.batchId,
        appid: this.appId,
        out_detail_no: b.outDetailNo,
        detail_id: b.detailId,
        detail_status: b.status,
        transfer_amount: b.amount,
        openid: b.openid,
        ...(b.failReason ? { fail_reason: b.failReason } : {}),
      });
    }
    m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
      if (!this.refunds.has(decodeURIComponent(m[1]!))) return error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return send(200, this.refundView(decodeURIComponent(m[1]!)));
    }
    return error(404, 'NOT_FOUND', `no route ${req.method} ${path}`);
  }

  private refundView(outRefundNo: string) {
    const r = this.refunds.get(outRefundNo)!;
    return {
      refund_id: r.refundId,
      out_refund_no: outRefundNo,
      out_trade_no: r.outTradeNo,
      status: r.status,
      amount: { refund: r.amount, total: this.trades.get(r.outTradeNo)?.total, currency: 'CNY' },
    };
  }

  /** The batches that were processing are paid out (or fail for a frozen 零钱 account). */
  settleTransfers() {
    for (const b of this.transferBatches.values()) {
      if (b.status !== 'PROCESSING') continue;
      if (this.frozenOpenids.has(b.openid)) Object.assign(b, { status: 'FAIL', failReason: 'ACCOUNT_FROZEN' });
      else b.status = 'SUCCESS';
    }
  }

  /** The bank pays out the refunds that were processing. */
  settleRefunds() {
    for (const r of this.refunds.values()) r.status = 'SUCCESS';
  }

  /** The buyer pays an H5 / Native charge. */
  buyerPays(outTradeNo: string) {
    const trade = this.trades.get(outTradeNo);
    if (!trade) throw new Error(`no WeChat Pay trade ${outTradeNo}`);
    trade.state = 'SUCCESS';
  }

  /** A TRANSACTION.SUCCESS notification: resource encrypted with the APIv3 key, headers signed by the platform. */
  notification(
    outTradeNo: string,
    opts: {
      timestamp: number;
      total?: number;
      apiV3Key?: string;
      signWith?: KeyObject;
      successTime?: string;
      openid?: string;
    },
  ): { headers: Record<string, string>; body: string } {
    const trade = this.trades.get(outTradeNo);
    const resource = {
      mchid: this.mchId,
      appid: this.appId,
      out_trade_no: outTradeNo,
      transaction_id: trade?.transactionId ?? '4200000000',
      trade_type: 'MWEB',
      trade_state: 'SUCCESS',
      success_time: opts.successTime ?? '2026-12-07T10:00:00+08:00',
      amount: { total: opts.total ?? trade?.total ?? 0, payer_total: opts.total ?? trade?.total ?? 0, currency: 'CNY' },
      payer: { openid: opts.openid ?? 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    };
    const nonce = randomBytes(6).toString('hex');
    const aad = 'transaction';
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(opts.apiV3Key ?? this.apiV3Key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(aad));
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(resource), 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]).toString('base64');
    const body = JSON.stringify({
      id: randomBytes(8).toString('hex'),
      create_time: '2026-12-07T10:00:05+08:00',
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext,
        associated_data: aad,
        nonce,
      },
    });
    return {
      body,
      headers: { 'content-type': 'application/json', ...this.signedHeaders(body, opts.timestamp, opts.signWith) },
    };
  }
}
