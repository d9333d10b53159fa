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
  '吗 呢 吧 啊 呀 么 嘛 哦 这个 那个 这件 这款 这 那 请问 一下 我 你 我们 你们 能 用 可以 是 不 会 要 想 还 了 个 什么 怎么样 怎么 支持 有没有 没有 是不是'.split(
    ' ',
  ),
);
export const terms = (text: string) => tokenize(text).filter((t) => !QUESTION_WORDS.has(t));

const K1 = 1.2;
const B = 0.75;

export function bm25Index<T>(passages: Passage<T>[]) {
  const docs = passages.map((p) => {
    const tf = new Map<string, number>();
    const tokens = terms(p.text);
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { tf, length: tokens.length, item: p.item };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avg = docs.reduce((a, d) => a + d.length, 0) / Math.max(1, docs.length);
  const n = docs.length;
  return {
    search(query: string, limit = 3): Hit<T>[] {
      const wanted = terms(query);
      const hits: Hit<T>[] = [];
      for (const d of docs) {
        let score = 0;
        const matched: string[] = [];
        for (const t of wanted) {
          const f = d.tf.get(t);
          if (!f) continue;
          const idf = Math.log(1 + (n - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
          score += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avg));
          matched.push(t);
        }
        if (score > 0) hits.push({ item: d.item, score, matched });
      }
      return hits.sort((a, b) => b.score - a.score).slice(0, limit);
    },
  };
}
