import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { RequiredIdempotencyKey } from '../../platform/idempotency.ts';
import { CARRIERS } from '../logistics/api.ts';
import { ShipInput } from '../orders/api.ts';
import { CaseOrNone, CaseView, QueueQuery, VerdictBody } from './dto.ts';
import * as svc from './service.ts';

const Id = z.object({ id: z.string().max(64) });
const tags = ['鉴定中心'];
const inspector = { permission: 'staff:authentication.decide' as const };

export default async function authenticationRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orders/:id/authentication',
    {
      config: { permission: 'user' },
      schema: {
        tags,
        summary: '我的订单的鉴定状态与证书（无需鉴定时为 null）',
        params: Id,
        response: { 200: CaseOrNone },
      },
    },
    async (req) => svc.caseForBuyer(ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/merchant/orders/:id/authentication',
    {
      config: { permission: 'merchant:orders.read' },
      schema: { tags, summary: '本店订单的鉴定状态（无需鉴定时为 null）', params: Id, response: { 200: CaseOrNone } },
    },
    async (req) => svc.caseForMerchant(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/merchant/orders/:id/authentication/inbound',
    {
      config: { permission: 'merchant:orders.ship' },
      schema: {
        tags,
        summary: '寄往鉴定中心：登记运单',
        description: '需鉴定的订单不能直接发给买家：商家寄往平台鉴定中心并登记运单。重复登记同一运单返回原结果。',
        params: Id,
        body: ShipInput,
        response: { 200: CaseView },
      },
    },
    async (req) => unwrap(await svc.recordInbound(ctxOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/admin/authentication/cases',
    {
      config: inspector,
      schema: {
        tags,
        summary: '鉴定队列（最早的在前）',
        querystring: QueueQuery,
        response: {
          200: z.object({
            items: z.array(CaseView),
            carriers: z.array(z.string()).describe('转寄与退回可选的快递公司'),
          }),
        },
      },
    },
    async (req) => ({
      ...(await svc.listCases(
        ctxOf(req),
        req.query.status === 'waiting' ? ['awaiting_inbound', 'at_centre'] : ['passed', 'failed'],
      )),
      carriers: [...CARRIERS],
    }),
  );
  r.post(
    '/api/v1/admin/authentication/cases/:id/verdict',
    {
      config: inspector,
      schema: {
        tags,
        summary: '出具鉴定结论（需 Idempotency-Key）',
        description:
          '通过：签发证书、写入透明度日志并由鉴定中心转寄买家（运单为转寄运单）；未通过：写入日志、原路全额退款，商品退回商家（运单为退回运单）。不在鉴定中时返回 409。',
        headers: RequiredIdempotencyKey,
        params: Id,
        body: VerdictBody,
        response: { 200: CaseView },
      },
    },
    async (req) => unwrap(await svc.decide(ctxOf(req), req.params.id, req.body)),
  );
}
