import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import { charityProjectBriefs } from '../points/api.ts';
import { certificateNoOf, charityAccounts as acc, donationFor, reversedPartOf } from './rules.ts';
import { charityPledges, charitySales } from './schema.ts';

// The money side of 公益商品 (docs/POINTS.md "Charity products"). Paying a pledged product's order line donates the
// pledge × qty from the merchant's pending money to the project; refunds of the line reverse its share; when the
// order completes, the donation moves with the merchant's settlement so the merchant is settled net of it.

export interface PaidOrder {
  orderId: string;
  userId: string;
  merchantId: string;
  lines: { lineId: string; productId: string; qty: number; payAmount: number }[];
}

/**
 * order.paid: one donation per line of a pledged product whose project still takes donations, at the pledge in
 * force when the order is paid. The line id is unique, so a redelivered event records and journals nothing new.
 */
export async function recordDonations(db: Db, e: PaidOrder, at: Date): Promise<void> {
  const productIds = [...new Set(e.lines.map((l) => l.productId))];
  if (productIds.length === 0) return;
  // Most products pledge nothing: one indexed read and done, before loading the order.
  const pledges = await db.select().from(charityPledges).where(inArray(charityPledges.productId, productIds));
  if (pledges.length === 0) return;
  const projects = await charityProjectBriefs(
    db,
    pledges.map((p) => p.projectId),
  );
  const order = await getOrderForAfterSale(db, e.orderId);
  if (!order || !order.paidAt || order.status === 'pending_payment' || order.status === 'cancelled') return;
  let recorded = 0;
  for (const line of order.lines) {
    const pledge = pledges.find((p) => p.productId === line.productId && p.merchantId === order.merchantId);
    const project = pledge && projects.get(pledge.projectId);
    if (!pledge || !project?.active) continue;
    const amount = donationFor(pledge.amountPerItem, line.qty, line.payAmount);
    if (amount <= 0) continue;
    const id = newId('cds');
    const [row] = await db
      .insert(charitySales)
      .values({
        id,
        certificateNo: certificateNoOf(id, at),
        orderId: order.orderId,
        lineId: line.lineId,
        userId: order.userId,
        merchantId: order.merchantId,
        productId: line.productId,
        productTitle: line.title,
        projectId: project.id,
        qty: line.qty,
        amountPerItem: pledge.amountPerItem,
        amount,
        status: 'pending',
        createdAt: at,
      })
      .onConflictDoNothing({ target: charitySales.lineId })
      .returning();
    if (!row) continue;
    recorded++;
    await postJournal(db, {
      kind: 'charity.donation',
      refId: row.id,
      memo: `订单 ${order.orderId}「${line.title}」每件 ${formatYuan(pledge.amountPerItem)} × ${line.qty} 捐赠「${project.title}」${formatYuan(amount)}（证书 ${row.certificateNo}）`,
      at,
      lines: [
        { account: acc.merchantPending(row.merchantId), amount },
        { account: acc.project(row.projectId), amount: -amount },
      ],
    });
  }
  // A refund that landed before this event was handled is taken into account at once.
  if (recorded > 0) await syncDonationReversals(db, e.orderId, `paid:${e.orderId}`, at);
}

/**
 * refund.completed, aftersale.completed, order.closed: each donation of the order is brought in line with its
 * line's refunds. Cumulative, so whichever event sees a new refund first posts it and the others post nothing;
 * `triggerId` (the event) makes each posting unique. Before settlement the merchant's pending money gets it back,
 * after settlement the available money.
 */
export async function syncDonationReversals(db: Db, orderId: string, triggerId: string, at: Date): Promise<void> {
  const rows = await db
    .select()
    .from(charitySales)
    .where(eq(charitySales.orderId, orderId))
    .orderBy(asc(charitySales.id))
    .for('update');
  if (rows.length === 0) return;
  const order = await getOrderForAfterSale(db, orderId);
  if (!order) return;
  for (const s of rows) {
    const line = order.lines.find((l) => l.lineId === s.lineId);
    if (!line) continue;
    const delta = Math.min(reversedPartOf(s.amount, line.payAmount, line.refundedAmount), s.amount) - s.reversedAmount;
    if (delta <= 0) continue;
    const settled = s.status === 'settled';
    const posted = await postJournal(db, {
      kind: 'charity.donation-reversed',
      refId: `${s.id}:${triggerId}`,
      memo: `订单 ${orderId}「${s.productTitle}」退款，冲回公益捐赠 ${formatYuan(delta)}（证书 ${s.certificateNo}）`,
      at,
      lines: [
        { account: acc.project(s.projectId), amount: delta },
        {
          account: settled ? acc.merchantAvailable(s.merchantId) : acc.merchantPending(s.merchantId),
          amount: -delta,
        },
      ],
    });
    if (!posted) continue;
    const reversedAmount = s.reversedAmount + delta;
    await db
      .update(charitySales)
      .set({ reversedAmount, status: reversedAmount === s.amount && !settled ? 'reversed' : s.status })
      .where(eq(charitySales.id, s.id));
  }
}

/**
 * order.completed: payments has just moved the whole order's money from the merchant's pending to available; the
 * same step moves what is left of each donation back, so neither balance keeps money that went to charity.
 */
export async function settleDonations(db: Db, orderId: string, triggerId: string, at: Date): Promise<void> {
  await syncDonationReversals(db, orderId, triggerId, at);
  const rows = await db
    .select()
    .from(charitySales)
    .where(and(eq(charitySales.orderId, orderId), eq(charitySales.status, 'pending')))
    .orderBy(asc(charitySales.id))
    .for('update');
  for (const s of rows) {
    const net = s.amount - s.reversedAmount;
    await postJournal(db, {
      kind: 'charity.donation-settled',
      refId: s.id,
      memo: `订单 ${orderId} 已完成，公益捐赠 ${formatYuan(net)} 随结算从可提现中扣除（证书 ${s.certificateNo}）`,
      at,
      lines: [
        { account: acc.merchantPending(s.merchantId), amount: -net },
        { account: acc.merchantAvailable(s.merchantId), amount: net },
      ],
    });
    await db.update(charitySales).set({ status: 'settled', settledAt: at }).where(eq(charitySales.id, s.id));
  }
}
