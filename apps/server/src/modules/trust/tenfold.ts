import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { postJournal } from '../../platform/ledger.ts';
import { liveGuaranteeOf, recoverFromLiveDeposit } from '../live/api.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import { depositAccounts, recoverForClaimInTx } from './deposits.ts';

/**
 * 假一赔十 through 先行赔付 (docs/TRUST.md): an order bought in a live room whose host showed the badge (live deposit
 * held when the order was placed — live records it) and a counterfeit claim approved → the refund plus ten times the
 * paid amount of the room's lines, from the guarantee fund; recovered from the host's live deposit first.
 */
const TENFOLD = 10;

/** What the platform owes a consumer for 假一赔十 until the transfer to them completes (a liability, credit balance). */
export const compensationPayable = (userId: string) => `trust-compensation:${userId}`;

/** The payments transfer that pays a claim's tenfold compensation to the consumer. */
export const tenfoldTransferRef = (claimId: string) => `tenfold:${claimId}`;

export async function tenfoldFor(db: Db, orderId: string, reason: string): Promise<number | null> {
  if (reason !== 'counterfeit') return null;
  const guarantee = await liveGuaranteeOf(db, orderId);
  return guarantee ? TENFOLD * guarantee.amount : null;
}

/** `GET /api/v1/compensation-claims/tenfold`: whether a counterfeit claim on the buyer's order pays ten times. */
export async function tenfoldEligibility(ctx: Ctx, orderId: string): Promise<{ eligible: boolean; amount: number }> {
  const user = requireUser(ctx.actor);
  const order = await getOrderForAfterSale(ctx.db, orderId);
  if (!order || order.userId !== user.userId) throw notFound('订单', orderId);
  const amount = await tenfoldFor(ctx.db, orderId, 'counterfeit');
  return { eligible: amount !== null, amount: amount ?? 0 };
}

/** On approval: the fund owes the consumer the tenfold compensation (fund +c, payable −c). */
export async function payTenfoldInTx(db: Db, claim: { id: string; userId: string; tenfold: number }, at: Date) {
  await postJournal(db, {
    kind: 'trust.tenfold',
    refId: claim.id,
    memo: `假一赔十（理赔单 ${claim.id}）`,
    at,
    lines: [
      { account: depositAccounts.guaranteeFund, amount: claim.tenfold },
      { account: compensationPayable(claim.userId), amount: -claim.tenfold },
    ],
  });
}

/** Recovery of a 假一赔十 payout: the host's live deposit first, then the trust deposit and the shop's balance. */
export async function recoverLiveFirst(
  db: Db,
  input: { merchantId: string; amount: number; claimId: string; at: Date },
): Promise<number> {
  const fromLive = await recoverFromLiveDeposit(db, {
    merchantId: input.merchantId,
    amount: input.amount,
    refId: `claim:${input.claimId}`,
    toAccount: depositAccounts.guaranteeFund,
    at: input.at,
  });
  const rest = input.amount - fromLive;
  return fromLive + (rest > 0 ? await recoverForClaimInTx(db, { ...input, amount: rest }) : 0);
}
