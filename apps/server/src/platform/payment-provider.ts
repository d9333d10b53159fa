import { createHmac, timingSafeEqual } from 'node:crypto';
import { newId } from './ids.ts';

/** A payment provider (Alipay, WeChat Pay, …) as the platform sees it. The sandbox is built in. */
export interface PaymentProvider {
  readonly name: string;
  /** Starts a charge; the buyer completes it at `payUrl` and the provider calls back. */
  createCharge(input: {
    paymentId: string;
    amount: number;
    subject: string;
  }): Promise<{ providerRef: string; payUrl: string }>;
  /** Refunds part or all of a captured charge. `refundId` makes it idempotent at the provider. */
  refund(input: { providerRef: string; refundId: string; amount: number }): Promise<{ providerRefundRef: string }>;
  /**
   * Pays money to a consumer's own account at the provider (企业付款到零钱), not against a charge: compensation
   * beyond what they paid. `transferId` makes it idempotent at the provider.
   */
  transfer(input: { transferId: string; userId: string; amount: number; memo: string }): Promise<{
    providerTransferRef: string;
  }>;
  /** Checks a callback's signature over its raw body. */
  verifyCallback(rawBody: string, signature: string | undefined): boolean;
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
  private readonly secret: string;
  constructor(secret: string) {
    this.secret = secret;
  }

  async createCharge(input: { paymentId: string }): Promise<{ providerRef: string; payUrl: string }> {
    return { providerRef: newId('sbx'), payUrl: `/api/v1/sandbox/pay/${input.paymentId}` };
  }

  async refund(input: { refundId: string }): Promise<{ providerRefundRef: string }> {
    return { providerRefundRef: `sbxr_${input.refundId}` };
  }

  async transfer(input: { transferId: string }): Promise<{ providerTransferRef: string }> {
    return { providerTransferRef: `sbxt_${input.transferId}` };
  }

  sign(rawBody: string): string {
    return createHmac('sha256', this.secret).update(rawBody).digest('hex');
  }

  signedCallback(body: SandboxCallback): { rawBody: string; signature: string } {
    const rawBody = JSON.stringify(body);
    return { rawBody, signature: this.sign(rawBody) };
  }

  verifyCallback(rawBody: string, signature: string | undefined): boolean {
    if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
    return timingSafeEqual(Buffer.from(this.sign(rawBody), 'hex'), Buffer.from(signature, 'hex'));
  }
}
