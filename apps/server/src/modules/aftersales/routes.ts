import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { OwnMediaUrl } from '../../platform/media.ts';
import { CARRIERS } from '../logistics/api.ts';
import { approveAfterSale, receiveReturn, rejectAfterSale } from './decisions.ts';
import { confirmReplacement, shipReplacement } from './exchanges.ts';
import { cancelAfterSale, requestAfterSale, submitReturnShipment } from './requests.ts';
import { AFTER_SALE_REASONS, AFTER_SALE_STATUSES, AFTER_SALE_TYPES } from './schema.ts';
import { getAfterSale, listAfterSales } from './views.ts';

const Id = z.string().min(1).max(64);
const Status = z.enum(AFTER_SALE_STATUSES);
const AfterSale = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNo: z.string().describe('订单号（北京时间日期 + 当日序号）'),
  lineId: z.string(),
  merchantId: z.string(),
  productTitle: z.string(),
  specText: z.string(),
  type: z.enum(AFTER_SALE_TYPES),
  typeLabel: z.string(),
  reasonCode: z.enum(AFTER_SALE_REASONS),
  reasonLabel: z.string(),
  description: z.string(),
  images: z.array(z.string()),
  qty: z.number().int(),
  amount: z.number().int().describe('商品退款金额（分）'),
  shippingAmount: z.number().int().describe('退还运费（分）'),
  status: Status,
  statusLabel: z.string(),
  dueAt: z.string().nullable().describe('商家须在此之前处理，逾期平台介入'),
  escalatedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  returnShipment: z.object({ carrier: z.string(), trackingNo: z.string() }).nullable(),
  exchange: z
    .object({
      skuId: z.string(),
      specText: z.string(),
      reserved: z.boolean().describe('换货规格的库存是否已为本申请预留（同意后至寄出前）'),
      returnDefective: z.boolean().nullable().describe('退回的商品是否有质量问题（有则不重新入库）'),
      shipment: z.object({ carrier: z.string(), trackingNo: z.string(), shippedAt: z.string() }).nullable(),
      autoConfirmAt: z.string().nullable().describe('买家未确认时，到此时间自动确认收到换货'),
    })
    .nullable()
    .describe('换货信息（仅换货）'),
  refund: z
    .object({
      refundId: z.string(),
      amount: z.number().int(),
      status: z.enum(['pending', 'completed']),
      completedAt: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
const Detail = AfterSale.extend({
  timeline: z.array(
    z.object({
      at: z.string(),
      actor: z.enum(['buyer', 'merchant', 'operator', 'system']),
      action: z.string(),
      note: z.string().nullable(),
    }),
  ),
});
const Page = z.object({ items: z.array(AfterSale), nextCursor: z.string().nullable() });
const ListQuery = z.object({
  status: Status.optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').optional(),
});
const Params = z.object({ id: Id });
const Decision = z.object({ note: z.string().trim().max(200, '备注最多 200 字').optional() });
const Rejection = z.object({ reason: z.string().trim().min(2, '请填写拒绝原因').max(200, '拒绝原因最多 200 字') });

const RequestBody = z.object({
  orderId: Id,
  lineId: Id,
  qty: z.number().int('数量须为整数').min(1, '数量至少为 1'),
  type: z.enum(AFTER_SALE_TYPES, { error: '请选择仅退款、退货退款或换货' }),
  reasonCode: z.enum(AFTER_SALE_REASONS, { error: '请选择售后原因' }),
  description: z.string().trim().max(500, '问题描述最多 500 字').default(''),
  images: z.array(OwnMediaUrl).max(9, '最多上传 9 张图片').default([]),
  replacementSkuId: Id.optional().describe('换货：想换成的规格（同一商品、同价；不填为原规格）'),
});
const Waybill = z.object({
  carrier: z.enum(CARRIERS, { error: `快递公司须为：${CARRIERS.join('、')}` }),
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{6,40}$/, '请填写正确的快递单号'),
});

const buyerTags = ['售后'];
const merchantTags = ['商家售后'];
const adminTags = ['平台售后'];

export default async function afterSaleRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- buyer ----
  r.post(
    '/api/v1/after-sales',
    {
      config: { permission: 'user' },
      schema: {
        tags: buyerTags,
        summary: '申请售后（仅退款 / 退货退款 / 换货，可部分数量）',
        body: RequestBody,
        response: { 201: Detail },
      },
    },
    async (req, reply) => reply.status(201).send(unwrap(await requestAfterSale(ctxOf(req), req.body))),
  );
  r.get(
    '/api/v1/after-sales',
    {
      config: { permission: 'user' },
      schema: { tags: buyerTags, summary: '我的售后', querystring: ListQuery, response: { 200: Page } },
    },
    async (req) => listAfterSales(ctxOf(req), 'buyer', req.query),
  );
  r.get(
    '/api/v1/after-sales/:id',
    {
      config: { permission: 'user' },
      schema: { tags: buyerTags, summary: '售后详情（含进度）', params: Params, response: { 200: Detail } },
    },
    async (req) => getAfterSale(ctxOf(req), 'buyer', req.params.id),
  );
  r.post(
    '/api/v1/after-sales/:id/cancel',
    {
      config: { permission: 'user' },
      schema: { tags: buyerTags, summary: '撤销售后申请', params: Params, response: { 200: Detail } },
    },
    async (req) => cancelAfterSale(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/after-sales/:id/return-shipment',
    {
      config: { permission: 'user' },
      schema: {
        tags: buyerTags,
        summary: '填写退货物流',
        params: Params,
        body: z.object({
          carrier: z.string().trim().min(2, '请填写快递公司').max(20, '快递公司最多 20 字'),
          trackingNo: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9-]{6,40}$/, '请填写正确的快递单号'),
        }),
        response: { 200: Detail },
      },
    },
    async (req) => unwrap(await submitReturnShipment(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/after-sales/:id/confirm-replacement',
    {
      config: { permission: 'user' },
      schema: { tags: buyerTags, summary: '确认收到换货（换货完成）', params: Params, response: { 200: Detail } },
    },
    async (req) => confirmReplacement(ctxOf(req), req.params.id),
  );

  // ---- merchant ----
  r.get(
    '/api/v1/merchant/after-sales',
    {
      config: { permission: 'merchant:aftersales.read' },
      schema: {
        tags: merchantTags,
        summary: '售后申请列表（含处理时限）',
        querystring: ListQuery,
        response: { 200: Page },
      },
    },
    async (req) => listAfterSales(ctxOf(req), 'merchant', req.query),
  );
  r.get(
    '/api/v1/merchant/after-sales/:id',
    {
      config: { permission: 'merchant:aftersales.read' },
      schema: { tags: merchantTags, summary: '售后详情', params: Params, response: { 200: Detail } },
    },
    async (req) => getAfterSale(ctxOf(req), 'merchant', req.params.id),
  );
  r.post(
    '/api/v1/merchant/after-sales/:id/approve',
    {
      config: { permission: 'merchant:aftersales.decide' },
      schema: {
        tags: merchantTags,
        summary: '同意售后申请',
        params: Params,
        body: Decision.optional(),
        response: { 200: Detail },
      },
    },
    async (req) => unwrap(await approveAfterSale(ctxOf(req), 'merchant', req.params.id, req.body ?? {})),
  );
  r.post(
    '/api/v1/merchant/after-sales/:id/reject',
    {
      config: { permission: 'merchant:aftersales.decide' },
      schema: {
        tags: merchantTags,
        summary: '拒绝售后申请',
        params: Params,
        body: Rejection,
        response: { 200: Detail },
      },
    },
    async (req) => rejectAfterSale(ctxOf(req), 'merchant', req.params.id, req.body),
  );
  r.post(
    '/api/v1/merchant/after-sales/:id/receive-return',
    {
      config: { permission: 'merchant:aftersales.decide' },
      schema: {
        tags: merchantTags,
        summary: '确认收到退货并退款（换货：重新入库，待寄出换货）',
        params: Params,
        body: z
          .object({ defective: z.boolean().optional().describe('换货：退回的商品有质量问题，不重新入库') })
          .optional(),
        response: { 200: Detail },
      },
    },
    async (req) => unwrap(await receiveReturn(ctxOf(req), req.params.id, req.body ?? {})),
  );
  r.post(
    '/api/v1/merchant/after-sales/:id/ship-replacement',
    {
      config: { permission: 'merchant:aftersales.decide' },
      schema: {
        tags: merchantTags,
        summary: '寄出换货（填写运单）',
        params: Params,
        body: Waybill,
        response: { 200: Detail },
      },
    },
    async (req) => unwrap(await shipReplacement(ctxOf(req), req.params.id, req.body)),
  );

  // ---- operator ----
  r.get(
    '/api/v1/admin/after-sales',
    {
      config: { permission: 'staff:orders.read' },
      schema: {
        tags: adminTags,
        summary: '售后申请（escalated=true 只看待平台介入的）',
        querystring: ListQuery.extend({
          escalated: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: Page },
      },
    },
    async (req) => listAfterSales(ctxOf(req), 'operator', req.query),
  );
  r.get(
    '/api/v1/admin/after-sales/:id',
    {
      config: { permission: 'staff:orders.read' },
      schema: { tags: adminTags, summary: '售后详情', params: Params, response: { 200: Detail } },
    },
    async (req) => getAfterSale(ctxOf(req), 'operator', req.params.id),
  );
  r.post(
    '/api/v1/admin/after-sales/:id/approve',
    {
      config: { permission: 'staff:aftersales.decide' },
      schema: {
        tags: adminTags,
        summary: '平台裁决：同意',
        params: Params,
        body: Decision.optional(),
        response: { 200: Detail },
      },
    },
    async (req) => unwrap(await approveAfterSale(ctxOf(req), 'operator', req.params.id, req.body ?? {})),
  );
  r.post(
    '/api/v1/admin/after-sales/:id/reject',
    {
      config: { permission: 'staff:aftersales.decide' },
      schema: {
        tags: adminTags,
        summary: '平台裁决：拒绝',
        params: Params,
        body: Rejection,
        response: { 200: Detail },
      },
    },
    async (req) => rejectAfterSale(ctxOf(req), 'operator', req.params.id, req.body),
  );
}
