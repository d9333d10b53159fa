import { type Csr, type InteractionLog, toCsr } from './interactions.ts';
import {
  DEFAULT_WEIGHTS,
  decayedPopularity,
  freshLists,
  type ItemTable,
  popularLists,
  type RankerWeights,
  type RecommenderModel,
} from './market-model.ts';
import { itemNeighbours } from './neighbours.ts';

export interface BuildInput {
  items: ItemTable;
  users: number;
  log: InteractionLog;
  /** Follow edges u → v with a strength (1 for a follow; more for close ties such as inviter/invitee). */
  follows: { from: Int32Array; to: Int32Array; strength: Float32Array; length: number };
  now: number;
  weights?: RankerWeights;
  /** Neighbours kept per item. */
  k?: number;
}

/** Builds every structure the recommender serves from. Offline work: seconds for millions of interactions. */
export function buildModel(input: BuildInput): RecommenderModel {
  const { items, users, log, now } = input;
  const byUser = toCsr(log, users, 'user', 100);
  const byItem = transpose(byUser, items.count);
  const neighbours = itemNeighbours(byItem, byUser, items.count, input.k ?? 40);
  const popularity = decayedPopularity(log, items.count, now);
  const popular = popularLists(items, popularity, 200);
  return {
    items,
    byUser,
    neighbours,
    popularity,
    popularByCategory: popular.byCategory,
    popularOverall: popular.overall,
    freshByCategory: freshLists(items, now, 14, 50),
    following: followCsr(input.follows, users),
    weights: input.weights ?? DEFAULT_WEIGHTS,
    builtAt: now,
  };
}

/** The same cells grouped the other way (by item), from an already capped by-user matrix. */
function transpose(m: Csr, columns: number): Csr {
  const counts = new Int32Array(columns + 1);
  for (let p = 0; p < m.cols.length; p++) counts[m.cols[p]! + 1]!++;
  for (let c = 0; c < columns; c++) counts[c + 1]! += counts[c]!;
  const fill = counts.slice(0, columns);
  const cols = new Int32Array(m.cols.length);
  const values = new Float32Array(m.cols.length);
  const lastTimes = new Float64Array(m.cols.length);
  for (let r = 0; r < m.offsets.length - 1; r++) {
    for (let p = m.offsets[r]!; p < m.offsets[r + 1]!; p++) {
      const at = fill[m.cols[p]!]!++;
      cols[at] = r;
      values[at] = m.values[p]!;
      lastTimes[at] = m.lastTimes[p]!;
    }
  }
  return { offsets: counts, cols, values, lastTimes };
}

function followCsr(f: BuildInput['follows'], users: number): Csr {
  const log = { users: f.from, items: f.to, weights: f.strength, times: new Float64Array(f.length), length: f.length };
  return toCsr(log, users, 'user');
}
