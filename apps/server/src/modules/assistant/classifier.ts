import { tokenize } from '../../platform/segmenter.ts';

// The intent classifier: multinomial naive Bayes over character 1–3-grams and jieba words, trained at start from
// the hand-labelled examples in data/training.json. Character n-grams carry typos and run-together colloquial
// text (快递到那了 still shares 快递 / 递到 with 快递到哪了); words carry the meaning of longer phrases.

// Homophone slips of pinyin input that customers make all the time.
const SLIPS: [RegExp, string][] = [
  [/积份/g, '积分'],
  [/快第|快滴/g, '快递'],
  [/优惠卷/g, '优惠券'],
  [/物留/g, '物流'],
  [/退贷/g, '退货'],
  [/发祸/g, '发货'],
];

/** NFKC (full-width → half-width), lower case, common typing slips fixed, punctuation and spaces dropped. */
export function normalize(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  for (const [slip, word] of SLIPS) s = s.replace(slip, word);
  return s.replace(/[^\p{L}\p{N}]+/gu, '');
}

function features(text: string): string[] {
  // Order and tracking numbers say nothing about the intent and would dilute the coverage.
  const s = normalize(text).replace(/[a-z]*\d{5,}/g, '');
  const out: string[] = [];
  for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  for (const w of tokenize(s)) if (!/\d{5,}/.test(w)) out.push(`w:${w}`);
  return out;
}

interface Prediction {
  intent: string;
  /** Posterior probability of the best intent, 0..1. */
  confidence: number;
  /** How much of the message the training vocabulary covers: 0 means nothing the classifier has seen. */
  coverage: number;
}

export interface Classifier {
  /** `prior` multiplies the odds of some intents (the page the conversation was opened from makes them likelier). */
  predict(text: string, prior?: Record<string, number>): Prediction;
  intents: string[];
}

export function trainClassifier(examples: Record<string, string[]>, alpha = 0.5): Classifier {
  const intents = Object.keys(examples);
  const vocabulary = new Set<string>();
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  let documents = 0;
  for (const intent of intents) {
    const c = new Map<string, number>();
    let total = 0;
    for (const text of examples[intent]!) {
      for (const f of features(text)) {
        c.set(f, (c.get(f) ?? 0) + 1);
        vocabulary.add(f);
        total++;
      }
      documents++;
    }
    counts.set(intent, c);
    totals.set(intent, total);
  }
  const v = vocabulary.size;
  const logPrior = new Map(intents.map((i) => [i, Math.log(examples[i]!.length / documents)]));
  return {
    intents,
    predict(text, prior = {}) {
      const fs = features(text);
      const known = fs.filter((f) => vocabulary.has(f));
      const scores = intents.map((intent) => {
        const c = counts.get(intent)!;
        const denominator = Math.log(totals.get(intent)! + alpha * v);
        let score = logPrior.get(intent)! + Math.log(prior[intent] ?? 1);
        // Unknown features weigh the same for every intent, so only known ones are scored.
        for (const f of known) score += Math.log((c.get(f) ?? 0) + alpha) - denominator;
        return score;
      });
      // Long messages make naive Bayes over-sure; scaling by the feature count keeps confidence comparable.
      const scale = 1 / Math.max(1, Math.sqrt(known.length) / 2);
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp((s - max) * scale));
      const sum = exps.reduce((a, b) => a + b, 0);
      let best = 0;
      for (let i = 1; i < intents.length; i++) if (exps[i]! > exps[best]!) best = i;
      return {
        intent: intents[best]!,
        confidence: exps[best]! / sum,
        coverage: fs.length ? known.length / fs.length : 0,
      };
    },
  };
}
