import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { AlipayRequestError, AlipaySdk } from 'alipay-sdk';
import { fenToYuanString, yuanStringToFen } from './money.ts';
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

interface AlipayOptions {
  appId: string;
  /** 应用私钥: PEM (PKCS#1 or PKCS#8) or the bare base64 the Alipay key tool prints. */
  privateKey: string;
  /** 支付宝公钥 (not the app's own public key): verifies responses and notifications. */
  alipayPublicKey: string;
  gateway: string;
  notifyUrl: string;
  /** `wap`: 手机网站支付 (a signed redirect URL); `app`: APP 支付 (the signed order string for the app's SDK). */
  product: 'wap' | 'app';
  /** Minutes the buyer has to pay (the order's payment timeout). */
  timeoutMinutes: number;
  retries?: { attempts: number; delayMs: number };
}

interface AlipayResult {
  code: string;
  msg?: string;
  subCode?: string;
  subMsg?: string;
  [key: string]: unknown;
}

/** Codes after which the same request may be sent again (documented as system errors). */
const RETRYABLE_SUB_CODES = new Set(['ACQ.SYSTEM_ERROR', 'isp.unknow-error', 'aop.ACQ.SYSTEM_ERROR', 'SYSTEM_ERROR']);

class AlipayCallFailed extends Error {
  readonly result: AlipayResult;
  constructor(method: string, result: AlipayResult) {
    super(`${method}: ${result.code} ${result.subCode ?? ''} ${result.subMsg ?? result.msg ?? ''}`.trim());
    this.result = result;
  }
}

const retryable = (err: unknown): boolean =>
  err instanceof AlipayRequestError ||
  (err instanceof AlipayCallFailed &&
    (err.result.code === '20000' || RETRYABLE_SUB_CODES.has(err.result.subCode ?? '')));

function pem(key: string, kind: 'private' | 'public'): KeyObject {
  const text = key.trim();
  if (text.startsWith('-----BEGIN')) return kind === 'private' ? createPrivateKey(text) : createPublicKey(text);
  const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  if (kind === 'public') return createPublicKey({ key: der, format: 'der', type: 'spki' });
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

/** 支付宝 through the official SDK (alipay-sdk): RSA2 request signing, response and notification verification. */
export class AlipayProvider implements PaymentProvider {
  readonly name = 'alipay';
  readonly label = '支付宝';
  readonly description = '使用支付宝账户或绑定的银行卡付款';
  private readonly sdk: AlipaySdk;
  private readonly opts: AlipayOptions;
  constructor(opts: AlipayOptions) {
    this.opts = opts;
    this.sdk = new AlipaySdk({
      appId: opts.appId,
      privateKey: pem(opts.privateKey, 'private').export({ format: 'pem', type: 'pkcs8' }).toString(),
      keyType: 'PKCS8',
      alipayPublicKey: pem(opts.alipayPublicKey, 'public').export({ format: 'pem', type: 'spki' }).toString(),
      gateway: opts.gateway,
      signType: 'RSA2',
      timeout: 10_000,
    });
  }

  private async call(method: string, bizContent: Record<string, unknown>): Promise<AlipayResult> {
    const { attempts, delayMs } = this.opts.retries ?? { attempts: 3, delayMs: 300 };
    try {
      return await withRetries(
        attempts,
        delayMs,
        async () => {
          const result = (await this.sdk.exec(method, { bizContent }, { validateSign: true })) as AlipayResult;
          if (result.code !== '10000') throw new AlipayCallFailed(method, result);
          return result;
        },
        retryable,
      );
    } catch (err) {
      if (retryable(err))
        throw new ProviderUnavailable('alipay', `支付宝暂时无法处理请求（${method}）`, { cause: err });
      throw err;
    }
  }

  async createCharge(input: ChargeInput): Promise<{ providerRef: string; payUrl: string }> {
    const bizContent = {
      outTradeNo: input.paymentId,
      totalAmount: fenToYuanString(input.amount),
      subject: input.subject.slice(0, 256),
      timeoutExpress: `${this.opts.timeoutMinutes}m`,
      productCode: this.opts.product === 'wap' ? 'QUICK_WAP_WAY' : 'QUICK_MSECURITY_PAY',
      ...(this.opts.product === 'wap' && input.returnUrl ? { quitUrl: input.returnUrl } : {}),
    };
    // Signing is local: the buyer's browser (or the app) takes the signed request to Alipay itself.
    const payUrl =
      this.opts.product === 'wap'
        ? this.sdk.pageExecute('alipay.trade.wap.pay', 'GET', {
            bizContent,
            notifyUrl: this.opts.notifyUrl,
            ...(input.returnUrl ? { returnUrl: input.returnUrl } : {}),
          })
        : this.sdk.sdkExecute('alipay.trade.app.pay', { bizContent, notifyUrl: this.opts.notifyUrl });
    return { providerRef: input.paymentId, payUrl };
  }

  async queryCharge(input: { paymentId: string }): Promise<ChargeState> {
    try {
      const r = await this.call('alipay.trade.query', { outTradeNo: input.paymentId });
      const status =
        r.tradeStatus === 'TRADE_SUCCESS' || r.tradeStatus === 'TRADE_FINISHED'
          ? 'succeeded'
          : r.tradeStatus === 'TRADE_CLOSED'
            ? 'closed'
            : 'pending';
      return {
        status,
        amount: yuanStringToFen(String(r.totalAmount)),
        ...(typeof r.sendPayDate === 'string' ? { paidAt: shanghaiTime(r.sendPayDate) } : {}),
        ...(typeof r.tradeNo === 'string' ? { providerTradeNo: r.tradeNo } : {}),
      };
    } catch (err) {
      // Alipay creates the trade only when the buyer opens the pay page: until then it does not exist.
      if (err instanceof AlipayCallFailed && err.result.subCode === 'ACQ.TRADE_NOT_EXIST')
        return { status: 'pending', amount: 0 };
      throw err;
    }
  }

  async closeCharge(input: { paymentId: string }): Promise<void> {
    try {
      await this.call('alipay.trade.close', { outTradeNo: input.paymentId });
    } catch (err) {
      if (err instanceof AlipayCallFailed && err.result.subCode === 'ACQ.TRADE_NOT_EXIST') return;
      throw err;
    }
  }

  async refund(input: { paymentId: string; refundId: string; amount: number; reason: string }): Promise<RefundOutcome> {
    const r = await this.call('alipay.trade.refund', {
      outTradeNo: input.paymentId,
      refundAmount: fenToYuanString(input.amount),
      outRequestNo: input.refundId,
      refundReason: input.reason.slice(0, 256),
    });
    // fund_change N: this out_request_no was refunded before (a retry) or the money has not moved yet: ask.
    if (r.fundChange === 'Y') return { providerRefundRef: input.refundId, status: 'succeeded' };
    const q = await this.call('alipay.trade.fastpay.refund.query', {
      outTradeNo: input.paymentId,
      outRequestNo: input.refundId,
      queryOptions: ['gmt_refund_pay'],
    });
    return {
      providerRefundRef: input.refundId,
      status: q.refundStatus === 'REFUND_SUCCESS' ? 'succeeded' : 'processing',
    };
  }

  /**
   * 单笔转账到支付宝账户 (alipay.fund.trans.uni.transfer, 免密): idempotent by out_biz_no — the same number asked
   * again answers the first transfer's state and moves no money. A business failure (payee unknown, balance too
   * low, a number reused with other content) is a refusal: nothing was paid.
   */
  async transfer(input: TransferInput): Promise<TransferOutcome> {
    if (!input.payeeAccount)
      throw new TransferRefused('PAYEE_UNKNOWN', '不知道收款人的支付宝账户（该订单的付款通知未带买家账户）');
    let r: AlipayResult;
    try {
      r = await this.call('alipay.fund.trans.uni.transfer', {
        outBizNo: input.requestNo,
        transAmount: fenToYuanString(input.amount),
        productCode: 'TRANS_ACCOUNT_NO_PWD',
        bizScene: 'DIRECT_TRANSFER',
        orderTitle: input.memo.slice(0, 64),
        remark: input.memo.slice(0, 200),
        payeeInfo: {
          identity: input.payeeAccount,
          // Notifications name the buyer by user id (2088…) or, for newer apps, by open id.
          identityType: /^2088\d{12}$/.test(input.payeeAccount) ? 'ALIPAY_USER_ID' : 'ALIPAY_OPEN_ID',
        },
      });
    } catch (err) {
      if (err instanceof AlipayCallFailed)
        throw new TransferRefused(
          err.result.subCode ?? err.result.code,
          `支付宝拒绝转账：${err.result.subMsg ?? err.result.msg ?? err.result.code}`,
        );
      throw err;
    }
    const ref = typeof r.orderId === 'string' ? r.orderId : input.requestNo;
    if (r.status === 'SUCCESS') return { providerTransferRef: ref, status: 'succeeded' };
    if (r.status === 'FAIL' || r.status === 'CLOSED')
      throw new TransferRefused(String(r.status), `支付宝转账失败（${String(r.status)}）`);
    return { providerTransferRef: ref, status: 'processing' };
  }

  verifyCallback(request: CallbackRequest, now: Date): VerifiedCallback {
    const params = Object.fromEntries(new URLSearchParams(request.rawBody));
    // Values are signed decoded: URLSearchParams has decoded them, so the SDK must not decode again (V2).
    if (!this.sdk.checkNotifySignV2(params)) throw new InvalidCallback('支付宝通知签名无效');
    if (params.app_id !== this.opts.appId) throw new InvalidCallback(`通知的 app_id ${params.app_id} 不是本应用`);
    const paymentId = params.out_trade_no;
    if (!paymentId || !params.total_amount) throw new InvalidCallback('通知缺少 out_trade_no 或 total_amount');
    const status =
      params.trade_status === 'TRADE_SUCCESS' || params.trade_status === 'TRADE_FINISHED'
        ? 'succeeded'
        : params.trade_status === 'TRADE_CLOSED'
          ? 'failed'
          : 'ignored';
    let amount: number;
    try {
      amount = yuanStringToFen(params.total_amount);
    } catch {
      throw new InvalidCallback(`通知金额 ${params.total_amount} 无法识别`);
    }
    // A refund of a paid trade notifies again with trade_status TRADE_SUCCESS and refund fields: nothing to capture.
    const isRefundNotice = params.refund_fee !== undefined || params.out_biz_no !== undefined;
    return {
      paymentId,
      providerRef: paymentId,
      status: isRefundNotice && status === 'succeeded' ? 'ignored' : status,
      amount,
      paidAt: params.gmt_payment ? shanghaiTime(params.gmt_payment) : now,
      payerAccount: params.buyer_id ?? params.buyer_open_id,
    };
  }
}

/** Alipay writes times as "2026-12-07 10:00:00" in China time. */
function shanghaiTime(s: string): Date {
  return new Date(`${s.replace(' ', 'T')}+08:00`);
}
