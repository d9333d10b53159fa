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
  Campaign,
  CampaignWithStats,
  CreateCampaign,
  GroupPage,
  GroupsQuery,
  MyGroupBuy,
  ProductGroupBuys,
  SeatTaken,
  StaffGroup,
} from './dto.ts';
import * as svc from './service.ts';

const tags = ['拼团'];
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

export default async function groupBuyRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/products/:id/group-buys',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '商品的进行中拼团活动及可参加的团', params: Id, response: { 200: ProductGroupBuys } },
    },
    async (req) => svc.productGroupBuys(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/group-buy/campaigns/:id/quote',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '拼团价试算（开团或参团前）',
        params: Id,
        body: CampaignQuoteBody,
        response: { 200: Quote },
      },
    },
    async (req) => unwrap(await svc.quoteSeat(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/group-buy/campaigns/:id/groups',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '开团（下单后付款即开团，需 Idempotency-Key）',
        description: '团长付款后拼团开始计时；开团订单在成团前不会发货。',
        headers: IdempotencyHeader,
        params: Id,
        body: CampaignOrderBody,
        response: { 201: SeatTaken },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.openGroup(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    '/api/v1/group-buy/groups/:id/join',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '参团（占座并下单，需 Idempotency-Key）',
        description: '最后一个名额并发时只有一人成功，其他人得到 409 group-full，可自己开团。',
        headers: IdempotencyHeader,
        params: Id,
        body: CampaignOrderBody,
        response: { 201: SeatTaken },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.joinGroup(ctxOf(req), req.params.id, req.body))),
  );
  r.get(
    '/api/v1/group-buy/groups/:id',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '拼团详情（分享页）', params: Id, response: { 200: GroupPage } },
    },
    async (req) => svc.getGroupPage(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/group-buy/groups/:id/poster.svg',
    { config: { permission: 'public' }, schema: { tags, summary: '分享海报（SVG，含二维码）', params: Id } },
    async (req, reply) => {
      const origin = req.server.deps.config.PUBLIC_URL ?? `${req.protocol}://${req.host}`;
      const svg = await svc.groupPosterSvg(ctxOf(req), req.params.id, `${origin}/group-buy/${req.params.id}`);
      return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-cache').send(svg);
    },
  );
  r.get(
    '/api/v1/group-buy/mine',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的拼团', querystring: Paging, response: { 200: page(MyGroupBuy) } },
    },
    async (req) => svc.listMyGroupBuys(ctxOf(req), req.query),
  );

  // ---- merchant / operator ----
  r.post(
    '/api/v1/merchant/group-buy/campaigns',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: { tags, summary: '创建拼团活动', body: CreateCampaign, response: { 201: Campaign } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createCampaign(ctxOf(req), req.body))),
  );
  r.get(
    '/api/v1/merchant/group-buy/campaigns',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '拼团活动列表（商家看自己的，运营看全部）',
        querystring: Paging,
        response: { 200: page(CampaignWithStats) },
      },
    },
    async (req) => svc.listCampaignsForStaff(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/merchant/group-buy/campaigns/:id/stop',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: { tags, summary: '提前结束拼团活动（已开的团照常进行）', params: Id, response: { 200: Campaign } },
    },
    async (req) => svc.stopCampaign(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/merchant/group-buy/campaigns/:id/groups',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '活动下的团及成员',
        params: Id,
        querystring: GroupsQuery,
        response: { 200: page(StaffGroup) },
      },
    },
    async (req) => svc.listCampaignGroups(ctxOf(req), req.params.id, req.query),
  );
}
