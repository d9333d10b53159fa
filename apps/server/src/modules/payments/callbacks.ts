import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import { systemCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { markCheckoutPaid } from '../orders/api.ts';
import { accounts } from './accounts.ts';
import { getPayment, loadOwnPayment, type PaymentView, refuse } from './charges.ts';
import {
  type CallbackRequest,
  InvalidCallback,
  type PaymentProvider,
  ProviderUnavailable,
  SandboxPaymentProvider,
  type VerifiedCallback,
} from '../../platform/payment-provider.ts';
import { refundLatePayment } from './refunds.ts';
import { paymentOrders, payments } from './schema.ts';

export interface CallbackOutcome {
  paymentId: string;
  status: (typeof payments.$inferSelect)['status'];
  /** False when the callback repeated one already applied (providers retry until they get a 2xx). */
  applied: boolean;
}

type Payment = typeof payments.$inferSelect;

/**
 * Applies a provider callback. Every provider's callback route and the sandbox pay page go through here, so the
 * sandbox exercises exactly the production path: verify the signature over the raw body, then apply once.
 */
export async function receiveProviderCallback(
  deps: Deps,
  providerName: string,
  request: CallbackRequest,
): Promise<CallbackOutcome> {
  const provider = deps.payments.get(providerName);
  if (!provider) throw notFound('支付渠道', providerName);
  let verified: VerifiedCallback;
  try {
    verified = provider.verifyCallback(request, deps.clock.now());
  } catch (err) {
    if (!(err instanceof InvalidCallback)) throw err;
    deps.log.warn({ provider: providerName, reason: err.message }, 'payment callback refused');
    throw new AppError('invalid-signature', 401, '支付回调签名无效', `${err.message}，已拒绝`);
  }
  return applyVerifiedCallback(deps, provider, verified);
}

async function applyVerifiedCallback(
  deps: Deps,
  provider: PaymentProvider,
  body: VerifiedCallback,
): Promise<CallbackOutcome> {
  const ctx = systemCtx(deps, 'payments.callback');
  const result = await ctx.tx(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, body.paymentId)).for('update');
    if (!payment || payment.provider !== provider.name) throw notFound('支付单', body.paymentId);
    if (body.status === 'ignored') return { paymentId: payment.id, status: payment.status, applied: false };
    if (payment.providerRef !== body.providerRef || payment.amount !== body.amount) return { mismatch: payment };
    return body.status === 'succeeded'
      ? applyCapture(ctx, tx, payment, body.paidAt, payerOf(deps, body.payerAccount))
      : applyFailure(ctx, tx, payment);
  });
  if ('mismatch' in result) {
    const payment = result.mismatch;
    // Never capture a different amount than the orders cost: refuse, and tell finance (logged and published).
    deps.log.error(
      { paymentId: payment.id, provider: provider.name, expected: payment.amount, reported: body.amount },
      'payment callback amount or reference does not match the payment',
    );
    await ctx.tx((tx) =>
      emit(tx, 'payment.callback-mismatched', {
        paymentId: payment.id,
        provider: provider.name,
        expectedAmount: payment.amount,
        reportedAmount: body.amount,
        reportedRef: body.providerRef,
      }),
    );
    throw new AppError(
      'callback-mismatch',
      422,
      '支付回调与支付单不符',
      `支付单 ${payment.id} 应付 ${formatYuan(payment.amount)}，回调为 ${formatYuan(body.amount)}（或渠道流水号不一致），已拒绝并告警`,
    );
  }
  return result;
}

/**
 * The buyer is back from the provider's page before its notification arrived (or the notification was lost):
 * ask the provider, and apply a payment it reports as paid through the same path as a callback.
 */
export async function refreshPayment(ctx: Ctx, paymentId: string): Promise<PaymentView> {
  const view = await getPayment(ctx, paymentId);
  const provider = ctx.deps.payments.get(view.method);
  if (view.status !== 'pending' || !provider || provider.name === 'sandbox') return view;
  try {
    const state = await provider.queryCharge({ paymentId: view.paymentId, providerRef: view.paymentId });
    if (state.status !== 'succeeded') return view;
    await applyVerifiedCallback(ctx.deps, provider, {
      paymentId: view.paymentId,
      providerRef: view.paymentId,
      status: 'succeeded',
      amount: state.amount,
      paidAt: state.paidAt ?? ctx.now(),
    });
  } catch (err) {
    // The page polls again; the provider's own notification still arrives.
    if (err instanceof ProviderUnavailable || err instanceof AppError) {
      ctx.deps.log.warn({ err, paymentId }, 'payment query failed');
      return view;
    }
    throw err;
  }
  return getPayment(ctx, paymentId);
}

/**
 * The money arrived: in one transaction the payment succeeds, the orders still payable become paid, the capture
 * journal is posted and the event emitted. Orders cancelled meanwhile (payment timeout) are not revived — their
 * stock may already be sold to someone else — so their money goes to suspense and straight back to the buyer.
 */
interface Payer {
  payerIndex: string | null;
  payerAccount: string | null;
}
const payerOf = (deps: Deps, account: string | undefined): Payer => ({
  payerIndex: account ? deps.fieldCrypto.blindIndex('payments.payer', account) : null,
  payerAccount: deps.fieldCrypto.sealOrNull(account),
});

async function applyCapture(ctx: Ctx, tx: Db, payment: Payment, paidAt: Date, payer: Payer): Promise<CallbackOutcome> {
  if (payment.status === 'succeeded' || payment.status === 'duplicate')
    return { paymentId: payment.id, status: payment.status, applied: false };
  const now = ctx.now();
  // Two independent reads sent together (one round trip on PostgreSQL's pipeline).
  const [[otherSuccess], covered] = await Promise.all([
    tx
      .select({ id: payments.id })
      .from(payments)
      .where(
        and(eq(payments.checkoutId, payment.checkoutId), eq(payments.status, 'succeeded'), ne(payments.id, payment.id)),
      ),
    tx.select().from(paymentOrders).where(eq(paymentOrders.paymentId, payment.id)),
  ]);
  // A second payment for a checkout that is already paid (e.g. a charge closed as failed that the buyer still paid) is refunded whole.
  const status = otherSuccess ? 'duplicate' : 'succeeded';
  const updated = await tx
    .update(payments)
    .set({ status, paidAt, ...payer })
    .where(and(eq(payments.id, payment.id), inArray(payments.status, ['pending', 'failed'])))
    .returning({ id: payments.id });
  if (updated.length === 0) return { paymentId: payment.id, status: payment.status, applied: false };

  const paidIds = new Set<string>();
  if (status === 'succeeded') {
    const result = await markCheckoutPaid(tx, {
      checkoutId: payment.checkoutId,
      paymentId: payment.id,
      paidAt,
      method: payment.provider,
    });
    for (const o of result.paid) paidIds.add(o.orderId);
  }
  const stray = [...paidIds].filter((id) => !covered.some((c) => c.orderId === id));
  if (stray.length > 0) throw new Error(`payment ${payment.id} paid orders it does not cover: ${stray.join(', ')}`);
  const paid = covered.filter((c) => paidIds.has(c.orderId));
  const late = covered.filter((c) => !paidIds.has(c.orderId));
  const lateTotal = late.reduce((a, c) => a + c.amount, 0);
  const outcome = (rows: typeof covered, value: 'paid' | 'not_payable') =>
    rows.length > 0 &&
    tx
      .update(paymentOrders)
      .set({ outcome: value })
      .where(
        and(
          eq(paymentOrders.paymentId, payment.id),
          inArray(
            paymentOrders.orderId,
            rows.map((c) => c.orderId),
          ),
        ),
      );
  // The outcomes, the capture journal and the event do not depend on each other: sent together.
  await Promise.all([
    outcome(paid, 'paid'),
    outcome(late, 'not_payable'),
    postJournal(tx, {
      kind: 'payment.captured',
      refId: payment.id,
      memo: `收款 ${formatYuan(payment.amount)}：结算单 ${payment.checkoutId}${lateTotal > 0 ? `，其中 ${formatYuan(lateTotal)} 的订单已取消，待退回` : ''}`,
      at: now,
      lines: [
        { account: accounts.provider(payment.provider), amount: payment.amount },
        ...paid.map((c) => ({ account: accounts.pending(c.merchantId), amount: -c.amount })),
        { account: accounts.suspense, amount: -lateTotal },
      ],
    }),
    emit(tx, status === 'succeeded' ? 'payment.succeeded' : 'payment.duplicated', {
      paymentId: payment.id,
      checkoutId: payment.checkoutId,
      userId: payment.userId,
      amount: payment.amount,
      paidAt: paidAt.toISOString(),
      paidOrderIds: paid.map((c) => c.orderId),
      refundedOrderIds: late.map((c) => c.orderId),
    }),
  ]);
  for (const c of late) await refundLatePayment(tx, { ...c, outcome: 'not_payable' }, now);
  return { paymentId: payment.id, status, applied: true };
}

/** The charge failed: the payment ends, the orders stay pending so the buyer can pay again with a new payment. */
async function applyFailure(ctx: Ctx, tx: Db, payment: Payment): Promise<CallbackOutcome> {
  const updated = await tx
    .update(payments)
    .set({ status: 'failed', failedAt: ctx.now() })
    .where(and(eq(payments.id, payment.id), eq(payments.status, 'pending')))
    .returning({ id: payments.id });
  if (updated.length === 0) return { paymentId: payment.id, status: payment.status, applied: false };
  await emit(tx, 'payment.failed', { paymentId: payment.id, checkoutId: payment.checkoutId, userId: payment.userId });
  return { paymentId: payment.id, status: 'failed', applied: true };
}

/**
 * The sandbox pay page's buttons: the sandbox provider signs a callback exactly as a gateway would and it is
 * delivered through receiveProviderCallback, like one arriving over HTTP.
 */
export async function simulateSandboxPayment(
  ctx: Ctx,
  paymentId: string,
  outcome: 'succeeded' | 'failed',
  payerAccount?: string,
): Promise<Result<CallbackOutcome, 'payment-not-pending'>> {
  const provider = sandboxProvider(ctx.deps);
  const payment = await loadOwnPayment(ctx, paymentId);
  if (payment.status !== 'pending') return refuse('payment-not-pending');
  const { rawBody, signature } = provider.signedCallback({
    paymentId: payment.id,
    providerRef: payment.providerRef,
    status: outcome,
    amount: payment.amount,
    paidAt: ctx.now().toISOString(),
    // The sandbox wallet is the signed-in buyer's own unless the page says which account pays.
    payerAccount: payerAccount ?? `sandbox-wallet:${payment.userId}`,
  });
  return ok(
    await receiveProviderCallback(ctx.deps, 'sandbox', { rawBody, headers: { 'x-sandbox-signature': signature } }),
  );
}

/** The pay page exists only while the sandbox provider is the configured one. */
export function sandboxProvider(deps: Deps): SandboxPaymentProvider {
  const sandbox = deps.payments.get('sandbox');
  if (!(sandbox instanceof SandboxPaymentProvider)) throw notFound('沙箱支付', '当前未启用沙箱支付渠道');
  return sandbox;
}

/** The payer digest of the payment that paid an order (reviews' fake-review screening); null when unknown. */
export async function payerOfOrder(db: Db, orderId: string): Promise<string | null> {
  const [row] = await db
    .select({ payerIndex: payments.payerIndex })
    .from(paymentOrders)
    .innerJoin(payments, eq(payments.id, paymentOrders.paymentId))
    .where(and(eq(paymentOrders.orderId, orderId), eq(payments.status, 'succeeded')));
  return row?.payerIndex ?? null;
}
