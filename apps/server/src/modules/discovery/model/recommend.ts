import { FEATURES, type RankerWeights, type RecommenderModel } from './market-model.ts';

/** Where a candidate came from: the reason shown to the shopper is built from it, never invented. */
type Source =
  | { kind: 'similar'; anchor: number }
  | { kind: 'social'; friend: number }
  | { kind: 'category'; category: number }
  | { kind: 'fresh'; category: number }
  | { kind: 'popular' };

export interface Recommendation {
  item: number;
  score: number;
  source: Source;
}

export interface RecommendOptions {
  now: number;
  limit: number;
  /** Off (算法推荐管理规定 Art. 17): popular and new items only, nothing about the person. */
  personalised: boolean;
  /** Items the caller must not show (already in the cart, the product being viewed …). */
  exclude?: ReadonlySet<number>;
  /** Per list: at most this many from one merchant, and from one category. */
  maxPerMerchant?: number;
  maxPerCategory?: number;
  /** Slots kept for new arrivals (exploration), spread through the list. */
  explorationSlots?: number;
  /** Slots kept for long-tail items among the user's neighbours (below HEAD_QUANTILE's popularity). */
  tailSlots?: number;
  /** Ranker weights; the model's fitted ones by default. */
  weights?: RankerWeights;
}

const DAY = 86_400_000;
const HISTORY = 30;
/** Half the places (every other one) go to long-tail neighbours: catalogue coverage without losing relevance. */
const TAIL_SLOTS = (limit: number) => Math.floor(limit / 2);
/** Items above this popularity quantile are the head; the rest is the long tail (precompute.ts uses the same). */
export const HEAD_QUANTILE = 0.8;
const SOCIAL_DAYS = 30;

interface Candidate {
  item: number;
  similar: number;
  similarAnchor: number;
  social: number;
  socialFriend: number;
  fromCategory: number;
  fresh: boolean;
  popular: boolean;
}

/** The features the ranker scores a candidate on (see FEATURES), all roughly in 0…3. */
export function featuresOf(
  model: RecommenderModel,
  c: Candidate,
  affinity: Map<number, number>,
  now: number,
): number[] {
  const items = model.items;
  const ageDays = Math.max(0, (now - items.createdAt[c.item]!) / DAY);
  return [
    Math.log1p(c.similar),
    Math.log1p(c.social),
    affinity.get(items.category[c.item]!) ?? 0,
    Math.log1p(model.popularity[c.item]!) / 4,
    Math.exp(-ageDays / 14),
    1,
  ];
}

export function scoreOf(weights: RankerWeights, x: readonly number[]): number {
  let z = 0;
  FEATURES.forEach((f, i) => (z += weights[f] * x[i]!));
  return 1 / (1 + Math.exp(-z));
}

/**
 * Candidates from every source for one user: neighbours of what they touched recently (weighted by recency and
 * strength), what the people they follow bought or carted lately, bestsellers of their favourite categories,
 * and new arrivals there. Also returns the user's category affinity (share of their weight per category).
 */
export function candidatesFor(
  model: RecommenderModel,
  user: number,
  now: number,
): { candidates: Map<number, Candidate>; affinity: Map<number, number>; seen: Set<number> } {
  const candidates = new Map<number, Candidate>();
  const get = (item: number): Candidate => {
    let c = candidates.get(item);
    if (!c) {
      c = {
        item,
        similar: 0,
        similarAnchor: -1,
        social: 0,
        socialFriend: -1,
        fromCategory: -1,
        fresh: false,
        popular: false,
      };
      candidates.set(item, c);
    }
    return c;
  };
  const { byUser, neighbours, items } = model;
  const seen = new Set<number>();
  const affinity = new Map<number, number>();
  const history: { item: number; w: number }[] = [];
  let total = 0;
  if (user >= 0 && user < byUser.offsets.length - 1) {
    for (let p = byUser.offsets[user]!; p < byUser.offsets[user + 1]!; p++) {
      const item = byUser.cols[p]!;
      seen.add(item);
      const recency = Math.exp(-Math.max(0, now - byUser.lastTimes[p]!) / (21 * DAY));
      const w = Math.log1p(byUser.values[p]!) * recency;
      history.push({ item, w });
      const cat = items.category[item]!;
      affinity.set(cat, (affinity.get(cat) ?? 0) + w);
      total += w;
    }
  }
  for (const [cat, w] of affinity) affinity.set(cat, w / (total || 1));
  history.sort((a, b) => b.w - a.w);
  for (const h of history.slice(0, HISTORY)) {
    const base = h.item * neighbours.k;
    for (let r = 0; r < neighbours.k; r++) {
      const j = neighbours.ids[base + r]!;
      if (j < 0) break;
      const c = get(j);
      const s = h.w * neighbours.scores[base + r]!;
      if (s > 0 && (c.similarAnchor < 0 || s > c.similar / 2)) c.similarAnchor = h.item;
      c.similar += s;
    }
  }
  const { following } = model;
  if (user >= 0 && user < following.offsets.length - 1) {
    for (let p = following.offsets[user]!; p < following.offsets[user + 1]!; p++) {
      const friend = following.cols[p]!;
      if (friend >= byUser.offsets.length - 1) continue;
      for (let q = byUser.offsets[friend]!; q < byUser.offsets[friend + 1]!; q++) {
        if (now - byUser.lastTimes[q]! > SOCIAL_DAYS * DAY || byUser.values[q]! < 3) continue;
        const c = get(byUser.cols[q]!);
        const s = Math.log1p(byUser.values[q]!) * following.values[p]!;
        if (s > 0 && c.social < s) c.socialFriend = friend;
        c.social += s;
      }
    }
  }
  const favourites = [...affinity].sort((a, b) => b[1] - a[1]).slice(0, 3);
  for (const [cat] of favourites) {
    for (const item of model.popularByCategory.get(cat)?.slice(0, 30) ?? []) {
      const c = get(item);
      if (c.fromCategory < 0) c.fromCategory = cat;
    }
    // New arrivals rotated per user, so that people with the same favourite category explore different ones.
    const pool = model.freshByCategory.get(cat) ?? new Int32Array(0);
    const start = pool.length > 0 ? (Math.max(0, user) * 7919) % pool.length : 0;
    const picked = [...pool.subarray(start), ...pool.subarray(0, start)].slice(0, 10);
    for (const item of picked) {
      const c = get(item);
      c.fresh = true;
      if (c.fromCategory < 0) c.fromCategory = cat;
    }
  }
  for (const item of model.popularOverall.slice(0, 50)) get(item).popular = true;
  return { candidates, affinity, seen };
}

/** The ranked, diversified list for one user, each item with the source that put it there. */
export function recommend(model: RecommenderModel, user: number, opts: RecommendOptions): Recommendation[] {
  const weights = opts.weights ?? model.weights;
  const exclude = opts.exclude ?? new Set<number>();
  if (!opts.personalised) return nonPersonalised(model, opts, exclude);
  const { candidates, affinity, seen } = candidatesFor(model, user, opts.now);
  const scored: Recommendation[] = [];
  const fresh: Recommendation[] = [];
  const tail: Recommendation[] = [];
  const head = headThreshold(model);
  for (const c of candidates.values()) {
    if (!model.items.available[c.item] || exclude.has(c.item) || seen.has(c.item)) continue;
    const rec = {
      item: c.item,
      score: scoreOf(weights, featuresOf(model, c, affinity, opts.now)),
      source: sourceOf(c),
    };
    scored.push(rec);
    if (c.fresh && c.similar === 0 && c.social === 0) fresh.push(rec);
    // The long tail in order of similarity to the user's history, not of the ranker's score (which leans on
    // popularity): that is what spreads the lists of people with similar tastes over more of the catalogue.
    else if (c.similar > 0 && model.popularity[c.item]! < head) tail.push({ ...rec, score: c.similar });
  }
  const order = (a: Recommendation, b: Recommendation) => b.score - a.score || a.item - b.item;
  scored.sort(order);
  fresh.sort(order);
  tail.sort(order);
  return diversify(model, scored, fresh, opts, tail);
}

/** The popularity at HEAD_QUANTILE of the catalogue: above it an item is "head", below it "tail". */
const heads = new WeakMap<RecommenderModel, number>();
function headThreshold(model: RecommenderModel): number {
  let t = heads.get(model);
  if (t === undefined) {
    const sorted = Float32Array.from(model.popularity).sort();
    t = sorted[Math.floor(sorted.length * HEAD_QUANTILE)] ?? 0;
    heads.set(model, t);
  }
  return t;
}

function sourceOf(c: Candidate): Source {
  if (c.social > 0 && c.social >= c.similar) return { kind: 'social', friend: c.socialFriend };
  if (c.similar > 0) return { kind: 'similar', anchor: c.similarAnchor };
  if (c.fresh) return { kind: 'fresh', category: c.fromCategory };
  if (c.fromCategory >= 0) return { kind: 'category', category: c.fromCategory };
  return { kind: 'popular' };
}

/**
 * Re-ranking: walk the ranked list keeping at most N per merchant and per category, and reserve a few evenly
 * spaced slots for new arrivals the ranker would not surface yet (exploration for the long tail).
 */
function diversify(
  model: RecommenderModel,
  ranked: Recommendation[],
  fresh: Recommendation[],
  opts: RecommendOptions,
  tail: Recommendation[] = [],
): Recommendation[] {
  const maxMerchant = opts.maxPerMerchant ?? 4;
  const maxCategory = opts.maxPerCategory ?? Math.max(4, Math.ceil(opts.limit * 0.5));
  const slots = new Set<number>();
  const explore = Math.min(opts.explorationSlots ?? Math.floor(opts.limit / 20), fresh.length);
  for (let s = 0; s < explore; s++) slots.add(Math.floor(((s + 1) * opts.limit) / (explore + 1)));
  // Long-tail slots: every other place (from the end) goes to the user's best tail neighbour.
  const tailSlots = new Set<number>();
  const tails = Math.min(opts.tailSlots ?? TAIL_SLOTS(opts.limit), tail.length);
  for (let s = 0; s < tails; s++) tailSlots.add(opts.limit - 1 - 2 * s);
  for (const s of tailSlots) slots.delete(s);
  const out: Recommendation[] = [];
  const used = new Set<number>();
  const perMerchant = new Map<number, number>();
  const perCategory = new Map<number, number>();
  const fits = (r: Recommendation) =>
    !used.has(r.item) &&
    (perMerchant.get(model.items.merchant[r.item]!) ?? 0) < maxMerchant &&
    (perCategory.get(model.items.category[r.item]!) ?? 0) < maxCategory;
  const take = (r: Recommendation) => {
    out.push(r);
    used.add(r.item);
    const m = model.items.merchant[r.item]!;
    const c = model.items.category[r.item]!;
    perMerchant.set(m, (perMerchant.get(m) ?? 0) + 1);
    perCategory.set(c, (perCategory.get(c) ?? 0) + 1);
  };
  let i = 0;
  let f = 0;
  let t = 0;
  while (out.length < opts.limit && (i < ranked.length || f < fresh.length)) {
    if (tailSlots.has(out.length) && t < tail.length) {
      const r = tail[t++]!;
      if (fits(r)) take(r);
      continue;
    }
    if (slots.has(out.length) && f < fresh.length) {
      const r = fresh[f++]!;
      if (fits(r)) take(r);
      continue;
    }
    if (i >= ranked.length) {
      const r = fresh[f++]!;
      if (fits(r)) take(r);
      continue;
    }
    const r = ranked[i++]!;
    if (fits(r)) take(r);
  }
  return out;
}

/** Popular and new, nothing personal: what an anonymous visitor or a user who switched personalisation off sees. */
function nonPersonalised(
  model: RecommenderModel,
  opts: RecommendOptions,
  exclude: ReadonlySet<number>,
): Recommendation[] {
  const ranked: Recommendation[] = [];
  for (const item of model.popularOverall) {
    if (exclude.has(item) || !model.items.available[item]) continue;
    ranked.push({ item, score: model.popularity[item]!, source: { kind: 'popular' } });
  }
  const fresh: Recommendation[] = [];
  for (const [category, list] of model.freshByCategory) {
    const item = list[0];
    if (item === undefined || exclude.has(item)) continue;
    fresh.push({ item, score: 0, source: { kind: 'fresh', category } });
  }
  fresh.sort((a, b) => model.items.createdAt[b.item]! - model.items.createdAt[a.item]!);
  return diversify(model, ranked, fresh, opts);
}
