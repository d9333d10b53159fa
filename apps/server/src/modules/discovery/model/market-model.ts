import type { Csr } from './interactions.ts';
import type { Neighbours } from './neighbours.ts';

/** What a model build knows about the products (dense ids 0…n−1). */
export interface ItemTable {
  count: number;
  category: Int32Array;
  merchant: Int32Array;
  /** Listing time, ms since the epoch. */
  createdAt: Float64Array;
  /** 0 when sold out, delisted, blocked or held by compliance: never recommended. */
  available: Uint8Array;
}

/**
 * Everything the recommender serves from, precomputed offline from the event log (never on the request path):
 * interactions by user, item neighbours, time-decayed popularity overall and per category, new arrivals per
 * category, and who follows whom.
 */
export interface RecommenderModel {
  items: ItemTable;
  byUser: Csr;
  neighbours: Neighbours;
  popularity: Float32Array;
  popularByCategory: Map<number, Int32Array>;
  popularOverall: Int32Array;
  freshByCategory: Map<number, Int32Array>;
  /** Row u: the users u follows (creators, friends). */
  following: Csr;
  weights: RankerWeights;
  builtAt: number;
}

export const FEATURES = ['similar', 'social', 'affinity', 'popularity', 'freshness', 'bias'] as const;
export type RankerWeights = Record<(typeof FEATURES)[number], number>;

/** Before a ranker is fitted: hand-set weights that already favour personal signals over popularity. */
export const DEFAULT_WEIGHTS: RankerWeights = {
  similar: 3,
  social: 2,
  affinity: 2,
  popularity: 0.3,
  freshness: 0.2,
  bias: -4,
};

const DAY = 86_400_000;

/** Time-decayed popularity (half-life 14 days): a bestseller of last season is not one today. */
export function decayedPopularity(
  byItemWeights: { items: Int32Array; weights: Float32Array; times: Float64Array; length: number },
  count: number,
  now: number,
): Float32Array {
  const pop = new Float32Array(count);
  const lambda = Math.LN2 / (14 * DAY);
  for (let i = 0; i < byItemWeights.length; i++) {
    pop[byItemWeights.items[i]!]! +=
      byItemWeights.weights[i]! * Math.exp(-lambda * Math.max(0, now - byItemWeights.times[i]!));
  }
  return pop;
}

/** The `n` most popular available items of each category, and overall. */
export function popularLists(
  items: ItemTable,
  pop: Float32Array,
  n: number,
): { byCategory: Map<number, Int32Array>; overall: Int32Array } {
  const byCategory = new Map<number, number[]>();
  for (let i = 0; i < items.count; i++) {
    if (!items.available[i]) continue;
    const list = byCategory.get(items.category[i]!) ?? [];
    list.push(i);
    byCategory.set(items.category[i]!, list);
  }
  const top = (ids: number[]) => Int32Array.from(ids.sort((a, b) => pop[b]! - pop[a]! || a - b).slice(0, n));
  const overall: number[] = [];
  for (let i = 0; i < items.count; i++) if (items.available[i] && pop[i]! > 0) overall.push(i);
  return { byCategory: new Map([...byCategory].map(([c, ids]) => [c, top(ids)])), overall: top(overall) };
}

/** Items listed in the last `days` days, newest first, per category: the exploration pool for new arrivals. */
export function freshLists(items: ItemTable, now: number, days: number, n: number): Map<number, Int32Array> {
  const byCategory = new Map<number, number[]>();
  for (let i = 0; i < items.count; i++) {
    if (!items.available[i] || now - items.createdAt[i]! > days * DAY || items.createdAt[i]! > now) continue;
    const list = byCategory.get(items.category[i]!) ?? [];
    list.push(i);
    byCategory.set(items.category[i]!, list);
  }
  return new Map(
    [...byCategory].map(([c, ids]) => [
      c,
      Int32Array.from(ids.sort((a, b) => items.createdAt[b]! - items.createdAt[a]!).slice(0, n)),
    ]),
  );
}
