import type { CreateProductInput, SkuInput } from '../modules/catalog/service.ts';
import { apparel } from './data/apparel.ts';
import { baby } from './data/baby.ts';
import { beauty } from './data/beauty.ts';
import { digital } from './data/digital.ts';
import { food } from './data/food.ts';
import { home } from './data/home.ts';
import { DEMO_MERCHANTS } from './data/merchants.ts';
import type { Brand, CategoryTemplate, ProductType, SpecTemplate } from './data/types.ts';
import type { Random } from './random.ts';

const CATEGORY_TEMPLATES: CategoryTemplate[] = [beauty, apparel, home, food, digital, baby];

const MAX_SKUS = 8;

export interface DemoProduct {
  /** Generated-art key, e.g. `cream-007`: `/media/art/cream-007-1.svg` is its first picture. */
  key: string;
  merchantKey: string;
  topCategory: string;
  input: CreateProductInput & { subtitle: string; description: string; images: string[] };
}

/** The demo catalogue: brands × product types × variants of every category template, the same on every install. */
export function generateCatalogue(rng: Random): DemoProduct[] {
  const out: DemoProduct[] = [];
  const turn = new Map<string, number>();
  for (const template of CATEGORY_TEMPLATES) {
    const titles = new Set<string>();
    for (let i = 0; i < template.count; i++) {
      const type = template.types[i % template.types.length]!;
      const { brand, series, title } = distinctTitle(rng, template.brands, type, titles);
      const key = `${type.key}-${String(out.length + 1).padStart(3, '0')}`;
      const shops = DEMO_MERCHANTS.filter((m) => m.subs.includes(type.sub));
      if (shops.length === 0) throw new Error(`no demo merchant sells ${type.sub}`);
      const n = turn.get(type.sub) ?? 0;
      turn.set(type.sub, n + 1);
      out.push({
        key,
        merchantKey: shops[n % shops.length]!.key,
        topCategory: template.top,
        input: productInput(rng, template, type, brand, series, title, key),
      });
    }
  }
  return out;
}

function distinctTitle(rng: Random, brands: Brand[], type: ProductType, titles: Set<string>) {
  // A series word already in the product name would read 丝绒丝绒哑光口红: only words the name does not say.
  const series = type.series.filter((s) => !sharesWord(type.name, s));
  for (let attempt = 0; ; attempt++) {
    const brand = rng.pick(brands);
    const words = series.filter((s) => !sharesWord(brand.name, s));
    const word = words.length > 0 ? rng.pick(words) : '';
    const title = `${brand.name}${word}${type.name}`;
    if (!titles.has(title) || attempt > 50) {
      const unique = titles.has(title) ? `${title} 第${attempt}款` : title;
      titles.add(unique);
      return { brand, series: word, title: unique };
    }
  }
}

/** Whether two phrases share a two-character word (丝绒 in 丝绒 and 丝绒哑光口红). */
export function sharesWord(a: string, b: string): boolean {
  const chars = [...b];
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i]! + chars[i + 1]!;
    if (/^\p{L}{2}$/u.test(pair) && a.includes(pair)) return true;
  }
  return false;
}

function productInput(
  rng: Random,
  template: CategoryTemplate,
  type: ProductType,
  brand: Brand,
  series: string,
  title: string,
  key: string,
): DemoProduct['input'] {
  const sampled = rng.sample(type.points, Math.min(3, type.points.length));
  // The point that goes into the title is one that does not repeat a word of it (免烫商务衬衫 免烫易打理).
  const lead = sampled.find((pt) => !sharesWord(title, pt));
  const points = lead ? [lead, ...sampled.filter((pt) => pt !== lead)] : sampled;
  const specs = chooseSpecs(rng, type.specs);
  const base = rng.int(type.price[0], type.price[1]);
  const skus = combinations(specs.map((s) => s.values)).map((values): SkuInput => {
    let yuan = base;
    values.forEach((v, d) => {
      const spec = specs[d]!;
      if (spec.step) yuan *= (1 + spec.step) ** spec.values.indexOf(v);
    });
    return {
      specValues: Object.fromEntries(values.map((v, d) => [specs[d]!.name, v])),
      price: shopPrice(yuan),
      stock: rng.int(60, 900),
    };
  });
  const origin = type.origin ?? brand.origin;
  const attributes = [
    { name: '品牌', value: brand.name },
    { name: '产地', value: origin },
    ...Object.entries(type.attrs).map(([name, v]) => ({ name, value: typeof v === 'string' ? v : rng.pick(v) })),
  ];
  const imageCount = rng.int(3, 5);
  return {
    categoryId: type.sub,
    title: lead ? `${title} ${lead}` : title,
    subtitle: points.slice(1).join('，') || points[0]!,
    description: [
      `${brand.name}${series}${type.name}，产自${origin}。`,
      `${points.join('；')}。`,
      template.closing,
      '本商品为演示数据，仅用于体验好物平台的功能，不会真实发货。',
    ].join('\n'),
    images: Array.from({ length: imageCount }, (_, n) => `/media/art/${key}-${n + 1}.svg`),
    attributes,
    specs: specs.map((s) => ({ name: s.name, values: s.values })),
    skus,
  };
}

/** Picks values per dimension so the product has 2–8 SKUs; priced dimensions keep a run from the smallest size. */
function chooseSpecs(rng: Random, templates: SpecTemplate[]): { name: string; values: string[]; step?: number }[] {
  const chosen = templates.map((s) => {
    const n = Math.min(rng.int(s.take[0], s.take[1]), s.values.length);
    const values = s.step ? s.values.slice(0, n) : rng.sample(s.values, n);
    return { name: s.name, values, ...(s.step ? { step: s.step } : {}) };
  });
  const count = () => chosen.reduce((a, s) => a * s.values.length, 1);
  while (count() > MAX_SKUS) {
    const widest = chosen.reduce((a, b) => (b.values.length > a.values.length ? b : a));
    widest.values = widest.values.slice(0, -1);
  }
  if (count() < 2) throw new Error(`template ${templates.map((t) => t.name).join('×')} yields a single SKU`);
  return chosen;
}

function combinations(dims: string[][]): string[][] {
  return dims.reduce<string[][]>((acc, values) => acc.flatMap((prefix) => values.map((v) => [...prefix, v])), [[]]);
}

/** Prices as shops write them: ¥9.9, ¥19.9 below ¥20, then whole yuan ending in 9 (¥89, ¥129). In fen. */
function shopPrice(yuan: number): number {
  if (yuan < 20) return Math.max(1, Math.round(yuan)) * 100 - 10;
  return (Math.round(yuan / 10) * 10 - 1) * 100;
}
