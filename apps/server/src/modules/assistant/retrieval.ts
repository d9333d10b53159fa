import { tokenize } from '../../platform/segmenter.ts';

// Okapi BM25 over short passages (policy answers, product facts), tokenized with the same jieba segmentation as
// product search. Corpora are tiny (tens of passages), so the index is built per call for product facts and once
// for the policy corpus.

export interface Passage<T> {
  text: string;
  item: T;
}

export interface Hit<T> {
  item: T;
  score: number;
  /** Query words this passage contains. */
  matched: string[];
}

// Question particles and pronouns: in every question, so they would match any passage that happens to hold them.
const QUESTION_WORDS = new Set(
  '吗 呢 吧 啊 呀 么 嘛 哦 这个 那个 这件 这款 这 那 请问 一下 我 你 我们 你们 能 用 可以 是 不 会 要 想 还 了 个 什么 怎么样 怎么 支持 有没有 没有 是不是 不是 没 怎么办 多少 几 吗 哪几 几个 哪几个 哪些 几种 哪几种 多久 多长 多长时间 长时间 时间 后 要'.split(
    ' ',
  ),
);
export const terms = (text: string) => tokenize(text).filter((t) => !QUESTION_WORDS.has(t));

/** Character pairs of a word: jieba cuts 有货 whole in one sentence and as 有 / 货 in another; pairs still meet. */
const pairsOf = (word: string) =>
  word.length < 2 ? [] : Array.from({ length: word.length - 1 }, (_, i) => `#${word.slice(i, i + 2)}`);
const indexTerms = (text: string) => {
  const words = terms(text);
  const runs =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...words, ...new Set(runs.flatMap(pairsOf))];
};

const found = (word: string, matched: string[]) =>
  matched.includes(word) || (word.length > 1 && pairsOf(word).every((p) => matched.includes(p)));

/**
 * Whether a hit answers what was asked: at least a third of the asked words are in it, and no asked word is a
 * longer compound of a word it matched ("运费险" is not "运费"; "面霜的成分" is not "面霜").
 */
export function answersQuestion(asked: string[], matched: string[]): boolean {
  const covered = asked.filter((t) => found(t, matched));
  if (asked.length > 0 && covered.length * 3 < asked.length) return false;
  const words = matched.filter((m) => !m.startsWith('#'));
  return !asked.some((t) => !found(t, matched) && words.some((m) => m.length > 1 && t !== m && t.includes(m)));
}

const K1 = 1.2;
const B = 0.75;

export function bm25Index<T>(passages: Passage<T>[]) {
  const docs = passages.map((p) => {
    const tf = new Map<string, number>();
    const tokens = indexTerms(p.text);
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { tf, length: tokens.length, item: p.item };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avg = docs.reduce((a, d) => a + d.length, 0) / Math.max(1, docs.length);
  const n = docs.length;
  return {
    search(query: string, limit = 3): Hit<T>[] {
      const wanted = indexTerms(query);
      const hits: Hit<T>[] = [];
      for (const d of docs) {
        let score = 0;
        const matched: string[] = [];
        for (const t of wanted) {
          const f = d.tf.get(t);
          if (!f) continue;
          const idf = Math.log(1 + (n - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
          // A shared character pair is weaker evidence than a shared word.
          const weight = t.startsWith('#') ? 0.3 : 1;
          score += (weight * idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avg));
          matched.push(t);
        }
        if (score > 0) hits.push({ item: d.item, score, matched });
      }
      return hits.sort((a, b) => b.score - a.score).slice(0, limit);
    },
  };
}
