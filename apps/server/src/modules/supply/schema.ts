import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// 供应链 (docs/SUPPLY.md): suppliers, warehouses with stock per warehouse, purchase orders and receipts, and the
// append-only stock journal whose movements always sum to each warehouse's on-hand figure.

export const suppliers = pgTable(
  'supply_suppliers',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    name: text('name').notNull(),
    /** 产地, e.g. 云南省普洱市. */
    origin: text('origin').notNull(),
    factoryDirect: boolean('factory_direct').notNull(),
    /** 资质: licence names and numbers as the merchant recorded them. */
    qualifications: jsonb('qualifications').$type<string[]>().notNull(),
    leadTimeDays: integer('lead_time_days').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('supply_suppliers_name_uq').on(t.merchantId, t.name)],
);

/** Which supplier delivers which SKU, at what unit cost (fen) and what planned share of the SKU's supply. */
export const supplierSkus = pgTable(
  'supply_supplier_skus',
  {
    supplierId: text('supplier_id').notNull(),
    skuId: text('sku_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    unitCost: bigint('unit_cost', { mode: 'number' }).notNull(),
    sharePct: integer('share_pct').notNull(),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.skuId] }), index('supply_supplier_skus_sku_idx').on(t.skuId)],
);

/** Quality history: one row per receipt inspection (accepted / rejected units) or a note the merchant wrote. */
export const qualityRecords = pgTable(
  'supply_quality_records',
  {
    id: text('id').primaryKey(),
    supplierId: text('supplier_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    kind: text('kind', { enum: ['receipt', 'note'] }).notNull(),
    acceptedQty: integer('accepted_qty').notNull(),
    rejectedQty: integer('rejected_qty').notNull(),
    note: text('note'),
    refId: text('ref_id'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supply_quality_records_supplier_idx').on(t.supplierId, t.recordedAt)],
);

export const warehouses = pgTable(
  'supply_warehouses',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    name: text('name').notNull(),
    province: text('province').notNull(),
    region: text('region').notNull(),
    /** The first warehouse: opening balances and merchant stock edits land here. */
    isDefault: boolean('is_default').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('supply_warehouses_name_uq').on(t.merchantId, t.name)],
);

export const stockLevels = pgTable(
  'supply_stock_levels',
  {
    warehouseId: text('warehouse_id').notNull(),
    skuId: text('sku_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    onHand: integer('on_hand').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.skuId] }),
    index('supply_stock_levels_sku_idx').on(t.skuId),
    check('supply_stock_levels_non_negative', sql`${t.onHand} >= 0`),
  ],
);

export const MOVEMENT_KINDS = [
  'opening',
  'receipt',
  'sale',
  'return',
  'adjustment',
  'transfer_out',
  'transfer_in',
  'stocktake',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** Append-only: never updated or deleted; per (warehouse, SKU) the movements sum to supply_stock_levels.on_hand. */
export const movements = pgTable(
  'supply_movements',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    skuId: text('sku_id').notNull(),
    kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
    qty: integer('qty').notNull(),
    onHandAfter: integer('on_hand_after').notNull(),
    /** What caused it: an order, a purchase order receipt, a transfer, a stock-take. */
    refId: text('ref_id'),
    batchNo: text('batch_no'),
    note: text('note'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('supply_movements_merchant_idx').on(t.merchantId, t.id),
    index('supply_movements_level_idx').on(t.warehouseId, t.skuId),
  ],
);

/** SKUs whose stock the journal follows, from the moment their opening balance was booked. */
export const trackedSkus = pgTable('supply_tracked_skus', {
  skuId: text('sku_id').primaryKey(),
  merchantId: text('merchant_id').notNull(),
  /** Wall-clock time after the SKU rows were locked: stock events written before it are in the opening balance. */
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
});

/** Which warehouse ships which order line (the shipment's 发货仓), and how much came back. */
export const allocations = pgTable(
  'supply_allocations',
  {
    orderId: text('order_id').notNull(),
    lineId: text('line_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    skuId: text('sku_id').notNull(),
    qty: integer('qty').notNull(),
    returnedQty: integer('returned_qty').notNull().default(0),
    province: text('province'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.lineId, t.warehouseId] }), index('supply_allocations_order_idx').on(t.orderId)],
);

export const PO_STATUSES = ['draft', 'sent', 'partially_received', 'received', 'closed'] as const;
export type PoStatus = (typeof PO_STATUSES)[number];

export const purchaseOrders = pgTable(
  'supply_purchase_orders',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    supplierId: text('supplier_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    status: text('status', { enum: PO_STATUSES }).notNull(),
    note: text('note'),
    totalCost: bigint('total_cost', { mode: 'number' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('supply_purchase_orders_merchant_idx').on(t.merchantId, t.id)],
);

export const poLines = pgTable(
  'supply_po_lines',
  {
    id: text('id').primaryKey(),
    poId: text('po_id').notNull(),
    skuId: text('sku_id').notNull(),
    qtyOrdered: integer('qty_ordered').notNull(),
    qtyReceived: integer('qty_received').notNull().default(0),
    unitCost: bigint('unit_cost', { mode: 'number' }).notNull(),
    /** Units already sold to C2M pre-sale buyers: received first, they leave on those orders and never become sellable. */
    presoldQty: integer('presold_qty').notNull().default(0),
  },
  (t) => [
    index('supply_po_lines_po_idx').on(t.poId),
    check('supply_po_lines_received', sql`${t.qtyReceived} <= ${t.qtyOrdered}`),
  ],
);

/** One received lot: a PO line's units into a warehouse with their batch number and dates. */
export const receiptLots = pgTable(
  'supply_receipt_lots',
  {
    id: text('id').primaryKey(),
    receiptId: text('receipt_id').notNull(),
    poId: text('po_id').notNull(),
    poLineId: text('po_line_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    supplierId: text('supplier_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    skuId: text('sku_id').notNull(),
    categoryId: text('category_id').notNull(),
    batchNo: text('batch_no').notNull(),
    acceptedQty: integer('accepted_qty').notNull(),
    rejectedQty: integer('rejected_qty').notNull(),
    producedOn: date('produced_on').notNull(),
    expiresOn: date('expires_on'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('supply_receipt_lots_po_idx').on(t.poId),
    index('supply_receipt_lots_category_idx').on(t.merchantId, t.categoryId, t.receivedAt),
  ],
);

export const transfers = pgTable('supply_transfers', {
  id: text('id').primaryKey(),
  merchantId: text('merchant_id').notNull(),
  fromWarehouseId: text('from_warehouse_id').notNull(),
  toWarehouseId: text('to_warehouse_id').notNull(),
  lines: jsonb('lines').$type<{ skuId: string; qty: number }[]>().notNull(),
  recordedBy: text('recorded_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export interface CountedLine {
  skuId: string;
  expected: number;
  counted: number;
  variance: number;
}
export const stockTakes = pgTable('supply_stock_takes', {
  id: text('id').primaryKey(),
  merchantId: text('merchant_id').notNull(),
  warehouseId: text('warehouse_id').notNull(),
  lines: jsonb('lines').$type<CountedLine[]>().notNull(),
  recordedBy: text('recorded_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** 供应商集中度: one open alert per (merchant, category) while a supplier holds more than 40 % of its supply. */
export const concentrationAlerts = pgTable(
  'supply_concentration_alerts',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    categoryId: text('category_id').notNull(),
    supplierId: text('supplier_id').notNull(),
    /** Basis points of the category's received units in the window (4000 = 40 %). */
    shareBp: integer('share_bp').notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('supply_concentration_alerts_open_uq')
      .on(t.merchantId, t.categoryId)
      .where(sql`${t.status} = 'open'`),
  ],
);

/**
 * 日销量: units ordered per SKU per Beijing day, from `order.created` (source `orders`) — demand as the shop saw
 * it, what the forecast learns from. Demo shops also get a `demo` history from the seed (marked 演示数据).
 * `flashUnits` are the units bought through a flash sale: a day with any is a promotion day of that SKU.
 */
export const dailySales = pgTable(
  'supply_daily_sales',
  {
    skuId: text('sku_id').notNull(),
    day: date('day').notNull(),
    source: text('source', { enum: ['orders', 'demo'] }).notNull(),
    merchantId: text('merchant_id').notNull(),
    units: integer('units').notNull(),
    flashUnits: integer('flash_units').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.skuId, t.day, t.source] }),
    index('supply_daily_sales_merchant_idx').on(t.merchantId, t.day),
  ],
);

/** 溯源码: one per received lot; the shop's /trace/<code> page shows its events. */
export const traceCodes = pgTable(
  'supply_trace_codes',
  {
    code: text('code').primaryKey(),
    lotId: text('lot_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    skuId: text('sku_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('supply_trace_codes_lot_uq').on(t.lotId)],
);

export type TraceFacts = Record<string, string | number | boolean | null>;
/** Production, inspection and logistics events of a lot, each also an entry of the transparency log (`leafIndex`). */
export const traceEvents = pgTable(
  'supply_trace_events',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['production', 'inspection', 'logistics'] }).notNull(),
    title: text('title').notNull(),
    facts: jsonb('facts').$type<TraceFacts>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    leafIndex: integer('leaf_index').notNull(),
  },
  (t) => [index('supply_trace_events_code_idx').on(t.code, t.occurredAt)],
);
