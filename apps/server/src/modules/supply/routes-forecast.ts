import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import * as d from './dto-forecast.ts';
import { IdParams, PublicTrace, TraceParams } from './dto.ts';
import { forecastOverview, skuForecast } from './forecast.ts';
import { draftPurchaseOrders, replenishmentPlan } from './replenishment.ts';
import { publicTrace } from './trace.ts';

const tags = ['供应链'];
const merchant = { permission: 'merchant:supply.manage' as const };
const base = '/api/v1/merchant/supply';

export async function forecastRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    `${base}/forecast`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '销量预测总览与回测误差（按品类，对比季节性朴素法）',
        response: { 200: d.ForecastOverview },
      },
    },
    async (req) => forecastOverview(ctxOf(req)),
  );
  r.get(
    `${base}/forecast/skus/:id`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '单个规格：近 8 周销量与未来 4 周预测（含 90% 区间）',
        params: IdParams,
        response: { 200: d.SkuForecast },
      },
    },
    async (req) => skuForecast(ctxOf(req), req.params.id),
  );
  r.get(
    `${base}/replenishment`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '补货建议、缺货与积压提醒',
        description: '建议量 = 交期加一周的预测需求 + 安全库存（95% 服务水平）− 可售库存 − 在途。',
        response: { 200: d.ReplenishmentPlan },
      },
    },
    async (req) => replenishmentPlan(ctxOf(req)),
  );
  r.post(
    `${base}/replenishment/purchase-orders`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '把选中的补货建议生成采购单草稿（按主供应商分单）',
        body: d.DraftPosBody,
        response: { 201: d.DraftPosResult },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await draftPurchaseOrders(ctxOf(req), req.body))),
  );
  r.get(
    '/api/v1/trace/:code',
    {
      config: { permission: 'public' as const },
      schema: {
        tags,
        summary: '扫码溯源：批次的生产、检验与物流记录（每条都在透明日志中，可验证）',
        params: TraceParams,
        response: { 200: PublicTrace },
      },
    },
    async (req) => publicTrace(ctxOf(req), req.params.code),
  );
}
