import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { RequiredIdempotencyKey } from '../../platform/idempotency.ts';
import { merchantConcentrationAlerts, platformConcentrationAlerts } from './concentration.ts';
import * as d from './dto.ts';
import {
  createPurchaseOrder,
  getPurchaseOrder,
  listPurchaseOrders,
  movePurchaseOrder,
  receivePurchaseOrder,
} from './purchasing.ts';
import { PROVINCES } from './regions.ts';
import { shipmentRoute } from './routing.ts';
import {
  createSupplier,
  getSupplier,
  listSuppliers,
  recordQualityNote,
  setSupplierSkus,
  updateSupplier,
} from './suppliers.ts';
import {
  createWarehouse,
  listMovements,
  listStockTakes,
  listWarehouses,
  recordStockTake,
  stockOverview,
  transferStock,
} from './warehouses.ts';
import { actingMerchant } from '../../platform/auth.ts';
import { forecastRoutes } from './routes-forecast.ts';

const tags = ['供应链'];
const merchant = { permission: 'merchant:supply.manage' as const };
const base = '/api/v1/merchant/supply';

export default async function supplyRoutes(app: App) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await forecastRoutes(app);

  // ---- suppliers ----
  r.get(
    `${base}/suppliers`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '供应商列表（含质量记录汇总）',
        response: { 200: z.object({ items: z.array(d.SupplierListItem) }) },
      },
    },
    async (req) => ({
      items: d.plain(await listSuppliers(ctxOf(req))),
    }),
  );
  r.post(
    `${base}/suppliers`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '新建供应商',
        body: d.SupplierBody,
        response: {
          201: d.SupplierListItem.omit({ skuCount: true, acceptedQty: true, rejectedQty: true, defectBp: true }),
        },
      },
    },
    async (req, reply) => {
      const row = unwrap(await createSupplier(ctxOf(req), req.body));
      return reply.status(201).send(d.plain(row));
    },
  );
  r.get(
    `${base}/suppliers/:id`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '供应商详情：供货规格、成本、占比与质量历史',
        params: d.IdParams,
        response: { 200: d.SupplierDetail },
      },
    },
    async (req) => d.plain(await getSupplier(ctxOf(req), req.params.id)),
  );
  r.patch(
    `${base}/suppliers/:id`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '修改供应商资料',
        params: d.IdParams,
        body: d.SupplierPatch,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (req) => {
      const row = unwrap(await updateSupplier(ctxOf(req), req.params.id, req.body));
      return { id: row.id };
    },
  );
  r.put(
    `${base}/suppliers/:id/skus`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '设置供应商供货的规格（单位成本、计划占比）',
        description: '整体替换；同一规格各供应商占比合计不超过 100%。',
        params: d.IdParams,
        body: d.SupplierLinksBody,
        response: { 200: z.object({ supplierId: z.string(), links: z.number() }) },
      },
    },
    async (req) => unwrap(await setSupplierSkus(ctxOf(req), req.params.id, req.body.links)),
  );
  r.post(
    `${base}/suppliers/:id/quality`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '记录一条质量情况（计入供应商质量历史）',
        params: d.IdParams,
        body: d.QualityNoteBody,
        response: { 201: d.QualityRecord },
      },
    },
    async (req, reply) => {
      const row = unwrap(await recordQualityNote(ctxOf(req), req.params.id, req.body));
      return reply.status(201).send(d.plain(row));
    },
  );

  // ---- warehouses and stock ----
  r.get(
    `${base}/warehouses`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '仓库列表',
        response: { 200: z.object({ items: z.array(d.Warehouse), provinces: z.array(z.string()) }) },
      },
    },
    async (req) => ({
      items: d.plain(await listWarehouses(ctxOf(req))),
      provinces: PROVINCES,
    }),
  );
  r.post(
    `${base}/warehouses`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '新建仓库',
        description: '第一个仓库为默认仓，现有可售库存作为期初库存记入。',
        body: d.WarehouseBody,
        response: { 201: d.Warehouse },
      },
    },
    async (req, reply) => {
      const row = unwrap(await createWarehouse(ctxOf(req), req.body));
      return reply.status(201).send(d.plain(row));
    },
  );
  r.get(
    `${base}/stock`,
    {
      config: merchant,
      schema: { tags, summary: '分仓库存：每个规格的可售库存与各仓在库', response: { 200: d.StockOverview } },
    },
    async (req) => d.plain(await stockOverview(ctxOf(req))),
  );
  r.get(
    `${base}/movements`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '库存流水（只增不改，最新在前）',
        querystring: d.MovementQuery,
        response: { 200: d.MovementPage },
      },
    },
    async (req) => d.plain(await listMovements(ctxOf(req), req.query)),
  );
  r.post(
    `${base}/transfers`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '仓间调拨（须带 Idempotency-Key）',
        headers: RequiredIdempotencyKey,
        body: d.TransferBody,
        response: { 201: d.Transfer },
      },
    },
    async (req, reply) => {
      const row = unwrap(await transferStock(ctxOf(req), req.body));
      return reply.status(201).send(d.plain(row));
    },
  );
  r.get(
    `${base}/stock-takes`,
    {
      config: merchant,
      schema: { tags, summary: '盘点记录', response: { 200: z.object({ items: z.array(d.StockTake) }) } },
    },
    async (req) => ({
      items: d.plain(await listStockTakes(ctxOf(req))),
    }),
  );
  r.post(
    `${base}/stock-takes`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '盘点：录入实盘数，差异记入流水并同步可售库存（须带 Idempotency-Key）',
        headers: RequiredIdempotencyKey,
        body: d.StockTakeBody,
        response: { 201: d.StockTake },
      },
    },
    async (req, reply) => {
      const row = unwrap(await recordStockTake(ctxOf(req), req.body));
      return reply.status(201).send(d.plain(row));
    },
  );
  r.get(
    `${base}/orders/:id/route`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '订单的发货仓（按收货省份就近分配）',
        params: d.IdParams,
        response: { 200: d.ShipmentRoute },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return {
        items: await shipmentRoute(
          ctx.db,
          actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage').merchantId,
          req.params.id,
        ),
      };
    },
  );

  // ---- purchase orders ----
  r.get(
    `${base}/purchase-orders`,
    {
      config: merchant,
      schema: { tags, summary: '采购单列表', response: { 200: z.object({ items: z.array(d.PoListItem) }) } },
    },
    async (req) => ({
      items: d.plain(await listPurchaseOrders(ctxOf(req))),
    }),
  );
  r.post(
    `${base}/purchase-orders`,
    {
      config: merchant,
      schema: { tags, summary: '新建采购单（草稿）', body: d.PoBody, response: { 201: d.PoDetail } },
    },
    async (req, reply) => {
      const po = unwrap(await createPurchaseOrder(ctxOf(req), req.body));
      return reply.status(201).send(d.plain(po));
    },
  );
  r.get(
    `${base}/purchase-orders/:id`,
    {
      config: merchant,
      schema: { tags, summary: '采购单详情（含到货批次）', params: d.IdParams, response: { 200: d.PoDetail } },
    },
    async (req) => d.plain(await getPurchaseOrder(ctxOf(req), req.params.id)),
  );
  r.post(
    `${base}/purchase-orders/:id/send`,
    {
      config: merchant,
      schema: { tags, summary: '发送给供应商（草稿 → 已发送）', params: d.IdParams, response: { 200: d.PoDetail } },
    },
    async (req) => d.plain(unwrap(await movePurchaseOrder(ctxOf(req), req.params.id, 'send'))),
  );
  r.post(
    `${base}/purchase-orders/:id/close`,
    {
      config: merchant,
      schema: { tags, summary: '关闭采购单（不再收货）', params: d.IdParams, response: { 200: d.PoDetail } },
    },
    async (req) => d.plain(unwrap(await movePurchaseOrder(ctxOf(req), req.params.id, 'close'))),
  );
  r.post(
    `${base}/purchase-orders/:id/receipts`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '收货入库：批次号、生产日期、有效期（须带 Idempotency-Key）',
        description: '合格数量入库并增加可售库存；不合格数量计入供应商质量历史。',
        headers: RequiredIdempotencyKey,
        params: d.IdParams,
        body: d.ReceiveBody,
        response: { 200: d.PoDetail },
      },
    },
    async (req) => d.plain(unwrap(await receivePurchaseOrder(ctxOf(req), req.params.id, req.body))),
  );

  // ---- concentration alerts ----
  r.get(
    `${base}/concentration-alerts`,
    {
      config: merchant,
      schema: {
        tags,
        summary: '供应商集中度提醒（单一供应商超过品类供货 40%）',
        response: { 200: z.object({ items: z.array(d.ConcentrationAlert) }) },
      },
    },
    async (req) => ({
      items: d.plain(await merchantConcentrationAlerts(ctxOf(req))),
    }),
  );
  r.get(
    '/api/v1/admin/supply/concentration-alerts',
    {
      config: { permission: 'staff:insights.read' },
      schema: {
        tags,
        summary: '全平台供应商集中度风险（未解除的）',
        response: { 200: z.object({ items: z.array(d.ConcentrationAlert) }) },
      },
    },
    async (req) => ({
      items: d.plain(await platformConcentrationAlerts(ctxOf(req))),
    }),
  );
}
