import { desc, isNull, sql } from 'drizzle-orm';
import { bulkInsert } from '../../platform/bulk.ts';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { invalidateSharedLists } from './lists.ts';
import { precomputeAllUserFeeds } from './precompute.ts';
import { forgetAllUsers } from './user-cache.ts';
import { buildModel } from './model/build.ts';
import { emptyLog, pushInteraction } from './model/interactions.ts';
import type { ItemTable, RecommenderModel } from './model/market-model.ts';
import {
  discoveryBuilds,
  discoveryInteractions,
  discoveryInterestTags,
  discoveryItems,
  discoveryNeighbours,
} from './schema.ts';

/** Neighbours kept per product and kind: a product page shows 6–10, the feed walks the first few. */
const K = 20;
const DAY = 86_400_000;
/** Interest tags: a user's top categories holding at least this share of their (recency-weighted) activity. */
const MAX_TAGS = 5;
const MIN_TAG_SHARE = 0.1;

export interface RebuildReport {
  items: number;
  interactions: number;
  neighbourRows: number;
  millis: number;
}

/**
 * Offline work of the recommender, run by the rebuild job (never on a request): loads what discovery learned
 * from events, builds the model (model/build.ts — item-kNN over interactions, decayed popularity) twice — over all
 * interactions for 看了又看 / the feed's similar source, over purchases for 买了又买 — and writes the neighbours,
 * popularity and interest tags the serving path reads, then every user's precomputed candidates (precompute.ts).
 */
export async function rebuildDiscovery(db: Db, now: Date): Promise<RebuildReport> {
  const started = performance.now();
  const itemRows = await db.select().from(discoveryItems);
  const rows = await db.select().from(discoveryInteractions);
  const productIndex = new Map(itemRows.map((r, i) => [r.productId, i]));
  const categoryIndex = new Map<string, number>();
  const merchantIndex = new Map<string, number>();
  const dense = (m: Map<string, number>, key: string) => {
    let v = m.get(key);
    if (v === undefined) m.set(key, (v = m.size));
    return v;
  };
  const items: ItemTable = {
    count: itemRows.length,
    category: Int32Array.from(itemRows, (r) => dense(categoryIndex, r.categoryId)),
    merchant: Int32Array.from(itemRows, (r) => dense(merchantIndex, r.merchantId)),
    createdAt: Float64Array.from(itemRows, (r) => r.listedAt.getTime()),
    available: Uint8Array.from(itemRows, (r) => (r.available ? 1 : 0)),
  };
  const userIndex = new Map<string, number>();
  const all = emptyLog(rows.length);
  const bought = emptyLog(rows.length);
  for (const r of rows) {
    const item = productIndex.get(r.productId);
    if (item === undefined) continue;
    const user = dense(userIndex, r.userId);
    pushInteraction(all, user, item, r.weight, r.lastAt.getTime());
    if (r.kind === 'bought') pushInteraction(bought, user, item, r.weight, r.lastAt.getTime());
  }
  const noFollows = { from: new Int32Array(0), to: new Int32Array(0), strength: new Float32Array(0), length: 0 };
  const build = (log: typeof all) =>
    buildModel({ items, users: userIndex.size, log, follows: noFollows, now: now.getTime(), k: K });
  const similar = build(all);
  const together = build(bought);

  const neighbourRows = [
    ...neighbourRowsOf(similar, 'similar', itemRows),
    ...neighbourRowsOf(together, 'together', itemRows),
  ];
  await db.transaction(async (tx) => {
    await tx.delete(discoveryNeighbours);
    for (let i = 0; i < neighbourRows.length; i += 5000)
      await bulkInsert(tx, discoveryNeighbours, neighbourRows.slice(i, i + 5000));
    if (itemRows.length > 0) {
      const ids = itemRows.map((r) => r.productId);
      const pops = Array.from(similar.popularity, (p) => Math.round(p * 1000) / 1000);
      await tx.execute(sql`update discovery_items d set popularity = v.p
        from unnest(${sql.param(ids)}::text[], ${sql.param(pops)}::float8[]) as v(id, p) where d.product_id = v.id`);
    }
    await writeInterestTags(tx, rows, itemRows, now);
  });
  // Each user's candidates from the new neighbours, popularity and tags (the feed reads these rows).
  invalidateSharedLists();
  await precomputeAllUserFeeds(db, now);
  // Popularity and every row changed: this process reads them again (user-cache.ts).
  forgetAllUsers();
  const report = {
    items: itemRows.length,
    interactions: rows.length,
    neighbourRows: neighbourRows.length,
    millis: Math.round(performance.now() - started),
  };
  await db.insert(discoveryBuilds).values({ id: newId('dbd'), builtAt: now, ...report });
  invalidateSharedLists();
  return report;
}

function neighbourRowsOf(
  model: RecommenderModel,
  kind: 'similar' | 'together',
  itemRows: { productId: string }[],
): (typeof discoveryNeighbours.$inferInsert)[] {
  const out: (typeof discoveryNeighbours.$inferInsert)[] = [];
  const { k, ids, scores } = model.neighbours;
  for (let i = 0; i < itemRows.length; i++) {
    for (let r = 0; r < k; r++) {
      const j = ids[i * k + r]!;
      if (j < 0) break;
      out.push({
        productId: itemRows[i]!.productId,
        kind,
        rank: r,
        neighbourId: itemRows[j]!.productId,
        score: scores[i * k + r]!,
      });
    }
  }
  return out;
}

/** Each user's categories by recency-weighted activity (21-day decay, as the model's history weight). */
async function writeInterestTags(
  db: Db,
  rows: (typeof discoveryInteractions.$inferSelect)[],
  itemRows: (typeof discoveryItems.$inferSelect)[],
  now: Date,
): Promise<void> {
  const categoryOf = new Map(itemRows.map((r) => [r.productId, r.categoryId]));
  const byUser = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const category = categoryOf.get(r.productId);
    if (!category) continue;
    const w = Math.log1p(r.weight) * Math.exp(-Math.max(0, now.getTime() - r.lastAt.getTime()) / (21 * DAY));
    const m = byUser.get(r.userId) ?? new Map<string, number>();
    m.set(category, (m.get(category) ?? 0) + w);
    byUser.set(r.userId, m);
  }
  const tags: (typeof discoveryInterestTags.$inferInsert)[] = [];
  for (const [userId, m] of byUser) {
    const total = [...m.values()].reduce((a, b) => a + b, 0) || 1;
    [...m]
      .map(([categoryId, w]) => ({ categoryId, share: w / total }))
      .filter((t) => t.share >= MIN_TAG_SHARE)
      .sort((a, b) => b.share - a.share)
      .slice(0, MAX_TAGS)
      .forEach((t) =>
        tags.push({
          userId,
          categoryId: t.categoryId,
          weight: Math.round(t.share * 1000) / 1000,
          deletedAt: null,
          updatedAt: now,
        }),
      );
  }
  // A tag the user deleted stays deleted (its row keeps deletedAt, and the insert skips it).
  await db.delete(discoveryInterestTags).where(isNull(discoveryInterestTags.deletedAt));
  for (let i = 0; i < tags.length; i += 5000)
    await bulkInsert(db, discoveryInterestTags, tags.slice(i, i + 5000), { onConflictDoNothing: true });
}

export async function lastBuildAt(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ builtAt: discoveryBuilds.builtAt })
    .from(discoveryBuilds)
    .orderBy(desc(discoveryBuilds.builtAt))
    .limit(1);
  return row?.builtAt ?? null;
}
