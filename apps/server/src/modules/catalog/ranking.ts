import { type SQL, sql } from 'drizzle-orm';
import { products } from './schema.ts';

/**
 * The "recommended" order of product lists — the plug the ranking experiment switches on and the discovery
 * work can later fill with its model. Today an honest, explainable score from the product's own record:
 * sales on a log scale (so one best seller does not bury everything), plus the average rating, plus a small
 * freshness bonus per day since listing. An integer, so keyset cursors stay exact.
 */
export const recommendedScore: SQL = sql`(
  floor(1000 * ln(1 + ${products.salesCount}))
  + case when ${products.ratingCount} > 0 then floor(200 * ${products.ratingSum}::float8 / ${products.ratingCount}) else 0 end
  + floor(extract(epoch from ${products.createdAt}) / 86400) * 20
)::bigint`;
