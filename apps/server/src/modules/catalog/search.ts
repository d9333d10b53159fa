import type { Ctx } from '../../platform/context.ts';
import { decodeCursor, type Page, pageOf } from './cursor.ts';
import { ratingOf } from './merchants.ts';
import { type SearchDoc, searchIndexOf } from './search-index.ts';
import { understandQuery } from './search-query.ts';
import { type Hit, rankDocs } from './search-rank.ts';
import { type ProductCard, type SearchQuery, type SearchSort, searchProductsInDatabase } from './search-sql.ts';

export type { SearchQuery } from './search-sql.ts';

export interface SearchResult extends Page<ProductCard> {
  /** The query that was searched when it differs from the typed one (typo, pinyin): "你是不是要找 …". */
  didYouMean: string | null;
  /** No product matched every word; the items match some of them. */
  relaxed: boolean;
}

// Same formula as ranking.ts's recommendedScore, on the index's copy of the product.
const recommended = (d: SearchDoc) =>
  Math.floor(1000 * Math.log1p(d.salesCount)) +
  (d.ratingCount > 0 ? Math.floor((200 * d.ratingSum) / d.ratingCount) : 0) +
  Math.floor(d.createdAt / 1000 / 86400) * 20;

const KEYS: Record<SearchSort, { key: (h: Hit) => number; asc?: true }> = {
  relevance: { key: (h) => h.score },
  price_asc: { key: (h) => h.doc.minPrice, asc: true },
  price_desc: { key: (h) => h.doc.minPrice },
  sales: { key: (h) => h.doc.salesCount },
  newest: { key: (h) => h.doc.createdAt },
  recommended: { key: (h) => recommended(h.doc) },
};

/**
 * Searches listed products of active shops. With a query: understood (search-query.ts), retrieved and ranked
 * from the in-memory index (search-rank.ts), sorted with an id tie-break so keyset cursors are exact. Without
 * one: the database lists them.
 */
export async function searchProducts(ctx: Ctx, query: SearchQuery): Promise<SearchResult> {
  const q = query.q?.trim() ?? '';
  if (!q) return { ...(await searchProductsInDatabase(ctx, query)), didYouMean: null, relaxed: false };
  const index = await searchIndexOf(ctx);
  const plan = understandQuery(q, index);
  const { hits, relaxed } = rankDocs(index, plan, query);
  const { key, asc } = KEYS[query.sort ?? 'relevance'];
  const dir = asc ? 1 : -1;
  const cmp = (ka: number, ia: string, kb: number, ib: string) => dir * (ka - kb || (ia < ib ? -1 : ia > ib ? 1 : 0));
  const after = decodeCursor(query.cursor, ['number', 'string'] as const);
  const keyed = hits
    .map((h) => ({ h, k: key(h) }))
    .filter(({ h, k }) => !after || cmp(k, h.doc.id, after[0], after[1]) > 0);
  const rows = topK(keyed, query.limit + 1, (a, b) => cmp(a.k, a.h.doc.id, b.k, b.h.doc.id)).map(({ h }) => h);
  const page = pageOf(
    rows,
    query.limit,
    (h) => [key(h), h.doc.id],
    ({ doc, score }): ProductCard => ({
      id: doc.id,
      title: doc.title,
      subtitle: doc.subtitle,
      imageUrl: doc.imageUrl,
      minPrice: doc.minPrice,
      maxPrice: doc.maxPrice,
      salesCount: doc.salesCount,
      rating: ratingOf(doc.ratingCount, doc.ratingSum),
      categoryId: doc.categoryId,
      merchant: { id: doc.merchantId, name: index.merchants.get(doc.merchantId)?.name ?? '' },
      score,
    }),
  );
  return { ...page, didYouMean: plan.corrected && plan.groups.length > 0 ? plan.text : null, relaxed };
}

/** The first k of `items` in `cmp` order without sorting all of them (a page of 21 out of tens of thousands). */
function topK<T>(items: T[], k: number, cmp: (a: T, b: T) => number): T[] {
  if (items.length <= k * 8) return items.sort(cmp).slice(0, k);
  const top: T[] = [];
  for (const item of items) {
    if (top.length === k && cmp(item, top[k - 1]!) >= 0) continue;
    let i = top.length === k ? k - 1 : top.length;
    while (i > 0 && cmp(item, top[i - 1]!) < 0) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = item;
  }
  return top;
}

/**
 * Type-ahead for the search box: title words that start with what was typed or whose pinyin (full or
 * initials) does (most titles first), then titles that contain it (best sellers first).
 */
export async function searchSuggestions(ctx: Ctx, typed: string, limit = 10): Promise<string[]> {
  const prefix = typed.normalize('NFKC').trim().toLowerCase();
  if (!prefix) return [];
  const index = await searchIndexOf(ctx);
  const words = new Set<string>();
  for (const [word] of index.titleDf) if (word.startsWith(prefix)) words.add(word);
  if (/^[a-z]+$/.test(prefix)) {
    for (const [py, word] of index.pinyinFull) if (py.startsWith(prefix)) words.add(word);
    for (const [py, word] of index.pinyinInitials) if (py.startsWith(prefix)) words.add(word);
  }
  const common = [...words]
    .sort((a, b) => (index.titleDf.get(b) ?? 0) - (index.titleDf.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit);
  const titles = index.docs
    .filter((d) => index.visible(d) && d.title.toLowerCase().includes(prefix))
    .sort((a, b) => b.salesCount - a.salesCount || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
    .map((d) => d.title);
  return [...new Set([...common, ...titles])].slice(0, limit);
}
