import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { QualificationView, RenewalBody, RenewalDecisionBody, RenewalView } from './dto-qualifications.ts';
import { decideRenewal, listRenewalQueue } from './qualification-renewals.ts';
import { listOwnQualifications, submitRenewal } from './qualifications.ts';
import { RENEWAL_STATUSES } from './schema.ts';

const IdParams = z.object({ id: z.string().max(64) });
const tags = ['资质有效期与续期'];

export default async function qualificationRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/merchant/qualifications',
    {
      config: { permission: 'merchant:trust.read' },
      schema: {
        tags,
        summary: '本店资质：有效期、状态、续期申请与因过期下架的商品',
        response: { 200: z.object({ items: z.array(QualificationView) }) },
      },
    },
    async (req) => listOwnQualifications(ctxOf(req)),
  );

  r.post(
    '/api/v1/merchant/qualifications/:id/renewals',
    {
      config: { permission: 'merchant:shop.manage' },
      schema: {
        tags,
        summary: '更新资质：上传新证件与有效期，提交平台审核',
        params: IdParams,
        body: RenewalBody,
        response: { 201: QualificationView },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await submitRenewal(ctxOf(req), req.params.id, req.body))),
  );

  r.get(
    '/api/v1/admin/qualification-renewals',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '资质续期审核队列（待审核按提交先后）',
        querystring: z.object({
          status: z.enum(RENEWAL_STATUSES).default('pending'),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(RenewalView), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listRenewalQueue(ctxOf(req), req.query),
  );

  r.post(
    '/api/v1/admin/qualification-renewals/:id/decision',
    {
      config: { permission: 'staff:merchants.review' },
      schema: {
        tags,
        summary: '审核资质续期：通过（恢复因过期下架的商品）/ 驳回（写明原因）',
        params: IdParams,
        body: RenewalDecisionBody,
        response: { 200: RenewalView },
      },
    },
    async (req) => unwrap(await decideRenewal(ctxOf(req), req.params.id, req.body)),
  );
}
