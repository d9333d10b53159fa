import { Matrix, solve } from 'ml-matrix';
import { type InteractionLog } from './interactions.ts';
import { FEATURES, type RankerWeights, type RecommenderModel } from './market-model.ts';
import { candidatesFor, featuresOf } from './recommend.ts';

/**
 * Fits the ranker's weights on the event log: a logistic regression of "did the user touch this candidate in the
 * next days" on the candidate's features, candidates generated from a model built on the days before. Pointwise
 * learning-to-rank is simple, explainable (one weight per signal) and needs nothing but the log we already keep;
 * Newton–Raphson (IRLS) with a small ridge converges in a handful of iterations for six features.
 */
export function fitRanker(
  model: RecommenderModel,
  future: InteractionLog,
  opts: { maxUsers?: number; ridge?: number } = {},
): RankerWeights {
  const positives = new Map<number, Set<number>>();
  for (let i = 0; i < future.length; i++) {
    const u = future.users[i]!;
    let set = positives.get(u);
    if (!set) positives.set(u, (set = new Set()));
    set.add(future.items[i]!);
  }
  const rows: number[][] = [];
  const labels: number[] = [];
  let users = 0;
  for (const [u, bought] of positives) {
    if (users++ >= (opts.maxUsers ?? 5000)) break;
    const { candidates, affinity, seen } = candidatesFor(model, u, model.builtAt);
    const negatives: number[][] = [];
    for (const c of candidates.values()) {
      if (seen.has(c.item)) continue;
      const x = featuresOf(model, c, affinity, model.builtAt);
      if (bought.has(c.item)) {
        rows.push(x);
        labels.push(1);
      } else negatives.push(x);
    }
    // Keep the classes within an order of magnitude: the weights' ratios, not the intercept, decide the ranking.
    for (let i = 0; i < negatives.length; i += Math.max(1, Math.floor(negatives.length / 20))) {
      rows.push(negatives[i]!);
      labels.push(0);
    }
  }
  if (labels.filter((y) => y === 1).length < 10) return model.weights;
  const beta = logisticRegression(rows, labels, opts.ridge ?? 1e-2);
  return Object.fromEntries(FEATURES.map((f, i) => [f, beta[i]!])) as RankerWeights;
}

function logisticRegression(rows: number[][], labels: number[], ridge: number, iterations = 25): number[] {
  const d = rows[0]?.length ?? 0;
  const beta = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const hessian = Matrix.eye(d).mul(ridge);
    const gradient = Matrix.columnVector(beta.map((b) => -ridge * b));
    rows.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-x.reduce((z, v, i) => z + v * beta[i]!, 0)));
      const w = Math.max(1e-9, p * (1 - p));
      for (let i = 0; i < d; i++) {
        gradient.set(i, 0, gradient.get(i, 0) + (labels[n]! - p) * x[i]!);
        for (let j = 0; j < d; j++) hessian.set(i, j, hessian.get(i, j) + w * x[i]! * x[j]!);
      }
    });
    const step = solve(hessian, gradient).to1DArray();
    step.forEach((s, i) => (beta[i]! += s));
    if (Math.hypot(...step) < 1e-6) break;
  }
  return beta;
}
