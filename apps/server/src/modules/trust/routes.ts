import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import * as apps from './applications.ts';
import * as deposits from './deposits.ts';
import * as penalties from './penalties.ts';
import trustCaseRoutes from './routes-cases.ts';
import qualificationRoutes from './routes-qualifications.ts';
import {
  AdmissionRules,
  ApplicationBody,
  ApplicationView,
  DecisionBody,
  DepositView,
  ExitBody,
  PenaltyBody,
  PenaltyView,
  TransferBody,
} from './dto.ts';
import { CATEGORY_RULES, QUALIFICATION_KINDS, REVIEW_WORKING_DAYS } from './rules.ts';
import { APPLICATION_STATUSES } from './schema.ts';

const IdParams = z.object({ id: z.string().max(64) });
const tags = ['商家入驻与保证金'];

export default async function trustRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const user = { permission: 'user' as const };
  await trustCaseRoutes(app);
  await qualificationRoutes(app);

  r.get(
    '/api/v1/merchant-applications/rules',
    {
      config: user,
      schema: { tags, summary: '入驻规则：各主营类目的保证金与资质要求', response: { 200: AdmissionRules } },
    },
    async () => ({
      categories: CATEGORY_RULES.map((c) => ({
        categoryId: c.categoryId,
        name: c.name,
        deposit: c.deposit,
        qualifications: c.qualifications.map((kind) => ({ kind, name: QUALIFICATION_KINDS[kind] })),
      })),
      reviewWorkingDays: REVIEW_WORKING_DAYS,
    }),
  );

  r.post(
    '/api/v1/merchant-applications',
    {
      config: user,
      schema: { tags, summary: '提交入驻申请', body: ApplicationBody, response: { 201: ApplicationView } },
    },
    async (req, reply) => reply.status(201).send(unwrap(await apps.submitApplication(ctxOf(req), req.body))),
  );

  r.get(
    '/api/v1/merchant-applications/mine',
    {
      config: user,
      schema: { tags, summary: '我的入驻申请', response: { 200: z.object({ items: z.array(ApplicationView) }) } },
    },
    async (req) => apps.listMyApplications(ctxOf(req)),
  );

  r.get(
    '/api/v1/merchant-applications/:id',
    {
      config: user,
      schema: { tags, summary: '入驻申请详情（含审核记录）', params: IdParams, response: { 200: ApplicationView } },
    },
    async (req) => apps.getApplication(ctxOf(req), req.params.id),
  );

  r.put(
    '/api/v1/merchant-applications/:id',
    {
      config: user,
      schema: {
        tags,
        summary: '补充资料后重新提交',
        params: IdParams,
        body: ApplicationBody,
        response: { 200: ApplicationView },
      },
    },
    async (req) => unwrap(await apps.resubmitApplication(ctxOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/admin/merchant-applications',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '入驻审核队列（待审核按提交时间先后，含审核时限）',
        querystring: z.object({
          status: z.enum(APPLICATION_STATUSES).default('submitted'),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(ApplicationView), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => apps.listApplicationQueue(ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/admin/merchant-applications/:id/decision',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '审核入驻申请：通过（开店）/ 驳回 / 要求补充资料',
        params: IdParams,
        body: DecisionBody,
        response: { 200: ApplicationView },
      },
    },
    async (req) => unwrap(await apps.decideApplication(ctxOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/merchant/deposit',
    {
      config: { permission: 'merchant:finance.read' },
      schema: { tags, summary: '本店保证金', response: { 200: DepositView } },
    },
    async (req) => deposits.getOwnDeposit(ctxOf(req)),
  );

  r.post(
    '/api/v1/merchant/deposit/pay-from-balance',
    {
      config: { permission: 'merchant:finance.pay' },
      schema: { tags, summary: '用店铺可用余额补足保证金（仅店主）', response: { 200: DepositView } },
    },
    async (req) => unwrap(await deposits.payDepositFromBalance(ctxOf(req))),
  );

  r.get(
    '/api/v1/admin/merchants/:id/deposit',
    {
      config: { permission: 'staff:finance.read' },
      schema: { tags, summary: '商家保证金', params: IdParams, response: { 200: DepositView } },
    },
    async (req) => deposits.getMerchantDeposit(ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/admin/merchants/:id/deposit/transfers',
    {
      config: { permission: 'staff:finance.manage' },
      schema: {
        tags,
        summary: '确认保证金银行转账到账',
        params: IdParams,
        body: TransferBody,
        response: { 200: DepositView },
      },
    },
    async (req) => unwrap(await deposits.recordDepositTransfer(ctxOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/v1/admin/merchants/:id/penalties',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '处罚商家：警告 / 暂停营业 / 扣除保证金（转入先行赔付保障金），均留存记录',
        params: IdParams,
        body: PenaltyBody,
        response: { 201: PenaltyView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(unwrap(await penalties.imposePenalty(ctxOf(req), req.params.id, req.body))),
  );

  r.get(
    '/api/v1/admin/merchants/:id/penalties',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '商家处罚记录',
        params: IdParams,
        response: { 200: z.object({ items: z.array(PenaltyView) }) },
      },
    },
    async (req) => penalties.listPenalties(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/merchant/penalties',
    {
      config: { permission: 'merchant:finance.read' },
      schema: { tags, summary: '本店处罚记录', response: { 200: z.object({ items: z.array(PenaltyView) }) } },
    },
    async (req) => penalties.listOwnPenalties(ctxOf(req)),
  );

  r.post(
    '/api/v1/admin/merchants/:id/exit',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '商家退出：暂停营业，售后期结束后退还保证金',
        params: IdParams,
        body: ExitBody,
        response: { 200: DepositView },
      },
    },
    async (req) => unwrap(await deposits.startMerchantExit(ctxOf(req), req.params.id, req.body.reason)),
  );

  r.post(
    '/api/v1/admin/merchants/:id/deposit/refund',
    {
      config: { permission: 'staff:finance.manage' },
      schema: { tags, summary: '退还保证金（退出且售后期结束后）', params: IdParams, response: { 200: DepositView } },
    },
    async (req) => unwrap(await deposits.refundDeposit(ctxOf(req), req.params.id)),
  );
}
