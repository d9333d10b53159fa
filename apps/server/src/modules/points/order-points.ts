import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { definePort, PortNotWiredError } from '../../platform/port.ts';
import { getOrderForAfterSale } from '../orders/api.ts';
import { purchasePoints } from './rules.ts';
import { pointsOrders } from './schema.ts';
import { type LotPiece, movePoints, pointsAccount } from './wallet.ts';

// Points and orders: points pay for part of an order at placement, come back when it is cancelled or refunded
// (in proportion to the money refunded), and each yuan paid earns points, taken back in proportion on refunds.

/**
 * Spends the points the pricing engine deducted from each order, in the placing transaction. Too few points
 * (spent meanwhile elsewhere) is a refusal that rolls the whole placement back.
 */
export async function spendPointsOnOrders(
  db: Db,
  input: { userId: string; at: Date; orders: { orderId: string; points: number }[] },
): Promise<Result<{ spent: number }, 'insufficient-points'>> {
  let spent = 0;
  for (const o of input.orders) {
    if (o.points <= 0) continue;
    const moved = await movePoints(db, {
      kind: 'points.order-deduction',
      refId: o.orderId,
      memo: `下单抵扣 ¥${(o.points / 100).toFixed(2)}`,
      at: input.at,
      from: { userId: input.userId },
      to: { account: pointsAccount.redeemed },
      points: o.points,
    });
    if (!moved.ok) return moved;
    await db.insert(pointsOrders).values({
      orderId: o.orderId,
      userId: input.userId,
      used: o.points,
      usedLots: moved.value.pieces.map((p) => ({ points: p.points, expiresAt: p.expiresAt.toISOString() })),
      createdAt: input.at,
    });
    spent += o.points;
  }
  return ok({ spent });
}

/** A bonus on purchase points for orders paid at a given moment: membership's 会员日 (双倍积分) provides it. */
type PurchasePointsBonus = (db: Db, paidAt: Date) => Promise<{ multiplier: number; label: string } | null>;
const bonusPort = definePort<PurchasePointsBonus>('purchase points bonus', 'membership/events.ts');
export const providePurchasePointsBonus = bonusPort.provide;

async function bonusAt(db: Db, paidAt: Date) {
  try {
    return await bonusPort.use()(db, paidAt);
  } catch (e) {
    // Without membership in the composition there is no member day: plain points.
    if (e instanceof PortNotWiredError) return null;
    throw e;
  }
}

/**
 * order.paid: 1 point per yuan paid (times the member-day multiplier when paid on 会员日), in a lot tied to the
 * order (a refund takes from it first, in proportion to what was earned).
 */
export async function earnPurchasePoints(
  db: Db,
  input: { orderId: string; userId: string; payAmount: number; paidAt: Date },
): Promise<void> {
  const bonus = await bonusAt(db, input.paidAt);
  const points = purchasePoints(input.payAmount) * (bonus?.multiplier ?? 1);
  await db
    .insert(pointsOrders)
    .values({
      orderId: input.orderId,
      userId: input.userId,
      payAmount: input.payAmount,
      earned: points,
      createdAt: input.paidAt,
    })
    .onConflictDoUpdate({ target: pointsOrders.orderId, set: { payAmount: input.payAmount, earned: points } });
  if (points === 0) return;
  const moved = await movePoints(db, {
    kind: 'points.purchase',
    refId: input.orderId,
    memo: `购物实付 ¥${(input.payAmount / 100).toFixed(2)}${bonus ? `（${bonus.label}）` : ''}`,
    at: input.paidAt,
    from: { account: pointsAccount.issued },
    to: { userId: input.userId },
    points,
    sourceRef: input.orderId,
  });
  if (!moved.ok) throw new Error(`purchase points ${input.orderId}: ${moved.type}`);
}

/** order.cancelled (never paid): every point used comes back, with its original expiry. */
export async function returnPointsOfCancelledOrder(db: Db, orderId: string, at: Date): Promise<void> {
  const [row] = await db.select().from(pointsOrders).where(eq(pointsOrders.orderId, orderId)).for('update');
  if (!row) return;
  await returnUsed(db, row, row.used, `cancel:${orderId}`, '订单取消，退回抵扣的积分', at);
}

/**
 * refund.completed: points used and points earned follow the money. With R of P refunded, ⌊used·R/P⌋ points
 * have gone back and ⌊earned·R/P⌋ have been taken back; a full refund returns and takes back everything.
 */
export async function settlePointsAfterRefund(
  db: Db,
  input: { orderId: string; refundId: string; at: Date },
): Promise<void> {
  const [row] = await db.select().from(pointsOrders).where(eq(pointsOrders.orderId, input.orderId)).for('update');
  if (!row) return;
  const order = await getOrderForAfterSale(db, input.orderId);
  if (!order || order.payAmount <= 0) return;
  const refunded = Math.min(order.refundedAmount, order.payAmount);
  const share = (n: number) => Math.floor((n * refunded) / order.payAmount);
  await returnUsed(db, row, share(row.used), input.refundId, '订单退款，按比例退回抵扣的积分', input.at);
  const reverse = share(row.earned) - row.earnedReversed;
  if (reverse > 0) {
    const moved = await movePoints(db, {
      kind: 'points.purchase-reversal',
      refId: input.refundId,
      memo: '订单退款，按比例扣回购物积分',
      at: input.at,
      from: { userId: row.userId },
      to: { account: pointsAccount.issued },
      points: reverse,
      allowNegative: true,
      sourceRef: row.orderId,
    });
    if (!moved.ok) throw new Error(`purchase reversal ${row.orderId}: ${moved.type}`);
    if (moved.value.posted)
      await db
        .update(pointsOrders)
        .set({ earnedReversed: row.earnedReversed + reverse })
        .where(eq(pointsOrders.orderId, row.orderId));
  }
}

/** Brings the returned total up to `target`, re-creating lots from the latest-expiring pieces used. */
async function returnUsed(
  db: Db,
  row: typeof pointsOrders.$inferSelect,
  target: number,
  refId: string,
  memo: string,
  at: Date,
): Promise<void> {
  const amount = Math.min(target, row.used) - row.usedReturned;
  if (amount <= 0) return;
  const [lots, rest] = takeLatest(row.usedLots, amount);
  const moved = await movePoints(db, {
    kind: 'points.order-return',
    refId,
    memo,
    at,
    from: { account: pointsAccount.redeemed },
    to: { userId: row.userId },
    points: amount,
    lots,
    sourceRef: row.orderId,
  });
  if (!moved.ok) throw new Error(`points return ${row.orderId}: ${moved.type}`);
  if (moved.value.posted) {
    await db
      .update(pointsOrders)
      .set({ usedReturned: row.usedReturned + amount, usedLots: rest })
      .where(eq(pointsOrders.orderId, row.orderId));
  }
}

function takeLatest(
  pieces: { points: number; expiresAt: string }[],
  n: number,
): [LotPiece[], { points: number; expiresAt: string }[]] {
  const rest = [...pieces].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  const taken: LotPiece[] = [];
  let left = n;
  while (left > 0 && rest.length > 0) {
    const last = rest[rest.length - 1]!;
    const take = Math.min(left, last.points);
    taken.push({ points: take, expiresAt: new Date(last.expiresAt) });
    left -= take;
    if (take === last.points) rest.pop();
    else rest[rest.length - 1] = { ...last, points: last.points - take };
  }
  return [taken, rest];
}
