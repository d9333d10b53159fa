import { and, asc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';
import { refundCampaignOrder } from '../groupbuy/api.ts';
import { cancelUnpaidCampaignOrder, recordFullRefund, releaseShipHold } from '../orders/api.ts';
import { placeProductionOrder } from '../supply/api.ts';
import { pledgeIdOfRefundRef, refundRef, SHIP_HOLD } from './rules.ts';
import { c2mPledges, c2mPresales } from './schema.ts';

// What happens after a pledge is placed, driven by order and refund events and the deadline job. Each handler runs in
// the dispatcher's or the job's transaction and is idempotent (it checks states first). The pre-sale row is locked
// first everywhere, so a payment and the deadline never interleave.

type PledgeRow = typeof c2mPledges.$inferSelect;

async function pledgeOfOrder(db: Db, orderId: string): Promise<PledgeRow | undefined> {
  const [pl] = await db.select().from(c2mPledges).where(eq(c2mPledges.orderId, orderId));
  return pl;
}

async function lockPresale(db: Db, id: string) {
  const [p] = await db.select().from(c2mPresales).where(eq(c2mPresales.id, id)).for('update');
  if (!p) throw new Error(`presale ${id} missing`);
  return p;
}

/** order.paid: the pledge counts towards the target, unless the deadline has passed (then it is refunded at once). */
export async function onOrderPaid(db: Db, deps: Deps, orderId: string): Promise<void> {
  const found = await pledgeOfOrder(db, orderId);
  if (!found) return;
  const presale = await lockPresale(db, found.presaleId);
  const now = deps.clock.now();
  const paid = await db
    .update(c2mPledges)
    .set({ status: 'paid', paidAt: now })
    .where(and(eq(c2mPledges.id, found.id), eq(c2mPledges.status, 'reserved')))
    .returning();
  if (paid.length === 0) return;
  // Paid after the deadline (the payment raced the decision): it does not count, the money goes straight back.
  if (presale.status !== 'funding' || presale.deadline <= now) {
    await refundPledge(db, paid[0]!, 'failed', now);
    return;
  }
  await db
    .update(c2mPresales)
    .set({ paidQty: sql`${c2mPresales.paidQty} + ${found.qty}`, backers: sql`${c2mPresales.backers} + 1` })
    .where(eq(c2mPresales.id, presale.id));
  await emit(db, 'c2m.pledge_paid', {
    presaleId: presale.id,
    pledgeId: found.id,
    qty: found.qty,
    paidQty: presale.paidQty + found.qty,
    targetQty: presale.targetQty,
  });
}

/** order.cancelled: an unpaid pledge is released. */
export async function onOrderCancelled(db: Db, orderId: string): Promise<void> {
  await db
    .update(c2mPledges)
    .set({ status: 'released' })
    .where(and(eq(c2mPledges.orderId, orderId), eq(c2mPledges.status, 'reserved')));
}

/** order.shipped: the delivery promise is kept for this pledge (no late notice). */
export async function onOrderShipped(db: Db, orderId: string, at: Date): Promise<void> {
  await db.update(c2mPledges).set({ shippedAt: at }).where(eq(c2mPledges.orderId, orderId));
}

/**
 * The deadline job. Paid units ≥ target: the pre-sale succeeds, its orders may ship and a production order for
 * max(paid units, minimum batch) goes to the supplier. Below target: it fails and every paid pledge is refunded
 * through the payment provider by group buy's refund path (coupons and points come back when the order closes).
 * Either way, orders still unpaid at the deadline are cancelled.
 */
export async function decidePresale(db: Db, deps: Deps, presaleId: string): Promise<void> {
  const presale = await lockPresale(db, presaleId);
  const now = deps.clock.now();
  if (presale.status !== 'funding' || presale.deadline > now) return;
  const pledges = await db
    .select()
    .from(c2mPledges)
    .where(eq(c2mPledges.presaleId, presaleId))
    .orderBy(asc(c2mPledges.id));
  for (const pl of pledges.filter((x) => x.status === 'reserved')) {
    const cancelled = await cancelUnpaidCampaignOrder(db, deps, pl.orderId, '预售已截止，未付款订单自动取消');
    // Not cancellable means it was paid and its order.paid is on its way: that handler refunds it.
    if (cancelled) await db.update(c2mPledges).set({ status: 'released' }).where(eq(c2mPledges.id, pl.id));
  }
  const paid = pledges.filter((x) => x.status === 'paid');
  if (presale.paidQty >= presale.targetQty) {
    const po = await placeProductionOrder(db, {
      merchantId: presale.merchantId,
      supplierId: presale.supplierId,
      warehouseId: presale.warehouseId,
      skuId: presale.skuId,
      qty: Math.max(presale.paidQty, presale.minBatch),
      presoldQty: presale.paidQty,
      note: `C2M 预售「${presale.title}」达成目标：已售 ${presale.paidQty} 件（目标 ${presale.targetQty}）`,
      at: now,
    });
    if (!po.ok) throw new Error(`presale ${presaleId}: production order refused (${po.type})`);
    await db
      .update(c2mPresales)
      .set({ status: 'succeeded', decidedAt: now, poId: po.value.poId })
      .where(eq(c2mPresales.id, presaleId));
    await releaseShipHold(
      db,
      paid.map((pl) => pl.orderId),
      SHIP_HOLD,
    );
    await emit(db, 'c2m.presale_succeeded', {
      presaleId,
      merchantId: presale.merchantId,
      poId: po.value.poId,
      paidQty: presale.paidQty,
      orderIds: paid.map((pl) => pl.orderId),
      deliverBy: presale.deliverBy.toISOString(),
    });
    return;
  }
  await db.update(c2mPresales).set({ status: 'failed', decidedAt: now }).where(eq(c2mPresales.id, presaleId));
  for (const pl of paid) await refundPledge(db, pl, 'failed', now);
  await emit(db, 'c2m.presale_failed', {
    presaleId,
    merchantId: presale.merchantId,
    paidQty: presale.paidQty,
    targetQty: presale.targetQty,
    userIds: paid.map((pl) => pl.userId),
  });
}

async function refundPledge(db: Db, pl: PledgeRow, reason: 'failed' | 'late', now: Date): Promise<void> {
  const refund = await refundCampaignOrder(db, {
    orderId: pl.orderId,
    refId: refundRef(pl.id),
    reason: '预售未达成目标，自动全额退款',
    at: now,
  });
  await db
    .update(c2mPledges)
    .set(
      refund
        ? { status: 'refunding', refundId: refund.refundId, refundReason: reason }
        : { status: 'refunded', refundReason: reason, refundedAt: now },
    )
    .where(eq(c2mPledges.id, pl.id));
}

/** refund.completed of a pledge: the order records the refund (and closes: coupons and points return); no stock moves. */
export async function onRefundCompleted(db: Db, payload: { refundId: string; refId: string }, now: Date) {
  const pledgeId = pledgeIdOfRefundRef(payload.refId);
  if (!pledgeId) return;
  const [pl] = await db.select().from(c2mPledges).where(eq(c2mPledges.id, pledgeId)).for('update');
  if (!pl || pl.status !== 'refunding') return;
  // The units were never in the catalog's stock (made to order): nothing goes back on sale.
  await recordFullRefund(db, { orderId: pl.orderId, refundId: payload.refundId, at: now, restock: false });
  await db.update(c2mPledges).set({ status: 'refunded', refundedAt: now }).where(eq(c2mPledges.id, pl.id));
  await emit(db, 'c2m.pledge_refunded', { presaleId: pl.presaleId, pledgeId: pl.id, orderId: pl.orderId });
}
