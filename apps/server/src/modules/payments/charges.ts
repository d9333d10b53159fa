import { and, eq, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { type PaymentProvider, ProviderUnavailable } from '../../platform/payment-provider.ts';
import { getCheckoutForPayment } from '../orders/api.ts';
import { paymentOrders, payments } from './schema.ts';

export const refuse = refusals({
  'checkout-already-paid': '该订单已支付',
  'checkout-not-payable': [422, '订单已取消或已超时，无法支付'],
  'payment-not-pending': '该支付单已结束，请重新发起支付',
  'payment-method-unavailable': [422, '该支付方式暂不可用，请选择其他支付方式'],
});

/** The methods the cashier offers: only the configured providers, the default first. */
export function listPaymentMethods(ctx: Ctx): { items: { method: string; label: string; description: string }[] } {
  return {
    items: ctx.deps.payments.list().map((p) => ({ method: p.name, label: p.label, description: p.description })),
  };
}

/** The provider did not answer: nothing was charged and the orders stay payable, with this method later or another now. */
function providerDown(provider: PaymentProvider, err: ProviderUnavailable): AppError {
  return new AppError(
    'payment-provider-unavailable',
    503,
    `${provider.label}暂时无法使用，请稍后再试或选择其他支付方式`,
    `${err.message}；订单未扣款，仍可继续支付`,
    undefined,
    30,
  );
}

type PaymentStatus = (typeof payments.$inferSelect)['status'];

export interface PaymentView {
  paymentId: string;
  checkoutId: string;
  method: string;
  amount: number;
  payUrl: string;
  status: PaymentStatus;
  createdAt: string;
  paidAt: string | null;
}

const viewOf = (p: typeof payments.$inferSelect): PaymentView => ({
  paymentId: p.id,
  checkoutId: p.checkoutId,
  method: p.provider,
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
export async function createPayment(
  ctx: Ctx,
  input: { checkoutId: string; method?: string | undefined },
  /** The shop's origin: real providers send the buyer back to its result page. */
  origin?: string,
  /**
   * 亲情付 / 代付: the checkout's owner when the signed-in user pays someone else's checkout. Only the family module
   * passes it, after checking the request; the payment (and so every refund of it) belongs to the payer.
   */
  onBehalfOf?: string,
): Promise<Result<PaymentView>> {
  const user = requireUser(ctx.actor);
  const provider = input.method ? ctx.deps.payments.get(input.method) : ctx.deps.payments.default;
  if (!provider) return refuse('payment-method-unavailable', `未启用的支付方式：${input.method}`);
  return idempotent(ctx, 'payments.create', input, async (tx) => {
    const checkout = await getCheckoutForPayment(tx, input.checkoutId);
    if (!checkout || checkout.userId !== (onBehalfOf ?? user.userId)) throw notFound('订单', input.checkoutId);
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
    if (
      open &&
      open.userId === user.userId &&
      open.provider === provider.name &&
      open.amount === amount &&
      (await coversExactly(tx, open.id, payableIds))
    )
      return ok(viewOf(open));
    const id = newId('pay');
    let charge: { providerRef: string; payUrl: string };
    try {
      charge = await provider.createCharge({
        paymentId: id,
        amount,
        subject: `好物订单 ${checkout.checkoutId}${onBehalfOf ? '（代付）' : ''}`,
        clientIp: ctx.ip,
        ...(origin ? { returnUrl: `${origin}/pay/${checkout.checkoutId}/result?payment=${id}` } : {}),
      });
    } catch (err) {
      if (err instanceof ProviderUnavailable) {
        ctx.deps.log.warn({ err, provider: provider.name, checkoutId: checkout.checkoutId }, 'payment provider down');
        throw providerDown(provider, err);
      }
      throw err;
    }
    // Only once the new charge exists: when its provider is down the buyer keeps the open one, still payable.
    if (open) {
      await tx
        .update(payments)
        .set({ status: 'failed', failedAt: ctx.now() })
        .where(and(eq(payments.id, open.id), eq(payments.status, 'pending')));
      await closeAtProvider(ctx, open);
    }
    const [row] = await tx
      .insert(payments)
      .values({
        id,
        checkoutId: checkout.checkoutId,
        userId: user.userId,
        amount,
        provider: provider.name,
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

/**
 * The replaced charge is closed at its provider so the buyer cannot pay it too. If that fails (provider down) the
 * payment still ends here: money that arrives for it anyway is captured as `duplicate` and refunded whole.
 */
async function closeAtProvider(ctx: Ctx, open: typeof payments.$inferSelect): Promise<void> {
  const provider = ctx.deps.payments.get(open.provider);
  try {
    await provider?.closeCharge({ paymentId: open.id, providerRef: open.providerRef });
  } catch (err) {
    ctx.deps.log.warn({ err, paymentId: open.id }, 'closing a replaced charge failed; a late payment is refunded');
  }
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
