import { createHash } from 'node:crypto';

export const BUCKETS = 10_000;

/**
 * A unit's bucket 0–9999 for a salt: the same unit always lands in the same bucket, different salts are
 * independent. Experiments (variants, layers) and hold-out groups of automations both split traffic with it.
 */
export function bucketOf(salt: string, unitId: string): number {
  const digest = createHash('sha256').update(`${salt}:${unitId}`).digest();
  return digest.readUInt32BE(0) % BUCKETS;
}
