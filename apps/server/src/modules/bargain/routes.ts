import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import {
  CampaignId as Id,
  CampaignOrderBody,
  campaignPage as page,
  CampaignPaging as Paging,
  CampaignQuoteBody,
  Quote,
} from '../orders/api.ts';
import {
  Bargain,
  BargainCampaign,
  BargainCampaignWithStats,
  CreateBargainCampaign,
  Ordered,
  ProductBargains,
} from './dto.ts';
import * as svc from './service.ts';

const tags = ['砍价'];

export default async function bargainRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/products/:id/bargains',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '商品的进行中砍价活动', params: Id, response: { 200: ProductBargains } },
    },
    async (req) => svc.productBargains(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/bargain/campaigns/:id/start',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '发起砍价（每人每个活动一次）', params: Id, response: { 201: Bargain } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.startBargain(ctxOf(req), req.params.id))),
  );
  r.get(
    '/api/v1/bargains/:id',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '砍价详情（分享页）', params: Id, response: { 200: Bargain } },
    },
    async (req) => svc.getBargain(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/bargains/:id/help',
    {
      // Per-IP limit on top of the per-account and per-device rules in the use-case.
      config: { permission: 'user', rateLimit: { max: 20, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary: '帮好友砍一刀',
        description: '每个账号在同一活动只能帮砍一次；同一 IP 或设备（X-Device-Id）每天帮砍次数有限。',
        headers: z.object({ 'x-device-id': z.string().max(100).optional() }),
        params: Id,
        response: { 200: Bargain },
      },
    },
    async (req) => unwrap(await svc.helpBargain(ctxOf(req), req.params.id, req.headers['x-device-id'])),
  );
  r.post(
    '/api/v1/bargains/:id/quote',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '按当前砍后价试算', params: Id, body: CampaignQuoteBody, response: { 200: Quote } },
    },
    async (req) => unwrap(await svc.quoteBargainOrder(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/bargains/:id/order',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '按当前砍后价下单（需 Idempotency-Key）',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        params: Id,
        body: CampaignOrderBody,
        response: { 201: Ordered },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.orderBargain(ctxOf(req), req.params.id, req.body))),
  );
  r.get(
    '/api/v1/bargain/mine',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的砍价', querystring: Paging, response: { 200: page(Bargain) } },
    },
    async (req) => svc.listMyBargains(ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/merchant/bargain/campaigns',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: { tags, summary: '创建砍价活动', body: CreateBargainCampaign, response: { 201: BargainCampaign } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createBargainCampaign(ctxOf(req), req.body))),
  );
  r.get(
    '/api/v1/merchant/bargain/campaigns',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '砍价活动列表（商家看自己的，运营看全部）',
        querystring: Paging,
        response: { 200: page(BargainCampaignWithStats) },
      },
    },
    async (req) => svc.listBargainCampaignsForStaff(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/merchant/bargain/campaigns/:id/stop',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: { tags, summary: '提前结束砍价活动', params: Id, response: { 200: BargainCampaign } },
    },
    async (req) => svc.stopBargainCampaign(ctxOf(req), req.params.id),
  );
}
