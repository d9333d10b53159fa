import {
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import {
  type CallbackRequest,
  type ChargeInput,
  type ChargeState,
  InvalidCallback,
  type PaymentProvider,
  ProviderUnavailable,
  type RefundOutcome,
  type TransferInput,
  type TransferOutcome,
  TransferRefused,
  type VerifiedCallback,
  withRetries,
} from './payment-provider.ts';

interface WechatPayOptions {
  mchId: string;
  appId: string;
  /** The merchant API certificate's serial number (商户API证书序列号). */
  merchantSerialNo: string;
  /** The merchant API private key (apiclient_key.pem). */
  privateKey: string;
  /** APIv3 密钥: 32 characters, decrypts callback resources. */
  apiV3Key: string;
  /** 微信支付公钥 (or the platform certificate PEM): verifies responses and callbacks. */
  platformPublicKey: string;
  /** Its id (PUB_KEY_ID_…) or the platform certificate's serial: callbacks signed with another key are refused. */
  platformSerial: string;
  baseUrl: string;
  notifyUrl: string;
  /** `h5`: a mobile browser outside WeChat (h5_url); `native`: a QR code (code_url) for a desktop browser. */
  tradeType: 'h5' | 'native';
  timeoutMinutes: number;
  retries?: { attempts: number; delayMs: number };
}

/** An error answer of the API: HTTP status plus the documented `code` (SYSTEM_ERROR, ORDER_NOT_EXIST, …). */
class WechatPayError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(`WeChat Pay ${status} ${code}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

const RETRYABLE_CODES = new Set(['SYSTEM_ERROR', 'FREQUENCY_LIMITED', 'BANK_ERROR', 'SYSTEMERROR']);
const retryable = (err: unknown): boolean =>
  (err instanceof WechatPayError && (err.status >= 500 || RETRYABLE_CODES.has(err.code))) || err instanceof TypeError; // fetch: connection refused, DNS, reset

const TRANSFER_NAME_REQUIRED_FEN = 200_000;

/** The documented fail_reason of a transfer detail, as the operator reads it. */
const TRANSFER_FAIL_REASONS: Record<string, string> = {
  ACCOUNT_FROZEN: '收款人零钱账户已冻结',
  REAL_NAME_CHECK_FAIL: '收款人未实名认证',
  NAME_NOT_CORRECT: '收款人姓名校验失败',
  OPENID_INVALID: 'openid 无效',
  TRANSFER_QUOTA_EXCEED: '超过收款人单笔收款额度',
  DAY_RECEIVED_QUOTA_EXCEED: '超过收款人单日收款额度',
  DAY_RECEIVED_COUNT_EXCEED: '超过收款人单日收款次数',
  ACCOUNT_NOT_EXIST: '收款人零钱账户不存在',
  OVERDUE_CLOSE: '超过系统重试期，转账已关闭',
  TRANSFER_RISK: '转账存在风险，已拦截',
};

/** What the platform key signs: timestamp, nonce and body, each followed by a newline. */
const wechatSignedMessage = (timestamp: string, nonce: string, body: string): string =>
  `${timestamp}\n${nonce}\n${body}\n`;

function publicKeyOf(text: string): KeyObject {
  return text.includes('BEGIN CERTIFICATE') ? new X509Certificate(text).publicKey : createPublicKey(text);
}

/** 微信支付 APIv3 with Node crypto, per the documented scheme (no SDK needed for RSA-SHA256 and AES-256-GCM). */
export class WechatPayProvider implements PaymentProvider {
  readonly name = 'wechatpay';
  readonly label = '微信支付';
  readonly description = '使用微信零钱或绑定的银行卡付款';
  private readonly opts: WechatPayOptions;
  private readonly privateKey: KeyObject;
  private readonly platformKey: KeyObject;
  constructor(opts: WechatPayOptions) {
    if (Buffer.byteLength(opts.apiV3Key) !== 32) throw new Error('WECHATPAY_APIV3_KEY must be 32 bytes');
    this.opts = opts;
    this.privateKey = createPrivateKey(opts.privateKey);
    this.platformKey = publicKeyOf(opts.platformPublicKey);
  }

  /** The Authorization header: WECHATPAY2-SHA256-RSA2048 over method, path, timestamp, nonce and body. */
  authorization(method: string, pathWithQuery: string, body: string, timestamp: string, nonce: string): string {
    const message = `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
    const signature = createSign('RSA-SHA256').update(message).sign(this.privateKey, 'base64');
    return `WECHATPAY2-SHA256-RSA2048 mchid="${this.opts.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${this.opts.merchantSerialNo}"`;
  }

  private verifySignature(headers: Record<string, string | string[] | undefined>, body: string): string | undefined {
    const h = (name: string) => {
      const v = headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const timestamp = h('wechatpay-timestamp');
    const nonce = h('wechatpay-nonce');
    const signature = h('wechatpay-signature');
    const serial = h('wechatpay-serial');
    if (!timestamp || !nonce || !signature || !serial) return '缺少 Wechatpay-* 签名头';
    // Probes WeChat Pay sends to check that merchants verify: always wrong by design.
    if (signature.startsWith('WECHATPAY/SIGNTEST/')) return '签名探测请求';
    if (serial !== this.opts.platformSerial)
      return `签名所用的微信支付公钥 ${serial} 不是已配置的 ${this.opts.platformSerial}`;
    const ok = createVerify('RSA-SHA256')
      .update(wechatSignedMessage(timestamp, nonce, body))
      .verify(this.platformKey, signature, 'base64');
    return ok ? undefined : '签名与报文不符';
  }

  private async request<T>(method: 'GET' | 'POST', pathWithQuery: string, payload?: unknown): Promise<T> {
    const { attempts, delayMs } = this.opts.retries ?? { attempts: 3, delayMs: 300 };
    try {
      return await withRetries(attempts, delayMs, () => this.send<T>(method, pathWithQuery, payload), retryable);
    } catch (err) {
      if (retryable(err))
        throw new ProviderUnavailable('wechatpay', `微信支付暂时无法处理请求（${method} ${pathWithQuery}）`, {
          cause: err,
        });
      throw err;
    }
  }

  private async send<T>(method: 'GET' | 'POST', pathWithQuery: string, payload?: unknown): Promise<T> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    const res = await fetch(new URL(pathWithQuery, this.opts.baseUrl), {
      method,
      headers: {
        authorization: this.authorization(method, pathWithQuery, body, timestamp, nonce),
        accept: 'application/json',
        'user-agent': 'haowu-server',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status >= 400) {
      let code = 'HTTP_ERROR';
      let message = text.slice(0, 200);
      try {
        const err = JSON.parse(text) as { code?: string; message?: string };
        code = err.code ?? code;
        message = err.message ?? message;
      } catch {
        // not JSON (a proxy's page): keep the text
      }
      throw new WechatPayError(res.status, code, message);
    }
    // A successful answer is signed by WeChat Pay: one that is not could come from anyone on the way.
    const problem = this.verifySignature(Object.fromEntries(res.headers), text);
    if (problem) throw new WechatPayError(res.status, 'INVALID_RESPONSE_SIGNATURE', problem);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async createCharge(input: ChargeInput): Promise<{ providerRef: string; payUrl: string }> {
    const expire = new Date(Date.now() + this.opts.timeoutMinutes * 60_000);
    const common = {
      appid: this.opts.appId,
      mchid: this.opts.mchId,
      description: input.subject.slice(0, 127),
      out_trade_no: input.paymentId,
      time_expire: rfc3339Shanghai(expire),
      notify_url: this.opts.notifyUrl,
      amount: { total: input.amount, currency: 'CNY' },
    };
    if (this.opts.tradeType === 'native') {
      const r = await this.request<{ code_url: string }>('POST', '/v3/pay/transactions/native', common);
      return { providerRef: input.paymentId, payUrl: r.code_url };
    }
    if (!input.clientIp) throw new Error('WeChat Pay H5 needs the buyer IP address');
    const r = await this.request<{ h5_url: string }>('POST', '/v3/pay/transactions/h5', {
      ...common,
      scene_info: { payer_client_ip: input.clientIp, h5_info: { type: 'Wap' } },
    });
    // The h5_url takes the buyer back to redirect_url after paying.
    const payUrl = input.returnUrl
      ? `${r.h5_url}${r.h5_url.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(input.returnUrl)}`
      : r.h5_url;
    return { providerRef: input.paymentId, payUrl };
  }

  async queryCharge(input: { paymentId: string }): Promise<ChargeState> {
    try {
      const r = await this.request<{
        trade_state: string;
        amount?: { total: number };
        success_time?: string;
        transaction_id?: string;
      }>('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(input.paymentId)}?mchid=${this.opts.mchId}`);
      const paid = r.trade_state === 'SUCCESS' || r.trade_state === 'REFUND';
      const closed = r.trade_state === 'CLOSED' || r.trade_state === 'REVOKED' || r.trade_state === 'PAYERROR';
      return {
        status: paid ? 'succeeded' : closed ? 'closed' : 'pending',
        amount: r.amount?.total ?? 0,
        ...(r.success_time ? { paidAt: new Date(r.success_time) } : {}),
        ...(r.transaction_id ? { providerTradeNo: r.transaction_id } : {}),
      };
    } catch (err) {
      if (err instanceof WechatPayError && err.code === 'ORDER_NOT_EXIST') return { status: 'pending', amount: 0 };
      throw err;
    }
  }

  async closeCharge(input: { paymentId: string }): Promise<void> {
    await this.request('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(input.paymentId)}/close`, {
      mchid: this.opts.mchId,
    });
  }

  async refund(input: {
    paymentId: string;
    refundId: string;
    amount: number;
    chargeAmount: number;
    reason: string;
  }): Promise<RefundOutcome> {
    // Ask first: a refund already requested (an earlier attempt whose answer was lost) is not requested twice.
    let r: { refund_id: string; status: string };
    try {
      r = await this.request('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(input.refundId)}`);
    } catch (err) {
      if (!(err instanceof WechatPayError && err.code === 'RESOURCE_NOT_EXISTS')) throw err;
      r = await this.request('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: input.paymentId,
        out_refund_no: input.refundId,
        reason: input.reason.slice(0, 80),
        notify_url: this.opts.notifyUrl,
        amount: { refund: input.amount, total: input.chargeAmount, currency: 'CNY' },
      });
    }
    if (r.status === 'SUCCESS') return { providerRefundRef: r.refund_id, status: 'succeeded' };
    if (r.status === 'PROCESSING') return { providerRefundRef: r.refund_id, status: 'processing' };
    // CLOSED / ABNORMAL (the buyer's card was cancelled, …): needs a person; the job keeps failing visibly.
    throw new Error(`WeChat Pay refund ${input.refundId} is ${r.status}: handle it in the merchant platform`);
  }

  /**
   * 商家转账到零钱 (POST /v3/transfer/batches, one detail per batch), idempotent by out_batch_no / out_detail_no:
   * the detail is asked for first, so a batch whose answer was lost is never sent twice. Batches pay out
   * asynchronously: until the detail reads SUCCESS the transfer is processing; FAIL is a refusal with its reason.
   */
  async transfer(input: TransferInput): Promise<TransferOutcome> {
    if (!input.payeeAccount)
      throw new TransferRefused('PAYEE_UNKNOWN', '不知道收款人的微信 openid（该订单的支付通知未带付款人）');
    // At ¥2,000 and above WeChat Pay requires the payee's real name (encrypted); the platform does not keep it.
    if (input.amount >= TRANSFER_NAME_REQUIRED_FEN)
      throw new TransferRefused('NAME_REQUIRED', '单笔 ¥2,000 及以上须填写收款人实名，平台未保存实名，请人工打款');
    const no = input.requestNo;
    const detailPath = `/v3/transfer/batches/out-batch-no/${no}/details/out-detail-no/${no}`;
    let detail: { detail_id: string; detail_status: string; fail_reason?: string };
    try {
      detail = await this.request('GET', detailPath);
    } catch (err) {
      if (!(err instanceof WechatPayError && (err.code === 'NOT_FOUND' || err.code === 'RESOURCE_NOT_EXISTS')))
        throw err;
      const remark = input.memo.slice(0, 32);
      try {
        const batch = await this.request<{ batch_id: string }>('POST', '/v3/transfer/batches', {
          appid: this.opts.appId,
          out_batch_no: no,
          batch_name: '好物平台赔付',
          batch_remark: remark,
          total_amount: input.amount,
          total_num: 1,
          transfer_detail_list: [
            { out_detail_no: no, transfer_amount: input.amount, transfer_remark: remark, openid: input.payeeAccount },
          ],
        });
        return { providerTransferRef: batch.batch_id, status: 'processing' };
      } catch (postErr) {
        if (postErr instanceof WechatPayError && !retryable(postErr))
          throw new TransferRefused(postErr.code, `微信支付拒绝转账：${postErr.message}`);
        throw postErr;
      }
    }
    if (detail.detail_status === 'SUCCESS') return { providerTransferRef: detail.detail_id, status: 'succeeded' };
    if (detail.detail_status === 'FAIL') {
      const reason = detail.fail_reason ?? 'FAIL';
      throw new TransferRefused(reason, `微信支付转账失败：${TRANSFER_FAIL_REASONS[reason] ?? reason}`);
    }
    return { providerTransferRef: detail.detail_id, status: 'processing' };
  }

  verifyCallback(request: CallbackRequest, now: Date): VerifiedCallback {
    const problem = this.verifySignature(request.headers, request.rawBody);
    if (problem) throw new InvalidCallback(problem);
    const ts = Number(request.headers['wechatpay-timestamp']);
    // An old notification replayed (its signature is still valid) is refused.
    if (!Number.isFinite(ts) || Math.abs(now.getTime() / 1000 - ts) > 300)
      throw new InvalidCallback('通知时间戳与当前时间相差超过 5 分钟');
    let note: {
      event_type?: string;
      resource?: { algorithm: string; ciphertext: string; associated_data?: string; nonce: string };
    };
    try {
      note = JSON.parse(request.rawBody) as typeof note;
    } catch {
      throw new InvalidCallback('通知不是 JSON');
    }
    if (!note.resource || note.resource.algorithm !== 'AEAD_AES_256_GCM') throw new InvalidCallback('通知缺少加密资源');
    const tx = JSON.parse(this.decrypt(note.resource)) as {
      out_trade_no?: string;
      out_refund_no?: string;
      mchid?: string;
      trade_state?: string;
      amount?: { total?: number };
      success_time?: string;
      payer?: { openid?: string };
    };
    if (tx.mchid !== this.opts.mchId) throw new InvalidCallback(`通知的商户号 ${tx.mchid} 不是本商户`);
    if (!tx.out_trade_no) throw new InvalidCallback('通知缺少 out_trade_no');
    const isPayment = note.event_type?.startsWith('TRANSACTION.') && !tx.out_refund_no;
    return {
      paymentId: tx.out_trade_no,
      providerRef: tx.out_trade_no,
      status: isPayment && tx.trade_state === 'SUCCESS' ? 'succeeded' : 'ignored',
      amount: tx.amount?.total ?? 0,
      paidAt: tx.success_time ? new Date(tx.success_time) : now,
      payerAccount: tx.payer?.openid,
    };
  }

  /** AES-256-GCM with the APIv3 key; the last 16 bytes of the ciphertext are the tag. */
  decrypt(resource: { ciphertext: string; associated_data?: string; nonce: string }): string {
    const data = Buffer.from(resource.ciphertext, 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', Buffer.from(this.opts.apiV3Key), Buffer.from(resource.nonce));
      decipher.setAAD(Buffer.from(resource.associated_data ?? ''));
      decipher.setAuthTag(data.subarray(data.length - 16));
      return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new InvalidCallback('通知资源解密失败（APIv3 密钥不符或报文被改动）');
    }
  }
}

/** "2026-12-07T10:15:00+08:00": the form WeChat Pay expects for time_expire. */
function rfc3339Shanghai(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}
