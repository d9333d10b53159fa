import { describe, expect, it } from 'vitest';
import { operator } from '../../../test/factories.ts';
import { deliveredOrder } from '../../../test/flows.ts';
import { createTestApp } from '../../../test/harness.ts';
import { LIVE, liveSession, liveShop } from '../../../test/live-factories.ts';
import { buyer, placeOrder, signIn } from '../../../test/order-factories.ts';
import { payThroughSandbox } from '../../../test/payment-flow.ts';
import { accountBalance, checkLedgerBalance } from '../../platform/ledger.ts';
import { depositAccounts } from './deposits.ts';
import { compensationPayable } from './tenfold.ts';

// 假一赔十 through 先行赔付: an order from a live room whose host held the live deposit; a counterfeit claim approved
// pays the refund plus ten times the line, recovered from the live deposit first, then the shop's balance.

const t = await createTestApp({ LIVE_DEPOSIT_AMOUNT: '5000' });
const db = t.deps.database.db;
const balance = async (account: string) => accountBalance(db, account);

describe('假一赔十 pays through 先行赔付', () => {
  it('pays refund + 10× the line from the guarantee fund, takes the live deposit first, and the badge goes', async () => {
    const s = await liveShop(t, { products: 1, price: 9900 });
    // A settled order gives the shop a balance to pay the live deposit from.
    await deliveredOrder(t, { merchant: { merchantId: s.merchantId, owner: s.owner }, product: s.products[0]! });
    t.clock.advanceDays(30);
    await t.runJobs();
    s.owner = await signIn(t, s.owner.phone);
    const ops = await operator(t);
    expect((await s.owner.post(`${LIVE}/qualification/deposit`)).status).toBe(200);
    const { id: sessionId } = await liveSession(t, s);
    expect((await s.owner.get(`/api/v1/live/sessions/${sessionId}`)).body.badges.guarantee).toBe(true);

    // Bought in the room while the badge showed.
    const me = await buyer(t);
    const p = s.products[0]!;
    await me.post(`/api/v1/live/sessions/${sessionId}/product-clicks`, { productId: p.productId });
    const checkout = await placeOrder(t, me, [{ skuId: p.skuIds[0]!, qty: 1 }]);
    await payThroughSandbox(t, me, checkout.checkoutId);
    await t.runJobs();
    const orderId = checkout.orders[0]!.id;
    expect((await me.get(`/api/v1/compensation-claims/tenfold?orderId=${orderId}`)).body).toEqual({
      eligible: true,
      amount: 99_000,
    });
    const stranger = await signIn(t);
    expect((await stranger.get(`/api/v1/compensation-claims/tenfold?orderId=${orderId}`)).status).toBe(404);

    const claim = await me.post('/api/v1/compensation-claims', {
      orderId,
      reason: 'counterfeit',
      amount: 9900,
      description: '专柜验货为假货，附鉴定报告',
    });
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    expect(claim.body.tenfold).toBe(99_000);

    const availableBefore = -(await balance(depositAccounts.merchantAvailable(s.merchantId)));
    expect(availableBefore).toBeGreaterThan(0);
    const fundBefore = await balance(depositAccounts.guaranteeFund);
    const decided = await ops.post(`/api/v1/admin/compensation-claims/${claim.body.id}/decision`, {
      decision: 'approve',
      note: '鉴定为假货，假一赔十',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    // Live deposit 5000 first, then all the shop's available balance; the rest is the fund's cost.
    const recovered = 5000 + availableBefore;
    expect(decided.body).toMatchObject({ status: 'paying', approved: 9900, tenfold: 99_000, recovered });
    expect(decided.body.tenfoldPaidAt).toBeNull();
    expect(await balance(compensationPayable(me.userId))).toBe(-99_000);
    const providerBefore = await balance('provider:sandbox');
    await t.runJobs();
    const paid = (await me.get(`/api/v1/compensation-claims/${claim.body.id}`)).body;
    expect(paid.status).toBe('paid');
    // The tenfold is transferred to the consumer's own account at the provider: owed nothing any more.
    expect(paid.tenfoldPaidAt).toBe(t.clock.now().toISOString());
    expect(await balance(compensationPayable(me.userId))).toBe(0);
    expect((await balance('provider:sandbox')) - providerBefore).toBe(-(9900 + 99_000));
    // Jobs run again (a retry, a second process): paid once.
    await t.runJobs();
    expect((await balance('provider:sandbox')) - providerBefore).toBe(-(9900 + 99_000));
    expect(await balance(`live-deposit:${s.merchantId}`)).toBe(0);
    expect(await balance(depositAccounts.merchantAvailable(s.merchantId))).toBe(0);
    expect((await balance(depositAccounts.guaranteeFund)) - fundBefore).toBe(9900 + 99_000 - recovered);
    const ledger = await checkLedgerBalance(db);
    expect(ledger.total).toBe(0);
    expect(ledger.unbalanced).toEqual([]);
    // The deposit is below the requirement: no more 假一赔十 badge.
    expect((await s.owner.get(`${LIVE}/qualification`)).body).toMatchObject({
      depositHeld: 0,
      badges: { deposit: false, guarantee: false },
    });
    expect((await me.get(`/api/v1/live/sessions/${sessionId}`)).body.badges.guarantee).toBe(false);

    // An order bought after the badge went away does not qualify.
    await me.post(`/api/v1/live/sessions/${sessionId}/product-clicks`, { productId: p.productId });
    const later = await placeOrder(t, me, [{ skuId: p.skuIds[0]!, qty: 1 }]);
    await payThroughSandbox(t, me, later.checkoutId);
    await t.runJobs();
    expect((await me.get(`/api/v1/compensation-claims/tenfold?orderId=${later.orders[0]!.id}`)).body).toEqual({
      eligible: false,
      amount: 0,
    });
  });
});
