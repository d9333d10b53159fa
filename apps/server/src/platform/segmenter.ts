import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// One dictionary load per process (~0.3 s); segmentation itself is microseconds.
const jieba = Jieba.withDict(dict);

const isWordish = (t: string) => /[\p{L}\p{N}]/u.test(t);

/**
 * Chinese-aware tokens for full-text search: jieba's search mode (which also emits the shorter words inside
 * long ones, e.g. 保湿面霜 → 保湿 / 面霜), lower-cased, punctuation dropped, each token once.
 */
export function tokenize(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of jieba.cutForSearch(text, true)) {
    const token = raw.trim().toLowerCase();
    if (token && isWordish(token)) seen.add(token);
  }
  return [...seen];
}
