import { and, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { tokenize } from '../../platform/segmenter.ts';
import { decodeCursor, type Page, pageOf } from './cursor.ts';
import { type RatingSummary, ratingOf } from './merchants.ts';
import { inCategoryTree } from './product-views.ts';
import { recommendedScore } from './ranking.ts';
import { merchants, products } from './schema.ts';

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'sales' | 'newest' | 'recommended';

export interface SearchQuery {
  q?: string | undefined;
  categoryId?: string | undefined;
  merchantId?: string | undefined;
  /** Fen, compared with the product's lowest SKU price. */
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  sort?: SearchSort | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** A product in a result list. */
export interface ProductCard {
  id: string;
  title: string;
  subtitle: string;
  imageUrl: string | null;
  minPrice: number;
  maxPrice: number;
  salesCount: number;
  rating: RatingSummary;
  categoryId: string;
  merchant: { id: string; name: string };
  /** Relevance: ranking score ×1000 of search-rank.ts (the database path: words matched ×16 + words in the title); 0 without a query. */
  score: number;
}

// A query word matched anywhere outweighs every title bonus together (≤ 12 words), so more matched words rank first.
const MAX_QUERY_TOKENS = 12;
const WORD_WEIGHT = 16;

const idC = sql`${products.id} collate "C"`;

/**
 * Lists without a query, and the database ranker search used before the in-memory index (kept as the
 * baseline the relevance test and `npm run bench:search` compare against). Searches listed products of active shops. The query is cut with the same tokenizer as the index; a product
 * matches when it contains ANY query word (GIN index on the tokens), and ranks by an integer score: words
 * matched, then words in the title. Every sort ends with the id, so order and keyset cursors are exact and the
 * same on PGlite and PostgreSQL.
 */
export async function searchProductsInDatabase(ctx: Ctx, query: SearchQuery): Promise<Page<ProductCard>> {
  const q = query.q?.trim() ?? '';
  const words = q ? tokenize(q).slice(0, MAX_QUERY_TOKENS) : [];
  if (q && words.length === 0) return { items: [], nextCursor: null };
  const sort = query.sort ?? (words.length > 0 ? 'relevance' : 'newest');

  const tsquery = (w: string) => sql`plainto_tsquery('simple', ${w})`;
  const inDoc = sql`to_tsvector('simple', ${products.searchTokens})`;
  const inTitle = sql`to_tsvector('simple', ${products.titleTokens})`;
  const score: SQL =
    words.length > 0
      ? sql`(${sql.join(
          words.map(
            (w) =>
              sql`(case when ${inDoc} @@ ${tsquery(w)} then ${sql.raw(String(WORD_WEIGHT))} else 0 end) + (case when ${inTitle} @@ ${tsquery(w)} then 1 else 0 end)`,
          ),
          sql` + `,
        )})`
      : sql`0`;

  // Without a query, "relevance" means best sellers first.
  const keyed: Record<SearchSort, { key: SQL; dir: 'asc' | 'desc'; isTime?: true }> = {
    relevance: { key: words.length > 0 ? score : sql`${products.salesCount}`, dir: 'desc' },
    price_asc: { key: sql`${products.minPrice}`, dir: 'asc' },
    price_desc: { key: sql`${products.minPrice}`, dir: 'desc' },
    sales: { key: sql`${products.salesCount}`, dir: 'desc' },
    newest: { key: sql`${products.createdAt}`, dir: 'desc', isTime: true },
    recommended: { key: recommendedScore, dir: 'desc' },
  };
  const { key, dir, isTime } = keyed[sort];
  const after = isTime
    ? decodeCursor(query.cursor, ['string', 'string'] as const)
    : decodeCursor(query.cursor, ['number', 'string'] as const);
  const afterKey = after === undefined ? undefined : isTime ? sql`${after[0]}::timestamptz` : sql`${after[0]}::bigint`;
  const op = sql.raw(dir === 'asc' ? '>' : '<');

  const rows = await ctx.db
    .select({
      id: products.id,
      title: products.title,
      subtitle: products.subtitle,
      images: products.images,
      minPrice: products.minPrice,
      maxPrice: products.maxPrice,
      salesCount: products.salesCount,
      ratingCount: products.ratingCount,
      ratingSum: products.ratingSum,
      categoryId: products.categoryId,
      createdAt: products.createdAt,
      merchantId: merchants.id,
      merchantName: merchants.name,
      sortKey: sql<number | string>`${key}`,
      score: sql<number>`${score}`.mapWith(Number),
    })
    .from(products)
    .innerJoin(merchants, eq(merchants.id, products.merchantId))
    .where(
      and(
        eq(products.status, 'listed'),
        eq(merchants.status, 'active'),
        words.length > 0 ? sql`${inDoc} @@ (${sql.join(words.map(tsquery), sql` || `)})` : undefined,
        query.categoryId ? inCategoryTree(query.categoryId) : undefined,
        query.merchantId ? eq(products.merchantId, query.merchantId) : undefined,
        query.minPrice !== undefined ? gte(products.minPrice, query.minPrice) : undefined,
        query.maxPrice !== undefined ? lte(products.minPrice, query.maxPrice) : undefined,
        after && afterKey ? sql`(${key}, ${idC}) ${op} (${afterKey}, ${after[1]})` : undefined,
      ),
    )
    .orderBy(sql`${key} ${sql.raw(dir)}`, sql`${idC} ${sql.raw(dir)}`)
    .limit(query.limit + 1);

  return pageOf(
    rows,
    query.limit,
    (r) => [isTime ? r.createdAt.toISOString() : Number(r.sortKey), r.id],
    (r) => ({
      id: r.id,
      title: r.title,
      subtitle: r.subtitle,
      imageUrl: r.images[0] ?? null,
      minPrice: r.minPrice,
      maxPrice: r.maxPrice,
      salesCount: r.salesCount,
      rating: ratingOf(r.ratingCount, r.ratingSum),
      categoryId: r.categoryId,
      merchant: { id: r.merchantId, name: r.merchantName },
      score: r.score,
    }),
  );
}
