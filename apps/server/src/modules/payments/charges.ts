import { and, eq, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { getCheckoutForPayment } from '../orders/api.ts';
import { paymentOrders, payments } from './schema.ts';

export const refuse = refusals({
  'checkout-already-paid': '该订单已支付',
  'checkout-not-payable': [422, '订单已取消或已超时，无法支付'],
  'payment-not-pending': '该支付单已结束，请重新发起支付',
});

type PaymentStatus = (typeof payments.$inferSelect)['status'];

export interface PaymentView {
  paymentId: string;
  checkoutId: string;
  amount: number;
  payUrl: string;
  status: PaymentStatus;
  createdAt: string;
  paidAt: string | null;
}

const viewOf = (p: typeof payments.$inferSelect): PaymentView => ({
  paymentId: p.id,
  checkoutId: p.checkoutId,
  amount: p.amount,
  payUrl: p.payUrl,
  status: p.status,
  createdAt: p.createdAt.toISOString(),
  paidAt: p.paidAt?.toISOString() ?? null,
});

/**
 * The buyer starts paying a checkout: returns its open payment, or opens one through the provider for what
 * is still payable. An open payment whose amount no longer matches (an order was cancelled meanwhile) is
 * closed and replaced, so the buyer is never asked for money for a cancelled order.
 */
export async function createPayment(ctx: Ctx, input: { checkoutId: string }): Promise<Result<PaymentView>> {
  const user = requireUser(ctx.actor);
  return idempotent(ctx, 'payments.create', input, async (tx) => {
    const checkout = await getCheckoutForPayment(tx, input.checkoutId);
    if (!checkout || checkout.userId !== user.userId) throw notFound('订单', input.checkoutId);
    // Two requests for one checkout at once (double tap, two tabs) queue here instead of racing to open two payments.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payment-checkout:${checkout.checkoutId}`}))`);
    const existing = await tx.select().from(payments).where(eq(payments.checkoutId, checkout.checkoutId)).for('update');
    if (existing.some((p) => p.status === 'succeeded')) return refuse('checkout-already-paid');
    const payable = checkout.orders.filter((o) => o.status === 'pending_payment');
    if (payable.length === 0) {
      return checkout.orders.some((o) => o.status !== 'cancelled')
        ? refuse('checkout-already-paid')
        : refuse('checkout-not-payable');
    }
    const amount = payable.reduce((a, o) => a + o.payAmount, 0);
    const open = existing.find((p) => p.status === 'pending');
    const payableIds = payable.map((o) => o.orderId);
    if (open && open.amount === amount && (await coversExactly(tx, open.id, payableIds))) return ok(viewOf(open));
    if (open) {
      await tx
        .update(payments)
        .set({ status: 'failed', failedAt: ctx.now() })
        .where(and(eq(payments.id, open.id), eq(payments.status, 'pending')));
    }
    const id = newId('pay');
    const charge = await ctx.deps.payments.createCharge({
      paymentId: id,
      amount,
      subject: `好物订单 ${checkout.checkoutId}`,
    });
    const [row] = await tx
      .insert(payments)
      .values({
        id,
        checkoutId: checkout.checkoutId,
        userId: user.userId,
        amount,
        provider: ctx.deps.payments.name,
        providerRef: charge.providerRef,
        payUrl: charge.payUrl,
        status: 'pending',
        createdAt: ctx.now(),
      })
      .returning();
    await tx.insert(paymentOrders).values(
      payable.map((o) => ({
        paymentId: id,
        orderId: o.orderId,
        merchantId: o.merchantId,
        amount: o.payAmount,
        outcome: 'awaiting' as const,
      })),
    );
    return ok(viewOf(row!));
  });
}

async function coversExactly(db: Db, paymentId: string, orderIds: string[]): Promise<boolean> {
  const rows = await db
    .select({ orderId: paymentOrders.orderId })
    .from(paymentOrders)
    .where(eq(paymentOrders.paymentId, paymentId));
  return rows.length === orderIds.length && rows.every((r) => orderIds.includes(r.orderId));
}

/** A payment as its buyer sees it (the shop polls this after the pay page). */
export async function getPayment(ctx: Ctx, paymentId: string): Promise<PaymentView> {
  const user = requireUser(ctx.actor);
  const [p] = await ctx.db
    .select()
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.userId, user.userId)));
  if (!p) throw notFound('支付单', paymentId);
  return viewOf(p);
}

/** The buyer's own payment, for the sandbox pay page. */
export async function loadOwnPayment(ctx: Ctx, paymentId: string): Promise<typeof payments.$inferSelect> {
  const user = requireUser(ctx.actor);
  const [p] = await ctx.db.select().from(payments).where(eq(payments.id, paymentId));
  if (!p || p.userId !== user.userId) throw notFound('支付单', paymentId);
  return p;
}
