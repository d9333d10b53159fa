import { tokenize } from '../../platform/segmenter.ts';
import type { SearchIndex } from './search-index.ts';
import { MODIFIER_WORDS, TYPOS } from './search-words.ts';

/** One word of the query and what else counts as it. */
interface TermGroup {
  word: string;
  /** Synonyms that are words of the index (a synonym scores SYNONYM_WEIGHT of the word itself). */
  synonyms: string[];
  /** Categories the word names: their products match it at a discount. */
  categoryIds: string[];
  /** The product noun: the last word that is not a modifier (婴儿奶粉 → 奶粉). */
  head: boolean;
  /** Who/what-kind words (女士, 纯棉, 婴儿): dropped first when nothing matches every word. */
  modifier: boolean;
  weight: number;
}

export interface QueryPlan {
  /** The query as searched: typos fixed, pinyin turned into words. */
  text: string;
  /** True when `text` differs from what was typed: the shop offers it as "你是不是要找 …". */
  corrected: boolean;
  groups: TermGroup[];
}

export const SYNONYM_WEIGHT = 0.8;
const HEAD_WEIGHT = 2;
const WORD_WEIGHT = 1;
const MODIFIER_WEIGHT = 0.6;
const MAX_GROUPS = 12;

const normalize = (raw: string) => raw.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * What the shopper means: typos fixed, pinyin (full or initials) turned into catalogue words, homophones of
 * unknown words replaced by the catalogue word that sounds the same, then one group per word with its
 * synonyms and category, the product noun marked as head and weighted above its modifiers.
 */
export function understandQuery(raw: string, index: SearchIndex): QueryPlan {
  const typed = normalize(raw);
  let text = typed;
  for (const [wrong, right] of Object.entries(TYPOS)) if (text.includes(wrong)) text = text.replaceAll(wrong, right);
  text = text
    .split(' ')
    .map((chunk) => fromPinyin(chunk, index) ?? chunk)
    .join(' ');
  for (const token of tokenize(text)) {
    if (index.df(token) > 0 || index.words.synonymsOf.has(token) || !/^\p{Script=Han}{2,}$/u.test(token)) continue;
    const same = index.wordForPinyin(index.pinyinOf(token), false);
    if (same) text = text.replace(token, same);
  }

  const words = [
    ...new Set(splitCompounds(tokenize(text)).flatMap((w) => (known(w, index) ? [w] : (pieces(w, index) ?? [w])))),
  ].slice(0, MAX_GROUPS);
  let headAt = -1;
  words.forEach((w, i) => {
    if (!MODIFIER_WORDS.has(w)) headAt = i;
  });
  if (headAt < 0) headAt = words.length - 1;
  const groups = words.map((word, i): TermGroup => {
    const modifier = i !== headAt && MODIFIER_WORDS.has(word);
    const synonyms = [...(index.words.synonymsOf.get(word) ?? []), ...endingWith(word, index)].filter(
      (s) => s !== word && index.df(s) > 0,
    );
    const categoryIds = [...new Set([word, ...synonyms].flatMap((w) => index.words.categoryWords.get(w) ?? []))];
    return {
      word,
      synonyms: [...new Set(synonyms)],
      categoryIds,
      head: i === headAt,
      modifier,
      weight: i === headAt ? HEAD_WEIGHT : modifier ? MODIFIER_WEIGHT : WORD_WEIGHT,
    };
  });
  return { text, corrected: text !== typed, groups };
}

/**
 * Latin letters that are not a catalogue word read as pinyin: a whole word (mianshuang), initials of one
 * word (ms, up to 4 letters), or several words run together (baoshimianshuang) split greedily.
 */
function fromPinyin(chunk: string, index: SearchIndex): string | undefined {
  if (!/^[a-z]{2,40}$/.test(chunk) || index.df(chunk) > 0) return undefined;
  const whole = index.wordForPinyin(chunk, chunk.length <= 4);
  if (whole) return whole;
  const out: string[] = [];
  let at = 0;
  while (at < chunk.length) {
    let end = Math.min(chunk.length, at + 24);
    while (end > at + 1 && !index.wordForPinyin(chunk.slice(at, end), false)) end--;
    const found = index.wordForPinyin(chunk.slice(at, end), false);
    if (!found) return undefined;
    out.push(found);
    at = end;
  }
  return out.join('');
}

/**
 * The query's words without overlaps: jieba's search mode emits 蓝牙耳机 and also 蓝牙 / 耳机. The longest
 * tokens are the words as typed; one that its shorter tokens spell out exactly is split into them, so
 * 蓝牙耳机 becomes the modifier 蓝牙 and the head 耳机 (products carry all three tokens).
 */
function splitCompounds(tokens: string[]): string[] {
  const longest = tokens.filter((t) => !tokens.some((u) => u !== t && u.includes(t)));
  return [
    ...new Set(
      longest.flatMap(
        (t) =>
          tiling(
            t,
            tokens.filter((u) => u !== t && t.includes(u)),
          ) ?? [t],
      ),
    ),
  ];
}

function tiling(word: string, parts: string[]): string[] | undefined {
  if (word === '') return [];
  for (const p of parts) {
    if (!word.startsWith(p)) continue;
    const rest = tiling(word.slice(p.length), parts);
    if (rest) return [p, ...rest];
  }
  return undefined;
}

const known = (word: string, index: SearchIndex) =>
  index.df(word) > 0 || index.words.synonymsOf.has(word) || index.words.categoryWords.has(word);

/**
 * A word the catalogue does not have (龙井茶, 不粘锅) read as the known words inside it, longest first, and a
 * last character that names a product (龙井 + 茶, 锅); undefined when nothing known is inside it.
 */
function pieces(word: string, index: SearchIndex): string[] | undefined {
  const chars = [...word];
  const out: string[] = [];
  let at = 0;
  while (at < chars.length) {
    let end = chars.length;
    while (end > at + 1 && !known(chars.slice(at, end).join(''), index)) end--;
    out.push(chars.slice(at, end).join(''));
    at = end;
  }
  // Single characters say little (水 is in 补水 and 水杯) except a last one naming the product (茶, 锅).
  const kept = out.filter(
    (p, i) => (p.length > 1 && known(p, index)) || (i === out.length - 1 && endingWith(p, index).length > 0),
  );
  return kept.length > 0 ? kept : undefined;
}

/** A one-character product noun (鞋, 锅, 茶) stands for the title words that end with it (学步鞋, 炒锅, 乌龙茶). */
function endingWith(word: string, index: SearchIndex): string[] {
  if (!/^\p{Script=Han}$/u.test(word) || MODIFIER_WORDS.has(word)) return [];
  const out: string[] = [];
  for (const [w] of index.titleDf) if (w.length > 1 && w.endsWith(word)) out.push(w);
  return out;
}
