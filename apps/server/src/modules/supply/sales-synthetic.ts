import type { DayPoint } from './forecast-model.ts';

// A realistic daily sales history for demo shops, the forecast benchmark and its test (docs/SUPPLY.md "Demo history"):
// each SKU has its own level, a weekend lift that differs by category, a slow trend, +60–120 % on the monthly 会员日,
// ×2–4 on its flash-sale days and Poisson noise. Deterministic for a given seed. Never used for real shops: the seed
// writes it marked 演示 (source `demo`), and the forecast says so.

/** mulberry32: a small deterministic PRNG, enough for noise. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function poisson(rand: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(rand)));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}
const gauss = (rand: () => number) => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());

export const addDay = (day: string, n: number): string =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

export const isMemberDay = (day: string, dayOfMonth: number): boolean => Number(day.slice(8, 10)) === dayOfMonth;

export interface SyntheticSeries {
  skuId: string;
  categoryId: string;
  points: DayPoint[];
}

/** `days` days ending with `lastDay` (inclusive) for each SKU. */
export function syntheticSalesHistory(input: {
  skus: { skuId: string; categoryId: string }[];
  lastDay: string;
  days: number;
  memberDayOfMonth: number;
  seed: number;
}): SyntheticSeries[] {
  const rand = prng(input.seed);
  const weekendLift = new Map<string, number>();
  const first = addDay(input.lastDay, -(input.days - 1));
  return input.skus.map((sku, i) => {
    if (!weekendLift.has(sku.categoryId)) weekendLift.set(sku.categoryId, 1.15 + rand() * 0.5);
    const level = 1.5 + rand() * (i % 4 === 0 ? 18 : 7);
    const trend = (rand() - 0.35) * 0.008;
    const memberLift = 1.6 + rand() * 0.6;
    const flashLift = 2 + rand() * 2;
    const flashDays = new Set<number>();
    const flashCount = Math.floor(rand() * 4);
    for (let f = 0; f < flashCount; f++) flashDays.add(Math.floor(rand() * input.days));
    const lift = weekendLift.get(sku.categoryId)!;
    const points: DayPoint[] = [];
    for (let d = 0; d < input.days; d++) {
      const day = addDay(first, d);
      const w = new Date(`${day}T00:00:00Z`).getUTCDay();
      const memberDay = isMemberDay(day, input.memberDayOfMonth);
      const flash = flashDays.has(d);
      const weekly = w === 6 || w === 0 ? lift : w === 5 ? 1 + (lift - 1) / 2 : w === 1 ? 0.9 : 1;
      let mean = level * weekly * Math.max(0.2, 1 + trend * d);
      if (memberDay) mean *= memberLift;
      if (flash) mean *= flashLift;
      points.push({ day, units: poisson(rand, mean), flash, memberDay });
    }
    return { skuId: sku.skuId, categoryId: sku.categoryId, points };
  });
}
