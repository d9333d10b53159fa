import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getMerchantBriefs, getProductBriefs, getProductStock } from '../catalog/api.ts';
import { followsOf } from '../posts/api.ts';
import { cachedFollows, profilesOf, rememberFollows } from './people-cache.ts';
import { DEFAULT_WEIGHTS } from './model/market-model.ts';
import { scoreOf } from './model/recommend.ts';
import { sharedList } from './lists.ts';
import { categoryNames } from './preferences.ts';
import { cachedFeed, storeFeed } from './feed-cache.ts';
import { cachedProduct, cachedShop, rememberProduct, rememberShop } from './facts-cache.ts';
import { FRESH_DAYS, featureVector, precomputeUserFeeds } from './precompute.ts';
import { discoveryItems, type StoredCandidate, type StoredFeed } from './schema.ts';
import { type Activity, cachedActivity, cachedUserRow, rememberActivity, rememberUserRow } from './user-cache.ts';

const DAY = 86_400_000;
/** The feed is ranked once per request up to this many items, then paged. */
const MAX_FEED = 200;
/** Ranked items handed to the re-ranking: enough for MAX_FEED after it drops and defers some. */
const RANKED = MAX_FEED * 2 + 20;
const SOCIAL_DAYS = 30;

/**
 * The two rankers of the feed-ranker experiment: `diverse` (the default and control) gives every other place to
 * a long-tail neighbour, in order of similarity, which spreads feeds over the catalogue (coverage 11 → 37 % in
 * bench:recommend) at some cost in offline HitRate; `score` is the fitted ranker's order alone. Which one earns
 * more for shoppers is a question for an online experiment, not for the offline figures.
 */
export const FEED_RANKERS = ['diverse', 'score'] as const;
type FeedRanker = (typeof FEED_RANKERS)[number];

/** Where an item came from; the text the shopper reads is built from it and nothing else. */
export type Reason =
  | { kind: 'social'; text: string; detail: string; userId: string; nickname: string; action: 'bought' | 'posted' }
  | { kind: 'together' | 'similar'; text: string; detail: string; anchorProductId: string }
  | { kind: 'category'; text: string; detail: string; categoryId: string }
  | { kind: 'fresh' | 'popular'; text: string; detail: string };

export interface FeedItem {
  productId: string;
  title: string;
  imageUrl: string | null;
  minPrice: number;
  salesCount: number;
  merchantId: string;
  merchantName: string;
  reason: Reason;
}

/** A stored candidate (precompute.ts) plus what the people the user follows did lately (read per request). */
interface Candidate extends StoredCandidate {
  social: number;
  friend: { userId: string; action: 'bought' | 'posted'; best: number } | null;
}

/**
 * The home feed (推荐): candidates from several sources → the fitted ranker's score → re-ranking (available only,
 * no duplicates, at most 2 per shop in any 10). Off (Art. 17) or signed out: popular and new, nothing personal.
 */
export async function discoveryFeed(
  ctx: Ctx,
  input: { cursor?: string; limit: number; ranker?: FeedRanker },
): Promise<{ personalised: boolean; items: FeedItem[]; nextCursor: string | null }> {
  const page = await productFeedPage(ctx, decodeCursor(input.cursor), input.limit, input.ranker ?? 'diverse');
  return { personalised: page.personalised, items: page.items, nextCursor: page.nextCursor };
}

/** What the home feed's posts and live sessions are picked by: the same follows and interests as the products. */
export interface FeedSignals {
  followedUsers: string[];
  followedShops: string[];
  /** The user's interest categories, strongest first (deleted tags excluded). */
  categories: string[];
}
const NO_SIGNALS: FeedSignals = { followedUsers: [], followedShops: [], categories: [] };

/** A page of the product feed from `offset`, with the signals it was ranked by (home.ts mixes in the rest). */
export async function productFeedPage(
  ctx: Ctx,
  offset: number,
  limit: number,
  ranker: FeedRanker,
): Promise<{ personalised: boolean; items: FeedItem[]; nextCursor: string | null; signals: FeedSignals }> {
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const needed = Math.min(MAX_FEED, offset + limit);
  // The first page ranks afresh; scrolling on (a cursor) reads the list it ranked while fresh (feed-cache.ts).
  let state = offset > 0 ? cachedFeed<FeedState>(userId) : null;
  if (state?.ranker !== ranker) state = null;
  if (!state) storeFeed(userId, (state = await rankFeed(ctx, userId, needed, ranker)));
  else if (state.items.length < needed && state.checked < state.ranked.length) await checkMore(ctx.db, state, needed);
  const all = state.items;
  const more = offset + limit < all.length || (state.checked < state.ranked.length && all.length < MAX_FEED);
  return {
    personalised: state.personalised,
    items: all.slice(offset, offset + limit),
    nextCursor: more ? encodeCursor(offset + limit) : null,
    signals: state.signals,
  };
}

/**
 * A shopper's ranked list (up to RANKED items with their reasons) and how much of it has been checked against the
 * live catalogue: `items` is the re-ranked feed of the first `checked` ranked items. The re-ranking is greedy and
 * keeps order, so checking more ranked items only appends to `items`.
 */
interface FeedState {
  ranker: FeedRanker;
  personalised: boolean;
  signals: FeedSignals;
  ranked: RankedItem[];
  checked: number;
  facts: LiveFacts;
  items: FeedItem[];
}

/** Ranked items checked for a feed of `needed` items: enough after the re-ranking drops and defers some. */
const toCheck = (needed: number) => needed * 2 + 20;

/**
 * The ranked list and the first page in three sequential steps: who the user follows (posts' api) and the user's
 * settings and precomputed candidates (one row, precompute.ts) at once; what the followed users did lately; then
 * the live catalogue facts of the first page and the reasons' names at once. Nothing is trained or built here
 * except for a user the rebuild has not seen yet (their candidates are computed once and stored).
 */
async function rankFeed(ctx: Ctx, userId: string | null, needed: number, ranker: FeedRanker): Promise<FeedState> {
  const now = ctx.now();
  const plain = async (): Promise<FeedState> => {
    const ranked = await popularAndNew(ctx.db, now);
    const checked = Math.min(ranked.length, toCheck(needed));
    const facts = await liveFacts(ctx.db, ranked.slice(0, checked), []);
    const items = applyRules(ranked.slice(0, checked), facts);
    return { ranker, personalised: false, signals: NO_SIGNALS, ranked, checked, facts, items };
  };
  if (userId === null) return plain();
  // Who the user follows from this process's memory (people-cache.ts) when it has it; then one statement.
  const followed = cachedFollows(userId) ?? rememberFollows(userId, await followsOf(ctx.db, userId));
  const row = await userRow(ctx.db, userId, followed.users, now);
  if (!row.personalised) return plain();
  let stored = row.feed;
  // Stored (precompute.ts) and remembered at its next read, by its build time.
  stored ??= (await precomputeUserFeeds(ctx.db, [userId], now)).get(userId)!;
  const social = row.social;
  const categories = Object.entries(stored.affinity)
    .sort((a, b) => b[1] - a[1])
    .map(([c]) => c);
  const signals = { followedUsers: followed.users, followedShops: followed.merchants, categories };
  return { ...(await personalisedList(ctx, stored, social, now, needed, ranker)), signals };
}

/** Checks further ranked items (at least doubling) so that the feed holds `needed` items if it can. */
async function checkMore(db: Db, state: FeedState, needed: number): Promise<void> {
  const upTo = Math.min(state.ranked.length, Math.max(toCheck(needed), state.checked * 2));
  const more = await liveFacts(db, state.ranked.slice(state.checked, upTo), []);
  for (const [id, b] of more.briefs) state.facts.briefs.set(id, b);
  for (const [id, n] of more.stock) state.facts.stock.set(id, n);
  for (const [id, m] of more.shops) state.facts.shops.set(id, m);
  state.checked = upTo;
  state.items = applyRules(state.ranked.slice(0, upTo), state.facts);
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

type SocialRow = Activity;
/** Each followed user's most recent interactions the social source reads (within SOCIAL_DAYS). */
const SOCIAL_PER_USER = 30;

/**
 * The user's off-switch, their precomputed candidates (precompute.ts) and — when personalised — what the people
 * they follow bought or posted in the last 30 days: each one's 30 most recent (read through the (user, last_at)
 * index, so a very active creator costs no more than a quiet friend), with the items' features. One statement,
 * which always reads the off-switch and the row's build time, so that a change made through any process counts on
 * the next first page; the candidates themselves (tens of kB of JSON) only when this process does not hold that
 * build of them, and the followed users' interactions only for those it does not hold (user-cache.ts).
 */
async function userRow(
  db: Db,
  userId: string,
  followed: string[],
  now: Date,
): Promise<{ personalised: boolean; feed: StoredFeed | null; social: SocialRow[] }> {
  const since = now.getTime() - SOCIAL_DAYS * DAY;
  const held = cachedUserRow(userId);
  const known = new Map<string, Activity[]>();
  const missing: string[] = [];
  for (const id of followed) {
    const hit = cachedActivity(id);
    if (hit) known.set(id, hit);
    else missing.push(id);
  }
  const loaded = await loadUserRow(db, userId, held?.builtAt ?? null, missing, new Date(since));
  if (!loaded.personalised) return { personalised: false, feed: null, social: [] };
  let feed: StoredFeed | null = null;
  if (loaded.builtAt !== null && loaded.builtAt === held?.builtAt) feed = held.feed;
  else if (loaded.builtAt !== null && loaded.feed) {
    feed = loaded.feed;
    rememberUserRow(userId, { builtAt: loaded.builtAt, feed });
  }
  for (const id of missing) {
    const list = loaded.social.get(id) ?? [];
    rememberActivity(id, list);
    known.set(id, list);
  }
  // Newest first per followed user, as the statement reads them; older than SOCIAL_DAYS (as of now) left out.
  const social = followed.flatMap((id) => (known.get(id) ?? []).filter((a) => a.lastAt > since));
  return { personalised: true, feed, social };
}

/**
 * The statement behind userRow: the off-switch, the row's build time, the row itself unless it is the build
 * `heldBuild`, and the latest interactions of `followed`.
 */
async function loadUserRow(
  db: Db,
  userId: string,
  heldBuild: string | null,
  followed: string[],
  since: Date,
): Promise<{
  personalised: boolean;
  builtAt: string | null;
  feed: StoredFeed | null;
  social: Map<string, Activity[]>;
}> {
  const [row] = rowsOf<{ personalised: boolean | null; built_at: string | null; feed: unknown; social: unknown }>(
    await db.execute(sql`with s as (select personalised from discovery_settings where user_id = ${userId}),
        f as (select built_at::text as built_at, feed from discovery_user_feeds where user_id = ${userId})
      select (select personalised from s) as personalised,
        (select built_at from f) as built_at,
        (select feed from f where built_at is distinct from ${heldBuild}::text) as feed,
        (select coalesce(json_agg(json_build_array(x.user_id, x.product_id, x.kind, x.weight, x.last_at,
            i.merchant_id, i.category_id, i.listed_at, i.popularity) order by f.n, x.last_at desc), '[]'::json)
          from unnest(${sql.param(followed)}::text[]) with ordinality as f(id, n)
          cross join lateral (
            select user_id, product_id, kind, weight, last_at from discovery_interactions
            where user_id = f.id and last_at > ${since.toISOString()}::timestamptz
            order by last_at desc limit ${SOCIAL_PER_USER}
          ) x
          join discovery_items i on i.product_id = x.product_id
          where coalesce((select personalised from s), true)) as social`),
  );
  // node-postgres parses json columns; PGlite does too, but a string is accepted either way.
  const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
  const feed = json<StoredFeed | null>(row?.feed);
  const social = new Map<string, Activity[]>();
  for (const r of json<unknown[][] | null>(row?.social) ?? []) {
    const a: Activity = {
      userId: r[0] as string,
      kind: r[2] as 'bought' | 'posted',
      weight: Number(r[3]),
      lastAt: new Date(r[4] as string).getTime(),
      item: {
        p: r[1] as string,
        m: r[5] as string,
        c: r[6] as string,
        sim: 0,
        aff: 0,
        pop: Number(r[8]),
        at: new Date(r[7] as string).getTime(),
      },
    };
    const list = social.get(a.userId) ?? [];
    list.push(a);
    social.set(a.userId, list);
  }
  return { personalised: row?.personalised ?? true, builtAt: row?.built_at ?? null, feed: feed ?? null, social };
}

async function personalisedList(
  ctx: Ctx,
  stored: StoredFeed,
  social: SocialRow[],
  now: Date,
  needed: number,
  ranker: FeedRanker,
): Promise<Omit<FeedState, 'signals'>> {
  const db = ctx.db;
  const candidates = new Map<string, Candidate>(stored.candidates.map((c) => [c.p, { ...c, social: 0, friend: null }]));
  const had = new Set(stored.had);
  // What the people the user follows bought or recommended lately: a purchase this week says more than one four
  // weeks ago (half-life 14 days).
  for (const r of social) {
    if (had.has(r.item.p)) continue;
    let c = candidates.get(r.item.p);
    if (!c) {
      c = { ...r.item, aff: stored.affinity[r.item.c] ?? 0, social: 0, friend: null };
      candidates.set(c.p, c);
    }
    const s = Math.log1p(r.weight) * 2 ** (-Math.max(0, now.getTime() - r.lastAt) / (14 * DAY));
    c.social += s;
    if (!c.friend || s > c.friend.best) c.friend = { userId: r.userId, action: r.kind, best: s };
  }
  const scored = [...candidates.values()]
    .map((c) => ({ c, score: scoreOf(DEFAULT_WEIGHTS, featureVector(c, c.social, now.getTime())) }))
    .sort((a, b) => b.score - a.score || a.c.p.localeCompare(b.c.p));
  // Exploration slots: every 7th place goes to a new arrival the ranker would not surface yet; diversity slots:
  // every other place to the user's best long-tail neighbour (less known items like the ones they bought).
  const freshOnly = scored.filter((s) => s.c.fresh && s.c.sim === 0 && s.c.social === 0);
  // The long tail in order of similarity to what the user bought (not the ranker's score, which leans on
  // popularity): that is what spreads the feeds of people with similar tastes over more of the catalogue.
  const tail =
    ranker === 'diverse' ? scored.filter((s) => s.c.tail && s.c.social === 0).sort((a, b) => b.c.sim - a.c.sim) : [];
  const aside = new Set([...freshOnly, ...tail]);
  const order = interleave(
    interleave(
      scored.filter((s) => !aside.has(s)),
      tail,
      2,
    ),
    freshOnly,
    7,
  ).slice(0, RANKED);
  // Reasons need names (followed users, anchor products) for the whole list: fetched together with the
  // catalogue's live facts for the first page.
  const cs = order.map((s) => s.c);
  const users = [...new Set(cs.flatMap((c) => (c.friend ? [c.friend.userId] : [])))];
  const anchors = [...new Set(cs.flatMap((c) => (c.a ? [c.a.p] : [])))];
  const checked = Math.min(order.length, toCheck(needed));
  const [profiles, facts, categories] = await Promise.all([
    profilesOf(users, (ids) => publicProfiles(db, ids)),
    liveFacts(
      db,
      order.slice(0, checked).map((s) => ({ productId: s.c.p, merchantId: s.c.m })),
      anchors,
    ),
    categoryNames(ctx),
  ]);
  const names: Names = { users: profiles, products: facts.briefs, categories };
  const ranked = order.map((s) => ({
    productId: s.c.p,
    merchantId: s.c.m,
    reason: reasonOf(s.c, names),
  }));
  return { ranker, personalised: true, ranked, checked, facts, items: applyRules(ranked.slice(0, checked), facts) };
}

/** Non-personalised (Art. 17 off, or signed out): bestsellers with every 4th place a new arrival. */
async function popularAndNew(db: Db, now: Date): Promise<RankedItem[]> {
  const list = await sharedList(db, `plain:${Math.floor(now.getTime() / 60_000)}`, () => loadPopularAndNew(db, now));
  return list.slice(0, RANKED);
}

async function loadPopularAndNew(db: Db, now: Date): Promise<RankedItem[]> {
  const popular = await db
    .select()
    .from(discoveryItems)
    .where(eq(discoveryItems.available, true))
    .orderBy(desc(discoveryItems.popularity), desc(discoveryItems.listedAt))
    .limit(MAX_FEED * 2);
  const fresh = await db
    .select()
    .from(discoveryItems)
    .where(
      and(eq(discoveryItems.available, true), gt(discoveryItems.listedAt, new Date(now.getTime() - FRESH_DAYS * DAY))),
    )
    .orderBy(desc(discoveryItems.listedAt))
    .limit(60);
  const hot = popular.filter((r) => r.popularity > 0);
  const freshIds = new Set(fresh.map((r) => r.productId));
  const rest = popular.filter((r) => r.popularity <= 0 && !freshIds.has(r.productId));
  const list = [
    ...interleave(
      hot.map((r) => ({ r, reason: HOT })),
      fresh.map((r) => ({ r, reason: NEW })),
      4,
    ),
    ...rest.map((r) => ({ r, reason: NEW_OR_LISTED })),
  ];
  return list.map((x) => ({ productId: x.r.productId, merchantId: x.r.merchantId, reason: x.reason }));
}

const HOT: Reason = {
  kind: 'popular',
  text: '热门',
  detail: '近期购买的人多（按全站近 14 天的购买与推荐热度排序，未使用你的个人信息）',
};
const NEW: Reason = {
  kind: 'fresh',
  text: '新品',
  detail: '最近 14 天上架的新品（按上架时间排序，未使用你的个人信息）',
};
const NEW_OR_LISTED: Reason = { kind: 'popular', text: '在售好物', detail: '在售商品（未使用你的个人信息）' };

export interface RankedItem {
  productId: string;
  merchantId: string;
  reason: Reason;
}

/** `ranked` with `extra` placed at every `every`-th position (1-based), both kept in their order. */
function interleave<T>(ranked: T[], extra: T[], every: number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < ranked.length || j < extra.length) {
    if (((out.length + 1) % every === 0 && j < extra.length) || i >= ranked.length) out.push(extra[j++]!);
    else out.push(ranked[i++]!);
  }
  return out;
}

interface Names {
  users: Map<string, { nickname: string }>;
  products: Map<string, { title: string }>;
  categories: Map<string, string>;
}

const short = (title: string) => (title.length > 10 ? `${title.slice(0, 10)}…` : title);

/** The reason of the source that weighs most for this item, in the order model/recommend.ts's sourceOf uses. */
function reasonOf(c: Candidate, names: Names): Reason {
  if (c.friend && c.social >= c.sim) {
    const nickname = names.users.get(c.friend.userId)?.nickname ?? '好友';
    const verb = c.friend.action === 'bought' ? '买过' : '推荐过';
    return {
      kind: 'social',
      text: `你关注的 @${nickname} ${verb}`,
      detail: `你关注了 @${nickname}，TA 最近${c.friend.action === 'bought' ? '买了' : '在笔记里推荐了'}这件商品。`,
      userId: c.friend.userId,
      nickname,
      action: c.friend.action,
    };
  }
  if (c.a) {
    const title = names.products.get(c.a.p)?.title ?? '';
    return c.a.k === 'together'
      ? {
          kind: 'together',
          text: `和你买过的「${short(title)}」搭配`,
          detail: `买过「${title}」的人也常买这件（由全站的共同购买计算）。`,
          anchorProductId: c.a.p,
        }
      : {
          kind: 'similar',
          text: `和你${c.a.b ? '买过' : '推荐过'}的「${short(title)}」相似`,
          detail: `喜欢「${title}」的人也喜欢这件（由全站的共同购买与推荐计算）。`,
          anchorProductId: c.a.p,
        };
  }
  if (c.fresh) return { kind: 'fresh', text: '新品', detail: '最近 14 天上架的新品，给新商品一个被看见的机会。' };
  if (c.cat) {
    const name = names.categories.get(c.cat) ?? '常逛类目';
    return {
      kind: 'category',
      text: `你常逛的「${name}」热卖`,
      detail: `你的兴趣标签里有「${name}」，这是该类目近期卖得好的商品。可在推荐设置里删除这个标签。`,
      categoryId: c.cat,
    };
  }
  return { kind: 'popular', text: '热卖', detail: '近期全站购买的人多。' };
}

/**
 * Re-ranking and business rules on the ranked list: the live catalogue decides availability (listed, in stock,
 * shop active) — discovery's copy may be minutes old — duplicates go, and no shop holds more than 2 of any 10
 * consecutive places (an item that would break it waits for a later place).
 */
export async function rerank(db: Db, ranked: RankedItem[]): Promise<FeedItem[]> {
  return applyRules(ranked, await liveFacts(db, ranked, []));
}

interface LiveFacts {
  briefs: Awaited<ReturnType<typeof getProductBriefs>>;
  stock: Map<string, number>;
  shops: Awaited<ReturnType<typeof getMerchantBriefs>>;
}

/**
 * The catalogue's briefs (of the ranked items and of `alsoBriefs`), stock and shops: from this process's few-second
 * memory (facts-cache.ts) where it has them, the rest queried at once — the shops of the merchants discovery already
 * knows alongside, any other shop after the briefs name it.
 */
async function liveFacts(
  db: Db,
  ranked: Pick<RankedItem, 'productId' | 'merchantId'>[],
  alsoBriefs: string[],
): Promise<LiveFacts> {
  const facts: LiveFacts = { briefs: new Map(), stock: new Map(), shops: new Map() };
  const missing = new Set<string>();
  for (const id of [...ranked.map((r) => r.productId), ...alsoBriefs]) {
    const hit = cachedProduct(id);
    if (!hit) missing.add(id);
    else if (hit.brief) {
      facts.briefs.set(id, hit.brief);
      facts.stock.set(id, hit.stock);
    }
  }
  const shopIds = new Set(ranked.flatMap((r) => (r.merchantId ? [r.merchantId] : [])));
  for (const b of facts.briefs.values()) shopIds.add(b.merchantId);
  const unknownShops = () => [...shopIds].filter((m) => !facts.shops.has(m) && !useCachedShop(facts, m));
  const ids = [...missing];
  const [briefs, stock, shops] = await Promise.all([
    getProductBriefs(db, ids),
    getProductStock(db, ids),
    getMerchantBriefs(db, unknownShops()),
  ]);
  for (const id of ids) {
    const b = briefs.get(id) ?? null;
    rememberProduct(id, b, stock.get(id) ?? 0);
    if (b) {
      facts.briefs.set(id, b);
      facts.stock.set(id, stock.get(id) ?? 0);
      shopIds.add(b.merchantId);
    }
  }
  const found = (list: Map<string, Shop>, asked: string[]) => {
    for (const m of asked) {
      const shop = list.get(m) ?? null;
      rememberShop(m, shop);
      if (shop) facts.shops.set(m, shop);
    }
  };
  found(shops, [...shops.keys()]);
  const rest = unknownShops();
  if (rest.length > 0) found(await getMerchantBriefs(db, rest), rest);
  return facts;
}

type Shop = LiveFacts['shops'] extends Map<string, infer S> ? S : never;
function useCachedShop(facts: LiveFacts, merchantId: string): boolean {
  const hit = cachedShop(merchantId);
  if (hit?.shop) facts.shops.set(merchantId, hit.shop);
  return hit !== undefined;
}

function applyRules(ranked: RankedItem[], { briefs, stock, shops }: LiveFacts): FeedItem[] {
  const unique: RankedItem[] = [];
  const seen = new Set<string>();
  for (const r of ranked) if (!seen.has(r.productId) && seen.add(r.productId)) unique.push(r);
  const sellable = unique.filter((r) => {
    const b = briefs.get(r.productId);
    return (
      b && b.status === 'listed' && (stock.get(r.productId) ?? 0) > 0 && shops.get(b.merchantId)?.status === 'active'
    );
  });
  const out: FeedItem[] = [];
  const waiting = [...sellable];
  while (waiting.length > 0 && out.length < MAX_FEED) {
    const window = out.slice(-9);
    const at = waiting.findIndex(
      (r) => window.filter((o) => o.merchantId === briefs.get(r.productId)!.merchantId).length < 2,
    );
    if (at < 0) break;
    const [r] = waiting.splice(at, 1);
    const b = briefs.get(r!.productId)!;
    out.push({
      productId: b.id,
      title: b.title,
      imageUrl: b.imageUrl,
      minPrice: b.minPrice,
      salesCount: b.salesCount,
      merchantId: b.merchantId,
      merchantName: shops.get(b.merchantId)?.name ?? '',
      reason: r!.reason,
    });
  }
  return out;
}

const encodeCursor = (offset: number) => Buffer.from(String(offset)).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString());
  return Number.isInteger(n) && n >= 0 && n < 10_000 ? n : 0;
}
