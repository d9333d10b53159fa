import { createHmac, timingSafeEqual } from 'node:crypto';
import { newId } from './ids.ts';

type PaymentMethod = 'sandbox' | 'alipay' | 'wechatpay';

export interface ChargeInput {
  /** Our payment id, sent to the provider as its merchant order number (out_trade_no). */
  paymentId: string;
  /** Fen. */
  amount: number;
  subject: string;
  /** Where the provider sends the buyer back after paying (the shop's result page). */
  returnUrl?: string | undefined;
  /** The buyer's IP address: WeChat Pay H5 requires it. */
  clientIp?: string | undefined;
}

/** A charge as the provider reports it when asked (query). */
export interface ChargeState {
  status: 'pending' | 'succeeded' | 'closed';
  /** Fen, as the provider holds it. */
  amount: number;
  paidAt?: Date;
  /** The provider's own transaction number (trade_no / transaction_id), once paid. */
  providerTradeNo?: string;
}

export interface RefundOutcome {
  providerRefundRef: string;
  /** `processing`: accepted by the provider but not yet paid out (WeChat Pay): ask again later. */
  status: 'succeeded' | 'processing';
}

export interface TransferInput {
  /** Our request number at the provider (out_biz_no, out_batch_no + out_detail_no): letters and digits only. */
  requestNo: string;
  userId: string;
  /** Fen. */
  amount: number;
  memo: string;
  /** The payee's account at the provider (Alipay user id, WeChat openid): the account that paid the order. */
  payeeAccount?: string | undefined;
}

export interface TransferOutcome {
  providerTransferRef: string;
  /** `processing`: accepted, not yet paid out (WeChat Pay batches): ask again later with the same request number. */
  status: 'succeeded' | 'processing';
}

/** The provider definitely did not pay (payee unknown, balance too low, …): `code` is its own, `message` is shown. */
export class TransferRefused extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** What a verified callback says about one payment. `ignored`: nothing to apply (a refund notice, a waiting trade). */
export interface VerifiedCallback {
  paymentId: string;
  providerRef: string;
  status: 'succeeded' | 'failed' | 'ignored';
  /** Fen. */
  amount: number;
  paidAt: Date;
  /** The provider's id of the account that paid (openid, buyer id), when the callback names it. */
  payerAccount?: string | undefined;
}

export interface CallbackRequest {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A payment provider (Alipay, WeChat Pay, the sandbox) as the platform sees it. */
export interface PaymentProvider {
  readonly name: PaymentMethod;
  /** What the buyer sees in the cashier. */
  readonly label: string;
  readonly description: string;
  /** Starts a charge; the buyer completes it at `payUrl` and the provider calls back. */
  createCharge(input: ChargeInput): Promise<{ providerRef: string; payUrl: string }>;
  queryCharge(input: { paymentId: string; providerRef: string }): Promise<ChargeState>;
  /** Closes an unpaid charge so it can no longer be paid (the buyer switched method). */
  closeCharge(input: { paymentId: string; providerRef: string }): Promise<void>;
  /**
   * Refunds part or all of a captured charge. Idempotent by `refundId`: asking again for a refund the provider
   * already knows returns its current state instead of refunding twice.
   */
  refund(input: {
    paymentId: string;
    providerRef: string;
    refundId: string;
    amount: number;
    /** Fen: the whole charge, which WeChat Pay requires with every refund. */
    chargeAmount: number;
    reason: string;
  }): Promise<RefundOutcome>;
  /**
   * Pays money to a consumer's own account at the provider (企业付款到零钱 / 单笔转账), not against a charge:
   * compensation beyond what they paid. Idempotent by `requestNo` at the provider: asking again for a transfer it
   * already knows returns its state instead of paying twice. Throws TransferRefused when the provider definitely
   * did not pay (no money moved); ProviderUnavailable or any other error means the outcome is unknown.
   */
  transfer?(input: TransferInput): Promise<TransferOutcome>;
  /** Checks a callback's signature (and decrypts it where the provider encrypts); throws InvalidCallback otherwise. */
  verifyCallback(request: CallbackRequest, now: Date): VerifiedCallback;
}

/** A callback whose signature, timestamp or content does not check out. */
export class InvalidCallback extends Error {}

/**
 * The provider did not answer, or answered with a system error after the retries: the charge or refund did not
 * happen (or its outcome is unknown and will be queried), and the buyer may use another method.
 */
export class ProviderUnavailable extends Error {
  readonly provider: PaymentMethod;
  constructor(provider: PaymentMethod, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.provider = provider;
  }
}

/** The configured providers, in the order the cashier offers them (the first is the default). */
export class PaymentProviders {
  private readonly all: PaymentProvider[];
  constructor(all: PaymentProvider[]) {
    if (all.length === 0) throw new Error('at least one payment provider must be configured');
    this.all = all;
  }
  list(): readonly PaymentProvider[] {
    return this.all;
  }
  get(name: string): PaymentProvider | undefined {
    return this.all.find((p) => p.name === name);
  }
  get default(): PaymentProvider {
    return this.all[0]!;
  }
}

export interface SandboxCallback {
  paymentId: string;
  providerRef: string;
  status: 'succeeded' | 'failed';
  amount: number;
  paidAt: string;
  /** The provider's id of the paying account (as gateways' callbacks carry openid / buyer id). */
  payerAccount?: string;
}

/** The sandbox provider: charges nothing, signs callbacks with HMAC-SHA256 like a real gateway. */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';
  readonly label = '沙箱支付';
  readonly description = '演示环境的支付渠道，不会真实扣款';
  private readonly secret: string;
  private readonly charges = new Map<string, { amount: number }>();
  constructor(secret: string) {
    this.secret = secret;
  }

  async createCharge(input: ChargeInput): Promise<{ providerRef: string; payUrl: string }> {
    const providerRef = newId('sbx');
    this.charges.set(providerRef, { amount: input.amount });
    return { providerRef, payUrl: `/api/v1/sandbox/pay/${input.paymentId}` };
  }

  // The sandbox learns of payments only through the callbacks it signs: a charge it is asked about is still open.
  async queryCharge(input: { providerRef: string }): Promise<ChargeState> {
    return { status: 'pending', amount: this.charges.get(input.providerRef)?.amount ?? 0 };
  }

  async closeCharge(input: { providerRef: string }): Promise<void> {
    this.charges.delete(input.providerRef);
  }

  async refund(input: { refundId: string }): Promise<RefundOutcome> {
    return { providerRefundRef: `sbxr_${input.refundId}`, status: 'succeeded' };
  }

  async transfer(input: TransferInput): Promise<TransferOutcome> {
    return { providerTransferRef: `sbxt_${input.requestNo}`, status: 'succeeded' };
  }

  sign(rawBody: string): string {
    return createHmac('sha256', this.secret).update(rawBody).digest('hex');
  }

  signedCallback(body: SandboxCallback): { rawBody: string; signature: string } {
    const rawBody = JSON.stringify(body);
    return { rawBody, signature: this.sign(rawBody) };
  }

  verifyCallback(request: CallbackRequest): VerifiedCallback {
    const signature = request.headers['x-sandbox-signature'];
    if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) throw new InvalidCallback('签名缺失');
    if (!timingSafeEqual(Buffer.from(this.sign(request.rawBody), 'hex'), Buffer.from(signature, 'hex')))
      throw new InvalidCallback('签名与回调内容不符');
    let body: SandboxCallback;
    try {
      body = JSON.parse(request.rawBody) as SandboxCallback;
    } catch {
      throw new InvalidCallback('回调不是 JSON');
    }
    const paidAt = new Date(body.paidAt);
    if (
      typeof body.paymentId !== 'string' ||
      typeof body.providerRef !== 'string' ||
      !Number.isSafeInteger(body.amount) ||
      (body.status !== 'succeeded' && body.status !== 'failed') ||
      Number.isNaN(paidAt.getTime())
    )
      throw new InvalidCallback('回调格式有误');
    return {
      paymentId: body.paymentId,
      providerRef: body.providerRef,
      status: body.status,
      amount: body.amount,
      paidAt,
      payerAccount: typeof body.payerAccount === 'string' ? body.payerAccount : undefined,
    };
  }
}

/** Retries a provider call that failed with a system error (documented as safe to retry with the same request). */
export async function withRetries<T>(
  attempts: number,
  delayMs: number,
  call: () => Promise<T>,
  retryable: (err: unknown) => boolean,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (err) {
      if (i >= attempts || !retryable(err)) throw err;
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs * i));
    }
  }
}
