import { createHash } from 'node:crypto';

/**
 * Pays money out to a person's account (Alipay / WeChat transfers, bank). Only the sandbox exists, so it is not a
 * port on Deps yet: it becomes one when a second implementation does (docs/STYLE.md, "no extension point before").
 */
export interface PayoutProvider {
  readonly name: string;
  /** Registers an account with the provider; the platform keeps the token and a masked number only. */
  registerAccount(input: { holderName: string; accountNo: string }): Promise<{ accountRef: string; masked: string }>;
  /** Transfers `amount` fen. Idempotent by payoutId at the provider. A refusal is an outcome, not an exception. */
  transfer(input: {
    payoutId: string;
    accountRef: string;
    amount: number;
  }): Promise<{ ok: true; payoutRef: string } | { ok: false; reason: string }>;
}

/** Sandbox: moves no money; an account whose number ends in 0000 is refused, to exercise the failure path. */
class SandboxPayoutProvider implements PayoutProvider {
  readonly name = 'sandbox';

  async registerAccount(input: {
    holderName: string;
    accountNo: string;
  }): Promise<{ accountRef: string; masked: string }> {
    const digest = createHash('sha256').update(`${input.holderName}|${input.accountNo}`).digest('hex').slice(0, 24);
    const kind = input.accountNo.endsWith('0000') ? 'reject' : 'ok';
    return { accountRef: `sbxacct_${kind}_${digest}`, masked: maskAccount(input.accountNo) };
  }

  async transfer(input: {
    payoutId: string;
    accountRef: string;
  }): Promise<{ ok: true; payoutRef: string } | { ok: false; reason: string }> {
    if (input.accountRef.startsWith('sbxacct_reject_')) return { ok: false, reason: '收款账户状态异常，渠道拒绝打款' };
    return { ok: true, payoutRef: `sbxpo_${input.payoutId}` };
  }
}

/** 6222021234567890 → 6222 **** **** 7890; phone-style Alipay accounts keep 3 + 4. */
function maskAccount(accountNo: string): string {
  const s = accountNo.replace(/\s+/g, '');
  if (s.length <= 8) return `${s.slice(0, 2)}****${s.slice(-2)}`;
  return `${s.slice(0, 4)} **** **** ${s.slice(-4)}`;
}

export const payoutProvider: PayoutProvider = new SandboxPayoutProvider();
