import { readFileSync } from 'node:fs';
import { filterXSS } from 'xss';
import { isOwnMediaUrl } from '../../platform/media.ts';
import { BUILT_IN_LEXICON, type Lexicon, scanAdText } from '../compliance/api.ts';

/** Longest text any user may publish through moderation (posts, comments, chat); callers may set tighter limits. */
const MAX_TEXT_CHARS = 5000;
const MAX_IMAGES = 18;

export type Reason =
  | 'too-long'
  | 'blocked-word'
  | 'review-word'
  | 'ad-law-block'
  | 'ad-law-review'
  | 'external-link'
  | 'external-image'
  | 'too-many-images'
  | 'html-removed';

export const reasonText: Record<Reason, string> = {
  'too-long': `内容超过 ${MAX_TEXT_CHARS} 字`,
  'blocked-word': '含有违禁词',
  'review-word': '含有需人工审核的词语',
  'ad-law-block': '含有广告法禁止的用语（绝对化、医疗功效、保本收益等）',
  'ad-law-review': '含有需核实的广告用语（获奖、产地、价格比较或广告法禁用语）',
  'external-link': '含有外部链接',
  'external-image': '图片须先上传到本站',
  'too-many-images': `图片最多 ${MAX_IMAGES} 张`,
  'html-removed': '已去除 HTML 标签',
};

interface WordList {
  block: string[];
  review: string[];
}

/** Reads the `[block]` / `[review]` sections of the word-list file. */
export function parseWordList(source: string): WordList {
  const list: WordList = { block: [], review: [] };
  let section: keyof WordList | undefined;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line === '[block]' || line === '[review]') section = line.slice(1, -1) as keyof WordList;
    else if (section) list[section].push(normalize(line));
  }
  return list;
}

const words = parseWordList(readFileSync(new URL('./words.txt', import.meta.url), 'utf8'));

/** Full-width to half-width, lower case, no whitespace: so ＶＸ, V X and vx match the same entry. */
export function normalize(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '');
}

const TEXT_ONLY = {
  whiteList: {},
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style'],
  // Plain text is stored and the front ends escape it when they render; only tags are removed here.
  escapeHtml: (s: string) => s,
};

/** The text without any HTML: tags removed, script/style bodies dropped, whitespace at the ends trimmed. */
export function sanitizeText(text: string): string {
  // A "<" that cannot open a tag (a<3, 1 < 2) is text: shield it from the tag parser, then put it back.
  const shielded = text.replace(/\uE000/g, '').replace(/<(?![a-zA-Z/!?])/g, '\uE000');
  return filterXSS(shielded, TEXT_ONLY)
    .replace(/\uE000/g, '<')
    .trim();
}

// Links to anywhere but this site: scheme URLs, www., or bare domains with a common TLD.
const LINK = /(https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(com|cn|net|org|io|cc|top|xyz|vip|shop|me|co)\b/i;

const hasExternalLink = (text: string): boolean => LINK.test(text);

function matchWords(text: string): { blocked: string[]; review: string[] } {
  const n = normalize(text);
  return { blocked: words.block.filter((w) => n.includes(w)), review: words.review.filter((w) => n.includes(w)) };
}

export interface Judgement {
  verdict: 'approved' | 'flagged' | 'rejected';
  text: string;
  reasons: Reason[];
  matchedWords: string[];
  /** The advertising-law lexicon version the text was judged with. */
  lexiconVersion: number;
}

/**
 * How the advertising-law scanner applies: 'enforce' for a merchant's own advertising (live titles and selling
 * points) — a blocking finding rejects, a warning goes to review; 'review' for people's posts, comments and chat —
 * a blocking finding sends the text to a person (a shopper's "最好吃" is not an advertisement), warnings pass.
 */
export type AdLawMode = 'enforce' | 'review';

/**
 * The rules, without the queue: what a text and its images deserve. Rejections win over flags. `lexicon` is the
 * advertising-law lexicon in force (moderate() passes the current one); `categoryIds` the goods' category line.
 */
export function judge(
  text: string,
  imageUrls: string[],
  adLaw: AdLawMode = 'review',
  lexicon: Lexicon = BUILT_IN_LEXICON,
  categoryIds: readonly string[] = [],
): Judgement {
  const clean = sanitizeText(text);
  const reasons: Reason[] = [];
  const rejected: Reason[] = [];
  if (clean !== text.trim()) reasons.push('html-removed');
  if ([...clean].length > MAX_TEXT_CHARS) rejected.push('too-long');
  if (imageUrls.length > MAX_IMAGES) rejected.push('too-many-images');
  if (imageUrls.some((u) => !isOwnMediaUrl(u))) rejected.push('external-image');
  const matched = matchWords(clean);
  if (matched.blocked.length > 0) rejected.push('blocked-word');
  const flagged: Reason[] = [];
  if (matched.review.length > 0) flagged.push('review-word');
  const ad = scanAdText(clean, { lexicon, categoryIds });
  const adBlocks = ad.findings.filter((f) => f.severity === 'block');
  if (adBlocks.length > 0) (adLaw === 'enforce' ? rejected : flagged).push('ad-law-block');
  else if (adLaw === 'enforce' && ad.findings.length > 0) flagged.push('ad-law-review');
  if (hasExternalLink(clean)) flagged.push('external-link');
  const verdict = rejected.length > 0 ? 'rejected' : flagged.length > 0 ? 'flagged' : 'approved';
  return {
    verdict,
    text: clean,
    reasons: [...rejected, ...flagged, ...reasons],
    matchedWords: [...matched.blocked, ...matched.review, ...ad.findings.map((f) => f.matched)],
    lexiconVersion: ad.lexiconVersion,
  };
}
