import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { createTestApp } from '../../../test/harness.ts';
import { buyer, placeOrder, shop, signIn } from '../../../test/order-factories.ts';
import { checkLedgerBalance } from '../../platform/ledger.ts';
import { newId } from '../../platform/ids.ts';
import type { PaymentProvider } from '../../platform/payment-provider.ts';
import { requestRefund } from '../payments/api.ts';
import { monthOf } from './rules.ts';
import { familyBudgetUsage } from './schema.ts';

const t = await createTestApp();
const db = t.deps.database.db;
const admin = await operator(t);
// The provider port records which payment each refund is sent back along (the sandbox otherwise forgets).
const refundedAlong: { paymentId: string; amount: number }[] = [];
const sandboxRefund = t.payments.refund.bind(t.payments);
t.payments.refund = (input: Parameters<PaymentProvider['refund']>[0]) => {
  refundedAlong.push({ paymentId: input.paymentId, amount: input.amount });
  return sandboxRefund(input);
};

type Buyer = Awaited<ReturnType<typeof buyer>>;

/** A child and a parent with an accepted binding. */
async function family(monthlyBudget: number, allowedCategoryIds: string[] = []) {
  const child = await buyer(t);
  const parent = await buyer(t);
  const invited = await child.post('/api/v1/family/bindings', {
    parentPhone: parent.phone,
    monthlyBudget,
    allowedCategoryIds,
  });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  const accepted = await parent.post(`/api/v1/family/bindings/${invited.body.id}/accept`, {});
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return { child, parent, bindingId: invited.body.id as string };
}

async function parentOrder(parent: Buyer, price: number, categoryId?: string) {
  const s = await shop(t, { price, ...(categoryId ? { categoryId } : {}) });
  const checkout = await placeOrder(t, parent, [{ skuId: s.skuId, qty: 1 }]);
  // The amount includes the shop's shipping fee.
  return { ...s, checkoutId: checkout.checkoutId, orderId: checkout.orders[0]!.id, amount: checkout.amount };
}

const askFamily = (parent: Buyer, checkoutId: string, bindingId: string) =>
  parent.post(
    '/api/v1/family/pay-requests',
    { checkoutId, kind: 'family', bindingId },
    { idempotencyKey: newId('idem') },
  );

/** The payer confirms on the ordinary sandbox pay page. */
async function confirm(payer: Buyer, path: string) {
  const started = await payer.post(path, {}, { idempotencyKey: newId('idem') });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const paid = await payer.post(started.body.payUrl, { outcome: 'succeeded' });
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  await t.drain();
  return started.body as { paymentId: string; amount: number };
}

const binding = async (who: Buyer, id: string) =>
  ((await who.get('/api/v1/family/bindings')).body.items as any[]).find((b) => b.id === id);

describe('family pay (亲情付)', () => {
  it('binds only after the parent accepts, and refuses unknown, own and duplicate phones', async () => {
    const child = await buyer(t);
    const parent = await buyer(t);
    expect(
      (
        await child.post('/api/v1/family/bindings', {
          parentPhone: '19999999999',
          monthlyBudget: 50000,
          allowedCategoryIds: [],
        })
      ).body.type,
    ).toBe('family-parent-not-found');
    expect(
      (
        await child.post('/api/v1/family/bindings', {
          parentPhone: child.phone,
          monthlyBudget: 50000,
          allowedCategoryIds: [],
        })
      ).body.type,
    ).toBe('family-self');
    const invited = await child.post('/api/v1/family/bindings', {
      parentPhone: parent.phone,
      monthlyBudget: 50000,
      allowedCategoryIds: ['cat_food'],
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ status: 'invited', role: 'child', allowedCategories: [{ id: 'cat_food' }] });
    const again = await child.post('/api/v1/family/bindings', {
      parentPhone: parent.phone,
      monthlyBudget: 1000,
      allowedCategoryIds: [],
    });
    expect([again.status, again.body.type]).toEqual([409, 'family-already-bound']);
    // Only the parent accepts; the child cannot accept on the parent's behalf.
    expect((await child.post(`/api/v1/family/bindings/${invited.body.id}/accept`, {})).status).toBe(404);
    // Before accepting, the parent's checkout offers nothing.
    const o = await parentOrder(parent, 3000);
    expect((await parent.get(`/api/v1/family/checkouts/${o.checkoutId}/options`)).body.options).toEqual([]);
    await parent.post(`/api/v1/family/bindings/${invited.body.id}/accept`, {});
    expect(await binding(parent, invited.body.id)).toMatchObject({
      status: 'active',
      role: 'parent',
      remainingThisMonth: 50000,
    });
  });

  it("a child pays a parent's order within the budget; the payment and its refunds are the child's", async () => {
    const { child, parent, bindingId } = await family(20000);
    const o = await parentOrder(parent, 8800);
    const options = (await parent.get(`/api/v1/family/checkouts/${o.checkoutId}/options`)).body;
    expect(options.options).toMatchObject([{ bindingId, eligible: true, remainingThisMonth: 20000 }]);
    const asked = await askFamily(parent, o.checkoutId, bindingId);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await binding(child, bindingId)).usedThisMonth).toBe(o.amount);
    const toPay = (await child.get('/api/v1/family/pay-requests')).body.toPay;
    expect(toPay).toMatchObject([
      { id: asked.body.id, amount: o.amount, status: 'open', items: [{ title: '玻尿酸保湿面霜 50ml' }] },
    ]);
    // A stranger learns nothing about the request.
    const stranger = await buyer(t);
    expect((await stranger.post(`/api/v1/family/pay-requests/${asked.body.id}/payment`, {})).status).toBe(404);

    const payment = await confirm(child, `/api/v1/family/pay-requests/${asked.body.id}/payment`);
    const order = (await parent.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order.status).toBe('paid');
    // The payment is the child's: the child sees it, the parent does not.
    expect((await child.get(`/api/v1/payments/${payment.paymentId}`)).body).toMatchObject({
      status: 'succeeded',
      amount: o.amount,
    });
    expect((await parent.get(`/api/v1/payments/${payment.paymentId}`)).status).toBe(404);
    const mine = (await parent.get('/api/v1/family/pay-requests')).body.mine;
    expect(mine[0]).toMatchObject({ status: 'paid', payer: { id: child.userId } });

    // Refund half: the money goes back along the child's payment and half the budget comes back.
    await db.transaction((tx) =>
      requestRefund(tx, {
        orderId: o.orderId,
        merchantId: o.merchantId,
        amount: 4400,
        refId: 'fam-r1',
        reason: '测试退款',
        at: t.clock.now(),
      }),
    );
    await t.runJobs();
    expect(refundedAlong).toEqual([{ paymentId: payment.paymentId, amount: 4400 }]);
    expect((await binding(child, bindingId)).usedThisMonth).toBe(o.amount - 4400);
    // Delivering the same refund again restores the budget once.
    await t.drain();
    expect((await binding(child, bindingId)).usedThisMonth).toBe(o.amount - 4400);
    expect((await checkLedgerBalance(db)).unbalanced).toEqual([]);
    expect((await admin.get('/api/v1/admin/reconciliation')).body.ok).toBe(true);
  });

  it('of two orders racing for the last of the budget exactly one gets it', async () => {
    const { parent, bindingId } = await family(10000);
    const a = await parentOrder(parent, 6000);
    const b = await parentOrder(parent, 6000);
    const results = await Promise.all([a, b].map((o) => askFamily(parent, o.checkoutId, bindingId)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({
      type: 'family-budget-exceeded',
      title: '本月亲情付额度不足',
      detail: `本月还剩 ${((10000 - a.amount) / 100).toFixed(2)} 元，订单 ${(a.amount / 100).toFixed(2)} 元`,
    });
    expect((await binding(parent, bindingId)).usedThisMonth).toBe(a.amount);
    const loser = results[0]!.status === 409 ? a : b;
    const options = (await parent.get(`/api/v1/family/checkouts/${loser.checkoutId}/options`)).body.options;
    expect(options).toMatchObject([{ eligible: false, reason: '本月额度不足', remainingThisMonth: 10000 - a.amount }]);
  });

  it('refuses orders outside the allowed categories', async () => {
    const { parent, bindingId } = await family(50000, ['cat_apparel']);
    const cream = await parentOrder(parent, 3000, 'cat_skincare');
    const refused = await askFamily(parent, cream.checkoutId, bindingId);
    expect([refused.status, refused.body.type]).toEqual([422, 'family-category-not-allowed']);
    expect((await parent.get(`/api/v1/family/checkouts/${cream.checkoutId}/options`)).body.options[0]).toMatchObject({
      eligible: false,
      reason: '订单中有不在亲情付范围内的商品',
    });
    const dress = await parentOrder(parent, 3000, 'cat_women');
    expect((await askFamily(parent, dress.checkoutId, bindingId)).status).toBe(201);
    expect((await binding(parent, bindingId)).usedThisMonth).toBe(dress.amount);
  });

  it('unbinding cancels open requests, gives their budget back and stops the child paying', async () => {
    const { child, parent, bindingId } = await family(30000);
    const o = await parentOrder(parent, 5000);
    const asked = await askFamily(parent, o.checkoutId, bindingId);
    expect((await child.post(`/api/v1/family/bindings/${bindingId}/end`, {})).body).toEqual({
      id: bindingId,
      status: 'ended',
    });
    const refused = await child.post(
      `/api/v1/family/pay-requests/${asked.body.id}/payment`,
      {},
      { idempotencyKey: newId('idem') },
    );
    expect([refused.status, refused.body.type]).toEqual([409, 'family-request-closed']);
    expect((await parent.get('/api/v1/family/pay-requests')).body.mine[0]).toMatchObject({
      status: 'cancelled',
      cancelReason: '亲情付已解除',
    });
    expect((await parent.get('/api/v1/family/bindings')).body.items).toEqual([]);
    const usage = await db.select().from(familyBudgetUsage).where(eq(familyBudgetUsage.bindingId, bindingId));
    expect(usage).toEqual([{ bindingId, month: monthOf(t.clock.now()), used: 0 }]);
    // The parent's order is untouched and can still be paid by the parent.
    expect((await parent.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('pending_payment');
  });

  it('a 代付 link is paid by whoever holds it while signed in, and dies with the order', async () => {
    const parent = await buyer(t);
    const friend = await signIn(t);
    const o = await parentOrder(parent, 2500);
    const link = await parent.post(
      '/api/v1/family/pay-requests',
      { checkoutId: o.checkoutId, kind: 'link' },
      { idempotencyKey: newId('idem') },
    );
    expect(link.status).toBe(201);
    const token = link.body.linkPath.split('/').pop();
    expect((await parent.post(`/api/v1/family/pay-links/${token}/payment`, {})).body.type).toBe('family-own-request');
    expect((await friend.get(`/api/v1/family/pay-links/${token}`)).body).toMatchObject({
      amount: o.amount,
      status: 'open',
    });
    await confirm(friend as Buyer, `/api/v1/family/pay-links/${token}/payment`);
    expect((await parent.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('paid');
    expect((await friend.get(`/api/v1/family/pay-links/${token}`)).body).toMatchObject({
      status: 'paid',
      payer: { id: friend.userId },
    });
    // The link is in the payer's history, though no binding ties them to the parent.
    expect((await friend.get('/api/v1/family/pay-requests')).body.toPay).toMatchObject([
      { id: link.body.id, kind: 'link', status: 'paid', payer: { id: friend.userId } },
    ]);

    const other = await parentOrder(parent, 2500);
    const link2 = await parent.post(
      '/api/v1/family/pay-requests',
      { checkoutId: other.checkoutId, kind: 'link' },
      { idempotencyKey: newId('idem') },
    );
    expect((await parent.post(`/api/v1/orders/${other.orderId}/cancel`, {})).status).toBe(200);
    await t.drain();
    const token2 = link2.body.linkPath.split('/').pop();
    const late = await friend.post(`/api/v1/family/pay-links/${token2}/payment`, {}, { idempotencyKey: newId('idem') });
    expect([late.status, late.body.type]).toEqual([409, 'family-request-closed']);
  });

  it('a bound family member switches elder mode on for the parent', async () => {
    const { child, parent, bindingId } = await family(10000);
    expect((await parent.get('/api/v1/me/care-mode')).body).toEqual({
      enabled: false,
      voicePrices: false,
      setBy: null,
    });
    const set = await child.put(`/api/v1/family/bindings/${bindingId}/care-mode`, { enabled: true, voicePrices: true });
    expect(set.body).toEqual({ enabled: true, voicePrices: true, setBy: 'family' });
    expect((await parent.get('/api/v1/me/care-mode')).body).toEqual({
      enabled: true,
      voicePrices: true,
      setBy: 'family',
    });
    expect((await parent.put('/api/v1/me/care-mode', { enabled: false, voicePrices: false })).body.setBy).toBe('self');
    const stranger = await buyer(t);
    expect(
      (await stranger.put(`/api/v1/family/bindings/${bindingId}/care-mode`, { enabled: true, voicePrices: false }))
        .status,
    ).toBe(404);
  });
});
