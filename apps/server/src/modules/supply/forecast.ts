import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { getCategoryPaths, listMerchantSkus } from '../catalog/api.ts';
import { flashSaleWindows } from '../flashsale/api.ts';
import { loadMemberDay } from '../membership/api.ts';
import { shanghaiDay, shanghaiDayStart } from '../points/api.ts';
import {
  backtest,
  type DayPoint,
  emptyErrors,
  errorFigures,
  type FittedModel,
  fitDemand,
  type FutureDay,
} from './forecast-model.ts';
import { addDay, isMemberDay, type SyntheticSeries } from './sales-synthetic.ts';
import { dailySales } from './schema.ts';

/** Weeks of history the forecast learns from (ending yesterday: today is not over). */
const HISTORY_DAYS = 16 * 7;
const HORIZON_DAYS = 90;

/** `order.created`: the day's units per SKU, and which of them came through a flash sale. */
export async function recordDailySales(
  db: Db,
  order: { merchantId: string; placedAt: string; campaignKind?: string; lines: { skuId: string; qty: number }[] },
): Promise<void> {
  const day = shanghaiDay(new Date(order.placedAt));
  const flash = order.campaignKind === 'flashsale';
  for (const l of order.lines) {
    await db
      .insert(dailySales)
      .values({
        skuId: l.skuId,
        day,
        source: 'orders',
        merchantId: order.merchantId,
        units: l.qty,
        flashUnits: flash ? l.qty : 0,
      })
      .onConflictDoUpdate({
        target: [dailySales.skuId, dailySales.day, dailySales.source],
        set: {
          units: sql`${dailySales.units} + ${l.qty}`,
          flashUnits: sql`${dailySales.flashUnits} + ${flash ? l.qty : 0}`,
        },
      });
  }
}

interface SkuSeries {
  skuId: string;
  productId: string;
  productTitle: string;
  specText: string;
  categoryId: string;
  stock: number;
  history: DayPoint[];
  /** Promotion calendar for the days after the history (flash sales already scheduled, 会员日). */
  future: FutureDay[];
}

/** Every SKU of the shop with its daily history (zeros filled in) and its known promotion calendar. */
export async function loadSeries(ctx: Ctx, merchantId: string, skuIds?: string[]) {
  const today = shanghaiDay(ctx.now());
  const first = addDay(today, -HISTORY_DAYS);
  // The day operators set now, applied to past months too: a changed day shifts that regressor's old dates.
  const { dayOfMonth: memberDayOfMonth } = await loadMemberDay(ctx.deps, ctx.db);
  const [skus, rows, windows] = await Promise.all([
    listMerchantSkus(ctx.db, merchantId, skuIds ? { skuIds } : {}),
    ctx.db
      .select()
      .from(dailySales)
      .where(
        and(
          eq(dailySales.merchantId, merchantId),
          gte(dailySales.day, first),
          lt(dailySales.day, today),
          skuIds ? inArray(dailySales.skuId, skuIds) : undefined,
        ),
      ),
    flashSaleWindows(ctx.db, merchantId, shanghaiDayStart(first), shanghaiDayStart(addDay(today, HORIZON_DAYS))),
  ]);
  const units = new Map<string, { units: number; flash: boolean }>();
  for (const r of rows) {
    const key = `${r.skuId}|${r.day}`;
    const had = units.get(key);
    units.set(key, { units: (had?.units ?? 0) + r.units, flash: (had?.flash ?? false) || r.flashUnits > 0 });
  }
  const flashDays = new Set<string>();
  for (const w of windows)
    for (let d = shanghaiDay(w.startsAt); d <= shanghaiDay(new Date(w.endsAt.getTime() - 1)); d = addDay(d, 1))
      flashDays.add(`${w.skuId}|${d}`);
  const series: SkuSeries[] = skus.map((s) => {
    const history: DayPoint[] = [];
    for (let d = first; d < today; d = addDay(d, 1)) {
      const u = units.get(`${s.skuId}|${d}`);
      history.push({
        day: d,
        units: u?.units ?? 0,
        flash: (u?.flash ?? false) || flashDays.has(`${s.skuId}|${d}`),
        memberDay: isMemberDay(d, memberDayOfMonth),
      });
    }
    // Until a SKU's first sale there is no demand to learn from (it may not have been listed yet).
    const firstSale = history.findIndex((p) => p.units > 0);
    const future: FutureDay[] = Array.from({ length: HORIZON_DAYS }, (_, i) => {
      const d = addDay(today, i);
      return { day: d, flash: flashDays.has(`${s.skuId}|${d}`), memberDay: isMemberDay(d, memberDayOfMonth) };
    });
    return { ...s, history: firstSale < 0 ? [] : history.slice(firstSale), future };
  });
  const demo = rows.some((r) => r.source === 'demo');
  return { series, today, memberDayOfMonth, demo };
}

/** Units forecast for each future day; day 0 is today. */
export const forecastOf = (model: FittedModel, future: FutureDay[]): number[] =>
  future.map((d, i) => model.predict(i + 1, d));

/** 预测总览: each SKU's last and next four weeks, and the rolling-origin backtest per category against naive. */
export async function forecastOverview(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const [{ series, today, memberDayOfMonth, demo }, paths] = await Promise.all([
    loadSeries(ctx, merchantId),
    getCategoryPaths(ctx),
  ]);
  const perCategory = new Map<string, ReturnType<typeof emptyErrors>>();
  const skus = series.map((s) => {
    const errors = backtest(s.history, perCategory.get(s.categoryId) ?? emptyErrors());
    perCategory.set(s.categoryId, errors);
    const next = forecastOf(fitDemand(s.history), s.future.slice(0, 28));
    return {
      skuId: s.skuId,
      productTitle: s.productTitle,
      specText: s.specText,
      categoryId: s.categoryId,
      last28Units: s.history.slice(-28).reduce((sum, p) => sum + p.units, 0),
      next28Units: Math.round(next.reduce((sum, u) => sum + u, 0)),
    };
  });
  const categories = [...perCategory]
    .map(([categoryId, e]) => ({
      categoryId,
      categoryName: paths.get(categoryId) ?? categoryId,
      skuCount: series.filter((s) => s.categoryId === categoryId).length,
      ...errorFigures(e),
    }))
    .filter((c) => c.actualUnits > 0);
  return { today, memberDayOfMonth, demoHistory: demo, categories, skus };
}

/** One SKU: the last eight weeks as sold, the next four as forecast with an ~90 % band, and what the model learned. */
export async function skuForecast(ctx: Ctx, skuId: string) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const { series, demo } = await loadSeries(ctx, merchantId, [skuId]);
  const s = series[0];
  if (!s) throw notFound('规格', skuId);
  const model = fitDemand(s.history);
  const next = forecastOf(model, s.future.slice(0, 28));
  const z = 1.65;
  return {
    skuId: s.skuId,
    productTitle: s.productTitle,
    specText: s.specText,
    stock: s.stock,
    demoHistory: demo,
    history: s.history.slice(-56),
    forecast: s.future.slice(0, 28).map((d, i) => ({
      ...d,
      units: round1(next[i]!),
      low: round1(Math.max(0, next[i]! - z * model.sigma)),
      high: round1(next[i]! + z * model.sigma),
    })),
    effects: {
      flash: round1(model.effects.flash),
      memberDay: round1(model.effects.memberDay),
      trendPerWeek: round1(model.effects.trendPerWeek),
    },
    backtest: errorFigures(backtest(s.history, emptyErrors())),
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The seed's 演示 history for a demo shop (source `demo`, kept apart from what orders recorded). */
export async function recordDemoSales(db: Db, merchantId: string, series: SyntheticSeries[]): Promise<number> {
  const rows = series.flatMap((s) =>
    s.points
      .filter((p) => p.units > 0)
      .map((p) => ({
        skuId: s.skuId,
        day: p.day,
        source: 'demo' as const,
        merchantId,
        units: p.units,
        flashUnits: p.flash ? p.units : 0,
      })),
  );
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insert(dailySales)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
  return rows.length;
}
