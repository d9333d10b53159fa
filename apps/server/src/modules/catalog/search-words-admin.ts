import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import { publicProfiles } from '../accounts/api.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { decodeCursor, likeEscape, type Page, pageOf } from './cursor.ts';
import { categories, searchWordChanges, searchWordEntries } from './schema.ts';
import { noteCatalogChange } from './search-index.ts';

// 搜索词库: operators keep the synonym groups and category words search understands queries with. Each change
// is one transaction with its audit row (who, when, before/after); search picks it up without a restart
// (search-index.ts compares the table's newest row version at most once a second, in every process).

type Kind = 'synonym' | 'category';
type EntryRow = typeof searchWordEntries.$inferSelect;

export interface SearchWordEntry {
  id: string;
  kind: Kind;
  words: string[];
  categories: { id: string; name: string }[];
  updatedAt: string;
  updatedBy: string | null;
  deletedAt: string | null;
}

export interface SearchWordInput {
  kind: Kind;
  words: string[];
  categoryIds: string[];
}

const MAX_WORDS = 12;

/** How search reads a word: NFKC, lower case, no surrounding spaces (search-query.ts normalises the same way). */
const normalizeWord = (w: string) => w.normalize('NFKC').toLowerCase().trim();

const conflict = (title: string, detail?: string) => new AppError('search-word-conflict', 409, title, detail);

async function view(db: Db, rows: EntryRow[]): Promise<SearchWordEntry[]> {
  const ids = [...new Set(rows.flatMap((r) => r.categoryIds))];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .select({ id: categories.id, name: categories.name })
            .from(categories)
            .where(inArray(categories.id, ids))
        ).map((c) => [c.id, c.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    words: r.words,
    categories: r.categoryIds.map((id) => ({ id, name: names.get(id) ?? id })),
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
    deletedAt: r.deletedAt?.toISOString() ?? null,
  }));
}

/** The entries of one list, most recently changed first; `q` finds entries containing a word. */
export async function listSearchWords(
  ctx: Ctx,
  query: { kind: Kind; q?: string | undefined; deleted: boolean; cursor?: string | undefined; limit: number },
): Promise<Page<SearchWordEntry>> {
  requireOperator(ctx.actor);
  const after = decodeCursor(query.cursor, ['number', 'string'] as const);
  const q = query.q ? normalizeWord(query.q) : '';
  const rows = await ctx.db
    .select()
    .from(searchWordEntries)
    .where(
      and(
        eq(searchWordEntries.kind, query.kind),
        query.deleted ? isNotNull(searchWordEntries.deletedAt) : isNull(searchWordEntries.deletedAt),
        q ? sql`array_to_string(${searchWordEntries.words}, ' ') ilike ${`%${likeEscape(q)}%`}` : undefined,
        after
          ? or(
              lt(searchWordEntries.updatedAt, new Date(after[0])),
              and(eq(searchWordEntries.updatedAt, new Date(after[0])), lt(searchWordEntries.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(searchWordEntries.updatedAt), desc(searchWordEntries.id))
    .limit(query.limit + 1);
  const items = await view(ctx.db, rows);
  return pageOf(
    items,
    query.limit,
    (e) => [Date.parse(e.updatedAt), e.id],
    (e) => e,
  );
}

/**
 * Checks an entry and returns it in stored form. A synonym group is 2–12 different words, none of them in
 * another live group (a word would otherwise mean two things); a category word is one word, not already a
 * live category word, naming categories that exist.
 */
async function validated(db: Db, input: SearchWordInput, self?: string): Promise<SearchWordInput> {
  const words = input.words.map(normalizeWord);
  if (words.some((w) => w === '' || /\s/.test(w))) throw badRequest('词语不能为空，也不能包含空格');
  if (new Set(words).size !== words.length) throw badRequest('同一词条里有重复的词', words.join('、'));
  const others = and(
    eq(searchWordEntries.kind, input.kind),
    isNull(searchWordEntries.deletedAt),
    self ? ne(searchWordEntries.id, self) : undefined,
  );
  if (input.kind === 'synonym') {
    if (words.length < 2) throw badRequest('同义词组至少要有两个词');
    if (words.length > MAX_WORDS) throw badRequest(`同义词组最多 ${MAX_WORDS} 个词`);
    const [taken] = await db
      .select({ words: searchWordEntries.words })
      .from(searchWordEntries)
      .where(
        and(
          others,
          sql`${searchWordEntries.words} && ARRAY[${sql.join(
            words.map((w) => sql`${w}`),
            sql`, `,
          )}]::text[]`,
        ),
      )
      .limit(1);
    if (taken) {
      const word = words.find((w) => taken.words.includes(w))!;
      throw conflict(
        `「${word}」已在另一组同义词里`,
        `所在词组：${taken.words.join('、')}。一个词只能属于一组同义词。`,
      );
    }
    return { kind: 'synonym', words, categoryIds: [] };
  }
  if (words.length !== 1) throw badRequest('类目词只能是一个词');
  const ids = [...new Set(input.categoryIds)];
  if (ids.length === 0) throw badRequest('请至少选择一个类目');
  const found = await db.select({ id: categories.id }).from(categories).where(inArray(categories.id, ids));
  const missing = ids.filter((id) => !found.some((c) => c.id === id));
  if (missing.length > 0) throw new AppError('unknown-category', 422, '类目不存在', missing.join('、'));
  const [taken] = await db
    .select({ id: searchWordEntries.id })
    .from(searchWordEntries)
    .where(and(others, sql`${searchWordEntries.words}[1] = ${words[0]}`))
    .limit(1);
  if (taken) throw conflict(`类目词「${words[0]}」已存在`, '请编辑已有的类目词');
  return { kind: 'category', words, categoryIds: ids };
}

const snapshot = (r: EntryRow) => ({
  kind: r.kind,
  words: r.words,
  categoryIds: r.categoryIds,
  deletedAt: r.deletedAt?.toISOString() ?? null,
});

/** Writes an entry's new state and its audit row in one transaction; search sees it from the next query on. */
async function change(
  ctx: Ctx,
  action: 'create' | 'update' | 'delete' | 'restore',
  id: string,
  write: (tx: Db, before: EntryRow | undefined, actorId: string) => Promise<EntryRow>,
): Promise<SearchWordEntry> {
  const { userId } = requireOperator(ctx.actor);
  const after = await ctx.tx(async (tx) => {
    const [before] =
      action === 'create'
        ? []
        : await tx.select().from(searchWordEntries).where(eq(searchWordEntries.id, id)).for('update');
    if (action !== 'create' && !before) throw notFound('词条');
    const row = await write(tx, before, userId);
    await tx.insert(searchWordChanges).values({
      id: newId('swc'),
      entryId: row.id,
      action,
      actorId: userId,
      at: ctx.now(),
      before: before ? snapshot(before) : null,
      after: snapshot(row),
    });
    return row;
  });
  noteCatalogChange();
  return (await view(ctx.db, [after]))[0]!;
}

export function createSearchWord(ctx: Ctx, input: SearchWordInput): Promise<SearchWordEntry> {
  return change(ctx, 'create', '', async (tx, _before, actorId) => {
    const entry = await validated(tx, input);
    const now = ctx.now();
    const [row] = await tx
      .insert(searchWordEntries)
      .values({ id: newId('sw'), ...entry, createdAt: now, updatedAt: now, updatedBy: actorId })
      .returning();
    return row!;
  });
}

export function updateSearchWord(ctx: Ctx, id: string, input: Omit<SearchWordInput, 'kind'>): Promise<SearchWordEntry> {
  return change(ctx, 'update', id, async (tx, before, actorId) => {
    if (before!.deletedAt) throw conflict('词条已删除', '请先撤销删除再编辑');
    const entry = await validated(tx, { ...input, kind: before!.kind }, id);
    const [row] = await tx
      .update(searchWordEntries)
      .set({ words: entry.words, categoryIds: entry.categoryIds, updatedAt: ctx.now(), updatedBy: actorId })
      .where(eq(searchWordEntries.id, id))
      .returning();
    return row!;
  });
}

/** Deletes an entry so that it can be undone: search stops using it at once, `restoreSearchWord` brings it back. */
export function deleteSearchWord(ctx: Ctx, id: string): Promise<SearchWordEntry> {
  return change(ctx, 'delete', id, async (tx, before, actorId) => {
    if (before!.deletedAt) throw conflict('词条已删除');
    const now = ctx.now();
    const [row] = await tx
      .update(searchWordEntries)
      .set({ deletedAt: now, updatedAt: now, updatedBy: actorId })
      .where(eq(searchWordEntries.id, id))
      .returning();
    return row!;
  });
}

/** Undoes a delete, unless a word of the entry has been given to another live entry since. */
export function restoreSearchWord(ctx: Ctx, id: string): Promise<SearchWordEntry> {
  return change(ctx, 'restore', id, async (tx, before, actorId) => {
    if (!before!.deletedAt) throw conflict('词条未被删除，无需撤销');
    await validated(tx, { kind: before!.kind, words: before!.words, categoryIds: before!.categoryIds }, id);
    const [row] = await tx
      .update(searchWordEntries)
      .set({ deletedAt: null, updatedAt: ctx.now(), updatedBy: actorId })
      .where(eq(searchWordEntries.id, id))
      .returning();
    return row!;
  });
}

/** An entry's audit trail, oldest first. */
export async function searchWordHistory(ctx: Ctx, id: string) {
  requireOperator(ctx.actor);
  const [entry] = await ctx.db
    .select({ id: searchWordEntries.id })
    .from(searchWordEntries)
    .where(eq(searchWordEntries.id, id));
  if (!entry) throw notFound('词条');
  const rows = await ctx.db
    .select()
    .from(searchWordChanges)
    .where(eq(searchWordChanges.entryId, id))
    .orderBy(asc(searchWordChanges.at), asc(searchWordChanges.id));
  // Operators read the history to ask a colleague why; an id does not say who that is.
  const names = await publicProfiles(ctx.db, [...new Set(rows.map((r) => r.actorId))]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      action: r.action,
      actorId: r.actorId,
      actorName: names.get(r.actorId)?.nickname ?? '已注销用户',
      at: r.at.toISOString(),
      before: r.before as ReturnType<typeof snapshot> | null,
      after: r.after as ReturnType<typeof snapshot> | null,
    })),
  };
}
