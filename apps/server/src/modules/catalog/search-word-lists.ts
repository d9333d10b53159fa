import { isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { searchWordEntries } from './schema.ts';
import { CATEGORY_WORDS, SYNONYMS } from './search-words.ts';

/** The synonyms and category words query understanding reads (search-query.ts), as lookups. */
export interface WordLists {
  /** A word → every word of its synonym group (itself included). */
  synonymsOf: Map<string, string[]>;
  /** A category word → the categories it names. */
  categoryWords: Map<string, string[]>;
}

function listsOf(synonymGroups: readonly string[][], categoryWords: Iterable<[string, string[]]>): WordLists {
  const synonymsOf = new Map<string, string[]>();
  for (const group of synonymGroups)
    for (const w of group) synonymsOf.set(w, [...new Set([...(synonymsOf.get(w) ?? []), ...group])]);
  const categories = new Map<string, string[]>();
  for (const [word, ids] of categoryWords)
    categories.set(word, [...new Set([...(categories.get(word) ?? []), ...ids])]);
  return { synonymsOf, categoryWords: categories };
}

/** The lists written in search-words.ts: what a database that was never seeded searches with. */
export const builtInWordLists = (): WordLists => listsOf(SYNONYMS, Object.entries(CATEGORY_WORDS));

/**
 * The live entries of the operators' lists. A table with no row at all (a database that was never seeded, such
 * as a benchmark's) falls back to the built-in lists; once seeded, deleting every entry really empties them.
 */
export async function loadWordLists(db: Db): Promise<WordLists> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(searchWordEntries);
  if (n === 0) return builtInWordLists();
  const rows = await db
    .select({
      kind: searchWordEntries.kind,
      words: searchWordEntries.words,
      categoryIds: searchWordEntries.categoryIds,
    })
    .from(searchWordEntries)
    .where(isNull(searchWordEntries.deletedAt));
  return listsOf(
    rows.filter((r) => r.kind === 'synonym').map((r) => r.words),
    rows.filter((r) => r.kind === 'category' && r.words[0]).map((r) => [r.words[0]!, r.categoryIds]),
  );
}

/**
 * Seeds the operators' lists from search-words.ts on the first start. Stable ids make it idempotent when two
 * processes start at once; a table that already has rows (even deleted ones) is left as the operators made it.
 */
export async function ensureDefaultSearchWords(db: Db, now: Date): Promise<void> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(searchWordEntries);
  if (n > 0) return;
  const rows = [
    ...SYNONYMS.map((words, i) => ({
      id: `sw_builtin_synonym_${String(i + 1).padStart(3, '0')}`,
      kind: 'synonym' as const,
      words,
      categoryIds: [],
    })),
    ...Object.entries(CATEGORY_WORDS).map(([word, categoryIds], i) => ({
      id: `sw_builtin_category_${String(i + 1).padStart(3, '0')}`,
      kind: 'category' as const,
      words: [word],
      categoryIds,
    })),
  ].map((r) => ({ ...r, createdAt: now, updatedAt: now, updatedBy: null }));
  await db.insert(searchWordEntries).values(rows).onConflictDoNothing();
}
