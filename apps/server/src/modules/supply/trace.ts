import { randomBytes } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { getMerchantBriefs, listMerchantSkus } from '../catalog/api.ts';
import { appendEntry } from '../transparency/api.ts';
import { receiptLots, type TraceFacts, traceCodes, traceEvents } from './schema.ts';

// 溯源 (docs/SUPPLY.md "Traceability"): every received lot gets a code; its production, inspection and logistics
// events are written together with a transparency-log entry each (kind `trace-event`, subject = the code), in the
// transaction of the receipt. The shop page checks every event against its entry and the entry's inclusion proof.

/** Short enough for a label under a QR code, unguessable enough that codes are not enumerated (64 random bits). */
const newTraceCode = () => `HW${randomBytes(8).toString('hex').toUpperCase()}`;

type TraceKind = (typeof traceEvents.$inferInsert)['kind'];

async function recordTraceEvent(
  db: Db,
  code: string,
  event: { kind: TraceKind; title: string; facts: TraceFacts },
  at: Date,
): Promise<void> {
  const { leafIndex } = await appendEntry(
    db,
    { kind: 'trace-event', subjectId: code, payload: { event: event.kind, title: event.title, ...event.facts } },
    at,
  );
  await db.insert(traceEvents).values({ id: newId('tre'), code, ...event, occurredAt: at, leafIndex });
}

/** At receipt: a code per lot, and its production, arrival inspection and warehouse-in events. */
export async function traceReceivedLots(
  db: Db,
  lots: (typeof receiptLots.$inferInsert)[],
  context: {
    supplier: { name: string; origin: string; factoryDirect: boolean };
    warehouse: { name: string; province: string };
  },
  at: Date,
): Promise<void> {
  for (const lot of lots) {
    const code = newTraceCode();
    await db
      .insert(traceCodes)
      .values({ code, lotId: lot.id, merchantId: lot.merchantId, skuId: lot.skuId, createdAt: at });
    await recordTraceEvent(
      db,
      code,
      {
        kind: 'production',
        title: '生产',
        facts: {
          batchNo: lot.batchNo,
          producedOn: lot.producedOn,
          expiresOn: lot.expiresOn ?? null,
          supplier: context.supplier.name,
          origin: context.supplier.origin,
          factoryDirect: context.supplier.factoryDirect,
        },
      },
      at,
    );
    await recordTraceEvent(
      db,
      code,
      {
        kind: 'inspection',
        title: '到货检验',
        facts: { acceptedQty: lot.acceptedQty, rejectedQty: lot.rejectedQty },
      },
      at,
    );
    await recordTraceEvent(
      db,
      code,
      {
        kind: 'logistics',
        title: '入库',
        facts: { warehouse: context.warehouse.name, province: context.warehouse.province },
      },
      at,
    );
  }
}

/** Trace codes of a purchase order's lots (for the console's QR labels). */
export async function traceCodesOfLots(db: Db, lotIds: string[]): Promise<Map<string, string>> {
  if (lotIds.length === 0) return new Map();
  const rows = await db.select().from(traceCodes).where(inArray(traceCodes.lotId, lotIds));
  return new Map(rows.map((r) => [r.lotId, r.code]));
}

/** 扫码溯源: public; what the lot is, who made it, and its events with their log positions. */
export async function publicTrace(ctx: Ctx, code: string) {
  const [row] = await ctx.db.select().from(traceCodes).where(eq(traceCodes.code, code));
  if (!row) throw notFound('溯源码', code);
  const [[lot], events, [sku], shops] = await Promise.all([
    ctx.db.select().from(receiptLots).where(eq(receiptLots.id, row.lotId)),
    ctx.db.select().from(traceEvents).where(eq(traceEvents.code, code)).orderBy(asc(traceEvents.leafIndex)),
    listMerchantSkus(ctx.db, row.merchantId, { skuIds: [row.skuId] }),
    getMerchantBriefs(ctx.db, [row.merchantId]),
  ]);
  return {
    code,
    productId: sku?.productId ?? null,
    productTitle: sku?.productTitle ?? '',
    specText: sku?.specText ?? '',
    shopName: shops.get(row.merchantId)?.name ?? '',
    batchNo: lot?.batchNo ?? '',
    producedOn: lot?.producedOn ?? null,
    expiresOn: lot?.expiresOn ?? null,
    events: events.map((e) => ({
      kind: e.kind,
      title: e.title,
      facts: e.facts,
      occurredAt: e.occurredAt.toISOString(),
      leafIndex: e.leafIndex,
    })),
  };
}
