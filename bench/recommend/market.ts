// A seeded synthetic marketplace with latent tastes and a social graph, for evaluating recommenders offline.
// Products belong to categories whose "topics" live in a small latent space; users like a few categories;
// a session picks a category from the user's tastes, samples products by popularity within it and keeps the
// one that fits the user best; some sessions follow a friend's or a followed creator's recent purchase.
import {
  emptyLog,
  type InteractionLog,
  pushInteraction,
} from '../../apps/server/src/modules/discovery/model/interactions.ts';
import type { ItemTable } from '../../apps/server/src/modules/discovery/model/market-model.ts';

export interface MarketSpec {
  products: number;
  users: number;
  interactions: number;
  categories: number;
  merchants: number;
  creators: number;
  days: number;
  seed: number;
}

export interface Market {
  spec: MarketSpec;
  items: ItemTable;
  log: InteractionLog;
  follows: { from: Int32Array; to: Int32Array; strength: Float32Array; length: number };
  start: number;
  end: number;
}

const DAY = 86_400_000;
const DIM = 12;

/** mulberry32: small, fast, good enough for simulation, and the same numbers on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateMarket(spec: MarketSpec): Market {
  const rand = rng(spec.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const end = Date.UTC(2026, 11, 1);
  const start = end - spec.days * DAY;

  const topics = Array.from({ length: spec.categories }, () => unit(Array.from({ length: DIM }, gauss)));
  // Category sizes follow a Zipf-like law: a few big categories (apparel, beauty), many small ones.
  const catWeights = topics.map((_, c) => 1 / (c + 1) ** 0.6);
  const pickCategory = alias(catWeights, rand);
  const items: ItemTable = {
    count: spec.products,
    category: new Int32Array(spec.products),
    merchant: new Int32Array(spec.products),
    createdAt: new Float64Array(spec.products),
    available: new Uint8Array(spec.products).fill(1),
  };
  const vectors = new Float32Array(spec.products * DIM);
  const popularity = new Float64Array(spec.products);
  const merchantOfCategory = topics.map(() => Array.from({ length: 20 }, () => Math.floor(rand() * spec.merchants)));
  for (let i = 0; i < spec.products; i++) {
    const c = pickCategory();
    items.category[i] = c;
    items.merchant[i] = merchantOfCategory[c]![Math.floor(rand() ** 2 * 20)]!;
    // Most of the catalogue existed before the window; ~8 % arrives during it.
    items.createdAt[i] = rand() < 0.92 ? start - rand() * 365 * DAY : start + rand() * spec.days * DAY;
    const v = topics[c]!.map((x) => x + 0.45 * gauss());
    unit(v).forEach((x, d) => (vectors[i * DIM + d] = x));
    popularity[i] = Math.exp(1.2 * gauss()); // log-normal: a long tail of rarely seen products
    if (rand() < 0.03) items.available[i] = 0; // sold out or delisted
  }
  const byCategory = topics.map(() => [] as number[]);
  for (let i = 0; i < spec.products; i++) byCategory[items.category[i]!]!.push(i);
  const pickInCategory = byCategory.map((ids) => {
    const pick = alias(
      ids.map((i) => popularity[i]!),
      rand,
    );
    return () => ids[pick()]!;
  });

  const tastes = Array.from({ length: spec.users }, () => {
    const n = 1 + Math.floor(rand() * 3);
    const cats = Array.from({ length: n }, () => pickCategory());
    const v = new Float32Array(DIM);
    for (const c of cats) topics[c]!.forEach((x, d) => (v[d]! += x + 0.3 * gauss()));
    return { cats, v: unit([...v]) };
  });
  const activity = Array.from({ length: spec.users }, () => Math.exp(gauss()));
  const activitySum = activity.reduce((a, b) => a + b, 0);
  // A fifth of users churn at some day of the window; loyal ones stay to the end.
  const leaves = Array.from({ length: spec.users }, () => (rand() < 0.2 ? start + rand() * spec.days * DAY : end));

  // Follows: creators (the first `creators` users) are followed by people with similar tastes; friends by chance.
  const from: number[] = [];
  const to: number[] = [];
  const strength: number[] = [];
  for (let u = spec.creators; u < spec.users; u++) {
    const n = 3 + Math.floor(rand() * 12);
    for (let f = 0; f < n; f++) {
      let v: number;
      if (rand() < 0.6) {
        let bestSim = -2;
        v = 0;
        for (let tries = 0; tries < 8; tries++) {
          const cand = Math.floor(rand() * spec.creators);
          const sim = dot(tastes[u]!.v, tastes[cand]!.v);
          if (sim > bestSim) [bestSim, v] = [sim, cand];
        }
      } else v = spec.creators + Math.floor(rand() * (spec.users - spec.creators));
      if (v === u) continue;
      from.push(u);
      to.push(v);
      strength.push(1);
    }
  }
  const followers = Array.from({ length: spec.users }, () => [] as number[]);
  for (let e = 0; e < from.length; e++) followers[to[e]!]!.push(from[e]!);

  const log = emptyLog(spec.interactions);
  const recentBuys = Array.from({ length: spec.users }, () => [] as number[]);
  const perDay = spec.interactions / spec.days;
  for (let day = 0; day < spec.days && log.length < spec.interactions; day++) {
    const dayStart = start + day * DAY;
    const weekend = new Date(dayStart).getUTCDay() % 6 === 0 ? 1.25 : 1;
    const target = Math.min(spec.interactions - log.length, Math.round(perDay * weekend * (0.9 + 0.2 * rand())));
    let made = 0;
    while (made < target) {
      const u = weightedUser(activity, activitySum, rand);
      const t = dayStart + rand() * DAY;
      if (t > leaves[u]!) continue;
      let item: number;
      const friends = recentBuys[u]!;
      if (friends.length > 0 && rand() < 0.15) item = friends[Math.floor(rand() * friends.length)]!;
      else {
        const taste = tastes[u]!;
        const c = rand() < 0.85 ? taste.cats[Math.floor(rand() * taste.cats.length)]! : pickCategory();
        item = bestOf(pickInCategory[c]!, 8, (i) => dotAt(vectors, i, taste.v), rand);
      }
      if (!items.available[item] || items.createdAt[item]! > t) continue;
      const r = rand();
      const weight = r < 0.08 ? 5 : r < 0.2 ? 3 : 1;
      pushInteraction(log, u, item, weight, t);
      made++;
      if (weight === 5) for (const f of followers[u]!) pushRecent(recentBuys[f]!, item);
    }
  }
  return {
    spec,
    items,
    log,
    follows: {
      from: Int32Array.from(from),
      to: Int32Array.from(to),
      strength: Float32Array.from(strength),
      length: from.length,
    },
    start,
    end,
  };
}

function pushRecent(list: number[], item: number): void {
  list.push(item);
  if (list.length > 20) list.shift();
}

function bestOf(pick: () => number, n: number, fit: (i: number) => number, rand: () => number): number {
  let best = pick();
  let bestScore = fit(best) + 0.5 * rand();
  for (let k = 1; k < n; k++) {
    const i = pick();
    const s = fit(i) + 0.5 * rand();
    if (s > bestScore) [best, bestScore] = [i, s];
  }
  return best;
}

function weightedUser(activity: number[], sum: number, rand: () => number): number {
  // Rejection sampling against the largest weight would be slow for a heavy tail; a scaled draw suffices here.
  for (;;) {
    const u = Math.floor(rand() * activity.length);
    if (rand() * 4 < activity[u]! / (sum / activity.length)) return u;
  }
}

/** Walker's alias method: O(1) draws from a fixed discrete distribution. */
function alias(weights: number[], rand: () => number): () => number {
  const n = weights.length;
  const total = weights.reduce((a, b) => a + b, 0);
  const prob = new Float64Array(n);
  const al = new Int32Array(n);
  const scaled = weights.map((w) => (w * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((w, i) => (w < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    al[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) prob[i] = 1;
  return () => {
    const i = Math.floor(rand() * n);
    return rand() < prob[i]! ? i : al[i]!;
  };
}

function unit(v: number[]): number[] {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const dotAt = (vectors: Float32Array, i: number, v: number[]) => {
  let s = 0;
  for (let d = 0; d < DIM; d++) s += vectors[i * DIM + d]! * v[d]!;
  return s;
};
