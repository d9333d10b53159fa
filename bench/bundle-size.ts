// npm run bench:bundle — initial JavaScript of the shop and the console: the entry chunk plus every chunk it
// imports statically (what a first visit downloads before anything renders), gzip-compressed.
// Budget: shop ≤ 250 KB gzip (exit 1 when over); the console may be larger but must be route-split.
// Run after `npm run build`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const budgets: Record<string, number | undefined> = { shop: 250 * 1024, console: undefined };
let over = false;
for (const [app, budget] of Object.entries(budgets)) {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), `../apps/${app}/dist`);
  console.log(`${app}:`);
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
  if (!entry) throw new Error('no entry chunk in the manifest');

  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) walk(dep);
  };
  walk(entry[0]);

  const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  let js = 0;
  let css = 0;
  for (const key of seen) {
    const chunk = manifest[key]!;
    const size = gz(chunk.file);
    js += size;
    console.log(`  ${chunk.file.padEnd(48)} ${kb(size)} gzip`);
    for (const c of chunk.css ?? []) css += gz(c);
  }
  console.log(
    `  initial JS (entry + static imports, ${seen.size} chunks): ${kb(js)} gzip; initial CSS: ${kb(css)} gzip`,
  );
  const lazy = Object.values(manifest).filter((c) => c.file.endsWith('.js')).length - seen.size;
  console.log(`  ${lazy} more chunks load lazily, by route`);
  if (budget !== undefined && js > budget) {
    console.error(`  over the ${kb(budget)} budget`);
    over = true;
  }
}
process.exit(over ? 1 : 0);
