import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import {
  FunnelQuery,
  FunnelResult,
  OperatorScope,
  OrderSourcesQuery,
  OrderSourcesResult,
  OverviewQuery,
  OverviewResult,
  Period,
  RealtimeResult,
  RepurchaseResult,
  RetentionQuery,
  RetentionResult,
  RfmResult,
  SearchInsightsQuery,
  SearchInsightsResult,
} from './dto.ts';
import * as svc from './service.ts';

const tags = ['经营分析'];

/** Each report twice: the platform's (operators, optionally one shop) and the caller's own shop (merchant staff). */
export default async function insightsRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const audience of ['platform', 'merchant'] as const) {
    const base = `/api/v1/${audience}/insights`;
    const permission = audience === 'platform' ? 'staff:insights.read' : 'merchant:insights.read';
    const who = audience === 'platform' ? '全平台（可指定商家）' : '本店';
    const Scope = audience === 'platform' ? OperatorScope : OperatorScope.pick({});

    r.get(
      `${base}/realtime`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `实时大屏：${who}今日成交额、订单、访客、转化、直播间、渠道与热销，对比昨日同时段`,
          querystring: Scope,
          response: { 200: RealtimeResult },
        },
      },
      async (req) => svc.realtime(ctxOf(req), audience, req.query),
    );
    r.post(
      `${base}/funnel`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `漏斗分析（${who}）：任意有序步骤、转化窗口、按渠道/人群/设备拆分`,
          body: FunnelQuery.extend(Scope.shape),
          response: { 200: FunnelResult },
        },
      },
      async (req) => svc.funnel(ctxOf(req), audience, req.body),
    );
    r.get(
      `${base}/retention`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `留存（${who}）：按注册或首购分组，第 1/3/7/14/30 日或按周`,
          querystring: RetentionQuery.extend(Scope.shape),
          response: { 200: RetentionResult },
        },
      },
      async (req) => svc.retention(ctxOf(req), audience, req.query),
    );
    r.get(
      `${base}/repurchase`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `复购率（${who}）`,
          querystring: Period.extend(Scope.shape),
          response: { 200: RepurchaseResult },
        },
      },
      async (req) => svc.repurchase(ctxOf(req), audience, req.query),
    );
    r.get(
      `${base}/rfm`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `RFM 客户分层（${who}）`,
          querystring: Period.extend(Scope.shape),
          response: { 200: RfmResult },
        },
      },
      async (req) => svc.rfm(ctxOf(req), audience, req.query),
    );
  }

  r.get(
    '/api/v1/merchant/insights/overview',
    {
      config: { permission: 'merchant:insights.read' },
      schema: {
        tags,
        summary: '经营概览：近 N 天成交、退款、热销商品、售后与待发货（服务端统计）',
        querystring: OverviewQuery,
        response: { 200: OverviewResult },
      },
    },
    async (req) => svc.merchantOverview(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/merchant/insights/order-sources',
    {
      config: { permission: 'merchant:insights.read' },
      schema: {
        tags,
        summary: '订单来源：笔记、直播、社群、分享、搜索，以及具体是哪一篇/哪一场/哪个社群/哪位分享者',
        querystring: OrderSourcesQuery,
        response: { 200: OrderSourcesResult },
      },
    },
    async (req) => svc.merchantOrderSources(ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/platform/insights/search',
    {
      config: { permission: 'staff:insights.read' },
      schema: {
        tags,
        summary: '搜索洞察：热门搜索词、无结果搜索词、低点击率搜索词（按时段，分页）',
        description:
          '来自商城的搜索事件（搜索词、首页结果数）与搜索结果上的点击。点击率 = 有点击的搜索会话 ÷ 有结果的搜索会话。仅运营可见。',
        querystring: SearchInsightsQuery,
        response: { 200: SearchInsightsResult },
      },
    },
    async (req) => svc.searchInsights(ctxOf(req), req.query),
  );
}
