import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import {
  CustomerPage,
  CustomerQuery,
  MarketingPreference,
  Overview,
  Rule,
  RuleInput,
  RuleList,
  RuleParams,
} from './dto.ts';
import * as svc from './service.ts';

const tags = ['用户运营'];

export default async function lifecycleRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- operators (用户运营, every shopper) and merchants (老客运营, their own customers): the same use-cases ----
  for (const [as, base, permission] of [
    ['platform', '/api/v1/admin/lifecycle', 'staff:marketing.manage'],
    ['merchant', '/api/v1/merchant/lifecycle', 'merchant:marketing.manage'],
  ] as const) {
    const who = as === 'platform' ? '平台' : '本店';
    r.get(
      `${base}/overview`,
      {
        config: { permission },
        schema: { tags, summary: `${who}客户分层：当前分布、每日变化与迁移`, response: { 200: Overview } },
      },
      async (req) => svc.lifecycleOverview(ctxOf(req), as),
    );
    r.get(
      `${base}/customers`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `${who}客户列表：分层、健康分、流失预警（手机号脱敏）`,
          querystring: CustomerQuery,
          response: { 200: CustomerPage },
        },
      },
      async (req) => svc.listLifecycleCustomers(ctxOf(req), as, req.query),
    );
    r.get(
      `${base}/rules`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `${who}自动化规则：开关、频控、免打扰、对照组与提升效果`,
          response: { 200: RuleList },
        },
      },
      async (req) => svc.listLifecycleRules(ctxOf(req), as),
    );
    r.put(
      `${base}/rules/:kind`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `设置${who}的一条自动化规则`,
          params: RuleParams,
          body: RuleInput,
          response: { 200: Rule },
        },
      },
      async (req) => svc.updateLifecycleRule(ctxOf(req), as, req.params.kind, req.body),
    );
  }

  r.get(
    '/api/v1/me/marketing-messages',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的营销消息开关', response: { 200: MarketingPreference } },
    },
    async (req) => svc.getMarketingPreference(ctxOf(req)),
  );
  r.put(
    '/api/v1/me/marketing-messages',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '打开 / 关闭营销消息（关闭后不再收到任何营销短信）',
        body: MarketingPreference,
        response: { 200: MarketingPreference },
      },
    },
    async (req) => svc.setMarketingPreference(ctxOf(req), req.body.marketing),
  );
}
