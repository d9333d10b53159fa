import type { Config } from '../../config.ts';
import faq from './data/faq.json' with { type: 'json' };
import training from './data/training.json' with { type: 'json' };
import { type Classifier, trainClassifier } from './classifier.ts';
import { bm25Index, type Hit } from './retrieval.ts';

// The assistant's two corpora, built once per process (tens of milliseconds): the intent classifier and the
// policy FAQ index. Answers are filled from the running configuration so they say what this server does.

export interface FaqEntry {
  id: string;
  intent: string;
  answer: string;
}

let classifier: Classifier | undefined;

export function intentClassifier(): Classifier {
  classifier ??= trainClassifier(training.examples);
  return classifier;
}

let index: { config: Config; search: (q: string, limit?: number) => Hit<FaqEntry>[] } | undefined;

export function searchPolicies(config: Config, query: string): Hit<FaqEntry>[] {
  if (index?.config !== config) {
    const fill = (a: string) =>
      a
        .replace('{payTimeoutMinutes}', String(config.ORDER_PAYMENT_TIMEOUT_MINUTES))
        .replace('{autoConfirmDays}', String(config.AUTO_CONFIRM_RECEIPT_DAYS))
        .replace('{merchantResponseHours}', String(config.AFTER_SALE_MERCHANT_RESPONSE_HOURS));
    const built = bm25Index(
      // Only the keywords are indexed: they are what people ask, while answers mention neighbouring topics.
      faq.entries.map((e) => ({ text: e.q, item: { id: e.id, intent: e.intent, answer: fill(e.a) } })),
    );
    index = { config, search: (q, limit) => built.search(q, limit) };
  }
  return index.search(query);
}
