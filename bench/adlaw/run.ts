// Advertising-law scanner vs the old 35-word moderation list, on the hand-written labelled set, in one run.
// npm run bench:adlaw → bench/results/adlaw.json (docs/TRUST.md "广告法扫描").
import { readFileSync, writeFileSync } from 'node:fs';
import { scanAdText } from '../../apps/server/src/modules/compliance/api.ts';
import { normalize, parseWordList } from '../../apps/server/src/modules/moderation/rules.ts';

const root = new URL('../../', import.meta.url);
const rows = readFileSync(new URL('apps/server/src/modules/compliance/labelled.tsv', root), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [label, category, text, goods] = l.split('\t');
    // The fourth column, when present: the goods' category and its parent (category-scoped rules look at them).
    return { violates: label === '1', category: category!, text: text!, categoryIds: goods ? goods.split(',') : [] };
  });

const words = parseWordList(readFileSync(new URL('apps/server/src/modules/moderation/words.txt', root), 'utf8'));
type Row = (typeof rows)[number];
const baseline = ({ text }: Row) => [...words.block, ...words.review].some((w) => normalize(text).includes(w));
const scanner = (r: Row) => scanAdText(r.text, { categoryIds: r.categoryIds }).verdict !== 'pass';

function measure(flag: (r: Row) => boolean, only: Row[] = rows) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const missedByCategory: Record<string, number> = {};
  const falseAlarms: string[] = [];
  const started = performance.now();
  for (const r of only) {
    const flagged = flag(r);
    if (flagged && r.violates) tp++;
    else if (flagged) {
      fp++;
      falseAlarms.push(r.text);
    } else if (r.violates) {
      fn++;
      missedByCategory[r.category] = (missedByCategory[r.category] ?? 0) + 1;
    }
  }
  const ms = performance.now() - started;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    precision: round(tp / Math.max(tp + fp, 1)),
    recall: round(tp / Math.max(tp + fn, 1)),
    tp,
    fp,
    fn,
    missedByCategory,
    falseAlarms,
    microsPerText: round((ms * 1000) / only.length),
  };
}

const result = {
  measuredAt: new Date().toISOString(),
  texts: rows.length,
  violating: rows.filter((r) => r.violates).length,
  clean: rows.filter((r) => !r.violates).length,
  baseline: { name: 'moderation words.txt ([block]+[review], 35 words)', ...measure(baseline) },
  scanner: { name: 'compliance scanner (apps/server/src/modules/compliance/rules.ts)', ...measure(scanner) },
  // The lines that name the goods' category: 祛斑 / 美白 on a special-use cosmetic vs on food, and the like.
  perCategory: {
    texts: rows.filter((r) => r.categoryIds.length > 0).length,
    baseline: {
      name: 'words.txt, category lines',
      ...measure(
        baseline,
        rows.filter((r) => r.categoryIds.length > 0),
      ),
    },
    scanner: {
      name: 'scanner, category lines',
      ...measure(
        scanner,
        rows.filter((r) => r.categoryIds.length > 0),
      ),
    },
  },
};
writeFileSync(new URL('bench/results/adlaw.json', root), JSON.stringify(result, null, 2) + '\n');
const line = (m: typeof result.scanner) =>
  `${m.name}: precision ${m.precision}, recall ${m.recall} (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
console.log(`${result.texts} texts (${result.violating} violating, ${result.clean} clean)`);
console.log(line(result.baseline));
console.log(line(result.scanner));
console.log(`${result.perCategory.texts} lines with a goods category:`);
console.log(line(result.perCategory.baseline));
console.log(line(result.perCategory.scanner));
console.log(
  `recall ratio scanner/baseline: ${(result.scanner.recall / Math.max(result.baseline.recall, 0.001)).toFixed(2)}×`,
);
