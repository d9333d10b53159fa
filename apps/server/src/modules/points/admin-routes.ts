import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import {
  CharityProject,
  CharityProjectInput,
  CharityProjectPatch,
  IdParams,
  MallItem,
  MallItemInput,
  MallItemPatch,
  page,
  PointsStats,
  Redemption,
  RedemptionDecision,
  RedemptionQuery,
} from './dto.ts';
import * as svc from './service.ts';

const tags = ['积分（运营）'];

/** Platform operators: points totals from the ledger, the mall and its redemptions, charity projects. */
export default async function adminPointsRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/points/stats',
    {
      config: { permission: 'staff:insights.read' },
      schema: {
        tags,
        summary: '积分总账：发放、流通、兑换、过期、捐赠（来自账本）与对账',
        response: { 200: PointsStats },
      },
    },
    async (req) => svc.pointsStats(ctxOf(req)),
  );

  r.get(
    '/api/v1/admin/points/mall-items',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: { tags, summary: '积分商城商品（含已下架）', response: { 200: z.object({ items: z.array(MallItem) }) } },
    },
    async (req) => svc.listMallItems(ctxOf(req).db, { includeInactive: true }),
  );
  r.post(
    '/api/v1/admin/points/mall-items',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: { tags, summary: '新增积分商品', body: MallItemInput, response: { 201: MallItem } },
    },
    async (req, reply) => reply.status(201).send(await svc.createMallItem(ctxOf(req), req.body)),
  );
  r.patch(
    '/api/v1/admin/points/mall-items/:id',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags,
        summary: '修改积分商品（价格、库存、上下架）',
        params: IdParams,
        body: MallItemPatch,
        response: { 200: MallItem },
      },
    },
    async (req) => svc.updateMallItem(ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/v1/admin/points/redemptions',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags,
        summary: '兑换记录（待发货 / 已发货 / 已取消）',
        querystring: RedemptionQuery,
        response: { 200: page(Redemption) },
      },
    },
    async (req) => svc.listRedemptions(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/admin/points/redemptions/:id/decision',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags,
        summary: '兑换发货或取消（取消则退回积分与库存）',
        params: IdParams,
        body: RedemptionDecision,
        response: { 200: Redemption },
      },
    },
    async (req) => svc.decideRedemption(ctxOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/admin/charity/projects',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags,
        summary: '公益项目（含已结束）',
        response: { 200: z.object({ items: z.array(CharityProject) }) },
      },
    },
    async (req) => svc.listCharityProjects(ctxOf(req).db, { includeClosed: true }),
  );
  r.post(
    '/api/v1/admin/charity/projects',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: { tags, summary: '新建公益项目', body: CharityProjectInput, response: { 201: CharityProject } },
    },
    async (req, reply) => reply.status(201).send(await svc.createCharityProject(ctxOf(req), req.body)),
  );
  r.patch(
    '/api/v1/admin/charity/projects/:id',
    {
      config: { permission: 'staff:marketing.manage' },
      schema: {
        tags,
        summary: '修改或结束公益项目',
        params: IdParams,
        body: CharityProjectPatch,
        response: { 200: CharityProject },
      },
    },
    async (req) => svc.updateCharityProject(ctxOf(req), req.params.id, req.body),
  );
}
