import type { Db } from '../../platform/db.ts';
import { movePoints, pointsAccount } from './wallet.ts';

export interface AwardInput {
  userId: string;
  /** Points to credit; a positive whole number. */
  amount: number;
  /** Shown in the user's points history, e.g. 晒单返现. */
  reason: string;
  /** What earned the points (e.g. `order-photo-post`) and its id: each source is paid once, whoever asks again. */
  sourceType: string;
  sourceId: string;
  at: Date;
}

/**
 * Credits points another module decided a user has earned (晒单返现 …), as one balanced ledger journal from
 * `points:issued`, in the caller's transaction. Idempotent per (sourceType, sourceId): a repeat credits nothing
 * and answers `awarded: false`.
 */
export async function awardPoints(db: Db, input: AwardInput): Promise<{ awarded: boolean }> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new Error(`awardPoints: bad amount ${input.amount}`);
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(input.sourceType))
    throw new Error(`awardPoints: bad source type ${input.sourceType}`);
  const moved = await movePoints(db, {
    kind: 'points.award',
    refId: `${input.sourceType}:${input.sourceId}`,
    memo: input.reason,
    at: input.at,
    from: { account: pointsAccount.issued },
    to: { userId: input.userId },
    points: input.amount,
  });
  // Crediting a user cannot be refused (only spends are guarded); a refusal here is a bug.
  if (!moved.ok) throw new Error(`awardPoints ${input.sourceType}:${input.sourceId}: ${moved.type}`);
  return { awarded: moved.value.posted };
}
