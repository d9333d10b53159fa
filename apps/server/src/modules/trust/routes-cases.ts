import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingMerchant } from '../../platform/auth.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import * as claims from './compensation.ts';
import * as complaints from './complaints.ts';
import { viewCredit } from './credit.ts';
import {
  CLAIM_STATUSES,
  ClaimBody,
  ClaimDecision,
  ClaimView,
  COMPLAINT_STATUSES,
  ComplaintAction,
  MerchantComplaintResponse,
  ComplaintBody,
  ComplaintView,
  CreditView,
  FINDING_STATUSES,
  FindingView,
} from './dto-cases.ts';
import * as patrol from './patrol.ts';
import { tenfoldEligibility } from './tenfold.ts';

const IdParams = z.object({ id: z.string().max(64) });
const list = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item) });
const tags = ['投诉、先行赔付与信用分'];

/** Complaints (2 h), 先行赔付 (24 h), the computed credit score and the daily patrol (docs/TRUST.md). */
export default async function trustCaseRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const user = { permission: 'user' as const };
  const complaintDesk = { permission: 'staff:aftersales.decide' as const };
  const merchantReview = { permission: 'staff:merchants.review' as const };
  const shopTrust = { permission: 'merchant:trust.read' as const };
  const shopComplaints = { permission: 'merchant:complaints.handle' as const };

  r.post(
    '/api/v1/complaints',
    {
      config: user,
      schema: {
        tags,
        summary: '投诉订单、商品、直播间或笔记（2 小时内首次响应）',
        body: ComplaintBody,
        response: { 201: ComplaintView },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await complaints.fileComplaint(ctxOf(req), req.body))),
  );
  r.get(
    '/api/v1/complaints/mine',
    { config: user, schema: { tags, summary: '我的投诉', response: { 200: list(ComplaintView) } } },
    async (req) => complaints.listMyComplaints(ctxOf(req)),
  );
  r.get(
    '/api/v1/complaints/:id',
    {
      config: user,
      schema: { tags, summary: '投诉详情与处理进度', params: IdParams, response: { 200: ComplaintView } },
    },
    async (req) => complaints.getComplaint(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/compensation-claims',
    {
      config: user,
      schema: { tags, summary: '申请先行赔付（24 小时内处理）', body: ClaimBody, response: { 201: ClaimView } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await claims.claimCompensation(ctxOf(req), req.body))),
  );
  r.get(
    '/api/v1/compensation-claims/mine',
    { config: user, schema: { tags, summary: '我的先行赔付申请', response: { 200: list(ClaimView) } } },
    async (req) => claims.listMyClaims(ctxOf(req)),
  );
  r.get(
    '/api/v1/compensation-claims/tenfold',
    {
      config: user,
      schema: {
        tags,
        summary: '这笔订单的假货先行赔付是否适用假一赔十（直播间主播缴纳保证金时下单）',
        querystring: z.object({ orderId: z.string().max(64) }),
        response: { 200: z.object({ eligible: z.boolean(), amount: z.number().int() }) },
      },
    },
    async (req) => tenfoldEligibility(ctxOf(req), req.query.orderId),
  );
  r.get(
    '/api/v1/compensation-claims/:id',
    { config: user, schema: { tags, summary: '先行赔付详情与进度', params: IdParams, response: { 200: ClaimView } } },
    async (req) => claims.getClaim(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/admin/complaints',
    {
      config: complaintDesk,
      schema: {
        tags,
        summary: '投诉处理队列（按响应时限）',
        querystring: z.object({ status: z.enum(COMPLAINT_STATUSES).default('open') }),
        response: { 200: list(ComplaintView) },
      },
    },
    async (req) => complaints.listComplaintQueue(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/admin/complaints/:id/actions',
    {
      config: complaintDesk,
      schema: {
        tags,
        summary: '回复或办结投诉',
        params: IdParams,
        body: ComplaintAction,
        response: { 200: ComplaintView },
      },
    },
    async (req) => unwrap(await complaints.actOnComplaint(ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/admin/compensation-claims',
    {
      config: complaintDesk,
      schema: {
        tags,
        summary: '先行赔付队列（按 24 小时时限）',
        querystring: z.object({ status: z.enum(CLAIM_STATUSES).default('pending') }),
        response: {
          200: list(ClaimView).extend({
            stuckTransfers: z.number().int().describe('失败或超时未到账的赔付转账笔数'),
          }),
        },
      },
    },
    async (req) => claims.listClaimQueue(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/admin/compensation-claims/:id/decision',
    {
      config: complaintDesk,
      schema: {
        tags,
        summary: '审核先行赔付：通过（保障金赔付并向商家追偿）/ 驳回',
        params: IdParams,
        body: ClaimDecision,
        response: { 200: ClaimView },
      },
    },
    async (req) => unwrap(await claims.decideClaim(ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/admin/patrol-findings',
    {
      config: merchantReview,
      schema: {
        tags,
        summary: '巡检结果',
        querystring: z.object({
          status: z.enum(FINDING_STATUSES).default('open'),
          merchantId: z.string().max(64).optional(),
        }),
        response: { 200: list(FindingView) },
      },
    },
    async (req) => patrol.listFindings(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/admin/patrol-findings/:id/dismiss',
    {
      config: merchantReview,
      schema: { tags, summary: '巡检问题不成立，关闭', params: IdParams, response: { 200: FindingView } },
    },
    async (req) => unwrap(await patrol.dismissFinding(ctxOf(req), req.params.id)),
  );
  r.post(
    '/api/v1/admin/patrol/run',
    {
      config: merchantReview,
      schema: {
        tags,
        summary: '立即巡检一次（平时每天 00:30 自动运行）',
        response: { 200: z.object({ found: z.number().int(), opened: z.number().int(), fixed: z.number().int() }) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return ctx.tx((db) => patrol.runPatrol(db, ctx.now()));
    },
  );
  r.get(
    '/api/v1/admin/merchants/:id/credit',
    {
      config: merchantReview,
      schema: { tags, summary: '商家信用分明细', params: IdParams, response: { 200: CreditView } },
    },
    async (req) => viewCredit(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/merchant/credit',
    { config: shopTrust, schema: { tags, summary: '本店信用分及各项扣分', response: { 200: CreditView } } },
    async (req) => viewCredit(ctxOf(req)),
  );
  r.get(
    '/api/v1/merchant/patrol-findings',
    { config: shopTrust, schema: { tags, summary: '本店巡检结果', response: { 200: list(FindingView) } } },
    async (req) => patrol.listOwnFindings(ctxOf(req)),
  );
  r.get(
    '/api/v1/merchant/complaints',
    { config: shopComplaints, schema: { tags, summary: '本店被投诉记录', response: { 200: list(ComplaintView) } } },
    async (req) => {
      const ctx = ctxOf(req);
      return complaints.listShopComplaints(
        ctx,
        actingMerchant(ctx.actor, ctx.merchantHint, 'complaints.handle').merchantId,
      );
    },
  );
  r.post(
    '/api/v1/merchant/complaints/:id/responses',
    {
      config: shopComplaints,
      schema: {
        tags,
        summary: '商家回复投诉（2 小时内首次回复即停止计时）',
        params: IdParams,
        body: MerchantComplaintResponse,
        response: { 200: ComplaintView },
      },
    },
    async (req) => unwrap(await complaints.respondAsMerchant(ctxOf(req), req.params.id, req.body.message.trim())),
  );
}
