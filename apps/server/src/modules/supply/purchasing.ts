import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, type Result } from '../../platform/errors.ts';
import { atomically, idempotent } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { adjustSellableStock, listMerchantSkus } from '../catalog/api.ts';
import { checkConcentration } from './concentration.ts';
import { bookMovements, trackSkus } from './journal.ts';
import { refuse } from './refusals.ts';
import { traceCodesOfLots, traceReceivedLots } from './trace.ts';
import {
  type PoStatus,
  poLines,
  purchaseOrders,
  qualityRecords,
  receiptLots,
  supplierSkus,
  suppliers,
  warehouses,
} from './schema.ts';

const actorId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.kind);
const STATUS_LABEL: Record<PoStatus, string> = {
  draft: '草稿',
  sent: '已发送',
  partially_received: '部分到货',
  received: '已到货',
  closed: '已关闭',
};

export async function createPurchaseOrder(
  ctx: Ctx,
  input: {
    supplierId: string;
    warehouseId: string;
    note?: string | undefined;
    lines: { skuId: string; qty: number; unitCost?: number | undefined }[];
  },
) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const skuIds = [...new Set(input.lines.map((l) => l.skuId))];
  if (skuIds.length !== input.lines.length) return refuse('sku-not-found', '同一规格只能出现一次');
  return atomically(ctx, async (tx) => {
    const [[supplier], [house], own, links] = await Promise.all([
      tx
        .select()
        .from(suppliers)
        .where(and(eq(suppliers.id, input.supplierId), eq(suppliers.merchantId, merchantId))),
      tx
        .select()
        .from(warehouses)
        .where(and(eq(warehouses.id, input.warehouseId), eq(warehouses.merchantId, merchantId))),
      listMerchantSkus(tx, merchantId, { skuIds }),
      tx.select().from(supplierSkus).where(eq(supplierSkus.supplierId, input.supplierId)),
    ]);
    if (!supplier) return refuse('supplier-not-found');
    if (!house) return refuse('warehouse-not-found');
    const foreign = skuIds.find((id) => !own.some((s) => s.skuId === id));
    if (foreign) return refuse('sku-not-found', foreign);
    const id = newId('po');
    const lines = input.lines.map((l) => ({
      id: newId('pol'),
      poId: id,
      skuId: l.skuId,
      qtyOrdered: l.qty,
      unitCost: l.unitCost ?? links.find((k) => k.skuId === l.skuId)?.unitCost ?? 0,
    }));
    const totalCost = lines.reduce((s, l) => s + l.qtyOrdered * l.unitCost, 0);
    await tx.insert(purchaseOrders).values({
      id,
      merchantId,
      supplierId: supplier.id,
      warehouseId: house.id,
      status: 'draft',
      note: input.note ?? null,
      totalCost,
      createdBy: actorId(ctx),
      createdAt: ctx.now(),
    });
    await tx.insert(poLines).values(lines);
    return ok(await poView(tx, merchantId, id));
  });
}

async function lockPo(tx: Db, merchantId: string, id: string) {
  const [po] = await tx
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.id, id), eq(purchaseOrders.merchantId, merchantId)))
    .for('update');
  return po;
}

/** draft → sent (the order goes to the supplier), or any open state → closed. */
export async function movePurchaseOrder(ctx: Ctx, id: string, action: 'send' | 'close') {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  return atomically(ctx, async (tx) => {
    const po = await lockPo(tx, merchantId, id);
    if (!po) return refuse('po-not-found');
    const allowed: PoStatus[] = action === 'send' ? ['draft'] : ['draft', 'sent', 'partially_received'];
    if (!allowed.includes(po.status))
      return refuse(
        'po-wrong-status',
        `状态为「${STATUS_LABEL[po.status]}」时不能${action === 'send' ? '发送' : '关闭'}`,
      );
    await tx
      .update(purchaseOrders)
      .set(action === 'send' ? { status: 'sent', sentAt: ctx.now() } : { status: 'closed', closedAt: ctx.now() })
      .where(eq(purchaseOrders.id, id));
    return ok(await poView(tx, merchantId, id));
  });
}

export interface ReceiptLine {
  poLineId: string;
  qty: number;
  rejectedQty: number;
  batchNo: string;
  producedOn: string;
  expiresOn?: string | undefined;
}

/**
 * 收货: accepted units of each line go into the warehouse as a lot (batch number, production and expiry dates),
 * the journal and the sellable stock grow by them together, the supplier's quality history records accepted and
 * rejected units, and the category's supplier concentration is checked. All or nothing.
 */
export async function receivePurchaseOrder(
  ctx: Ctx,
  id: string,
  input: { warehouseId?: string | undefined; lines: ReceiptLine[] },
): Promise<Result<Awaited<ReturnType<typeof poView>>>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const today = ctx.now().toISOString().slice(0, 10);
  for (const l of input.lines) {
    if (l.producedOn > today) return refuse('bad-dates', `批次 ${l.batchNo} 的生产日期晚于今天`);
    if (l.expiresOn && l.expiresOn <= l.producedOn)
      return refuse('bad-dates', `批次 ${l.batchNo} 的有效期早于生产日期`);
  }
  return idempotent(ctx, `supply.receive:${id}`, input, async (tx) => {
    const po = await lockPo(tx, merchantId, id);
    if (!po) return refuse('po-not-found');
    if (po.status !== 'sent' && po.status !== 'partially_received')
      return refuse('po-wrong-status', `状态为「${STATUS_LABEL[po.status]}」时不能收货`);
    const warehouseId = input.warehouseId ?? po.warehouseId;
    const [house] = await tx
      .select()
      .from(warehouses)
      .where(and(eq(warehouses.id, warehouseId), eq(warehouses.merchantId, merchantId)));
    if (!house) return refuse('warehouse-not-found');
    const lines = await tx.select().from(poLines).where(eq(poLines.poId, id)).orderBy(asc(poLines.id));
    const want = new Map<string, number>();
    for (const l of input.lines) {
      const line = lines.find((x) => x.id === l.poLineId);
      if (!line) return refuse('po-not-found', `采购行 ${l.poLineId} 不属于该采购单`);
      want.set(line.id, (want.get(line.id) ?? 0) + l.qty);
      if (line.qtyReceived + want.get(line.id)! > line.qtyOrdered)
        return refuse(
          'po-over-receipt',
          `采购 ${line.qtyOrdered}，已到 ${line.qtyReceived}，本次 ${want.get(line.id)!}`,
        );
    }
    const skuIds = [...new Set(lines.map((l) => l.skuId))];
    const now = ctx.now();
    // Catalog rows first (locked), then the journal: the lock order every stock-moving use-case here follows.
    const skus = await listMerchantSkus(tx, merchantId, { skuIds, lock: true });
    await trackSkus(tx, merchantId, now, skuIds);
    const receiptId = newId('rcp');
    const lots = input.lines.map((l) => {
      const line = lines.find((x) => x.id === l.poLineId)!;
      return {
        id: newId('lot'),
        receiptId,
        poId: id,
        poLineId: line.id,
        merchantId,
        supplierId: po.supplierId,
        warehouseId,
        skuId: line.skuId,
        categoryId: skus.find((s) => s.skuId === line.skuId)!.categoryId,
        batchNo: l.batchNo,
        acceptedQty: l.qty,
        rejectedQty: l.rejectedQty,
        producedOn: l.producedOn,
        expiresOn: l.expiresOn ?? null,
        receivedAt: now,
      };
    });
    // Pre-sold units (a C2M production order) arrive first and leave at once on the pre-sale orders: booked as
    // received and sold together, they never become sellable.
    const receivedSoFar = new Map(lines.map((l) => [l.id, l.qtyReceived]));
    const presold = lots.map((l) => {
      const line = lines.find((x) => x.id === l.poLineId)!;
      const before = receivedSoFar.get(line.id)!;
      receivedSoFar.set(line.id, before + l.acceptedQty);
      return Math.max(0, Math.min(l.acceptedQty, line.presoldQty - before));
    });
    const sellable = await adjustSellableStock(
      tx,
      lots.map((l, i) => ({ skuId: l.skuId, delta: l.acceptedQty - presold[i]! })),
    );
    if (!sellable.ok) throw new Error(`receipt could not raise ${sellable.skuId}`);
    await bookMovements(
      tx,
      { merchantId, recordedBy: actorId(ctx), at: now },
      lots.map((l) => ({
        warehouseId,
        skuId: l.skuId,
        kind: 'receipt' as const,
        qty: l.acceptedQty,
        refId: id,
        batchNo: l.batchNo,
        note: `采购收货 ${l.batchNo}`,
      })),
    );
    const presoldOut = lots.flatMap((l, i) =>
      presold[i]! > 0
        ? [
            {
              warehouseId,
              skuId: l.skuId,
              kind: 'sale' as const,
              qty: -presold[i]!,
              refId: id,
              batchNo: l.batchNo,
              note: `预售已售 ${presold[i]!} 件，随预售订单发出`,
            },
          ]
        : [],
    );
    if (presoldOut.length > 0) {
      const out = await bookMovements(tx, { merchantId, recordedBy: actorId(ctx), at: now }, presoldOut);
      if (!out.ok) throw new Error(`receipt could not book the pre-sold units of ${out.skuId}`);
    }
    await tx.insert(receiptLots).values(lots);
    const [supplier] = await tx.select().from(suppliers).where(eq(suppliers.id, po.supplierId));
    await traceReceivedLots(tx, lots, { supplier: supplier!, warehouse: house }, now);
    for (const [lineId, qty] of want)
      await tx
        .update(poLines)
        .set({ qtyReceived: sql`${poLines.qtyReceived} + ${qty}` })
        .where(eq(poLines.id, lineId));
    const complete = lines.every((l) => l.qtyReceived + (want.get(l.id) ?? 0) === l.qtyOrdered);
    await tx
      .update(purchaseOrders)
      .set({ status: complete ? 'received' : 'partially_received', ...(complete ? { closedAt: now } : {}) })
      .where(eq(purchaseOrders.id, id));
    await tx.insert(qualityRecords).values({
      id: newId('sqr'),
      supplierId: po.supplierId,
      merchantId,
      kind: 'receipt',
      acceptedQty: lots.reduce((s, l) => s + l.acceptedQty, 0),
      rejectedQty: lots.reduce((s, l) => s + l.rejectedQty, 0),
      note: `采购单收货（${lots.map((l) => l.batchNo).join('、')}）`,
      refId: receiptId,
      recordedBy: actorId(ctx),
      recordedAt: now,
    });
    await checkConcentration(
      tx,
      merchantId,
      lots.map((l) => l.categoryId),
      now,
    );
    return ok(await poView(tx, merchantId, id));
  });
}

async function poView(db: Db, merchantId: string, id: string) {
  const [po] = await db
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.id, id), eq(purchaseOrders.merchantId, merchantId)));
  if (!po) throw notFound('采购单', id);
  const [lines, lots, [supplier], [house]] = await Promise.all([
    db.select().from(poLines).where(eq(poLines.poId, id)).orderBy(asc(poLines.id)),
    db.select().from(receiptLots).where(eq(receiptLots.poId, id)).orderBy(asc(receiptLots.id)),
    db.select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.id, po.supplierId)),
    db.select({ name: warehouses.name }).from(warehouses).where(eq(warehouses.id, po.warehouseId)),
  ]);
  const [skus, codes] = await Promise.all([
    listMerchantSkus(db, merchantId, { skuIds: lines.map((l) => l.skuId) }),
    traceCodesOfLots(
      db,
      lots.map((l) => l.id),
    ),
  ]);
  return {
    ...po,
    supplierName: supplier?.name ?? '',
    warehouseName: house?.name ?? '',
    lines: lines.map((l) => {
      const sku = skus.find((s) => s.skuId === l.skuId);
      return { ...l, productTitle: sku?.productTitle ?? '', specText: sku?.specText ?? '' };
    }),
    lots: lots.map((l) => ({ ...l, traceCode: codes.get(l.id) ?? null })),
  };
}

export async function getPurchaseOrder(ctx: Ctx, id: string) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  return poView(ctx.db, merchantId, id);
}

export async function listPurchaseOrders(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  return ctx.db
    .select({
      id: purchaseOrders.id,
      status: purchaseOrders.status,
      supplierId: purchaseOrders.supplierId,
      supplierName: suppliers.name,
      warehouseId: purchaseOrders.warehouseId,
      warehouseName: warehouses.name,
      totalCost: purchaseOrders.totalCost,
      note: purchaseOrders.note,
      createdAt: purchaseOrders.createdAt,
      sentAt: purchaseOrders.sentAt,
      closedAt: purchaseOrders.closedAt,
    })
    .from(purchaseOrders)
    .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .innerJoin(warehouses, eq(warehouses.id, purchaseOrders.warehouseId))
    .where(eq(purchaseOrders.merchantId, merchantId))
    .orderBy(desc(purchaseOrders.id))
    .limit(100);
}
