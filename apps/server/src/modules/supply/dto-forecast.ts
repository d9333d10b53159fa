import { z } from 'zod';

// HTTP shapes of the forecast and replenishment routes. Error figures are basis points (1 % = 100).

const Bp = z.number().nullable();
const Figures = z.object({
  wapeModelBp: Bp.describe('模型 WAPE'),
  wapeNaiveBp: Bp.describe('季节性朴素法（上周同日）WAPE'),
  mapeModelBp: Bp,
  mapeNaiveBp: Bp,
  actualUnits: z.number(),
});

export const ForecastOverview = z.object({
  today: z.string(),
  memberDayOfMonth: z.number(),
  demoHistory: z.boolean().describe('历史中含种子写入的演示销量'),
  categories: z.array(Figures.extend({ categoryId: z.string(), categoryName: z.string(), skuCount: z.number() })),
  skus: z.array(
    z.object({
      skuId: z.string(),
      productTitle: z.string(),
      specText: z.string(),
      categoryId: z.string(),
      last28Units: z.number(),
      next28Units: z.number(),
    }),
  ),
});

const Day = z.object({ day: z.string(), flash: z.boolean(), memberDay: z.boolean() });
export const SkuForecast = z.object({
  skuId: z.string(),
  productTitle: z.string(),
  specText: z.string(),
  stock: z.number(),
  demoHistory: z.boolean(),
  history: z.array(Day.extend({ units: z.number() })),
  forecast: z.array(Day.extend({ units: z.number(), low: z.number(), high: z.number() })),
  effects: z.object({ flash: z.number(), memberDay: z.number(), trendPerWeek: z.number() }),
  backtest: Figures,
});

export const ReplenishmentPlan = z.object({
  demoHistory: z.boolean(),
  reviewDays: z.number(),
  serviceLevelPct: z.number(),
  items: z.array(
    z.object({
      skuId: z.string(),
      productTitle: z.string(),
      specText: z.string(),
      stock: z.number(),
      onOrder: z.number().describe('在途：未完成采购单中尚未到货的数量（含草稿）'),
      forecastDaily: z.number(),
      daysOfCover: z.number().nullable(),
      leadTimeDays: z.number(),
      leadDemand: z.number(),
      safetyStock: z.number(),
      suggestedQty: z.number(),
      signal: z.enum(['stockout', 'stockout-risk', 'reorder', 'overstock', 'ok']),
      supplier: z.object({ id: z.string(), name: z.string(), unitCost: z.number() }).nullable(),
    }),
  ),
});

export const DraftPosBody = z.object({
  items: z
    .array(
      z.object({
        skuId: z.string().min(1).max(64),
        qty: z.number().int('数量须为整数').positive('数量须大于 0').max(1_000_000, '数量过大'),
      }),
    )
    .min(1, '请至少选择一个规格')
    .max(200)
    .refine((items) => new Set(items.map((i) => i.skuId)).size === items.length, '同一规格只能出现一次'),
});
export const DraftPosResult = z.object({
  purchaseOrders: z.array(
    z.object({ id: z.string(), supplierName: z.string(), lines: z.number(), totalCost: z.number() }),
  ),
});
