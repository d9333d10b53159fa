import { and, desc, eq, ilike, lt, or, sql } from 'drizzle-orm';
import { requireOperator } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { BUILT_IN_PREFIX, type EntryRow, entryById, lexiconVersion, noteLexiconChange, patternOf } from './lexicon.ts';
import { CATEGORY_LABEL, type RuleCategory } from './rules.ts';
import { fold } from './scanner.ts';
import { adLexiconEntries, adLexiconVersions } from './schema.ts';

// Operators keep 广告法词库: each change is one transaction that takes the next version number and records who,
// when, and the entry before and after; scanning in every process uses it within a second (lexicon.ts).

export interface LexiconInput {
  kind: EntryRow['kind'];
  text: string;
  exceptPattern: string | null;
  category: RuleCategory;
  action: EntryRow['action'];
  article: string;
  title: string;
  rewrite: string | null;
  scope: EntryRow['scope'];
  categoryIds: string[];
}

const FIELDS = [
  'kind',
  'text',
  'exceptPattern',
  'category',
  'action',
  'article',
  'title',
  'rewrite',
  'scope',
  'categoryIds',
  'enabled',
] as const;
type Snapshot = Omit<Pick<EntryRow, (typeof FIELDS)[number]>, 'category'> & { category: RuleCategory };
const snapshot = (r: EntryRow): Snapshot => Object.fromEntries(FIELDS.map((f) => [f, r[f]])) as Snapshot;

const toEntryView = (r: EntryRow) => ({
  id: r.id,
  ...snapshot(r),
  categoryLabel: CATEGORY_LABEL[r.category as RuleCategory] ?? r.category,
  builtIn: r.id.startsWith(BUILT_IN_PREFIX),
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy,
});
export type EntryView = ReturnType<typeof toEntryView>;

const invalidPattern = (detail: string) => new AppError('invalid-pattern', 422, '正则表达式无效', detail);

function checkedPattern(source: string, what: string): void {
  let re: RegExp;
  try {
    re = new RegExp(source);
  } catch (e) {
    throw invalidPattern(`${what}：${(e as Error).message}`);
  }
  if (re.test('')) throw invalidPattern(`${what}会匹配空文字，每段文字都会命中`);
}

/** The entry in stored form: a term folded like the texts it is matched against, patterns compiled once to check. */
function validated(input: LexiconInput): LexiconInput {
  const text = input.kind === 'term' ? fold(input.text.trim()) : input.text;
  if (input.kind === 'pattern') checkedPattern(text, '规则');
  else patternOf('term', text);
  if (input.exceptPattern) checkedPattern(input.exceptPattern, '例外规则');
  if (input.scope !== 'all' && input.categoryIds.length === 0)
    throw new AppError('invalid-scope', 422, '请选择适用或排除的类目');
  const categoryIds = input.scope === 'all' ? [] : [...new Set(input.categoryIds)];
  return { ...input, text, exceptPattern: input.exceptPattern || null, categoryIds };
}

async function refuseDuplicate(db: Db, input: LexiconInput, self?: string): Promise<void> {
  const [taken] = await db
    .select({ id: adLexiconEntries.id, enabled: adLexiconEntries.enabled })
    .from(adLexiconEntries)
    .where(and(eq(adLexiconEntries.kind, input.kind), eq(adLexiconEntries.text, input.text)));
  if (taken && taken.id !== self)
    throw new AppError(
      'lexicon-entry-exists',
      409,
      '词条已存在',
      `「${input.text}」已在词库中${taken.enabled ? '' : '（已停用，可重新启用）'}，请编辑已有词条`,
    );
}

/** Writes one change and its version row under the lexicon's lock, so versions are gapless and in commit order. */
async function change(
  ctx: Ctx,
  id: string | undefined,
  write: (tx: Db, before: EntryRow | undefined, actorId: string) => Promise<EntryRow>,
): Promise<{ version: number; entry: EntryView }> {
  const { userId } = requireOperator(ctx.actor);
  const result = await ctx.tx(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('ad-lexicon'))`);
    const before = id ? await entryById(tx, id) : undefined;
    if (id && !before) throw notFound('词条', id);
    const row = await write(tx, before, userId);
    const version = (await lexiconVersion(tx)) + 1;
    const action = !before
      ? 'create'
      : before.enabled !== row.enabled && FIELDS.every((f) => f === 'enabled' || String(before[f]) === String(row[f]))
        ? row.enabled
          ? 'enable'
          : 'disable'
        : 'update';
    await tx.insert(adLexiconVersions).values({
      version,
      entryId: row.id,
      action,
      actorId: userId,
      at: ctx.now(),
      before: before ? snapshot(before) : null,
      after: snapshot(row),
    });
    return { version, entry: toEntryView(row) };
  });
  noteLexiconChange();
  return result;
}

export function createLexiconEntry(ctx: Ctx, input: LexiconInput) {
  return change(ctx, undefined, async (tx, _before, actorId) => {
    const entry = validated(input);
    await refuseDuplicate(tx, entry);
    const now = ctx.now();
    const [row] = await tx
      .insert(adLexiconEntries)
      .values({ id: newId('adl'), ...entry, enabled: true, createdAt: now, updatedAt: now, updatedBy: actorId })
      .returning();
    return row!;
  });
}

/** Changes an entry; `enabled` alone disables or enables it (recorded as such in the history). */
export function updateLexiconEntry(ctx: Ctx, id: string, patch: Partial<LexiconInput> & { enabled?: boolean }) {
  return change(ctx, id, async (tx, before, actorId) => {
    const { enabled = before!.enabled, ...rest } = patch;
    const entry = validated({ ...snapshot(before!), ...rest });
    await refuseDuplicate(tx, entry, id);
    const [row] = await tx
      .update(adLexiconEntries)
      .set({ ...entry, enabled, updatedAt: ctx.now(), updatedBy: actorId })
      .where(eq(adLexiconEntries.id, id))
      .returning();
    return row!;
  });
}

/** The lexicon's entries, most recently changed first; `q` finds words, patterns, titles and articles. */
export async function listLexicon(
  ctx: Ctx,
  query: { q?: string | undefined; category?: string | undefined; action?: string | undefined; enabled?: boolean },
): Promise<{ version: number; items: EntryView[] }> {
  requireOperator(ctx.actor);
  const q = query.q ? `%${query.q.trim().replace(/[\\%_]/g, '\\$&')}%` : undefined;
  const rows = await ctx.db
    .select()
    .from(adLexiconEntries)
    .where(
      and(
        q
          ? or(ilike(adLexiconEntries.text, q), ilike(adLexiconEntries.title, q), ilike(adLexiconEntries.article, q))
          : undefined,
        query.category ? eq(adLexiconEntries.category, query.category) : undefined,
        query.action ? eq(adLexiconEntries.action, query.action as EntryRow['action']) : undefined,
        query.enabled === undefined ? undefined : eq(adLexiconEntries.enabled, query.enabled),
      ),
    )
    .orderBy(desc(adLexiconEntries.updatedAt), desc(adLexiconEntries.id))
    .limit(1000);
  return { version: await lexiconVersion(ctx.db), items: rows.map(toEntryView) };
}

/** The lexicon's versions, newest first, optionally of one entry; `before` pages by version number. */
export async function listLexiconVersions(
  ctx: Ctx,
  query: { entryId?: string | undefined; before?: number | undefined; limit: number },
) {
  requireOperator(ctx.actor);
  const rows = await ctx.db
    .select()
    .from(adLexiconVersions)
    .where(
      and(
        query.entryId ? eq(adLexiconVersions.entryId, query.entryId) : undefined,
        query.before ? lt(adLexiconVersions.version, query.before) : undefined,
      ),
    )
    .orderBy(desc(adLexiconVersions.version))
    .limit(query.limit);
  return rows.map((r) => ({
    version: r.version,
    entryId: r.entryId,
    action: r.action,
    actorId: r.actorId,
    at: r.at.toISOString(),
    before: r.before as Snapshot | null,
    after: r.after as Snapshot,
  }));
}
