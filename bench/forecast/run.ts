// Forecast backtest: the supply forecast (weighted ridge regression: damped trend, weekday, flash-sale and 会员日
// regressors) vs the seasonal-naive baseline (same weekday last week), rolling origin, per category.
// npm run bench:forecast → bench/results/forecast.json (docs/SUPPLY.md "Forecast").
import { writeFileSync } from 'node:fs';
import { backtest, emptyErrors, errorFigures } from '../../apps/server/src/modules/supply/forecast-model.ts';
import { syntheticSalesHistory } from '../../apps/server/src/modules/supply/sales-synthetic.ts';

// The demo history the seed writes (same generator), over six categories of 12 SKUs, for three seeds.
const CATEGORIES = ['面部护肤', '彩妆', '零食', '茶饮', '厨具', '数码配件'];
const SEEDS = [20_261_212, 7, 42];
const DAYS = 112;
const FOLDS = 8;
const HORIZON = 7;

const started = performance.now();
const perCategory = new Map(CATEGORIES.map((c) => [c, emptyErrors()]));
const overall = emptyErrors();
let series = 0;
for (const seed of SEEDS) {
  const skus = CATEGORIES.flatMap((c) => Array.from({ length: 12 }, (_, i) => ({ skuId: `${c}-${i}`, categoryId: c })));
  for (const s of syntheticSalesHistory({ skus, lastDay: '2026-12-06', days: DAYS, memberDayOfMonth: 18, seed })) {
    backtest(s.points, perCategory.get(s.categoryId)!, FOLDS, HORIZON);
    backtest(s.points, overall, FOLDS, HORIZON);
    series++;
  }
}
const pct = (bp: number | null) => (bp === null ? null : bp / 100);
const row = (name: string, e: ReturnType<typeof emptyErrors>) => {
  const f = errorFigures(e);
  return {
    category: name,
    wapeModelPct: pct(f.wapeModelBp),
    wapeNaivePct: pct(f.wapeNaiveBp),
    mapeModelPct: pct(f.mapeModelBp),
    mapeNaivePct: pct(f.mapeNaiveBp),
    actualUnits: f.actualUnits,
  };
};
const result = {
  date: new Date().toISOString().slice(0, 10),
  method: 'rolling origin, 8 weekly origins, 7-day horizon; WAPE = Σ|e|/Σactual; MAPE over days with sales',
  history: `${DAYS} days × ${series} SKU series (synthetic demo generator, seeds ${SEEDS.join(', ')})`,
  categories: [...perCategory].map(([c, e]) => row(c, e)),
  overall: row('全部', overall),
  seconds: Math.round((performance.now() - started) / 100) / 10,
};
writeFileSync(new URL('../results/forecast.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.table([...result.categories, result.overall]);
