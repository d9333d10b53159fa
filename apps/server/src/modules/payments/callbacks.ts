import { and, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import { systemCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, notFound, ok, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { postJournal } from '../../platform/ledger.ts';
import { formatYuan } from '../../platform/money.ts';
import { markCheckoutPaid } from '../orders/api.ts';
import { accounts } from './accounts.ts';
import { loadOwnPayment, refuse } from './charges.ts';
import { SandboxPaymentProvider } from '../../platform/payment-provider.ts';
import { refundLatePayment } from './refunds.ts';
import { paymentOrders, payments } from './schema.ts';

const CallbackBody = z.object({
  paymentId: z.string(),
  providerRef: z.string(),
  status: z.enum(['succeeded', 'failed']),
  amount: z.number().int(),
  paidAt: z.iso.datetime(),
  /** The provider's id of the account that paid (openid, buyer id); gateways send it, it is kept only as a digest. */
  payerAccount: z.string().min(1).max(128).optional(),
});

export interface CallbackOutcome {
  paymentId: string;
  status: (typeof payments.$inferSelect)['status'];
  /** False when the callback repeated one already applied (providers retry until they get a 2xx). */
  applied: boolean;
}

type Payment = typeof payments.$inferSelect;

/**
 * Applies a provider callback. Both the HTTP callback route and the sandbox pay page go through here, so the
 * sandbox exercises exactly the production path: verify the signature over the raw body, then apply once.
 */
export async function receiveProviderCallback(
  deps: Deps,
  rawBody: string,
  signature: string | undefined,
): Promise<CallbackOutcome> {
  if (!deps.payments.verifyCallback(rawBody, signature)) {
    throw new AppError('invalid-signature', 401, '支付回调签名无效', '签名缺失或与回调内容不符，已拒绝');
  }
  let body: z.infer<typeof CallbackBody>;
  try {
    body = CallbackBody.parse(JSON.parse(rawBody));
  } catch {
    throw badRequest('支付回调格式有误');
  }
  const ctx = systemCtx(deps, 'payments.callback');
  return ctx.tx(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, body.paymentId)).for('update');
    if (!payment) throw notFound('支付单', body.paymentId);
    if (payment.providerRef !== body.providerRef || payment.amount !== body.amount) {
      throw new AppError(
        'callback-mismatch',
        422,
        '支付回调与支付单不符',
        `支付单 ${payment.id} 的渠道流水号或金额与回调不一致`,
      );
    }
    return body.status === 'succeeded'
      ? applyCapture(ctx, tx, payment, new Date(body.paidAt), payerIndexOf(deps, body.payerAccount))
      : applyFailure(ctx, tx, payment);
  });
}

/**
 * The money arrived: in one transaction the payment succeeds, the orders still payable become paid, the capture
 * journal is posted and the event emitted. Orders cancelled meanwhile (payment timeout) are not revived — their
 * stock may already be sold to someone else — so their money goes to suspense and straight back to the buyer.
 */
const payerIndexOf = (deps: Deps, account: string | undefined) =>
  account ? deps.fieldCrypto.blindIndex('payments.payer', account) : null;

async function applyCapture(
  ctx: Ctx,
  tx: Db,
  payment: Payment,
  paidAt: Date,
  payerIndex: string | null,
): Promise<CallbackOutcome> {
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
    .set({ status, paidAt, payerIndex })
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
  return ok(await receiveProviderCallback(ctx.deps, rawBody, signature));
}

/** The pay page exists only while the sandbox provider is the configured one. */
export function sandboxProvider(deps: Deps): SandboxPaymentProvider {
  if (!(deps.payments instanceof SandboxPaymentProvider)) throw notFound('沙箱支付', '当前未启用沙箱支付渠道');
  return deps.payments;
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
