import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { actingMerchant } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, ok } from '../../platform/errors.ts';
import { atomically } from '../../platform/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { listMerchantSkus } from '../catalog/api.ts';
import { refuse } from './refusals.ts';
import { qualityRecords, supplierSkus, suppliers } from './schema.ts';

export interface SupplierInput {
  name: string;
  origin: string;
  factoryDirect: boolean;
  qualifications: string[];
  leadTimeDays: number;
}

const actorId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.kind);

export async function createSupplier(ctx: Ctx, input: SupplierInput) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  return atomically(ctx, async (tx) => {
    const [row] = await tx
      .insert(suppliers)
      .values({ id: newId('sup'), merchantId, ...input, createdAt: ctx.now() })
      .onConflictDoNothing()
      .returning();
    return row ? ok(row) : refuse('supplier-name-taken', input.name);
  });
}

export async function updateSupplier(ctx: Ctx, id: string, input: Partial<SupplierInput>) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  return atomically(ctx, async (tx) => {
    const [row] = await tx
      .update(suppliers)
      .set(input)
      .where(and(eq(suppliers.id, id), eq(suppliers.merchantId, merchantId)))
      .returning();
    return row ? ok(row) : refuse('supplier-not-found');
  });
}

/** Replaces the supplier's SKU links (unit cost, planned share). A SKU's shares over all suppliers stay ≤ 100 %. */
export async function setSupplierSkus(
  ctx: Ctx,
  id: string,
  links: { skuId: string; unitCost: number; sharePct: number }[],
) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const skuIds = [...new Set(links.map((l) => l.skuId))];
  const own = await listMerchantSkus(ctx.db, merchantId, { skuIds });
  const foreign = skuIds.find((s) => !own.some((o) => o.skuId === s));
  if (foreign) return refuse('sku-not-found', foreign);
  return atomically(ctx, async (tx) => {
    const [supplier] = await tx
      .select()
      .from(suppliers)
      .where(and(eq(suppliers.id, id), eq(suppliers.merchantId, merchantId)))
      .for('update');
    if (!supplier) return refuse('supplier-not-found');
    await tx.delete(supplierSkus).where(eq(supplierSkus.supplierId, id));
    if (links.length > 0) {
      await tx.insert(supplierSkus).values(links.map((l) => ({ ...l, supplierId: id, merchantId })));
      const all = await tx.select().from(supplierSkus).where(inArray(supplierSkus.skuId, skuIds));
      for (const skuId of skuIds) {
        const total = all.filter((l) => l.skuId === skuId).reduce((s, l) => s + l.sharePct, 0);
        if (total > 100) return refuse('share-too-large', `${skuId} 各供应商占比合计 ${total}%`);
      }
    }
    return ok({ supplierId: id, links: links.length });
  });
}

export async function recordQualityNote(ctx: Ctx, id: string, input: { note: string; rejectedQty: number }) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  return atomically(ctx, async (tx) => {
    const [supplier] = await tx
      .select()
      .from(suppliers)
      .where(and(eq(suppliers.id, id), eq(suppliers.merchantId, merchantId)));
    if (!supplier) return refuse('supplier-not-found');
    const [row] = await tx
      .insert(qualityRecords)
      .values({
        id: newId('sqr'),
        supplierId: id,
        merchantId,
        kind: 'note',
        acceptedQty: 0,
        rejectedQty: input.rejectedQty,
        note: input.note,
        recordedBy: actorId(ctx),
        recordedAt: ctx.now(),
      })
      .returning();
    return ok(row!);
  });
}

export async function listSuppliers(ctx: Ctx) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const [rows, links, quality] = await Promise.all([
    ctx.db.select().from(suppliers).where(eq(suppliers.merchantId, merchantId)).orderBy(asc(suppliers.createdAt)),
    ctx.db.select().from(supplierSkus).where(eq(supplierSkus.merchantId, merchantId)),
    ctx.db.select().from(qualityRecords).where(eq(qualityRecords.merchantId, merchantId)),
  ]);
  return rows.map((s) => {
    const mine = quality.filter((q) => q.supplierId === s.id);
    const accepted = mine.reduce((a, q) => a + q.acceptedQty, 0);
    const rejected = mine.reduce((a, q) => a + q.rejectedQty, 0);
    return {
      ...s,
      skuCount: links.filter((l) => l.supplierId === s.id).length,
      acceptedQty: accepted,
      rejectedQty: rejected,
      /** Share of inspected units rejected, in basis points; null before any inspection. */
      defectBp: accepted + rejected === 0 ? null : Math.round((rejected * 10_000) / (accepted + rejected)),
    };
  });
}

export async function getSupplier(ctx: Ctx, id: string) {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'supply.manage');
  const [supplier] = await ctx.db
    .select()
    .from(suppliers)
    .where(and(eq(suppliers.id, id), eq(suppliers.merchantId, merchantId)));
  if (!supplier) throw notFound('供应商', id);
  const [links, quality] = await Promise.all([
    ctx.db.select().from(supplierSkus).where(eq(supplierSkus.supplierId, id)),
    ctx.db
      .select()
      .from(qualityRecords)
      .where(eq(qualityRecords.supplierId, id))
      .orderBy(desc(qualityRecords.recordedAt))
      .limit(50),
  ]);
  const skus = await listMerchantSkus(ctx.db, merchantId, { skuIds: links.map((l) => l.skuId) });
  return {
    ...supplier,
    links: links.map((l) => {
      const sku = skus.find((s) => s.skuId === l.skuId);
      return { ...l, productTitle: sku?.productTitle ?? '', specText: sku?.specText ?? '' };
    }),
    quality,
  };
}
