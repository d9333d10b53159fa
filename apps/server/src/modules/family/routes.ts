import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { requestOrigin } from '../../platform/origin.ts';
import * as svc from './service.ts';

const tags = ['亲情付与关怀模式'];
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });
const Id = z.object({ id: z.string().min(1).max(64) });
const Person = z.object({ id: z.string(), nickname: z.string() });
const Budget = z.number().int().min(100).max(100_000_000).describe('每月额度（分）');
const Categories = z.array(z.string().min(1).max(64)).max(50).describe('允许的一级类目 ID，空数组表示不限');
const Binding = z.object({
  id: z.string(),
  role: z.enum(['child', 'parent']),
  status: z.enum(['invited', 'active', 'declined', 'ended']),
  child: Person,
  parent: Person,
  monthlyBudget: z.number().int(),
  allowedCategories: z.array(z.object({ id: z.string(), name: z.string() })),
  month: z.string(),
  usedThisMonth: z.number().int(),
  remainingThisMonth: z.number().int(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
});
const PayRequest = z.object({
  id: z.string(),
  kind: z.enum(['family', 'link']),
  checkoutId: z.string(),
  status: z.enum(['open', 'paid', 'cancelled']),
  amount: z.number().int(),
  requester: Person,
  payer: Person.nullable(),
  bindingId: z.string().nullable(),
  linkPath: z.string(),
  items: z.array(z.object({ title: z.string(), qty: z.number().int(), imageUrl: z.string().nullable() })),
  expiresAt: z.string(),
  expired: z.boolean(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  refundedAmount: z.number().int(),
  cancelReason: z.string().nullable(),
});
const Payment = z.object({
  paymentId: z.string(),
  checkoutId: z.string(),
  method: z.string(),
  amount: z.number().int(),
  payUrl: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed', 'duplicate']),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
const CareMode = z.object({
  enabled: z.boolean(),
  voicePrices: z.boolean(),
  setBy: z.enum(['self', 'family']).nullable(),
});
const CareModeBody = z.object({ enabled: z.boolean(), voicePrices: z.boolean() });
const PayBody = z.object({ method: z.string().max(32).optional() });

export default async function familyRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const originOf = (req: Parameters<typeof requestOrigin>[0]) => {
    const publicUrl = req.server.deps.config.PUBLIC_URL;
    return publicUrl ? new URL(publicUrl).origin : requestOrigin(req);
  };

  r.get(
    '/api/v1/family/bindings',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的亲情付（我绑定的长辈、绑定我的家人）',
        response: { 200: z.object({ items: z.array(Binding) }) },
      },
    },
    async (req) => svc.listBindings(ctxOf(req)),
  );
  r.post(
    '/api/v1/family/bindings',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '邀请长辈开通亲情付（长辈确认后生效）',
        body: z.object({
          parentPhone: z.string().regex(/^1\d{10}$/, '请输入 11 位手机号'),
          monthlyBudget: Budget,
          allowedCategoryIds: Categories,
        }),
        response: { 201: Binding },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.inviteParent(ctxOf(req), req.body))),
  );
  r.put(
    '/api/v1/family/bindings/:id',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '修改每月额度与可用类目（付款人）',
        params: Id,
        body: z.object({ monthlyBudget: Budget, allowedCategoryIds: Categories }),
        response: { 200: Binding },
      },
    },
    async (req) => unwrap(await svc.updateBinding(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/family/bindings/:id/accept',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '长辈接受亲情付邀请', params: Id, response: { 200: Binding } },
    },
    async (req) => unwrap(await svc.answerInvitation(ctxOf(req), req.params.id, true)),
  );
  r.post(
    '/api/v1/family/bindings/:id/decline',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '长辈拒绝亲情付邀请', params: Id, response: { 200: Binding } },
    },
    async (req) => unwrap(await svc.answerInvitation(ctxOf(req), req.params.id, false)),
  );
  r.post(
    '/api/v1/family/bindings/:id/end',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '解除亲情付（任一方；等待中的代付请求随之取消）',
        params: Id,
        response: { 200: z.object({ id: z.string(), status: z.literal('ended') }) },
      },
    },
    async (req) => unwrap(await svc.endBinding(ctxOf(req), req.params.id)),
  );
  r.get(
    '/api/v1/family/bindings/:id/care-mode',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '家人的关怀模式', params: Id, response: { 200: CareMode } },
    },
    async (req) => svc.familyCareMode(ctxOf(req), req.params.id),
  );
  r.put(
    '/api/v1/family/bindings/:id/care-mode',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '为家人开关关怀模式', params: Id, body: CareModeBody, response: { 200: CareMode } },
    },
    async (req) => svc.setFamilyCareMode(ctxOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/family/checkouts/:id/options',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '收银台的亲情付选项（额度与类目是否满足）',
        params: Id,
        response: {
          200: z.object({
            amount: z.number().int(),
            options: z.array(
              z.object({
                bindingId: z.string(),
                child: Person,
                remainingThisMonth: z.number().int(),
                eligible: z.boolean(),
                reason: z.string().nullable(),
              }),
            ),
            openRequest: PayRequest.nullable(),
          }),
        },
      },
    },
    async (req) => svc.familyPayOptions(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/family/pay-requests',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '请家人付款：亲情付（占用本月额度）或代付链接（需 Idempotency-Key）',
        headers: IdempotencyHeader,
        body: z.object({
          checkoutId: z.string().min(1).max(64),
          kind: z.enum(['family', 'link']),
          bindingId: z.string().min(1).max(64).optional(),
        }),
        response: { 201: PayRequest },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await svc.requestPayment(ctxOf(req), req.body))),
  );
  r.get(
    '/api/v1/family/pay-requests',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '待我代付的请求与我发出的请求',
        response: { 200: z.object({ toPay: z.array(PayRequest), mine: z.array(PayRequest) }) },
      },
    },
    async (req) => svc.listRequests(ctxOf(req)),
  );
  r.post(
    '/api/v1/family/pay-requests/:id/withdraw',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '撤回代付请求（退回占用的额度）', params: Id, response: { 200: PayRequest } },
    },
    async (req) => unwrap(await svc.withdrawRequest(ctxOf(req), req.params.id)),
  );
  r.post(
    '/api/v1/family/pay-requests/:id/payment',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '为家人的订单付款（亲情付，付款人本人确认）',
        headers: IdempotencyHeader,
        params: Id,
        body: PayBody,
        response: { 200: Payment },
      },
    },
    async (req) => unwrap(await svc.payRequest(ctxOf(req), { id: req.params.id }, req.body, originOf(req))),
  );
  r.get(
    '/api/v1/family/pay-links/:token',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '查看代付链接',
        params: z.object({ token: z.string().min(10).max(64) }),
        response: { 200: PayRequest },
      },
    },
    async (req) => svc.viewLink(ctxOf(req), req.params.token),
  );
  r.post(
    '/api/v1/family/pay-links/:token/payment',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '通过代付链接付款（登录即可，随订单超时失效）',
        headers: IdempotencyHeader,
        params: z.object({ token: z.string().min(10).max(64) }),
        body: PayBody,
        response: { 200: Payment },
      },
    },
    async (req) => unwrap(await svc.payRequest(ctxOf(req), { token: req.params.token }, req.body, originOf(req))),
  );

  r.get(
    '/api/v1/me/care-mode',
    {
      config: { permission: 'user' },
      schema: { tags, summary: '我的关怀模式', response: { 200: CareMode } },
    },
    async (req) => svc.myCareMode(ctxOf(req)),
  );
  r.put(
    '/api/v1/me/care-mode',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '开关关怀模式（大字、高对比、简化、可选读价）',
        body: CareModeBody,
        response: { 200: CareMode },
      },
    },
    async (req) => svc.setMyCareMode(ctxOf(req), req.body),
  );
}
