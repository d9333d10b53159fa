import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { actingMerchant, requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { idempotent } from '../../platform/idempotency.ts';
import type { Carrier } from '../logistics/api.ts';
import { forwardHeldOrder, getOrderForAfterSale } from '../orders/api.ts';
import { requestRefund } from '../payments/api.ts';
import { appendEntry } from '../transparency/api.ts';
import { type CaseRow, openCase } from './cases.ts';
import { AUTHENTICATION_HOLD, refundRef } from './rules.ts';
import { authenticationCases, type CaseStatus } from './schema.ts';
import { type CaseView, caseView } from './views.ts';

const refuse = refusals({
  'not-in-authentication': [409, '该订单不在鉴定中'],
  'not-received': [409, '鉴定中心尚未收到商品'],
  'inbound-recorded': [409, '已登记寄往鉴定中心的运单'],
  'order-not-paid': [422, '该订单没有可退的付款'],
  'refund-exceeds-paid': [422, '退款金额超过订单实付金额'],
});

interface Waybill {
  carrier: Carrier;
  trackingNo: string;
}

/** The merchant sends the goods to the centre (not to the buyer) and records that waybill. */
export async function recordInbound(ctx: Ctx, orderId: string, input: Waybill): Promise<Result<CaseView>> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'orders.ship');
  return ctx.tx(async (tx) => {
    const row = (await lockCase(tx, orderId)) ?? (await openCase(tx, orderId, ctx.now()));
    if (!row || row.merchantId !== merchantId) throw notFound('订单');
    if (
      row.status === 'at_centre' &&
      row.inboundTrackingNo === input.trackingNo &&
      row.inboundCarrier === input.carrier
    )
      return ok(caseView(row));
    if (row.status === 'at_centre') return refuse('inbound-recorded', '如需更正运单请联系平台鉴定中心');
    if (row.status !== 'awaiting_inbound') return refuse('not-in-authentication');
    const [moved] = await tx
      .update(authenticationCases)
      .set({
        status: 'at_centre',
        inboundCarrier: input.carrier,
        inboundTrackingNo: input.trackingNo,
        inboundAt: ctx.now(),
      })
      .where(eq(authenticationCases.orderId, orderId))
      .returning();
    return ok(caseView(moved!));
  });
}

export interface VerdictInput extends Waybill {
  result: 'pass' | 'fail';
  findings: string;
}

/**
 * The 鉴定师's verdict, once per order (Idempotency-Key). Both are logged publicly in the same transaction. Pass: the
 * certificate is issued and the centre forwards the goods to the buyer (the waybill given). Fail: the buyer is
 * refunded in full along the order's payment and the goods go back to the merchant (the waybill given).
 */
export async function decide(ctx: Ctx, orderId: string, input: VerdictInput): Promise<Result<CaseView>> {
  const inspector = requireUser(ctx.actor);
  return idempotent(ctx, `authentication.decide:${orderId}`, input, async (tx) => {
    const row = await lockCase(tx, orderId);
    if (!row || !['awaiting_inbound', 'at_centre'].includes(row.status)) return refuse('not-in-authentication');
    if (row.status === 'awaiting_inbound') return refuse('not-received', '商家登记寄往鉴定中心的运单后才能出具结论');
    const now = ctx.now();
    const certificateNo = `JD${now.toISOString().slice(0, 10).replaceAll('-', '')}${randomBytes(5).toString('hex').toUpperCase()}`;
    const { leafIndex } = await appendEntry(
      tx,
      {
        kind: 'authentication',
        subjectId: certificateNo,
        payload: {
          findings: input.findings,
          inspectorRole: 'inspector',
          merchantId: row.merchantId,
          productIds: [...new Set(row.items.map((i) => i.productId))].sort().join(','),
          result: input.result,
        },
      },
      now,
    );
    let refundId: string | null = null;
    if (input.result === 'pass') {
      await forwardHeldOrder(tx, ctx.deps, { orderId, hold: AUTHENTICATION_HOLD, ...input, at: now });
    } else {
      const refunded = await refundInFull(tx, row, now);
      if (!refunded.ok) return refunded;
      refundId = refunded.value;
    }
    const [decided] = await tx
      .update(authenticationCases)
      .set({
        status: input.result === 'pass' ? 'passed' : 'failed',
        certificateNo,
        findings: input.findings,
        decidedBy: inspector.userId,
        decidedAt: now,
        leafIndex,
        outboundCarrier: input.carrier,
        outboundTrackingNo: input.trackingNo,
        refundId,
      })
      .where(eq(authenticationCases.orderId, orderId))
      .returning();
    return ok(caseView(decided!));
  });
}

async function refundInFull(tx: Db, row: CaseRow, now: Date) {
  const order = await getOrderForAfterSale(tx, row.orderId);
  if (!order) throw notFound('订单');
  const refund = await requestRefund(tx, {
    orderId: row.orderId,
    merchantId: row.merchantId,
    amount: order.payAmount - order.refundedAmount,
    refId: refundRef(row.orderId),
    reason: '鉴定未通过，全额退款',
    at: now,
  });
  return refund.ok ? ok(refund.value.refundId) : refuse(refund.type, refund.detail);
}

const lockCase = async (tx: Db, orderId: string): Promise<CaseRow | undefined> =>
  (await tx.select().from(authenticationCases).where(eq(authenticationCases.orderId, orderId)).for('update'))[0];

/** The centre's queue: cases in these states, oldest first (what has waited longest is inspected first). */
export async function listCases(ctx: Ctx, statuses: readonly CaseStatus[]): Promise<{ items: CaseView[] }> {
  const rows = await ctx.db
    .select()
    .from(authenticationCases)
    .where(inArray(authenticationCases.status, [...statuses]))
    .orderBy(asc(authenticationCases.createdAt), asc(authenticationCases.orderId))
    .limit(200);
  return { items: rows.map(caseView) };
}

/** The buyer's own order's case, or null when the order needs none. */
export async function caseForBuyer(ctx: Ctx, orderId: string): Promise<{ case: CaseView | null }> {
  const user = requireUser(ctx.actor);
  const order = await getOrderForAfterSale(ctx.db, orderId);
  if (!order || order.userId !== user.userId) throw notFound('订单');
  return { case: await caseOf(ctx.db, orderId) };
}

/** The merchant's order's case, or null when the order needs none. */
export async function caseForMerchant(ctx: Ctx, orderId: string): Promise<{ case: CaseView | null }> {
  const { merchantId } = actingMerchant(ctx.actor, ctx.merchantHint, 'orders.read');
  const [row] = await ctx.db
    .select()
    .from(authenticationCases)
    .where(and(eq(authenticationCases.orderId, orderId), eq(authenticationCases.merchantId, merchantId)));
  return { case: row ? caseView(row) : null };
}

async function caseOf(db: Db, orderId: string): Promise<CaseView | null> {
  const [row] = await db.select().from(authenticationCases).where(eq(authenticationCases.orderId, orderId));
  return row ? caseView(row) : null;
}
