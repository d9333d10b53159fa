import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { postJournal } from '../../platform/ledger.ts';
import { depositAccounts } from './qualification.ts';
import { liveHostQualifications, liveOrders } from './schema.ts';

/**
 * 假一赔十 (docs/TRUST.md): whether the order was bought in a live room whose host showed the badge (live deposit
 * held) when it was placed, and what its lines from that room were paid (fen). Null otherwise.
 */
export async function liveGuaranteeOf(db: Db, orderId: string): Promise<{ sessionId: string; amount: number } | null> {
  const [row] = await db
    .select({ sessionId: liveOrders.sessionId, amount: liveOrders.amount })
    .from(liveOrders)
    .where(and(eq(liveOrders.orderId, orderId), eq(liveOrders.guaranteed, true), isNull(liveOrders.voidedAt)));
  return row ?? null;
}

/**
 * A 假一赔十 payout is recovered from the host's live deposit first: up to `amount` moves from `live-deposit:<m>` to
 * `toAccount` (the guarantee fund) in one balanced journal. Below the requirement the badge goes away by itself.
 * Returns what was recovered.
 */
export async function recoverFromLiveDeposit(
  db: Db,
  input: { merchantId: string; amount: number; refId: string; toAccount: string; at: Date },
): Promise<number> {
  const { merchantId } = input;
  const [row] = await db
    .select({ held: liveHostQualifications.depositHeld })
    .from(liveHostQualifications)
    .where(eq(liveHostQualifications.merchantId, merchantId))
    .for('update');
  const taken = Math.min(input.amount, row?.held ?? 0);
  if (taken <= 0) return 0;
  await postJournal(db, {
    kind: 'live.deposit-recovery',
    refId: input.refId,
    memo: `假一赔十追偿（${input.refId}），从直播保证金扣回`,
    at: input.at,
    lines: [
      { account: depositAccounts.deposit(merchantId), amount: taken },
      { account: input.toAccount, amount: -taken },
    ],
  });
  await db
    .update(liveHostQualifications)
    .set({ depositHeld: row!.held - taken, updatedAt: input.at })
    .where(eq(liveHostQualifications.merchantId, merchantId));
  await emit(db, 'live.deposit-recovered', { merchantId, amount: taken, ref: input.refId });
  return taken;
}
