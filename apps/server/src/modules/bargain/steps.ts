import { createHash } from 'node:crypto';
import { allocate } from '../../platform/money.ts';

/**
 * The price cut of each help: `helps` positive integer steps summing exactly to `total`, so the floor is reached
 * on the last help and never passed. Each step's weight is drawn from [0.5, 1.5] by SHA-256 of (seed, index), so
 * every step lies between total/(3·helps) and 3·total/helps and the whole schedule is reproducible from the seed.
 */
export function bargainSteps(seed: string, total: number, helps: number): number[] {
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(helps) || helps < 1 || total < 3 * helps) {
    throw new Error(`bargainSteps: need total ≥ 3 × helps, got ${total} over ${helps}`);
  }
  const weights = Array.from(
    { length: helps },
    (_, i) => 500 + (createHash('sha256').update(`${seed}:${i}`).digest().readUInt32BE(0) % 1001),
  );
  return allocate(total, weights);
}

/** The smallest cut the schedule guarantees per help: campaigns must leave room for it. */
export const minCutFor = (helps: number) => 3 * helps;
