import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { Quote } from '../orders/api.ts';
import {
  Ballot,
  CategoryDemand,
  DesignVote,
  Id,
  items,
  MyPledge,
  NewDesignVote,
  NewPresale,
  NewProposal,
  PledgeBody,
  PledgePlaced,
  PledgeQuoteBody,
  Presale,
  Proposal,
  ProposalQuery,
  StaffPresale,
} from './dto.ts';
import * as svc from './service.ts';

const tags = ['C2M'];
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

export default async function c2mRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- demand pool ----
  r.get(
    '/api/v1/c2m/proposals',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '需求池（票数从高到低，可按类目）',
        querystring: ProposalQuery,
        response: { 200: items(Proposal) },
      },
    },
    async (req) => ({ items: await svc.listProposals(ctxOf(req), req.query) }),
  );
  r.post(
    '/api/v1/c2m/proposals',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '提出需求（商品或颜色、尺码、口味等规格）',
        body: NewProposal,
        response: { 201: Proposal },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.proposeProduct(ctxOf(req), req.body))),
  );
  r.put(
    '/api/v1/c2m/proposals/:id/vote',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '为需求投票（每人一票，重复投票无效果）', params: Id, response: { 200: Proposal } },
    },
    async (req) => svc.voteProposal(ctxOf(req), req.params.id, false),
  );
  r.delete(
    '/api/v1/c2m/proposals/:id/vote',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '撤回投票', params: Id, response: { 200: Proposal } },
    },
    async (req) => svc.voteProposal(ctxOf(req), req.params.id, true),
  );

  // ---- design voting ----
  r.get(
    '/api/v1/c2m/design-votes',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '设计投票（截止后公布票数）', response: { 200: items(DesignVote) } },
    },
    async (req) => ({ items: await svc.listDesignVotes(ctxOf(req), {}) }),
  );
  r.post(
    '/api/v1/c2m/design-votes/:id/ballot',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '投出设计票（每人一次）', params: Id, body: Ballot, response: { 200: DesignVote } },
    },
    async (req) => unwrap(await svc.castDesignBallot(ctxOf(req), req.params.id, req.body.optionId)),
  );

  // ---- pre-sales (shop) ----
  r.get(
    '/api/v1/c2m/presales',
    { config: { permission: 'public' }, schema: { tags, summary: '进行中的预售', response: { 200: items(Presale) } } },
    async (req) => svc.listLivePresales(ctxOf(req)),
  );
  r.get(
    '/api/v1/c2m/presales/mine',
    { config: { permission: 'user' }, schema: { tags, summary: '我的预售订单', response: { 200: items(MyPledge) } } },
    async (req) => svc.listMyPledges(ctxOf(req)),
  );
  r.get(
    '/api/v1/c2m/presales/:id',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '预售详情（进度、截止时间、承诺发货日期）', params: Id, response: { 200: Presale } },
    },
    async (req) => svc.getPresale(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/products/:id/presales',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '商品的预售（其余规格照常现货销售）', params: Id, response: { 200: items(Presale) } },
    },
    async (req) => svc.productPresales(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/c2m/presales/:id/quote',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '预售价试算', params: Id, body: PledgeQuoteBody, response: { 200: Quote } },
    },
    async (req) => unwrap(await svc.quotePledge(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/c2m/presales/:id/pledges',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '参与预售（下单，需 Idempotency-Key）',
        description: '截止时未达目标，已付款的订单经支付渠道自动全额退款，优惠券与积分退回。',
        headers: IdempotencyHeader,
        params: Id,
        body: PledgeBody,
        response: { 201: PledgePlaced },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.pledge(ctxOf(req), req.params.id, req.body))),
  );
  r.post(
    '/api/v1/c2m/pledges/:id/late-refund',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '超过承诺发货日期未发货：申请全额退款',
        params: Id,
        response: { 200: z.object({ pledgeId: z.string(), status: z.enum(['refunding', 'refunded']) }) },
      },
    },
    async (req) => unwrap(await svc.refundLatePledge(ctxOf(req), req.params.id)),
  );

  // ---- merchant / operator ----
  r.get(
    '/api/v1/merchant/c2m/demand',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: { tags, summary: '按类目查看需求（票数从高到低）', response: { 200: items(CategoryDemand) } },
    },
    async (req) => ({ items: await svc.demandByCategory(ctxOf(req)) }),
  );
  r.get(
    '/api/v1/merchant/c2m/design-votes',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: { tags, summary: '本店的设计投票', response: { 200: items(DesignVote) } },
    },
    async (req) => ({ items: await svc.listMerchantDesignVotes(ctxOf(req)) }),
  );
  r.post(
    '/api/v1/merchant/c2m/design-votes',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: {
        tags,
        summary: '发起设计投票（2–6 个方案，设截止时间）',
        body: NewDesignVote,
        response: { 201: DesignVote },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.openDesignVote(ctxOf(req), req.body))),
  );
  r.post(
    '/api/v1/merchant/c2m/presales',
    {
      config: { permission: 'merchant:marketing.manage' },
      schema: { tags, summary: '创建众筹预售', body: NewPresale, response: { 201: Presale } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.createPresale(ctxOf(req), req.body))),
  );
  r.get(
    '/api/v1/merchant/c2m/presales',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '预售活动（商家看自己的，运营看全部）', response: { 200: items(StaffPresale) } },
    },
    async (req) => svc.listPresalesForStaff(ctxOf(req)),
  );
}
