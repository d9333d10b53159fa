import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { MAX_TOTAL_RATE_BP } from './rules.ts';
import * as svc from './service.ts';

const Rate = z
  .number()
  .int('比例以万分之一为单位，须为整数')
  .min(0)
  .max(MAX_TOTAL_RATE_BP, `比例不能超过 ${MAX_TOTAL_RATE_BP / 100}%`);
const RuleBody = z.object({
  scope: z.enum(['product', 'category', 'default']),
  target: z.string().min(1).max(64),
  rateBp: Rate,
  capAmount: z.number().int().min(1).max(100_000_000).nullable().default(null),
  secondRateBp: Rate.default(0),
});
const Rule = z.object({
  id: z.string(),
  owner: z.enum(['merchant', 'platform']),
  scope: z.enum(['product', 'category', 'default']),
  target: z.string(),
  targetName: z.string(),
  rateBp: z.number(),
  capAmount: z.number().nullable(),
  secondRateBp: z.number(),
  updatedAt: z.string(),
});
const Stats = z.object({
  totals: z.object({
    orders: z.number(),
    promoters: z.number(),
    gmv: z.number(),
    recorded: z.number(),
    pending: z.number(),
    settled: z.number(),
    reversed: z.number(),
  }),
  daily: z.array(z.object({ day: z.string(), orders: z.number(), commission: z.number() })),
  topProducts: z.array(
    z.object({ productId: z.string(), title: z.string(), orders: z.number(), gmv: z.number(), commission: z.number() }),
  ),
  topPromoters: z.array(
    z.object({ nickname: z.string(), orders: z.number(), gmv: z.number(), commission: z.number() }),
  ),
});
const Check = z.object({
  code: z.string(),
  name: z.string(),
  ok: z.boolean(),
  expected: z.number(),
  actual: z.number(),
});
const IdParams = z.object({ id: z.string().min(1).max(64) });

const tags = ['分销管理'];

/** Commission rules for merchants and operators, distribution stats and the distribution reconciliation. */
export default async function staffRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/merchant/commission-rules',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: {
        tags,
        summary: '本店佣金规则（及平台默认规则）',
        response: { 200: z.object({ items: z.array(Rule), defaults: z.array(Rule) }) },
      },
    },
    async (req) => svc.listMerchantRules(ctxOf(req)),
  );
  r.put(
    '/api/v1/merchant/commission-rules',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: {
        tags,
        summary: '设置本店商品或类目的佣金规则（同一对象覆盖）',
        body: RuleBody,
        response: { 200: Rule },
      },
    },
    async (req) => unwrap(await svc.putMerchantRule(ctxOf(req), req.body)),
  );
  r.delete(
    '/api/v1/merchant/commission-rules/:id',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: { tags, summary: '删除本店佣金规则', params: IdParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await svc.deleteRule(ctxOf(req), req.params.id, 'merchant');
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/v1/merchant/distribution/stats',
    {
      config: { permission: 'merchant:insights.read' },
      schema: { tags, summary: '本店分销数据', response: { 200: Stats } },
    },
    async (req) => svc.distributionStats(ctxOf(req), 'merchant'),
  );

  r.get(
    '/api/v1/admin/commission-rules',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: { tags, summary: '平台默认佣金规则', response: { 200: z.object({ items: z.array(Rule) }) } },
    },
    async (req) => svc.listPlatformRules(ctxOf(req)),
  );
  r.put(
    '/api/v1/admin/commission-rules',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags,
        summary: '设置平台默认佣金规则（按类目，或 scope=default 全局）',
        body: RuleBody,
        response: { 200: Rule },
      },
    },
    async (req) => unwrap(await svc.putPlatformRule(ctxOf(req), req.body)),
  );
  r.delete(
    '/api/v1/admin/commission-rules/:id',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: { tags, summary: '删除平台佣金规则', params: IdParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await svc.deleteRule(ctxOf(req), req.params.id, 'platform');
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/v1/admin/distribution/stats',
    {
      config: { permission: 'staff:insights.read' },
      schema: { tags, summary: '全平台分销数据', response: { 200: Stats } },
    },
    async (req) => svc.distributionStats(ctxOf(req), 'platform'),
  );
  r.get(
    '/api/v1/admin/distribution/reconciliation',
    {
      config: { permission: 'staff:finance.read' },
      schema: {
        tags,
        summary: '分销对账：佣金、冲回、提现与总账',
        response: { 200: z.object({ ok: z.boolean(), checks: z.array(Check), problems: z.array(z.string()) }) },
      },
    },
    async (req) => svc.runDistributionReconciliation(ctxOf(req)),
  );
}
