import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ctxOf } from '../../platform/context.ts';
import { Id, OrderDetail, OrderSearch, page, ShipInput, StaffOrderSummary } from './dto.ts';
import { SHEET_FORMATS, SHEET_TYPES } from '../../platform/sheets.ts';
import { exportOrdersCsv } from './export.ts';
import { exportMerchantOrders } from './merchant-export.ts';
import * as svc from './service.ts';

const merchantTags = ['商家订单'];
const adminTags = ['平台运营'];

/** Routes for merchant staff (their own shop's orders) and platform operators (all orders). */
export default async function merchantOrderRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/merchant/orders',
    {
      config: { permission: 'merchant:orders.read' },
      schema: {
        tags: merchantTags,
        summary: '本店订单（按状态、关键词、下单时间筛选）',
        querystring: OrderSearch,
        response: { 200: page(StaffOrderSummary) },
      },
    },
    async (req) => svc.listMerchantOrders(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/merchant/orders-sheet',
    {
      config: { permission: 'merchant:orders.read' },
      schema: {
        tags: merchantTags,
        summary: '导出本店订单（CSV 或 Excel，每个订单行一行；按下单时间和状态筛选，最多 5000 单）',
        querystring: OrderSearch.pick({ status: true, from: true, to: true }).extend({
          format: z.enum(SHEET_FORMATS).default('xlsx'),
        }),
        response: { 200: z.custom<Buffer>((v) => Buffer.isBuffer(v)).describe('CSV（UTF-8，带 BOM）或 .xlsx 文件') },
      },
    },
    async (req, reply) => {
      const out = await exportMerchantOrders(ctxOf(req), req.query);
      return reply
        .type(SHEET_TYPES[req.query.format])
        .header('content-disposition', `attachment; filename="haowu-orders.${req.query.format}"`)
        .header('x-export-orders', String(out.orders))
        .send(out.file);
    },
  );
  r.get(
    '/api/v1/merchant/orders/:id',
    {
      config: { permission: 'merchant:orders.read' },
      schema: { tags: merchantTags, summary: '本店订单详情', params: Id, response: { 200: OrderDetail } },
    },
    async (req) => svc.getMerchantOrder(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/merchant/orders/:id/ship',
    {
      config: { permission: 'merchant:orders.ship' },
      schema: { tags: merchantTags, summary: '发货', params: Id, body: ShipInput, response: { 200: OrderDetail } },
    },
    async (req) => svc.shipOrder(ctxOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/admin/orders',
    {
      config: { permission: 'staff:orders.read' },
      schema: {
        tags: adminTags,
        summary: '全部订单（收货人信息脱敏）',
        querystring: OrderSearch.extend({
          merchantId: z.string().max(64).optional(),
          userId: z.string().max(64).optional(),
        }),
        response: { 200: page(StaffOrderSummary) },
      },
    },
    async (req) => svc.listAllOrders(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/admin/orders/export',
    {
      config: { permission: 'staff:orders.read' },
      schema: {
        tags: adminTags,
        summary: '导出订单（CSV，含收货地址；记入访问记录）',
        querystring: OrderSearch.omit({ cursor: true, limit: true }).extend({
          merchantId: z.string().max(64).optional(),
          userId: z.string().max(64).optional(),
        }),
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const out = await exportOrdersCsv(ctxOf(req), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="haowu-orders.csv"')
        .header('x-export-people', String(out.people))
        .send(out.csv);
    },
  );
  r.get(
    '/api/v1/admin/orders/:id',
    {
      config: { permission: 'staff:orders.read' },
      schema: { tags: adminTags, summary: '订单详情（运营）', params: Id, response: { 200: OrderDetail } },
    },
    async (req) => svc.getOrderAsOperator(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/admin/orders/:id/phone',
    {
      config: { permission: 'staff:personal.unmask' },
      schema: {
        tags: adminTags,
        summary: '查看收货人完整手机号（须说明理由，记入访问记录）',
        params: Id,
        body: z.object({
          reason: z.string().trim().min(4, '请说明查看理由（至少 4 个字）').max(200, '理由最多 200 字'),
        }),
        response: { 200: z.object({ phone: z.string() }) },
      },
    },
    async (req) => svc.unmaskOrderPhone(ctxOf(req), req.params.id, req.body.reason),
  );
}
