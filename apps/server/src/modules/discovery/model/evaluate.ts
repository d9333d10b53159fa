import type { InteractionLog } from './interactions.ts';
import type { ItemTable } from './market-model.ts';

export interface Evaluation {
  users: number;
  hitRate: number;
  ndcg: number;
  /** Share of the catalogue recommended to at least one user. */
  coverage: number;
  /** Mean share of pairs in a list from different categories. */
  diversity: number;
}

/** Ground truth of an evaluation window: for each user, the items they touched that they had not touched before. */
export function heldOut(
  test: InteractionLog,
  seenBefore: (user: number, item: number) => boolean,
  minWeight = 3,
): Map<number, Set<number>> {
  const truth = new Map<number, Set<number>>();
  for (let i = 0; i < test.length; i++) {
    if (test.weights[i]! < minWeight) continue;
    const u = test.users[i]!;
    const item = test.items[i]!;
    if (seenBefore(u, item)) continue;
    let set = truth.get(u);
    if (!set) truth.set(u, (set = new Set()));
    set.add(item);
  }
  return truth;
}

/** HitRate@K, NDCG@K (binary relevance), coverage and intra-list diversity of `lists` against `truth`. */
export function evaluateLists(
  lists: Map<number, number[]>,
  truth: Map<number, Set<number>>,
  items: ItemTable,
  k: number,
): Evaluation {
  let hits = 0;
  let ndcg = 0;
  let diversity = 0;
  const recommended = new Set<number>();
  for (const [user, relevant] of truth) {
    const list = (lists.get(user) ?? []).slice(0, k);
    list.forEach((item) => recommended.add(item));
    let dcg = 0;
    list.forEach((item, rank) => {
      if (relevant.has(item)) dcg += 1 / Math.log2(rank + 2);
    });
    let ideal = 0;
    for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
    if (dcg > 0) hits++;
    ndcg += ideal > 0 ? dcg / ideal : 0;
    let pairs = 0;
    let different = 0;
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) {
        pairs++;
        if (items.category[list[a]!] !== items.category[list[b]!]) different++;
      }
    diversity += pairs > 0 ? different / pairs : 0;
  }
  const n = truth.size || 1;
  return {
    users: truth.size,
    hitRate: hits / n,
    ndcg: ndcg / n,
    coverage: recommended.size / items.count,
    diversity: diversity / n,
  };
}
