import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { Certificate, IdParams, PageQuery, PledgeInput, PledgeView, ProjectMoney, SalesLedger } from './dto.ts';
import * as svc from './service.ts';

/** 公益商品: the merchant's pledge per product, the public money ledger, and the buyer's donation certificates. */
export default async function charityRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['公益'];

  r.get(
    '/api/v1/merchant/products/:id/charity',
    {
      config: { permission: 'merchant:products.read' },
      schema: { tags, summary: '商品的公益设置', params: IdParams, response: { 200: PledgeView } },
    },
    async (req) => svc.getProductPledge(ctxOf(req), req.params.id),
  );
  r.put(
    '/api/v1/merchant/products/:id/charity',
    {
      config: { permission: 'merchant:products.manage' },
      schema: {
        tags,
        summary: '设为公益商品：每售出一件从货款中捐赠固定金额给公益项目',
        params: IdParams,
        body: PledgeInput,
        response: { 200: PledgeView },
      },
    },
    async (req) => unwrap(await svc.setProductPledge(ctxOf(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/merchant/products/:id/charity',
    {
      config: { permission: 'merchant:products.manage' },
      schema: { tags, summary: '取消公益商品（已捐赠的保留在账本上）', params: IdParams },
    },
    async (req, reply) => {
      await svc.removeProductPledge(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/products/:id/charity',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '商品页公益标识（项目进行中时）', params: IdParams, response: { 200: PledgeView } },
    },
    async (req) => svc.publicProductPledge(ctxOf(req).db, req.params.id),
  );
  r.get(
    '/api/v1/charity/money',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '公益商品募集金额（每个项目，来自账本）',
        response: { 200: z.object({ items: z.array(ProjectMoney) }) },
      },
    },
    async (req) => svc.projectMoneyTotals(ctxOf(req).db),
  );
  r.get(
    '/api/v1/charity/projects/:id/sales',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '公益账本：公益商品的每一笔捐赠（购买者昵称脱敏）',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: SalesLedger },
      },
    },
    async (req) => svc.projectSalesLedger(ctxOf(req).db, req.params.id, req.query),
  );

  r.get(
    '/api/v1/orders/:id/charity-certificates',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '本订单的捐赠证书（仅购买者本人）',
        params: IdParams,
        response: { 200: z.object({ items: z.array(Certificate) }) },
      },
    },
    async (req) => svc.myOrderCertificates(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/me/charity-certificates/:id',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '捐赠证书（仅购买者本人可见）', params: IdParams, response: { 200: Certificate } },
    },
    async (req) => svc.myCertificate(ctxOf(req), req.params.id),
  );
}
