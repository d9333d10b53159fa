import type { SearchDoc, SearchIndex } from './search-index.ts';
import { type QueryPlan, SYNONYM_WEIGHT } from './search-query.ts';

export interface RankFilters {
  categoryId?: string | undefined;
  merchantId?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
}

export interface Hit {
  doc: SearchDoc;
  /** Relevance × popularity, ×1000 and rounded: an integer, so keyset cursors stay exact. */
  score: number;
}

export interface Ranked {
  hits: Hit[];
  /** No product matched every word: the hits match some of them (the shop says so). */
  relaxed: boolean;
}

// BM25 over tokens stored once per product (term frequency 1), a word in the title counting TITLE_BOOST
// times one only in the description: every product of a category repeats its category's boilerplate, so the
// title is where a product says what it is.
const K1 = 1.2;
const B = 0.75;
const TITLE_BOOST = 2.5;
/** A product in the category a query word names, without the word in its text. */
const CATEGORY_WEIGHT = 0.5;
/** Below this many products matching every word, products matching fewer words are added after them. */
const WIDEN_BELOW = 10;

/**
 * Retrieval that degrades gracefully, then ranking. Candidates are products matching every word; when there
 * are fewer than WIDEN_BELOW, also those matching every word but the modifiers, then the head noun, then any
 * word. Each is scored by BM25 over the words it matches (the head noun counts double, a modifier 0.6, a
 * synonym 0.8, a category match 0.5) times its popularity (sales on a log scale, average rating).
 */
export function rankDocs(index: SearchIndex, plan: QueryPlan, filters: RankFilters): Ranked {
  const { groups } = plan;
  if (groups.length === 0) return { hits: [], relaxed: false };
  const shown = filterOf(index, filters);
  const n = Math.max(1, index.liveDocs);
  const avg = index.averageLength;
  const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  // Flat per-query arrays, not a map of rows: a common word has tens of thousands of postings at 100k products.
  const G = groups.length;
  const cell = new Float32Array(index.docs.length * G);
  const state = new Uint8Array(index.docs.length); // 0 unseen, 1 candidate, 2 hidden by visibility or filters
  const touched: number[] = [];
  const put = (d: number, gi: number, s: number) => {
    let st = state[d]!;
    if (st === 0) {
      st = state[d] = shown(index.docs[d]!) ? 1 : 2;
      if (st === 1) touched.push(d);
    }
    if (st === 1 && s > cell[d * G + gi]!) cell[d * G + gi] = s;
  };

  groups.forEach((g, gi) => {
    const words: [string, number][] = [[g.word, 1], ...g.synonyms.map((s): [string, number] => [s, SYNONYM_WEIGHT])];
    let wordIdf = 0;
    for (const [word, factor] of words) {
      const list = index.postings.get(word);
      if (!list) continue;
      const w = idf(list.length);
      wordIdf = Math.max(wordIdf, w);
      const base = factor * w * (K1 + 1);
      for (const posting of list) {
        const d = posting >> 1;
        const field = posting & 1 ? TITLE_BOOST : 1;
        put(d, gi, (field * base) / (1 + K1 * (1 - B + (B * index.docs[d]!.length) / avg)));
      }
    }
    const s = CATEGORY_WEIGHT * Math.max(wordIdf, 1);
    for (const c of new Set(g.categoryIds.flatMap((id) => [...index.categoriesUnder(id)])))
      for (const d of index.byCategory.get(c) ?? []) put(d, gi, s);
  });

  // Which words a candidate must match, strictest first: all → all but modifiers → the head → any.
  const all = groups.map((_, i) => i);
  const tiers = [all, all.filter((i) => !groups[i]!.modifier), all.filter((i) => groups[i]!.head), [] as number[]];
  const tierOf = (d: number) => {
    const t = tiers.findIndex((need) => need.every((i) => cell[d * G + i]! > 0));
    return t < 0 ? tiers.length - 1 : t;
  };
  const byTier: number[] = [0, 0, 0, 0];
  const tierByDoc = new Uint8Array(touched.length);
  touched.forEach((d, i) => {
    const t = tierOf(d);
    tierByDoc[i] = t;
    byTier[t]!++;
  });
  let widest = 0;
  let count = byTier[0]!;
  while (count < WIDEN_BELOW && widest < tiers.length - 1) count += byTier[++widest]!;

  const hits: Hit[] = [];
  touched.forEach((d, i) => {
    if (tierByDoc[i]! > widest) return;
    const doc = index.docs[d]!;
    let text = 0;
    for (let gi = 0; gi < G; gi++) text += groups[gi]!.weight * cell[d * G + gi]!;
    hits.push({ doc, score: Math.round(1000 * text * popularity(doc)) });
  });
  return { hits, relaxed: byTier[0] === 0 && hits.length > 0 };
}

/** Sales on a log scale and the average rating: a nudge among similarly relevant products, never a takeover. */
function popularity(doc: SearchDoc): number {
  const sales = 1 + 0.05 * Math.log1p(doc.salesCount);
  const rating = doc.ratingCount > 0 ? 0.85 + 0.03 * (doc.ratingSum / doc.ratingCount) : 0.97;
  return sales * rating;
}

function filterOf(index: SearchIndex, f: RankFilters): (doc: SearchDoc) => boolean {
  const cats = f.categoryId ? index.categoriesUnder(f.categoryId) : undefined;
  return (doc) =>
    index.visible(doc) &&
    (!cats || cats.has(doc.categoryId)) &&
    (!f.merchantId || doc.merchantId === f.merchantId) &&
    (f.minPrice === undefined || doc.minPrice >= f.minPrice) &&
    (f.maxPrice === undefined || doc.minPrice <= f.maxPrice);
}
