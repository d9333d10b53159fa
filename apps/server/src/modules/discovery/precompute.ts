import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { bulkInsert } from '../../platform/bulk.ts';
import type { Db } from '../../platform/db.ts';
import { sharedList } from './lists.ts';
import { DEFAULT_WEIGHTS } from './model/market-model.ts';
import { HEAD_QUANTILE, scoreOf } from './model/recommend.ts';
import { discoveryItems, discoveryUserFeeds, type StoredCandidate, type StoredFeed } from './schema.ts';
import { forgetUserRows } from './user-cache.ts';

// Each user's candidates from the sources that do not depend on whom they follow right now — neighbours of their
// recent purchases/posts, their interest categories' bestsellers and new arrivals, exploration, bestsellers
// overall — with the features the ranker scores them on: for everyone with history by the rebuild job (after the
// neighbours and tags are rewritten), and for one user at once when they delete an interest tag or, after a
// purchase or post dropped their row, on their next feed (from the precomputed neighbours; nothing is trained).
// The feed then reads one row, adds what the people they follow did lately (read live, so a new follow counts at
// once), scores, and applies the business rules.

const DAY = 86_400_000;
export const FRESH_DAYS = 14;
/** Candidates kept per user: the feed shows at most 200 after the rules drop and defer some. */
const KEEP = 150;
const HISTORY = 30;

type Features = { productId: string; merchantId: string; categoryId: string; listedAt: Date; popularity: number };

const FEATURES = {
  productId: discoveryItems.productId,
  merchantId: discoveryItems.merchantId,
  categoryId: discoveryItems.categoryId,
  listedAt: discoveryItems.listedAt,
  popularity: discoveryItems.popularity,
};

/** Computes and stores the candidates of `userIds` (a batch: a few statements for all of them). */
export async function precomputeUserFeeds(db: Db, userIds: string[], now: Date): Promise<Map<string, StoredFeed>> {
  const out = new Map<string, StoredFeed>();
  if (userIds.length === 0) return out;
  const history = rowsOf<{
    user_id: string;
    product_id: string;
    kind: 'bought' | 'posted';
    weight: number;
    last_at: string;
  }>(
    await db.execute(sql`
      select user_id, product_id, kind, weight, last_at from (
        select user_id, product_id, kind, weight, last_at,
          row_number() over (partition by user_id order by last_at desc) as n
        from discovery_interactions where user_id = any(${sql.param(userIds)}::text[])
      ) h where n <= ${HISTORY}`),
  );
  const anchors = [...new Set(history.map((h) => h.product_id))];
  const neighbourRows =
    anchors.length === 0
      ? []
      : rowsOf<{ product_id: string; kind: 'similar' | 'together'; neighbour_id: string; score: number } & Json>(
          await db.execute(sql`
            select nb.product_id, nb.kind, nb.neighbour_id, nb.score,
              i.merchant_id, i.category_id, i.listed_at, i.popularity
            from discovery_neighbours nb join discovery_items i on i.product_id = nb.neighbour_id
            where nb.product_id = any(${sql.param(anchors)}::text[]) and nb.rank < 10`),
        );
  const neighboursOf = new Map<string, typeof neighbourRows>();
  for (const n of neighbourRows) {
    const list = neighboursOf.get(n.product_id) ?? [];
    list.push(n);
    neighboursOf.set(n.product_id, list);
  }
  const tagRows = rowsOf<{ user_id: string; category_id: string; weight: number }>(
    await db.execute(sql`
      select user_id, category_id, weight from discovery_interest_tags
      where user_id = any(${sql.param(userIds)}::text[]) and deleted_at is null order by user_id, weight desc`),
  );
  const shared = await sharedSources(db, now);
  const byUser = new Map<string, typeof history>();
  for (const h of history) byUser.set(h.user_id, [...(byUser.get(h.user_id) ?? []), h]);
  const tagsOf = new Map<string, { categoryId: string; weight: number }[]>();
  for (const t of tagRows)
    tagsOf.set(t.user_id, [...(tagsOf.get(t.user_id) ?? []), { categoryId: t.category_id, weight: Number(t.weight) }]);

  for (const userId of userIds) {
    const feed = candidatesOf(
      userId,
      byUser.get(userId) ?? [],
      neighboursOf,
      tagsOf.get(userId) ?? [],
      (category) => shared.byCategory(category),
      shared,
      now,
    );
    out.set(userId, feed);
  }
  await db.transaction(async (tx) => {
    await tx.delete(discoveryUserFeeds).where(inArray(discoveryUserFeeds.userId, userIds));
    await bulkInsert(
      tx,
      discoveryUserFeeds,
      [...out].map(([userId, feed]) => ({ userId, feed, builtAt: now })),
    );
  });
  forgetUserRows(userIds);
  return out;
}

/** The user's own action (purchase, post) makes their candidates stale: the next feed recomputes and stores them. */
export async function dropUserFeed(db: Db, userId: string): Promise<void> {
  await db.delete(discoveryUserFeeds).where(eq(discoveryUserFeeds.userId, userId));
  forgetUserRows([userId]);
}

/** Everyone with history, in batches: the rebuild job's last step. Returns how many rows were written. */
export async function precomputeAllUserFeeds(db: Db, now: Date, batch = 500): Promise<number> {
  const users = rowsOf<{ user_id: string }>(
    await db.execute(sql`select distinct user_id from discovery_interactions order by user_id`),
  ).map((r) => r.user_id);
  for (let i = 0; i < users.length; i += batch) await precomputeUserFeeds(db, users.slice(i, i + batch), now);
  // Someone whose history was deleted (forgotten) keeps no row.
  await db.execute(
    sql`delete from discovery_user_feeds f where not exists (select 1 from discovery_interactions i where i.user_id = f.user_id)`,
  );
  return users.length;
}

type Json = Record<string, unknown>;
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const featuresOf = (r: Json): Features => ({
  productId: r.product_id as string,
  merchantId: r.merchant_id as string,
  categoryId: r.category_id as string,
  listedAt: new Date(r.listed_at as string),
  popularity: Number(r.popularity),
});

interface SharedSources {
  byCategory: (categoryId: string) => { popular: Features[]; fresh: Features[] };
  explore: Features[];
  popular: Features[];
  /** Popularity at the catalogue's HEAD_SHARE quantile: above it an item is head, below it long tail. */
  head: number;
}

/**
 * The lists every user shares: per category the bestsellers (90) and new arrivals (30), the least-known new
 * arrivals anywhere (exploration, 60) and the bestsellers overall (50). One load per process per minute (lists.ts).
 */
async function sharedSources(db: Db, now: Date): Promise<SharedSources> {
  const minute = Math.floor(now.getTime() / 60_000);
  const since = new Date(now.getTime() - FRESH_DAYS * DAY);
  const [popularByCategory, freshByCategory, explore, popular, head] = await Promise.all([
    sharedList(db, `cat-popular:${minute}`, async () =>
      groupBy(
        rowsOf<Json>(
          await db.execute(sql`
            select product_id, merchant_id, category_id, listed_at, popularity from (
              select *, row_number() over (partition by category_id order by popularity desc, product_id) as n
              from discovery_items where available and popularity > 0
            ) x where n <= 90`),
        ).map(featuresOf),
      ),
    ),
    sharedList(db, `cat-fresh:${minute}`, async () =>
      groupBy(
        rowsOf<Json>(
          await db.execute(sql`
            select product_id, merchant_id, category_id, listed_at, popularity from (
              select *, row_number() over (partition by category_id order by listed_at desc, product_id) as n
              from discovery_items where available and listed_at > ${since.toISOString()}::timestamptz
            ) x where n <= 30`),
        ).map(featuresOf),
      ),
    ),
    sharedList(db, `explore:${minute}`, () =>
      db
        .select(FEATURES)
        .from(discoveryItems)
        .where(and(eq(discoveryItems.available, true), gt(discoveryItems.listedAt, since)))
        .orderBy(discoveryItems.popularity, desc(discoveryItems.listedAt))
        .limit(60),
    ),
    sharedList(db, 'popular', () =>
      db
        .select(FEATURES)
        .from(discoveryItems)
        .where(and(eq(discoveryItems.available, true), gt(discoveryItems.popularity, 0)))
        .orderBy(desc(discoveryItems.popularity))
        .limit(50),
    ),
    sharedList(db, `head:${minute}`, async () => {
      const [row] = rowsOf<{ head: number | null }>(
        await db.execute(
          sql`select percentile_disc(${HEAD_QUANTILE}) within group (order by popularity) as head from discovery_items`,
        ),
      );
      return Number(row?.head ?? 0);
    }),
  ]);
  return {
    byCategory: (c) => ({ popular: popularByCategory.get(c) ?? [], fresh: freshByCategory.get(c) ?? [] }),
    explore,
    popular,
    head,
  };
}

function groupBy(rows: Features[]): Map<string, Features[]> {
  const m = new Map<string, Features[]>();
  for (const r of rows) m.set(r.categoryId, [...(m.get(r.categoryId) ?? []), r]);
  return m;
}

/** Stable per-user rotation, so that users with the same tastes do not all explore the same few items. */
function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function candidatesOf(
  userId: string,
  history: { user_id: string; product_id: string; kind: 'bought' | 'posted'; weight: number; last_at: string }[],
  neighboursOf: Map<
    string,
    ({ product_id: string; kind: 'similar' | 'together'; neighbour_id: string; score: number } & Json)[]
  >,
  tags: { categoryId: string; weight: number }[],
  byCategory: SharedSources['byCategory'],
  shared: SharedSources,
  now: Date,
): StoredFeed {
  const candidates = new Map<string, StoredCandidate>();
  const get = (item: Features) => {
    let c = candidates.get(item.productId);
    if (!c) {
      c = {
        p: item.productId,
        m: item.merchantId,
        c: item.categoryId,
        sim: 0,
        aff: 0,
        pop: item.popularity,
        at: item.listedAt.getTime(),
      };
      candidates.set(item.productId, c);
    }
    return c;
  };
  const best = new Map<string, number>();

  // 1. Neighbours of what the user bought or recommended lately (recency-weighted).
  const anchorWeight = new Map<string, number>();
  for (const h of history) {
    const at = new Date(h.last_at).getTime();
    const w = Math.log1p(Number(h.weight)) * Math.exp(-Math.max(0, now.getTime() - at) / (21 * DAY));
    anchorWeight.set(h.product_id, Math.max(anchorWeight.get(h.product_id) ?? 0, w));
  }
  const bought = new Set(history.filter((h) => h.kind === 'bought').map((h) => h.product_id));
  for (const anchor of anchorWeight.keys()) {
    for (const n of neighboursOf.get(anchor) ?? []) {
      // 买了又买 only reads as 搭配 when the anchor was bought; otherwise it is plain similarity.
      const kind = n.kind === 'together' && bought.has(anchor) ? 'together' : 'similar';
      const s = anchorWeight.get(anchor)! * Number(n.score);
      const c = get(featuresOf({ ...n, product_id: n.neighbour_id }));
      c.sim += s;
      const prev = best.get(c.p);
      const better = prev === undefined || s > prev || (s === prev && kind === 'together');
      if (s > 0 && better) {
        best.set(c.p, s);
        c.a = { p: anchor, k: kind, b: bought.has(anchor) };
      }
    }
  }

  // 2. Bestsellers and 3. new arrivals of the user's interest categories (deleted tags are not loaded).
  const affinity: Record<string, number> = {};
  const tagTotal = tags.reduce((a, t) => a + t.weight, 0) || 1;
  for (const t of tags) affinity[t.categoryId] = t.weight / tagTotal;
  const lists = tags.slice(0, 3).map((t) => byCategory(t.categoryId));
  const popular = lists
    .flatMap((l) => l.popular)
    .sort((a, b) => b.popularity - a.popularity)
    .slice(0, 90);
  for (const r of popular) get(r).cat ??= r.categoryId;
  const fresh = lists
    .flatMap((l) => l.fresh)
    .sort((a, b) => b.listedAt.getTime() - a.listedAt.getTime())
    .slice(0, 30);
  for (const r of fresh) {
    const c = get(r);
    c.fresh = true;
    c.cat ??= r.categoryId;
  }

  // 4. Exploration: the least-known new arrivals anywhere (the long tail), 20 of them rotated per user, and
  // 5. bestsellers overall.
  const rotate = hashOf(userId) % Math.max(1, shared.explore.length);
  const explore = [...shared.explore.slice(rotate), ...shared.explore.slice(0, rotate)].slice(0, 20);
  for (const r of explore) get(r).fresh = true;
  for (const r of shared.popular) get(r);

  const had = [...anchorWeight.keys()];
  for (const id of had) candidates.delete(id);
  for (const c of candidates.values()) {
    c.aff = affinity[c.c] ?? 0;
    if (c.sim > 0 && c.pop < shared.head) c.tail = true;
  }
  // Kept: what the ranker would put first without the social source (added, and everything rescored, per request).
  const kept = [...candidates.values()]
    .map((c) => ({ c, s: scoreOf(DEFAULT_WEIGHTS, featureVector(c, 0, now.getTime())) }))
    .sort((a, b) => b.s - a.s || a.c.p.localeCompare(b.c.p))
    .slice(0, KEEP)
    .map(({ c }) => c)
    .map((c) => ({ ...c, sim: round(c.sim), pop: round(c.pop), aff: round(c.aff) }));
  return { had, affinity, candidates: kept };
}

/** The ranker's features (model/recommend.ts's FEATURES, in the same order) of a candidate with social weight `social`. */
export function featureVector(c: StoredCandidate, social: number, now: number): number[] {
  const ageDays = Math.max(0, (now - c.at) / DAY);
  return [Math.log1p(c.sim), Math.log1p(social), c.aff, Math.log1p(c.pop) / 4, Math.exp(-ageDays / 14), 1];
}
const round = (x: number) => Math.round(x * 10_000) / 10_000;
