import { z } from 'zod';
import { MOVEMENT_KINDS, PO_STATUSES } from './schema.ts';

// HTTP shapes of the supply routes. Times are ISO 8601 strings; money is integer fen.

type Plain<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { [K in keyof T]: Plain<T[K]> }
      : T;

/** Dates to ISO strings, all the way down (what the response schemas describe). */
export function plain<T>(value: T): Plain<T> {
  return JSON.parse(JSON.stringify(value)) as Plain<T>;
}

const Id = z.string().min(1).max(64);
const Name = z.string().trim().min(1, '名称不能为空').max(60, '名称最多 60 个字');
const Qty = z.number().int('数量须为整数').positive('数量须大于 0').max(1_000_000, '数量过大');
const Day = z.iso.date({ error: '日期须为 YYYY-MM-DD' });
const Time = z.string();

export const IdParams = z.object({ id: Id });

export const SupplierBody = z.object({
  name: Name,
  origin: z.string().trim().min(2, '请填写产地').max(60),
  factoryDirect: z.boolean(),
  qualifications: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  leadTimeDays: z.number().int().min(0, '交期不能为负').max(365, '交期最多 365 天'),
});
export const SupplierPatch = SupplierBody.partial();
export const SupplierLinksBody = z.object({
  links: z
    .array(
      z.object({
        skuId: Id,
        unitCost: z.number().int('成本以分为单位的整数').min(0).max(100_000_000),
        sharePct: z.number().int().min(0, '占比 0–100').max(100, '占比 0–100'),
      }),
    )
    .max(500),
});
export const QualityNoteBody = z.object({
  note: z.string().trim().min(2, '请写明质量情况').max(500),
  rejectedQty: z.number().int().min(0).max(1_000_000).default(0),
});

const Supplier = z.object({
  id: z.string(),
  merchantId: z.string(),
  name: z.string(),
  origin: z.string(),
  factoryDirect: z.boolean(),
  qualifications: z.array(z.string()),
  leadTimeDays: z.number(),
  createdAt: Time,
});
export const SupplierListItem = Supplier.extend({
  skuCount: z.number(),
  acceptedQty: z.number(),
  rejectedQty: z.number(),
  defectBp: z.number().nullable().describe('抽检不合格率（基点，1% = 100）；尚无收货检验为 null'),
});
export const QualityRecord = z.object({
  id: z.string(),
  kind: z.enum(['receipt', 'note']),
  acceptedQty: z.number(),
  rejectedQty: z.number(),
  note: z.string().nullable(),
  recordedAt: Time,
});
export const SupplierDetail = Supplier.extend({
  links: z.array(
    z.object({
      skuId: z.string(),
      unitCost: z.number(),
      sharePct: z.number(),
      productTitle: z.string(),
      specText: z.string(),
    }),
  ),
  quality: z.array(QualityRecord),
});

export const WarehouseBody = z.object({ name: Name, province: z.string().trim().min(2).max(20) });
export const Warehouse = z.object({
  id: z.string(),
  name: z.string(),
  province: z.string(),
  region: z.string(),
  isDefault: z.boolean(),
  createdAt: Time,
});
export const StockOverview = z.object({
  warehouses: z.array(Warehouse),
  items: z.array(
    z.object({
      skuId: z.string(),
      productId: z.string(),
      productTitle: z.string(),
      specText: z.string(),
      categoryId: z.string(),
      sellable: z.number().describe('可售库存（下单时扣减的数字）'),
      onHand: z.number().describe('各仓在库合计'),
      perWarehouse: z.record(z.string(), z.number()),
    }),
  ),
});
export const MovementQuery = z.object({
  warehouseId: Id.optional(),
  skuId: Id.optional(),
  cursor: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const Movement = z.object({
  id: z.string(),
  warehouseId: z.string(),
  skuId: z.string(),
  kind: z.enum(MOVEMENT_KINDS),
  qty: z.number(),
  onHandAfter: z.number(),
  refId: z.string().nullable(),
  batchNo: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  createdAt: Time,
});
export const MovementPage = z.object({ items: z.array(Movement), nextCursor: z.string().nullable() });

const Lines = z
  .array(z.object({ skuId: Id, qty: Qty }))
  .min(1, '至少一行')
  .max(200);
export const TransferBody = z.object({
  fromWarehouseId: Id,
  toWarehouseId: Id,
  lines: Lines,
  note: z.string().trim().max(200).optional(),
});
export const Transfer = z.object({
  id: z.string(),
  fromWarehouseId: z.string(),
  toWarehouseId: z.string(),
  lines: z.array(z.object({ skuId: z.string(), qty: z.number() })),
  createdAt: Time,
});
export const StockTakeBody = z.object({
  warehouseId: Id,
  lines: z
    .array(z.object({ skuId: Id, counted: z.number().int('实盘数须为整数').min(0, '实盘数不能为负').max(10_000_000) }))
    .min(1, '至少盘一个规格')
    .max(500),
});
export const StockTake = z.object({
  id: z.string(),
  warehouseId: z.string(),
  lines: z.array(z.object({ skuId: z.string(), expected: z.number(), counted: z.number(), variance: z.number() })),
  createdAt: Time,
});

export const PoBody = z.object({
  supplierId: Id,
  warehouseId: Id,
  note: z.string().trim().max(200).optional(),
  lines: z
    .array(z.object({ skuId: Id, qty: Qty, unitCost: z.number().int().min(0).max(100_000_000).optional() }))
    .min(1, '至少一行')
    .max(200),
});
export const ReceiveBody = z.object({
  warehouseId: Id.optional(),
  lines: z
    .array(
      z.object({
        poLineId: Id,
        qty: z.number().int().min(0, '数量不能为负').max(1_000_000),
        rejectedQty: z.number().int().min(0, '数量不能为负').max(1_000_000).default(0),
        batchNo: z.string().trim().min(1, '请填写批次号').max(40),
        producedOn: Day,
        expiresOn: Day.optional(),
      }),
    )
    .min(1, '至少收一行')
    .max(200),
});
const PoStatus = z.enum(PO_STATUSES);
export const PoListItem = z.object({
  id: z.string(),
  status: PoStatus,
  supplierId: z.string(),
  supplierName: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  totalCost: z.number(),
  note: z.string().nullable(),
  createdAt: Time,
  sentAt: Time.nullable(),
  closedAt: Time.nullable(),
});
export const PoDetail = PoListItem.extend({
  lines: z.array(
    z.object({
      id: z.string(),
      skuId: z.string(),
      productTitle: z.string(),
      specText: z.string(),
      qtyOrdered: z.number(),
      qtyReceived: z.number(),
      presoldQty: z.number().describe('其中已被 C2M 预售售出的件数：到货即随预售订单发出，不计入可售库存'),
      unitCost: z.number(),
    }),
  ),
  lots: z.array(
    z.object({
      id: z.string(),
      poLineId: z.string(),
      skuId: z.string(),
      warehouseId: z.string(),
      batchNo: z.string(),
      acceptedQty: z.number(),
      rejectedQty: z.number(),
      producedOn: z.string(),
      expiresOn: z.string().nullable(),
      receivedAt: Time,
      traceCode: z.string().nullable().describe('溯源码：店铺 /trace/{code} 页面'),
    }),
  ),
});

export const TraceParams = z.object({ code: z.string().regex(/^HW[0-9A-F]{16}$/, '溯源码格式不对') });
export const PublicTrace = z.object({
  code: z.string(),
  productId: z.string().nullable(),
  productTitle: z.string(),
  specText: z.string(),
  shopName: z.string(),
  batchNo: z.string(),
  producedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  events: z.array(
    z.object({
      kind: z.enum(['production', 'inspection', 'logistics']),
      title: z.string(),
      facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      occurredAt: Time,
      leafIndex: z.number().describe('透明日志中的位置：用 /api/v1/transparency/entries/{index}/proof 验证'),
    }),
  ),
});

export const ConcentrationAlert = z.object({
  id: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  shareBp: z.number().describe('该供应商近 90 天到货量占该品类的比例（基点，4000 = 40%）'),
  status: z.enum(['open', 'resolved']),
  raisedAt: Time,
  resolvedAt: Time.nullable(),
});
export const ShipmentRoute = z.object({
  items: z.array(
    z.object({
      lineId: z.string(),
      skuId: z.string(),
      qty: z.number(),
      returnedQty: z.number(),
      province: z.string().nullable(),
      warehouseId: z.string(),
      warehouseName: z.string(),
      warehouseProvince: z.string(),
    }),
  ),
});
