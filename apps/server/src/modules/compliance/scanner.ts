import { AD_RULES, CATEGORY_LABEL, type AdRule, type RuleCategory, type Severity } from './rules.ts';

interface Finding {
  ruleId: string;
  category: RuleCategory;
  categoryLabel: string;
  severity: Severity;
  article: string;
  title: string;
  /** The text as written, and where it is (UTF-16 offsets into the input). */
  matched: string;
  start: number;
  end: number;
  suggestion: string;
}

/** The rules in force and the lexicon version they came from (0 = the built-in rules, before any change). */
export interface Lexicon {
  version: number;
  rules: readonly AdRule[];
}

export const BUILT_IN_LEXICON: Lexicon = { version: 0, rules: AD_RULES };

export interface ScanOptions {
  lexicon?: Lexicon;
  /** The category of the goods the text is about and its ancestors; none for posts and chat. */
  categoryIds?: readonly string[];
}

export interface Scan {
  /** pass: nothing found; warn: publishable, the author should check; block: must be changed. */
  verdict: 'pass' | 'warn' | 'block';
  findings: Finding[];
  /** The text with every blocking and warning phrase replaced by its suggestion. */
  suggestedText: string;
  lexiconVersion: number;
}

const appliesTo = (rule: AdRule, categoryIds: readonly string[]): boolean => {
  if (!rule.scope) return true;
  const inScope = rule.scope.categoryIds.some((id) => categoryIds.includes(id));
  return rule.scope.mode === 'only' ? inScope : !inScope;
};

// Matching is done on a lower-case, NFKC-folded copy of the same length, so offsets map back to the input.
export const fold = (s: string): string =>
  [...s].map((ch) => (ch.normalize('NFKC').length === 1 ? ch.normalize('NFKC').toLowerCase() : ch)).join('');

function matchesOf(rule: AdRule, folded: string): { start: number; end: number }[] {
  const re = new RegExp(rule.pattern.source, 'g');
  const out: { start: number; end: number }[] = [];
  for (const m of folded.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (rule.except?.test(folded.slice(start, end + 6))) continue;
    out.push({ start, end });
  }
  return out;
}

/** Scans one text against every rule in scope; overlapping hits keep the earliest, longest, most severe. */
export function scanAdText(text: string, options: ScanOptions = {}): Scan {
  const { lexicon = BUILT_IN_LEXICON, categoryIds = [] } = options;
  const folded = fold(text);
  const raw: Finding[] = [];
  for (const rule of lexicon.rules) {
    if (!appliesTo(rule, categoryIds)) continue;
    for (const { start, end } of matchesOf(rule, folded)) {
      const matched = text.slice(start, end);
      raw.push({
        ruleId: rule.id,
        category: rule.category,
        categoryLabel: CATEGORY_LABEL[rule.category],
        severity: rule.severity,
        article: rule.article,
        title: rule.title,
        matched,
        start,
        end,
        suggestion: rule.rewrite(matched),
      });
    }
  }
  raw.sort(
    (a, b) =>
      a.start - b.start ||
      b.end - b.start - (a.end - a.start) ||
      (a.severity === 'block' ? -1 : 1) - (b.severity === 'block' ? -1 : 1),
  );
  const findings: Finding[] = [];
  for (const f of raw) {
    const last = findings.at(-1);
    if (last && f.start < last.end) {
      if (f.severity === 'block' && last.severity === 'warn' && f.end >= last.end) findings[findings.length - 1] = f;
      continue;
    }
    findings.push(f);
  }
  let suggestedText = '';
  let at = 0;
  for (const f of findings) {
    suggestedText += text.slice(at, f.start) + f.suggestion;
    at = f.end;
  }
  suggestedText += text.slice(at);
  const verdict = findings.some((f) => f.severity === 'block') ? 'block' : findings.length > 0 ? 'warn' : 'pass';
  return { verdict, findings, suggestedText, lexiconVersion: lexicon.version };
}
