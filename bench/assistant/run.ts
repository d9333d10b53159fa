// `npm run bench:assistant`: seeds an in-process PGlite database (bench/assistant/seed.ts: one consumer's orders in
// every state, another consumer's order, products with attributes), then sends every labelled question of
// bench/assistant/questions.jsonl through the real assistant (the service port, as the conversations module does)
// and through a keyword baseline that uses the same tools, in the same run. Reports the auto-resolution rate
// (answered correctly without a person), the wrong-answer rate, the hand-over rate and p99 latency of each;
// writes bench/results/assistant.json. The classifier is trained on apps/server/src/modules/assistant/data/
// training.json only; the run refuses to start if a question also appears there. Run it niced.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pino from 'pino';
import { buildApp } from '../../apps/server/src/app.ts';
import { createDeps } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { answerAs } from '../../apps/server/src/modules/assistant/service.ts';
import { normalize } from '../../apps/server/src/modules/assistant/classifier.ts';
import training from '../../apps/server/src/modules/assistant/data/training.json' with { type: 'json' };
import { askAssistant, type AssistantReply, type AssistantTurn } from '../../apps/server/src/modules/service/api.ts';
import { ManualClock } from '../../apps/server/src/platform/clock.ts';
import { makeCtx } from '../../apps/server/src/platform/context.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { gitCommit, percentile, repoRoot } from '../lib.ts';
import { keywordIntent } from './baseline.ts';
import { seedWorld, type World } from './seed.ts';

interface Question {
  q: string;
  /** Expected intent; `alt` lists other intents whose answer is also right. */
  intent: string;
  alt?: string[];
  /** answer: a reply without hand-over; action: a reply proposing a confirmable action; handover: a person. */
  kind: 'answer' | 'action' | 'handover';
  /** For kind handover: the reason that must be given (any reason when absent). */
  reason?: string;
  /** Substrings the reply must contain ({no:key} / {title:key} filled from the seeded world). */
  must?: string[];
  ctx?: { order?: string; product?: string };
}

type Outcome = 'resolved' | 'wrong' | 'handover-correct' | 'handover-missed';

const file = path.join(repoRoot, 'bench/assistant/questions.jsonl');
const questions: Question[] = (await readFile(file, 'utf8'))
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const trained = new Set(Object.values(training.examples).flat().map(normalize));
const leaked = questions.filter((q) => trained.has(normalize(q.q)));
if (leaked.length) throw new Error(`questions also in the training set: ${leaked.map((q) => q.q).join(' / ')}`);

const clock = new ManualClock();
const database = await openDatabase({ pglite: await PGlite.create() });
await database.migrate();
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  SEED_EVENTS: '0',
  ANALYTICS_DUCKDB_PATH: ':memory:',
  ANALYTICS_LOAD_INTERVAL_MS: '0',
  DATA_DIR: path.join(os.tmpdir(), 'haowu-bench-assistant'),
});
const deps = createDeps(config, database, { log: pino({ level: 'silent' }), clock, autoDispatch: false });
const app = await buildApp(deps);
await app.ready();
let started = performance.now();
const world = await seedWorld(deps, clock);
const seedSeconds = (performance.now() - started) / 1000;

const fill = (s: string, w: World) =>
  s.replace(/\{no:(\w+)\}/g, (_, k: string) => w.orders[k]!.orderNo).replace('{points}', String(w.points));

function judge(q: Question, r: AssistantReply, w: World): Outcome {
  if (r.handover) {
    if (q.kind !== 'handover') return 'handover-missed';
    return !q.reason || q.reason === r.handover ? 'handover-correct' : 'wrong';
  }
  if (q.kind === 'handover') return 'wrong';
  const intentOk = r.intent === q.intent || (q.alt ?? []).includes(r.intent);
  const actionOk = (q.kind === 'action') === Boolean(r.proposedAction);
  const mustOk = (q.must ?? []).every((m) => r.text.includes(fill(m, w)));
  return intentOk && actionOk && mustOk ? 'resolved' : 'wrong';
}

async function evaluate(name: string, respond: (turn: AssistantTurn) => Promise<AssistantReply>) {
  const latencies: number[] = [];
  const counts: Record<Outcome, number> = { resolved: 0, wrong: 0, 'handover-correct': 0, 'handover-missed': 0 };
  const wrong: { q: string; expected: string; got: string; text: string }[] = [];
  let n = 0;
  for (const q of questions) {
    const turn: AssistantTurn = {
      conversationId: `bench_${name}_${n++}`,
      text: fill(q.q, world),
      context: {
        ...(q.ctx?.order ? { orderId: world.orders[q.ctx.order]!.id } : {}),
        ...(q.ctx?.product ? { productId: world.products[q.ctx.product]! } : {}),
      },
    };
    const t0 = performance.now();
    const r = await respond(turn);
    latencies.push(performance.now() - t0);
    const outcome = judge(q, r, world);
    counts[outcome]++;
    if (outcome === 'wrong' || (process.env.BENCH_VERBOSE && outcome === 'handover-missed'))
      wrong.push({
        q: q.q,
        expected: `${q.kind}/${q.intent}`,
        got: `${r.handover ?? (r.proposedAction ? 'action' : 'answer')}/${r.intent}`,
        text: r.text.slice(0, 80),
      });
  }
  latencies.sort((a, b) => a - b);
  const total = questions.length;
  const handovers = counts['handover-correct'] + counts['handover-missed'];
  return {
    resolvedRate: counts.resolved / total,
    wrongRate: counts.wrong / total,
    handoverRate: handovers / total,
    counts,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    wrong,
  };
}

const ctx = makeCtx(deps, world.user);
started = performance.now();
const assistant = await evaluate('assistant', (turn) => askAssistant(ctx, turn));
const baseline = await evaluate('baseline', (turn) => answerAs(ctx, turn, keywordIntent(turn.text)));
const runSeconds = (performance.now() - started) / 1000;

const expected = { answer: 0, action: 0, handover: 0 };
for (const q of questions) expected[q.kind]++;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, r: typeof assistant) =>
  `${name.padEnd(18)} resolved ${pct(r.resolvedRate)}  wrong ${pct(r.wrongRate)}  hand-over ${pct(r.handoverRate)}  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms`;
console.info(
  `[bench:assistant] ${questions.length} questions (${expected.answer} answer, ${expected.action} action, ${expected.handover} hand-over), seeded in ${seedSeconds.toFixed(1)} s`,
);
console.info(line('assistant', assistant));
console.info(line('keyword baseline', baseline));
console.info(`resolution ratio assistant/baseline: ${(assistant.resolvedRate / baseline.resolvedRate).toFixed(2)}×`);
for (const w of assistant.wrong) console.info(`  ✗ ${w.q} — expected ${w.expected}, got ${w.got}: ${w.text}`);

await writeFile(
  path.join(repoRoot, 'bench/results/assistant.json'),
  JSON.stringify(
    {
      commit: gitCommit(),
      at: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      database: 'PGlite (in-process)',
      llm: false,
      questions: { total: questions.length, ...expected, trainingExamples: trained.size, overlapWithTraining: 0 },
      split: 'held-out: the classifier trains on modules/assistant/data/training.json; every question here is unseen',
      goal: { resolvedRate: 0.8, wrongRate: 0.02, p99Ms: 300 },
      assistant,
      baseline,
      runSeconds,
    },
    null,
    2,
  ) + '\n',
);
await app.close();
await database.close();
