import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { requireUser } from '../../platform/auth.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound, ok, refusals, type Result } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { idempotent } from '../../platform/idempotency.ts';
import { publicProfiles } from '../accounts/api.ts';
import { getCategoryTree, getProductBriefs } from '../catalog/api.ts';
import { getCheckoutForPayment, linesOfOrders } from '../orders/api.ts';
import { createPayment, type PaymentView } from '../payments/api.ts';
import { releaseBudget, reserveBudget, usedIn } from './bindings.ts';
import { categoriesOutside, monthOf, rootsOf } from './rules.ts';
import { familyBindings, familyPayRequests } from './schema.ts';

const refuseRequest = refusals({
  'family-budget-exceeded': '本月亲情付额度不足',
  'family-category-not-allowed': [422, '订单中有不在亲情付范围内的商品类目'],
  'family-binding-not-active': '亲情付已解除',
  'family-request-open': '该订单已在等待代付',
  'family-request-closed': '该代付请求已结束',
  'family-request-expired': [422, '订单已取消或已超时，无法代付'],
  'family-own-request': [422, '这是你自己的订单，请直接支付'],
  'checkout-not-payable': [422, '订单已支付、已取消或已超时'],
});

type Request = typeof familyPayRequests.$inferSelect;
type Binding = typeof familyBindings.$inferSelect;

export interface PayRequestView {
  id: string;
  kind: Request['kind'];
  checkoutId: string;
  status: Request['status'];
  amount: number;
  requester: { id: string; nickname: string };
  payer: { id: string; nickname: string } | null;
  bindingId: string | null;
  linkPath: string;
  items: { title: string; qty: number; imageUrl: string | null }[];
  expiresAt: string;
  expired: boolean;
  createdAt: string;
  paidAt: string | null;
  refundedAmount: number;
  cancelReason: string | null;
}

async function viewsOf(ctx: Ctx, rows: Request[]): Promise<PayRequestView[]> {
  const [profiles, lines] = await Promise.all([
    publicProfiles(ctx.db, [
      ...new Set(rows.flatMap((r) => (r.payerId ? [r.requesterId, r.payerId] : [r.requesterId]))),
    ]),
    linesOfOrders(
      ctx.db,
      rows.flatMap((r) => r.orderIds),
    ),
  ]);
  const nick = (id: string) => ({ id, nickname: profiles.get(id)?.nickname ?? '好物用户' });
  const now = ctx.now();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    checkoutId: r.checkoutId,
    status: r.status,
    amount: r.amount,
    requester: nick(r.requesterId),
    payer: r.payerId ? nick(r.payerId) : null,
    bindingId: r.bindingId,
    linkPath: `/family/pay/${r.token}`,
    items: lines
      .filter((l) => r.orderIds.includes(l.orderId))
      .map((l) => ({ title: l.title, qty: l.qty, imageUrl: l.imageUrl })),
    expiresAt: r.expiresAt.toISOString(),
    expired: r.status === 'open' && r.expiresAt <= now,
    createdAt: r.createdAt.toISOString(),
    paidAt: r.paidAt?.toISOString() ?? null,
    refundedAmount: r.refundedAmount,
    cancelReason: r.cancelReason,
  }));
}

/** The signed-in buyer's checkout that is still payable, or undefined. */
async function ownPayableCheckout(ctx: Ctx, db: Db, checkoutId: string) {
  const user = requireUser(ctx.actor);
  const checkout = await getCheckoutForPayment(db, checkoutId);
  if (!checkout || checkout.userId !== user.userId) throw notFound('订单', checkoutId);
  const payable = checkout.orders.filter((o) => o.status === 'pending_payment');
  const amount = payable.reduce((a, o) => a + o.payAmount, 0);
  if (payable.length === 0 || checkout.payDeadline <= ctx.now()) return undefined;
  return { ...checkout, payable, amount };
}

/** Whether the binding's categories allow every line of these orders. */
async function categoriesAllowed(
  db: Db,
  roots: Map<string, string>,
  binding: Binding,
  orderIds: string[],
): Promise<boolean> {
  if (binding.allowedCategoryIds.length === 0) return true;
  const lines = await linesOfOrders(db, orderIds);
  const products = await getProductBriefs(
    db,
    lines.map((l) => l.productId),
  );
  return !categoriesOutside(
    binding.allowedCategoryIds,
    lines.map((l) => {
      const category = products.get(l.productId)?.categoryId;
      return category ? roots.get(category) : undefined;
    }),
  );
}

export interface FamilyPayOption {
  bindingId: string;
  child: { id: string; nickname: string };
  remainingThisMonth: number;
  eligible: boolean;
  reason: string | null;
}

/** The parent's pay page: which bound children could pay this checkout now, and any request already open for it. */
export async function familyPayOptions(
  ctx: Ctx,
  checkoutId: string,
): Promise<{ amount: number; options: FamilyPayOption[]; openRequest: PayRequestView | null }> {
  const user = requireUser(ctx.actor);
  const checkout = await ownPayableCheckout(ctx, ctx.db, checkoutId);
  const [bindings, [open]] = await Promise.all([
    ctx.db
      .select()
      .from(familyBindings)
      .where(and(eq(familyBindings.parentId, user.userId), eq(familyBindings.status, 'active'))),
    ctx.db
      .select()
      .from(familyPayRequests)
      .where(and(eq(familyPayRequests.checkoutId, checkoutId), eq(familyPayRequests.status, 'open'))),
  ]);
  if (!checkout) return { amount: 0, options: [], openRequest: null };
  const month = monthOf(ctx.now());
  const roots = rootsOf(await getCategoryTree(ctx));
  const profiles = await publicProfiles(
    ctx.db,
    bindings.map((b) => b.childId),
  );
  const options: FamilyPayOption[] = [];
  for (const b of bindings) {
    const remaining = Math.max(0, b.monthlyBudget - (await usedIn(ctx.db, b.id, month)));
    const allowed = await categoriesAllowed(
      ctx.db,
      roots,
      b,
      checkout.payable.map((o) => o.orderId),
    );
    const reason = !allowed ? '订单中有不在亲情付范围内的商品' : remaining < checkout.amount ? '本月额度不足' : null;
    options.push({
      bindingId: b.id,
      child: { id: b.childId, nickname: profiles.get(b.childId)?.nickname ?? '好物用户' },
      remainingThisMonth: remaining,
      eligible: reason === null,
      reason,
    });
  }
  return { amount: checkout.amount, options, openRequest: open ? (await viewsOf(ctx, [open]))[0]! : null };
}

/**
 * The parent asks a bound child to pay (亲情付) or opens a 代付 link. A 亲情付 request takes its amount from the
 * month's budget at once (released if the order is cancelled, the request withdrawn or the binding ended), so the
 * child never confirms a payment the budget cannot carry.
 */
export async function requestPayment(
  ctx: Ctx,
  input: { checkoutId: string; kind: 'family' | 'link'; bindingId?: string | undefined },
): Promise<Result<PayRequestView>> {
  const user = requireUser(ctx.actor);
  // Read before the transaction: the category tree comes through the catalog's own connection.
  const roots = rootsOf(await getCategoryTree(ctx));
  const created = await idempotent(ctx, 'family.request', input, async (tx) => {
    const checkout = await ownPayableCheckout(ctx, tx, input.checkoutId);
    if (!checkout) return refuseRequest('checkout-not-payable');
    const [open] = await tx
      .select({ id: familyPayRequests.id })
      .from(familyPayRequests)
      .where(and(eq(familyPayRequests.checkoutId, input.checkoutId), eq(familyPayRequests.status, 'open')));
    if (open) return refuseRequest('family-request-open');
    const orderIds = checkout.payable.map((o) => o.orderId);
    let binding: Binding | undefined;
    const month = monthOf(ctx.now());
    if (input.kind === 'family') {
      [binding] = await tx
        .select()
        .from(familyBindings)
        .where(and(eq(familyBindings.id, input.bindingId ?? ''), eq(familyBindings.parentId, user.userId)));
      if (!binding) throw notFound('亲情付', input.bindingId ?? '');
      if (binding.status !== 'active') return refuseRequest('family-binding-not-active');
      if (!(await categoriesAllowed(tx, roots, binding, orderIds))) return refuseRequest('family-category-not-allowed');
      if (!(await reserveBudget(tx, binding, month, checkout.amount))) {
        const left = Math.max(0, binding.monthlyBudget - (await usedIn(tx, binding.id, month)));
        return refuseRequest(
          'family-budget-exceeded',
          `本月还剩 ${(left / 100).toFixed(2)} 元，订单 ${(checkout.amount / 100).toFixed(2)} 元`,
        );
      }
    }
    const [row] = await tx
      .insert(familyPayRequests)
      .values({
        id: newId('fpr'),
        kind: input.kind,
        checkoutId: input.checkoutId,
        orderIds,
        requesterId: user.userId,
        bindingId: binding?.id ?? null,
        month: binding ? month : null,
        token: randomBytes(18).toString('base64url'),
        amount: checkout.amount,
        status: 'open',
        expiresAt: checkout.payDeadline,
        createdAt: ctx.now(),
      })
      .returning();
    await emit(tx, 'family.payment-requested', {
      requestId: row!.id,
      kind: input.kind,
      checkoutId: input.checkoutId,
      requesterId: user.userId,
      childId: binding?.childId ?? null,
      amount: checkout.amount,
    });
    return ok(row!);
  });
  if (!created.ok) return created;
  return ok((await viewsOf(ctx, [created.value]))[0]!);
}

/** The requester withdraws an open request (e.g. to pay it themself); a 亲情付 request gives its budget back. */
export async function withdrawRequest(ctx: Ctx, id: string): Promise<Result<PayRequestView>> {
  const user = requireUser(ctx.actor);
  const row = await ctx.tx(async (tx) => {
    const [r] = await tx.select().from(familyPayRequests).where(eq(familyPayRequests.id, id)).for('update');
    if (!r || r.requesterId !== user.userId) throw notFound('代付请求', id);
    if (r.status !== 'open') return undefined;
    return closeRequest(tx, r, '已撤回');
  });
  if (!row) return refuseRequest('family-request-closed');
  return ok((await viewsOf(ctx, [row]))[0]!);
}

async function closeRequest(db: Db, r: Request, reason: string): Promise<Request> {
  const [row] = await db
    .update(familyPayRequests)
    .set({ status: 'cancelled', cancelReason: reason })
    .where(and(eq(familyPayRequests.id, r.id), eq(familyPayRequests.status, 'open')))
    .returning();
  if (row && r.bindingId && r.month) await releaseBudget(db, r.bindingId, r.month, r.amount);
  return row ?? r;
}

/** 亲情付 requests the signed-in child has to pay (and 代付 links they paid), and the requests the signed-in parent made. */
export async function listRequests(ctx: Ctx): Promise<{ toPay: PayRequestView[]; mine: PayRequestView[] }> {
  const user = requireUser(ctx.actor);
  const children = await ctx.db
    .select({ id: familyBindings.id })
    .from(familyBindings)
    .where(eq(familyBindings.childId, user.userId));
  const rows = await ctx.db
    .select()
    .from(familyPayRequests)
    .where(
      or(
        eq(familyPayRequests.requesterId, user.userId),
        // 代付 links the user paid belong in their history too, though no binding ties them to the requester.
        eq(familyPayRequests.payerId, user.userId),
        children.length > 0
          ? inArray(
              familyPayRequests.bindingId,
              children.map((c) => c.id),
            )
          : sql`false`,
      ),
    )
    .orderBy(desc(familyPayRequests.createdAt))
    .limit(50);
  const views = await viewsOf(ctx, rows);
  return {
    toPay: views.filter((v) => v.requester.id !== user.userId),
    mine: views.filter((v) => v.requester.id === user.userId),
  };
}

async function requestFor(ctx: Ctx, db: Db, ref: { id: string } | { token: string }): Promise<Request> {
  const user = requireUser(ctx.actor);
  const [r] = await db
    .select()
    .from(familyPayRequests)
    .where('id' in ref ? eq(familyPayRequests.id, ref.id) : eq(familyPayRequests.token, ref.token));
  if (!r) throw notFound('代付请求', 'id' in ref ? ref.id : '');
  if ('id' in ref) {
    // A 亲情付 request by id: only the bound child (or the requester) learns it exists.
    const [b] = r.bindingId ? await db.select().from(familyBindings).where(eq(familyBindings.id, r.bindingId)) : [];
    if (r.requesterId !== user.userId && b?.childId !== user.userId) throw notFound('代付请求', ref.id);
  }
  return r;
}

/** A 代付 link as its holder sees it. */
export async function viewLink(ctx: Ctx, token: string): Promise<PayRequestView> {
  return (await viewsOf(ctx, [await requestFor(ctx, ctx.db, { token })]))[0]!;
}

/**
 * The child (亲情付) or the link's holder (代付) opens a payment of the parent's checkout, paid from their own
 * account: they confirm it on the ordinary pay page. The payment is theirs, so every refund goes back to them.
 */
export async function payRequest(
  ctx: Ctx,
  ref: { id: string } | { token: string },
  input: { method?: string | undefined },
  origin?: string,
): Promise<Result<PaymentView>> {
  const user = requireUser(ctx.actor);
  const r = await requestFor(ctx, ctx.db, ref);
  if (r.requesterId === user.userId) return refuseRequest('family-own-request');
  if (r.status !== 'open') return refuseRequest('family-request-closed');
  if (r.expiresAt <= ctx.now()) return refuseRequest('family-request-expired');
  if (r.bindingId) {
    const [b] = await ctx.db.select().from(familyBindings).where(eq(familyBindings.id, r.bindingId));
    if (!b || b.status !== 'active') return refuseRequest('family-binding-not-active');
    if (b.childId !== user.userId) throw notFound('代付请求', r.id);
  }
  const paid = await createPayment(ctx, { checkoutId: r.checkoutId, method: input.method }, origin, r.requesterId);
  if (!paid.ok && paid.type === 'checkout-not-payable') return refuseRequest('family-request-expired');
  return paid;
}

/** payment.succeeded: a request paid by someone else is done; paid by the requester themself it is withdrawn. */
export async function onCheckoutPaid(
  db: Db,
  e: { paymentId: string; checkoutId: string; userId: string; amount: number; paidAt: string },
): Promise<void> {
  const [r] = await db
    .select()
    .from(familyPayRequests)
    .where(and(eq(familyPayRequests.checkoutId, e.checkoutId), eq(familyPayRequests.status, 'open')))
    .for('update');
  if (!r) return;
  if (e.userId === r.requesterId) {
    await closeRequest(db, r, '本人已支付');
    return;
  }
  await db
    .update(familyPayRequests)
    .set({ status: 'paid', payerId: e.userId, paymentId: e.paymentId, paidAt: new Date(e.paidAt) })
    .where(eq(familyPayRequests.id, r.id));
  // An order cancelled after the request was made is not paid: its part of the reservation goes back.
  if (r.bindingId && r.month && e.amount < r.amount) await releaseBudget(db, r.bindingId, r.month, r.amount - e.amount);
  await emit(db, 'family.paid', {
    requestId: r.id,
    kind: r.kind,
    checkoutId: r.checkoutId,
    requesterId: r.requesterId,
    payerId: e.userId,
    amount: e.amount,
  });
}

/** order.cancelled (payment timeout, buyer cancel): the open request dies with it and gives its budget back. */
export async function onOrderCancelled(db: Db, e: { orderId: string; checkoutId: string }): Promise<void> {
  const [r] = await db
    .select()
    .from(familyPayRequests)
    .where(and(eq(familyPayRequests.checkoutId, e.checkoutId), eq(familyPayRequests.status, 'open')))
    .for('update');
  if (r) await closeRequest(db, r, '订单已取消');
}

/** refund.completed: the refund went back to the payer (it is their payment); the budget it used is restored. */
export async function onRefundCompleted(
  db: Db,
  e: { refundId: string; orderId: string; amount: number },
): Promise<void> {
  const [r] = await db
    .update(familyPayRequests)
    .set({
      refundedAmount: sql`${familyPayRequests.refundedAmount} + ${e.amount}`,
      refundIds: sql`array_append(${familyPayRequests.refundIds}, ${e.refundId})`,
    })
    .where(
      and(
        eq(familyPayRequests.status, 'paid'),
        sql`${familyPayRequests.orderIds} @> array[${e.orderId}]::text[]`,
        sql`not (${familyPayRequests.refundIds} @> array[${e.refundId}]::text[])`,
      ),
    )
    .returning();
  if (r?.bindingId && r.month) await releaseBudget(db, r.bindingId, r.month, e.amount);
}
