import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { actingMerchant, requireOperator, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { orderNosOf } from '../orders/api.ts';
import { refundsByRefIds, type RefundView } from '../payments/api.ts';
import { REASON_LABEL, statusLabelOf, TYPE_LABEL } from './rules.ts';
import { afterSaleEvents, afterSales, type AfterSaleStatus } from './schema.ts';

export type AfterSaleRow = typeof afterSales.$inferSelect;
export type Party = 'buyer' | 'merchant' | 'operator';

export interface AfterSaleDto {
  id: string;
  orderId: string;
  orderNo: string;
  lineId: string;
  merchantId: string;
  productTitle: string;
  specText: string;
  type: AfterSaleRow['type'];
  typeLabel: string;
  reasonCode: AfterSaleRow['reasonCode'];
  reasonLabel: string;
  description: string;
  images: string[];
  qty: number;
  amount: number;
  shippingAmount: number;
  status: AfterSaleStatus;
  statusLabel: string;
  dueAt: string | null;
  escalatedAt: string | null;
  rejectReason: string | null;
  returnShipment: { carrier: string; trackingNo: string } | null;
  /** 换货 only: the SKU coming back instead, whether it is reserved, and its waybill once shipped. */
  exchange: {
    skuId: string;
    specText: string;
    reserved: boolean;
    returnDefective: boolean | null;
    shipment: { carrier: string; trackingNo: string; shippedAt: string } | null;
    autoConfirmAt: string | null;
  } | null;
  refund: Pick<RefundView, 'refundId' | 'amount' | 'status' | 'completedAt'> | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface AfterSaleDetailDto extends AfterSaleDto {
  timeline: { at: string; actor: 'buyer' | 'merchant' | 'operator' | 'system'; action: string; note: string | null }[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function exchangeOf(r: AfterSaleRow): AfterSaleDto['exchange'] {
  if (r.type !== 'exchange' || !r.replacementSkuId) return null;
  const shipped = r.replacementCarrier && r.replacementTrackingNo && r.replacementShippedAt;
  return {
    skuId: r.replacementSkuId,
    specText: r.replacementSpecText ?? '',
    reserved: r.replacementReserved,
    returnDefective: r.returnDefective,
    shipment: shipped
      ? {
          carrier: r.replacementCarrier!,
          trackingNo: r.replacementTrackingNo!,
          shippedAt: r.replacementShippedAt!.toISOString(),
        }
      : null,
    autoConfirmAt: r.status === 'replacement_shipped' ? iso(r.replacementAutoConfirmAt) : null,
  };
}

function toDto(r: AfterSaleRow, orderNo: string, refund: RefundView | undefined): AfterSaleDto {
  return {
    id: r.id,
    orderId: r.orderId,
    orderNo,
    lineId: r.lineId,
    merchantId: r.merchantId,
    productTitle: r.productTitle,
    specText: r.specText,
    type: r.type,
    typeLabel: TYPE_LABEL[r.type],
    reasonCode: r.reasonCode,
    reasonLabel: REASON_LABEL[r.reasonCode],
    description: r.description,
    images: r.images,
    qty: r.qty,
    amount: r.amount,
    shippingAmount: r.shippingAmount,
    status: r.status,
    statusLabel: statusLabelOf(r.type, r.status),
    dueAt: iso(r.dueAt),
    escalatedAt: iso(r.escalatedAt),
    rejectReason: r.rejectReason,
    returnShipment:
      r.returnCarrier && r.returnTrackingNo ? { carrier: r.returnCarrier, trackingNo: r.returnTrackingNo } : null,
    exchange: exchangeOf(r),
    refund: refund
      ? { refundId: refund.refundId, amount: refund.amount, status: refund.status, completedAt: refund.completedAt }
      : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    closedAt: iso(r.closedAt),
  };
}

async function toDtos(db: Db, rows: AfterSaleRow[]): Promise<AfterSaleDto[]> {
  const refunds = await refundsByRefIds(
    db,
    rows.filter((r) => r.refundId).map((r) => r.id),
  );
  const orderNos = await orderNosOf(
    db,
    rows.map((r) => r.orderId),
  );
  return rows.map((r) => toDto(r, orderNos.get(r.orderId) ?? r.orderId, refunds.get(r.id)));
}

export async function detailOf(db: Db, row: AfterSaleRow): Promise<AfterSaleDetailDto> {
  const [dto] = await toDtos(db, [row]);
  const events = await db
    .select()
    .from(afterSaleEvents)
    .where(eq(afterSaleEvents.afterSaleId, row.id))
    .orderBy(asc(afterSaleEvents.id));
  return {
    ...dto!,
    timeline: events.map((e) => ({ at: e.at.toISOString(), actor: e.actor, action: e.action, note: e.note })),
  };
}

/** Adds a line to a request's timeline. */
export async function addEvent(
  db: Db,
  afterSaleId: string,
  at: Date,
  actor: AfterSaleDetailDto['timeline'][number]['actor'],
  action: string,
  note?: string | null,
): Promise<void> {
  await db.insert(afterSaleEvents).values({ id: newId('ase'), afterSaleId, at, actor, action, note: note ?? null });
}

/** Who may see a request: its buyer, staff of its merchant (a merchant of another shop gets 404), or an operator. */
function scopeOf(ctx: Ctx, party: Party, acting = false): SQL {
  if (party === 'buyer') return eq(afterSales.userId, requireUser(ctx.actor).userId);
  if (party === 'merchant') {
    const { merchantId } = actingMerchant(
      ctx.actor,
      ctx.merchantHint,
      acting ? 'aftersales.decide' : 'aftersales.read',
    );
    return eq(afterSales.merchantId, merchantId);
  }
  requireOperator(ctx.actor);
  return sql`true`;
}

/** Loads a request the party may see, locked for update when acting on it (shop staff then need to decide). */
export async function loadFor(ctx: Ctx, db: Db, party: Party, id: string, lock = false): Promise<AfterSaleRow> {
  const query = db
    .select()
    .from(afterSales)
    .where(and(eq(afterSales.id, id), scopeOf(ctx, party, lock)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('售后申请', id);
  return row;
}

export async function getAfterSale(ctx: Ctx, party: Party, id: string): Promise<AfterSaleDetailDto> {
  return detailOf(ctx.db, await loadFor(ctx, ctx.db, party, id));
}

export interface ListQuery {
  status?: AfterSaleStatus;
  escalated?: boolean;
  cursor?: string;
  limit?: number;
}

/** Newest first, keyset-paginated by id (ids are time-ordered). */
export async function listAfterSales(
  ctx: Ctx,
  party: Party,
  q: ListQuery,
): Promise<{ items: AfterSaleDto[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  const rows = await ctx.db
    .select()
    .from(afterSales)
    .where(
      and(
        scopeOf(ctx, party),
        q.status ? eq(afterSales.status, q.status) : undefined,
        q.escalated === true ? eq(afterSales.status, 'escalated') : undefined,
        q.escalated === false
          ? inArray(afterSales.status, [
              'requested',
              'awaiting_return',
              'return_shipped',
              'refunding',
              'awaiting_replacement',
              'replacement_shipped',
              'completed',
              'rejected',
              'cancelled',
            ])
          : undefined,
        q.cursor ? lt(afterSales.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(afterSales.id))
    .limit(limit + 1);
  const items = await toDtos(ctx.db, rows.slice(0, limit));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
