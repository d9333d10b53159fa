import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import type { Ctx } from '../../platform/context.ts';
import type { Database, Db } from '../../platform/db.ts';
import { Reloading } from '../../platform/reloading.ts';
import { categories, merchants, products, searchWordEntries } from './schema.ts';
import { builtInWordLists, loadWordLists, type WordLists } from './search-word-lists.ts';

/** One listed-or-not product as search needs it; `alive` is false once a newer copy replaced it. */
export interface SearchDoc {
  id: string;
  title: string;
  subtitle: string;
  imageUrl: string | null;
  minPrice: number;
  maxPrice: number;
  salesCount: number;
  ratingCount: number;
  ratingSum: number;
  categoryId: string;
  merchantId: string;
  createdAt: number;
  listed: boolean;
  /** Number of distinct tokens: BM25's document length. */
  length: number;
  alive: boolean;
}

/** A posting: doc number × 2, +1 when the token is in the title. */
type Postings = number[];

interface Snapshot {
  products: number;
  /** The newest row version of products: any insert or update (sales, ratings, status) raises it. */
  productsXmin: number;
  merchantsXmin: number;
}

/**
 * The catalogue in memory for search: an inverted index over the jieba tokens the catalog already stores
 * (products.search_tokens / title_tokens), the fields of a result card, and a pinyin → word table built from
 * title words. Changed products are patched in (a tombstone for the old copy plus a new doc); a full rebuild
 * drops the tombstones.
 */
export class SearchIndex {
  docs: SearchDoc[] = [];
  byId = new Map<string, number>();
  postings = new Map<string, Postings>();
  /** How many titles contain a word: ranks suggestions and picks among pinyin homophones. */
  titleDf = new Map<string, number>();
  merchants = new Map<string, { name: string; active: boolean }>();
  /** Category id → itself and its children. */
  categoryTree = new Map<string, Set<string>>();
  /** Doc numbers by category (replaced copies included; `visible` skips them). */
  byCategory = new Map<string, number[]>();
  pinyinFull = new Map<string, string>();
  pinyinInitials = new Map<string, string>();
  /** Synonyms and category words as the operators keep them (search-word-lists.ts). */
  words: WordLists = builtInWordLists();
  private pinyinDone = new Set<string>();
  totalLength = 0;
  liveDocs = 0;

  get averageLength(): number {
    return this.liveDocs > 0 ? this.totalLength / this.liveDocs : 1;
  }

  /** Products that can be shown: listed and sold by an active shop. */
  visible(d: SearchDoc): boolean {
    return d.alive && d.listed && this.merchants.get(d.merchantId)?.active === true;
  }

  df(token: string): number {
    return this.postings.get(token)?.length ?? 0;
  }

  add(row: ProductRow): void {
    const old = this.byId.get(row.id);
    if (old !== undefined) this.retire(old);
    const n = this.docs.length;
    const title = new Set(row.titleTokens.split(' ').filter(Boolean));
    const all = new Set([...title, ...row.searchTokens.split(' ').filter(Boolean)]);
    this.docs.push({
      id: row.id,
      title: row.title,
      subtitle: row.subtitle,
      imageUrl: row.images[0] ?? null,
      minPrice: row.minPrice,
      maxPrice: row.maxPrice,
      salesCount: row.salesCount,
      ratingCount: row.ratingCount,
      ratingSum: row.ratingSum,
      categoryId: row.categoryId,
      merchantId: row.merchantId,
      createdAt: row.createdAt.getTime(),
      listed: row.status === 'listed',
      length: all.size,
      alive: true,
    });
    this.byId.set(row.id, n);
    let inCategory = this.byCategory.get(row.categoryId);
    if (!inCategory) this.byCategory.set(row.categoryId, (inCategory = []));
    inCategory.push(n);
    this.totalLength += all.size;
    this.liveDocs++;
    for (const token of all) {
      const inTitle = title.has(token);
      let list = this.postings.get(token);
      if (!list) this.postings.set(token, (list = []));
      list.push(n * 2 + (inTitle ? 1 : 0));
      if (inTitle) {
        this.titleDf.set(token, (this.titleDf.get(token) ?? 0) + 1);
        this.addPinyin(token);
      }
    }
  }

  private retire(n: number): void {
    const doc = this.docs[n]!;
    doc.alive = false;
    this.totalLength -= doc.length;
    this.liveDocs--;
  }

  private addPinyin(word: string): void {
    if (this.pinyinDone.has(word) || !/^\p{Script=Han}{2,6}$/u.test(word)) return;
    this.pinyinDone.add(word);
    const full = pinyin(word, { toneType: 'none', type: 'array', v: true }).join('');
    const initials = pinyin(word, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
    const better = (current: string | undefined) =>
      !current || (this.titleDf.get(current) ?? 0) < (this.titleDf.get(word) ?? 0);
    if (better(this.pinyinFull.get(full))) this.pinyinFull.set(full, word);
    if (better(this.pinyinInitials.get(initials))) this.pinyinInitials.set(initials, word);
  }

  /** The word whose pinyin matches `latin` in full (mianshuang) or by initials (ms), most common in titles first. */
  wordForPinyin(latin: string, allowInitials: boolean): string | undefined {
    return this.pinyinFull.get(latin) ?? (allowInitials ? this.pinyinInitials.get(latin) : undefined);
  }

  pinyinOf(word: string): string {
    return pinyin(word, { toneType: 'none', type: 'array', v: true }).join('');
  }

  /** The category itself and its children (the category tree is two levels deep). */
  categoriesUnder(categoryId: string): Set<string> {
    return this.categoryTree.get(categoryId) ?? new Set([categoryId]);
  }
}

type ProductRow = Awaited<ReturnType<typeof loadProducts>>[number];

const loadProducts = (db: Db, newerThanXmin?: number) =>
  db
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
      merchantId: products.merchantId,
      status: products.status,
      createdAt: products.createdAt,
      searchTokens: products.searchTokens,
      titleTokens: products.titleTokens,
    })
    .from(products)
    .where(newerThanXmin === undefined ? undefined : sql`${products}.xmin::text::bigint > ${newerThanXmin}`)
    .orderBy(products.createdAt, products.id);

// Everything that changes what search shows, in one cheap aggregate. A row's xmin is the transaction that wrote
// its current version, so the largest one moves on every insert and update, even within one millisecond and
// for columns that leave updated_at alone (sales, ratings).
const newestVersion = (table: typeof products | typeof merchants | typeof searchWordEntries) =>
  sql<number>`coalesce(max(${table}.xmin::text::bigint), 0)`.mapWith(Number);

async function takeSnapshot(db: Db): Promise<Snapshot> {
  const [p] = await db
    .select({ products: sql<number>`count(*)`.mapWith(Number), productsXmin: newestVersion(products) })
    .from(products);
  const [m] = await db.select({ merchantsXmin: newestVersion(merchants) }).from(merchants);
  return { ...p!, ...m! };
}

async function loadMerchantsInto(index: SearchIndex, db: Db): Promise<void> {
  const rows = await db.select({ id: merchants.id, name: merchants.name, status: merchants.status }).from(merchants);
  index.merchants = new Map(rows.map((r) => [r.id, { name: r.name, active: r.status === 'active' }]));
}

async function buildIndex(db: Db): Promise<SearchIndex> {
  const index = new SearchIndex();
  const cats = await db.select({ id: categories.id, parentId: categories.parentId }).from(categories);
  for (const c of cats) index.categoryTree.set(c.id, new Set([c.id]));
  for (const c of cats) if (c.parentId) index.categoryTree.get(c.parentId)?.add(c.id);
  await loadMerchantsInto(index, db);
  for (const row of await loadProducts(db)) index.add(row);
  return index;
}

const CHECK_EVERY_MS = 1000;
const REBUILD_EVERY_MS = 5 * 60_000;

interface Holder {
  index: SearchIndex | null;
  snapshot: Snapshot | null;
  checkedAt: number;
  builtAt: number;
  pending: Promise<void> | null;
  rebuilding: boolean;
  words: Reloading<WordLists>;
}

/** The operators' word lists, reread within a second of a change in any process (platform/reloading.ts). */
const wordListsOf = () =>
  new Reloading<WordLists>(async (db) => {
    const [v] = await db
      .select({ xmin: newestVersion(searchWordEntries), n: sql<number>`count(*)`.mapWith(Number) })
      .from(searchWordEntries);
    // A delete is an update (deleted_at), so the newest row version moves on every change; the count covers a
    // table emptied by hand.
    return `${v?.xmin ?? 0}:${v?.n ?? 0}`;
  }, loadWordLists);

const holders = new WeakMap<Database, Holder>();
let changedAt = -Infinity;

/**
 * Called after a catalog write in this process: for the next second every search checks the snapshot, so a
 * shopper sees their own shop's change at once; changes by other processes show within a second anyway.
 */
export function noteCatalogChange(): void {
  changedAt = performance.now();
}

/**
 * The index for this database, current to within a second: the first search builds it; later searches
 * compare a snapshot at most once a second in the background (and wait for it right after a change in this
 * process) and patch what changed; every few minutes a full rebuild runs in the background and replaces it.
 */
export async function searchIndexOf(ctx: Ctx): Promise<SearchIndex> {
  const database = ctx.deps.database;
  let holder = holders.get(database);
  if (!holder) {
    holder = {
      index: null,
      snapshot: null,
      checkedAt: -Infinity,
      builtAt: 0,
      pending: null,
      rebuilding: false,
      words: wordListsOf(),
    };
    holders.set(database, holder);
  }
  const now = performance.now();
  const ownChange = now - changedAt < CHECK_EVERY_MS;
  if (!holder.index || ownChange || now - holder.checkedAt >= CHECK_EVERY_MS) {
    holder.pending ??= refresh(holder, database.db).finally(() => {
      holder.pending = null;
    });
    // Only a change this process made (or the first build) waits for the check; the once-a-second check for
    // other processes' changes runs beside the search, which answers from the index as it is.
    if (!holder.index || ownChange) await holder.pending;
    else holder.pending.catch(() => undefined);
  }
  holder.index!.words = await holder.words.get(database.db, ownChange);
  if (performance.now() - holder.builtAt > REBUILD_EVERY_MS && !holder.rebuilding) {
    holder.rebuilding = true;
    void rebuild(holder, database.db).finally(() => {
      holder.rebuilding = false;
    });
  }
  return holder.index!;
}

async function rebuild(holder: Holder, db: Db): Promise<void> {
  const snapshot = await takeSnapshot(db);
  const index = await buildIndex(db);
  Object.assign(holder, { index, snapshot, builtAt: performance.now(), checkedAt: performance.now() });
  // Reread the word lists at the next search too: catches an edit whose transaction committed out of order.
  holder.words.invalidate();
}

async function refresh(holder: Holder, db: Db): Promise<void> {
  const before = holder.snapshot;
  if (!holder.index || !before) return rebuild(holder, db);
  const now = await takeSnapshot(db);
  holder.checkedAt = performance.now();
  const index = holder.index;
  // A smaller newest version means transaction ids wrapped around: start again.
  if (now.productsXmin < before.productsXmin || now.merchantsXmin < before.merchantsXmin) return rebuild(holder, db);
  if (now.products !== before.products || now.productsXmin !== before.productsXmin) {
    for (const row of await loadProducts(db, before.productsXmin)) index.add(row);
    // A transaction that started before the last check and committed after it wrote rows with an older xmin:
    // the count shows a missed insert (the periodic rebuild catches a missed update).
    if (index.byId.size !== now.products) return rebuild(holder, db);
  }
  if (now.merchantsXmin !== before.merchantsXmin) await loadMerchantsInto(index, db);
  holder.snapshot = now;
}
