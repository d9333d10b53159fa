import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import {
  CenterQuery,
  CenterTemplate,
  Id,
  IssueInput,
  IssueResult,
  MyCoupon,
  MyPage,
  MyQuery,
  NewUserPack,
  page,
  Paging,
  Template,
  TemplateInput,
} from './dto.ts';
import * as svc from './service.ts';

const tags = ['优惠券'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

export default async function couponRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- shoppers ----
  r.get(
    '/api/v1/coupons/center',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '领券中心（可按店铺或商品筛选）',
        querystring: CenterQuery,
        response: { 200: page(CenterTemplate) },
      },
    },
    async (req) => svc.listClaimCenter(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/coupons/center/:id/claim',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '领取优惠券',
        description:
          '发行量与每人限领在并发下都不会超发：已领完返回 409 sold-out，超过限领返回 409 claim-limit-reached。',
        headers: idempotencyHeader,
        params: Id,
        response: { 201: MyCoupon },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.claimCoupon(ctxOf(req), req.params.id))),
  );
  r.get(
    '/api/v1/coupons/new-user-pack',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '新人礼包：能否领取及内容', response: { 200: NewUserPack } },
    },
    async (req) => svc.getNewUserPack(ctxOf(req)),
  );
  r.post(
    '/api/v1/coupons/new-user-pack',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '领取新人礼包（每人一次，仅限尚无已支付订单的用户）',
        headers: idempotencyHeader,
        response: { 201: z.object({ items: z.array(MyCoupon) }) },
      },
    },
    async (req, reply) => reply.status(201).send({ items: unwrap(await svc.claimNewUserPack(ctxOf(req))) }),
  );
  r.get(
    '/api/v1/coupons/mine',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的优惠券（可用 / 已使用 / 已过期）',
        querystring: MyQuery,
        response: { 200: MyPage },
      },
    },
    async (req) => svc.listMyCoupons(ctxOf(req), req.query),
  );

  // ---- merchants (店铺券) and operators (平台券): the same use-cases, owned by the shop or by the platform ----
  for (const [as, base, permission] of [
    ['merchant', '/api/v1/merchant/coupon-templates', 'merchant:marketing.manage'],
    ['platform', '/api/v1/admin/coupon-templates', 'staff:marketing.manage'],
  ] as const) {
    const who = as === 'merchant' ? '店铺券' : '平台券';
    r.get(
      base,
      {
        config: { permission },
        schema: {
          tags,
          summary: `${who}模板列表（含发放、使用与优惠金额统计）`,
          querystring: Paging,
          response: { 200: page(Template) },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        return svc.listTemplates(ctx, svc.ownerOf(ctx, as), req.query);
      },
    );
    r.post(
      base,
      {
        config: { permission },
        schema: { tags, summary: `创建${who}模板`, body: TemplateInput, response: { 201: Template } },
      },
      async (req, reply) => {
        const ctx = ctxOf(req);
        return reply.status(201).send(unwrap(await svc.createTemplate(ctx, svc.ownerOf(ctx, as), req.body)));
      },
    );
    r.post(
      `${base}/:id/stop`,
      {
        config: { permission },
        schema: { tags, summary: `停止发放${who}（已发出的券仍可使用）`, params: Id, response: { 200: Template } },
      },
      async (req) => {
        const ctx = ctxOf(req);
        return svc.stopTemplate(ctx, svc.ownerOf(ctx, as), req.params.id);
      },
    );
    r.post(
      `${base}/:id/issue`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `定向发放${who}（指定用户或人群）`,
          description: '每人一张；已达每人限领的用户跳过；剩余数量不足时整批不发放（409 sold-out）。',
          headers: idempotencyHeader,
          params: Id,
          body: IssueInput,
          response: { 200: IssueResult },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        return unwrap(await svc.issueToUsers(ctx, svc.ownerOf(ctx, as), req.params.id, req.body));
      },
    );
  }
}
