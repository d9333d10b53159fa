// Offline evaluation of the recommender against a popularity and an item-kNN baseline on a synthetic market.
import { buildModel } from '../../apps/server/src/modules/discovery/model/build.ts';
import { evaluateLists, type Evaluation, heldOut } from '../../apps/server/src/modules/discovery/model/evaluate.ts';
import { fitRanker } from '../../apps/server/src/modules/discovery/model/fit.ts';
import { splitAt } from '../../apps/server/src/modules/discovery/model/interactions.ts';
import type { RecommenderModel } from '../../apps/server/src/modules/discovery/model/market-model.ts';
import { candidatesFor, recommend } from '../../apps/server/src/modules/discovery/model/recommend.ts';
import type { Market } from './market.ts';

const DAY = 86_400_000;
const K = 20;

export interface OfflineResult {
  recommender: Evaluation;
  popularity: Evaluation;
  itemKnn: Evaluation;
  weights: Record<string, number>;
  buildSeconds: number;
  model: RecommenderModel;
}

export function evaluateOffline(
  market: Market,
  opts: { evalUsers?: number; log?: (s: string) => void } = {},
): OfflineResult {
  const say = opts.log ?? (() => undefined);
  const testFrom = market.end - 7 * DAY;
  const { before: train, after: test } = splitAt(market.log, testFrom);
  const { before: fitTrain, after: fitLabels } = splitAt(train, testFrom - 7 * DAY);
  const users = market.spec.users;

  say('fitting the ranker on the week before the test week');
  const draft = buildModel({
    items: market.items,
    users,
    log: fitTrain,
    follows: market.follows,
    now: testFrom - 7 * DAY,
  });
  const weights = fitRanker(draft, fitLabels);
  say(`  weights ${JSON.stringify(weights, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(3)) : v))}`);

  say('building the model on all training data');
  const t0 = performance.now();
  const model = buildModel({ items: market.items, users, log: train, follows: market.follows, now: testFrom, weights });
  const buildSeconds = (performance.now() - t0) / 1000;
  say(`  built in ${buildSeconds.toFixed(1)} s`);

  const seen = (u: number, item: number) => {
    for (let p = model.byUser.offsets[u]!; p < model.byUser.offsets[u + 1]!; p++)
      if (model.byUser.cols[p] === item) return true;
    return false;
  };
  const truthAll = heldOut(test, seen);
  const truth = new Map([...truthAll].slice(0, opts.evalUsers ?? 10_000));
  say(`evaluating on ${truth.size} users with new carts/purchases in the test week`);

  const ours = new Map<number, number[]>();
  const pop = new Map<number, number[]>();
  const knn = new Map<number, number[]>();
  for (const u of truth.keys()) {
    ours.set(
      u,
      recommend(model, u, { now: testFrom, limit: K, personalised: true }).map((r) => r.item),
    );
    pop.set(u, [...model.popularOverall].filter((i) => !seen(u, i)).slice(0, K));
    const { candidates, seen: had } = candidatesFor(model, u, testFrom);
    knn.set(
      u,
      [...candidates.values()]
        .filter((c) => c.similar > 0 && !had.has(c.item) && model.items.available[c.item])
        .sort((a, b) => b.similar - a.similar)
        .slice(0, K)
        .map((c) => c.item),
    );
  }
  return {
    recommender: evaluateLists(ours, truth, model.items, K),
    popularity: evaluateLists(pop, truth, model.items, K),
    itemKnn: evaluateLists(knn, truth, model.items, K),
    weights,
    buildSeconds,
    model,
  };
}
