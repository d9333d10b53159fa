import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { Reloading } from '../../platform/reloading.ts';
import { AD_RULES, type AdRule, type RuleCategory } from './rules.ts';
import { BUILT_IN_LEXICON, fold, type Lexicon } from './scanner.ts';
import { adLexiconEntries, adLexiconVersions } from './schema.ts';

// 广告法词库 as the scanner uses it: rules.ts seeds the table, operators edit it (lexicon-admin.ts), and every
// process rebuilds its rules within a second of a change (platform/reloading.ts, as search's 搜索词库 does).

export type EntryRow = typeof adLexiconEntries.$inferSelect;

export const BUILT_IN_PREFIX = 'adl_builtin_';
const builtIns = new Map(AD_RULES.map((r) => [BUILT_IN_PREFIX + r.id, r]));

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regular expression an entry matches folded text with (a term is matched as written, folded). */
export const patternOf = (kind: EntryRow['kind'], text: string): RegExp =>
  new RegExp(kind === 'term' ? escapeRegExp(fold(text)) : text);

function ruleOf(row: EntryRow): AdRule {
  const builtIn = builtIns.get(row.id);
  const rewrite = row.rewrite;
  return {
    id: builtIn ? builtIn.id : row.id,
    category: row.category as RuleCategory,
    severity: row.action === 'block' ? 'block' : 'warn',
    article: row.article,
    title: row.title,
    pattern: patternOf(row.kind, row.text),
    ...(row.exceptPattern ? { except: new RegExp(row.exceptPattern) } : {}),
    rewrite: rewrite !== null ? () => rewrite : (builtIn?.rewrite ?? (() => '')),
    ...(row.scope === 'all' ? {} : { scope: { mode: row.scope, categoryIds: row.categoryIds } }),
  };
}

export async function lexiconVersion(db: Db): Promise<number> {
  const [v] = await db
    .select({ v: sql<number>`coalesce(max(${adLexiconVersions.version}), 0)`.mapWith(Number) })
    .from(adLexiconVersions);
  return v?.v ?? 0;
}

/** The enabled entries; a table with no row at all (a database never seeded, e.g. a benchmark's) is the built-in set. */
async function loadLexicon(db: Db): Promise<Lexicon> {
  const version = await lexiconVersion(db);
  const rows = await db
    .select()
    .from(adLexiconEntries)
    .orderBy(asc(adLexiconEntries.createdAt), asc(adLexiconEntries.id));
  if (rows.length === 0) return BUILT_IN_LEXICON;
  return { version, rules: rows.filter((r) => r.enabled).map(ruleOf) };
}

const cache = new Reloading<Lexicon>(async (db) => {
  const [n] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(adLexiconEntries);
  return `${await lexiconVersion(db)}:${n?.n ?? 0}`;
}, loadLexicon);

/** The lexicon in force, at most a second old (and current right after a change in this process). */
export const currentLexicon = (db: Db): Promise<Lexicon> => cache.get(db);

export const noteLexiconChange = (): void => cache.noteChange();

/** The built-in rules as entries. */
const builtInRows = (now: Date) =>
  AD_RULES.map((r, i) => ({
    id: BUILT_IN_PREFIX + r.id,
    kind: 'pattern' as const,
    text: r.pattern.source,
    exceptPattern: r.except?.source ?? null,
    category: r.category,
    action: r.severity === 'block' ? ('block' as const) : ('review' as const),
    article: r.article,
    title: r.title,
    rewrite: null,
    scope: r.scope?.mode ?? ('all' as const),
    categoryIds: [...(r.scope?.categoryIds ?? [])],
    enabled: true,
    // One millisecond apart, so the rules keep their order in rules.ts.
    createdAt: new Date(now.getTime() + i),
    updatedAt: now,
    updatedBy: null,
  }));

/**
 * Seeds the lexicon from rules.ts on the first start (stable ids, so two processes starting at once agree); a
 * table that already has entries is left as the operators made it.
 */
export async function ensureDefaultLexicon(db: Db, now: Date): Promise<void> {
  const [any] = await db.select({ id: adLexiconEntries.id }).from(adLexiconEntries).limit(1);
  if (any) return;
  await db.insert(adLexiconEntries).values(builtInRows(now)).onConflictDoNothing();
}

export const entryById = async (db: Db, id: string): Promise<EntryRow | undefined> =>
  (await db.select().from(adLexiconEntries).where(eq(adLexiconEntries.id, id)))[0];
