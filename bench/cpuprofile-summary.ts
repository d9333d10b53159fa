// node bench/cpuprofile-summary.ts <file.cpuprofile> [top=25] [fromSeconds] — the top self-time functions, the
// top total-time (inclusive) functions and a by-area split of a V8 CPU profile (`node --cpu-prof`), as Markdown.
// `fromSeconds` skips the start of the profile (setup, warm-up) so that only the load phase is summarised.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, fromArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/cpuprofile-summary.ts <file.cpuprofile> [top] [fromSeconds]');
const top = Number(topArg ?? 25);
const from = Number(fromArg ?? 0) * 1e6;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n: Node) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const short = url.includes('node_modules/')
    ? url.slice(url.lastIndexOf('node_modules/') + 13)
    : url.startsWith('node:')
      ? url
      : path.relative(process.cwd(), url.replace(/^file:\/\//, ''));
  return `${name} ${short}:${lineNumber + 1}`;
};
/** The area a frame belongs to, for the split: the package, node internals, or the app's own folder. */
const area = (n: Node) => {
  const url = n.callFrame.url;
  if (!url) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node internals';
  const m = /apps\/server\/src\/(modules\/[^/]+|platform|[^/]+)/.exec(url);
  return m ? m[1]! : 'other';
};

const self = new Map<number, number>();
let t = 0;
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i] ?? 0;
  if (t < from) continue;
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + dt);
  total += dt;
}

const selfByLabel = new Map<string, number>();
const totalByLabel = new Map<string, number>();
const selfByArea = new Map<string, number>();
for (const [id, dt] of self) {
  const node = byId.get(id)!;
  selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + dt);
  // An area's share: the sample goes to the innermost frame that is not node internals or native, so that a
  // socket write issued by pg counts as pg.
  let owner: Node | undefined = node;
  while (owner && ['node internals', '(native)'].includes(area(owner))) owner = byId.get(parent.get(owner.id) ?? -1);
  const a = owner ? area(owner) : area(node);
  selfByArea.set(a, (selfByArea.get(a) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: Node | undefined = node; cur; cur = byId.get(parent.get(cur.id) ?? -1)) {
    const l = label(cur);
    if (seen.has(l)) continue;
    seen.add(l);
    totalByLabel.set(l, (totalByLabel.get(l) ?? 0) + dt);
  }
}

const pct = (v: number) => `${((v / total) * 100).toFixed(1)} %`;
const table = (title: string, m: Map<string, number>, n: number) => {
  console.log(`\n${title}\n\n| share | function |\n|---|---|`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`| ${pct(v)} | \`${k}\` |`);
};
console.log(`${path.basename(file)}: ${(total / 1e6).toFixed(1)} s of samples from ${from / 1e6} s`);
table('Self time by area (a native/node frame is charged to its nearest JS caller)', selfByArea, 15);
table('Self time', selfByLabel, top);
table('Total time (inclusive)', new Map([...totalByLabel].filter(([k]) => !k.startsWith('(root)'))), top);
