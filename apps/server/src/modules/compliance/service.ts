import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { currentLexicon } from './lexicon.ts';
import { type Scan, scanAdText } from './scanner.ts';

/** Scans several texts with the lexicon in force; the verdict is the worst of them. */
export async function scanTexts(db: Db, texts: Record<string, string>, categoryIds: readonly string[] = []) {
  const lexicon = await currentLexicon(db);
  const fields = Object.fromEntries(
    Object.entries(texts).map(([k, v]) => [k, scanAdText(v, { lexicon, categoryIds })]),
  );
  const verdicts = Object.values(fields).map((f) => f.verdict);
  const verdict: Scan['verdict'] = verdicts.includes('block') ? 'block' : verdicts.includes('warn') ? 'warn' : 'pass';
  return { verdict, lexiconVersion: lexicon.version, fields };
}

export interface AdCopyCheck {
  /** The refusal when any finding blocks. */
  problem: AppError | undefined;
  /** The words of findings that need a person (warnings): the copy saves and goes to the review queue. */
  needsReview: string[];
  lexiconVersion: number;
}

/**
 * Merchant copy under the lexicon in force: a refusal for blocking findings — one field error per finding, so the
 * console can show each under the field it came from, the detail naming the lexicon version — and the warnings
 * a person should look at.
 */
export async function checkAdCopy(
  db: Db,
  fields: Record<string, string | undefined>,
  categoryIds: readonly string[] = [],
): Promise<AdCopyCheck> {
  const defined = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => !!e[1]));
  const scan = await scanTexts(db, defined, categoryIds);
  const errors: { field: string; message: string }[] = [];
  for (const [field, result] of Object.entries(scan.fields)) {
    for (const f of result.findings) {
      if (f.severity !== 'block') continue;
      errors.push({
        field: `body.${field}`,
        message: `「${f.matched}」${f.title}（${f.article}）${f.suggestion ? `，可改为「${f.suggestion}」` : '，建议删除'}`,
      });
    }
  }
  const needsReview = Object.values(scan.fields).flatMap((r) =>
    r.findings.filter((f) => f.severity === 'warn').map((f) => f.matched),
  );
  const { lexiconVersion } = scan;
  if (errors.length === 0) return { problem: undefined, needsReview, lexiconVersion };
  const detail = `${errors.map((e) => e.message).join('；')}（广告法词库第 ${lexiconVersion} 版）`;
  const problem = new AppError('ad-law-violation', 422, '文案含有广告法禁止的用语', detail, errors);
  return { problem, needsReview, lexiconVersion };
}
