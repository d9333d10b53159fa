import { BUCKETS, bucketOf } from '../../platform/assignment.ts';
import type { Variant } from './schema.ts';

/** What assignment needs to know about a running experiment. */
export interface Placement {
  layer: string;
  salt: string;
  bucketStart: number;
  bucketEnd: number;
  variants: Variant[];
}

/**
 * Two independent hashes: the layer's hash decides which experiment of the layer (if any) a unit is in — each
 * running experiment holds its own range of layer buckets, so the experiments of one layer never share a unit —
 * and the experiment's salt decides the variant, so the split inside is independent of the layer's.
 */
export function variantFor(p: Placement, unit: string): string | null {
  const layerBucket = bucketOf(`layer:${p.layer}`, unit);
  if (layerBucket < p.bucketStart || layerBucket >= p.bucketEnd) return null;
  const total = p.variants.reduce((s, v) => s + v.weight, 0);
  const point = (bucketOf(p.salt, unit) * total) / BUCKETS;
  let upTo = 0;
  for (const v of p.variants) {
    upTo += v.weight;
    if (point < upTo) return v.key;
  }
  return p.variants[p.variants.length - 1]!.key;
}

/** The lowest free range of `size` layer buckets, given the ranges running experiments hold; null when the layer is full. */
export function freeRange(
  taken: { start: number; end: number }[],
  size: number,
): { start: number; end: number } | null {
  let start = 0;
  for (const r of [...taken].sort((a, b) => a.start - b.start)) {
    if (r.start - start >= size) break;
    start = Math.max(start, r.end);
  }
  return start + size <= BUCKETS ? { start, end: start + size } : null;
}

/** The unit an experiment splits: the signed-in user's pseudonym, else the device — the `actor` of analytics events. */
export const unitOf = (userPid: string | null, deviceId: string | undefined): string | null =>
  userPid ?? (deviceId ? `d:${deviceId}` : null);

export const bucketsOfPercent = (percent: number): number => Math.round((percent * BUCKETS) / 100);
