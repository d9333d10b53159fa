// Journey 7: coupons and points come back when an order is cancelled. The demo consumer claims a platform coupon in
// the coupon centre, signs in for today's points in the points centre, checks out one item with the coupon and
// points (the amount to pay shows both), then cancels the unpaid order: the coupon is back in 我的优惠券 and the
// points balance is what it was before the order.
import type { Page } from 'playwright-core';
import { demo, type Journey } from '../harness.ts';
import { apiGet, apiLogin, expectText, fenOf, reloadUntil, shopLogin } from './steps.ts';

interface Product {
  id: string;
  title: string;
  skus: { id: string; stock: number; price: number }[];
}

// An odd amount, so its line at checkout cannot be mistaken for another coupon's.
const COUPON = { name: '旅程7 平台无门槛券', discountAmount: 666, label: '平台券 无门槛减6.66' };

export const couponsAndPoints: Journey = {
  name: '7 coupon and points at checkout come back when the order is cancelled',
  async run(world) {
    // Setup: the operator issues a public platform coupon (the claim centre's content); a ¥40–190 item of the demo
    // shop in stock (under the seeded ¥199 threshold, so the platform coupon picked is this one).
    const operator = await apiLogin(world, demo.operator);
    const created = await fetch(`${world.server.baseUrl}/api/v1/admin/coupon-templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator.token}` },
      body: JSON.stringify({
        name: COUPON.name,
        kind: 'no_threshold',
        thresholdAmount: 0,
        discountAmount: COUPON.discountAmount,
        scope: 'shop',
        validity: { type: 'relative', days: 7 },
        claimUntil: new Date(Date.now() + 86_400_000).toISOString(),
        totalQuantity: 50,
        perUserLimit: 1,
      }),
    });
    if (!created.ok) throw new Error(`creating the platform coupon failed: ${created.status} ${await created.text()}`);
    const owner = await apiLogin(world, demo.merchant);
    const hits = await apiGet(world, `/api/v1/products?merchantId=${owner.user.staff[0]?.merchantId}&limit=50`);
    let pick: { product: Product; skuId: string } | undefined;
    for (const hit of hits.items as { id: string }[]) {
      const p = (await apiGet(world, `/api/v1/products/${hit.id}`)) as Product;
      const sku = p.skus.find((s) => s.stock > 5 && s.price >= 4000 && s.price <= 19000);
      if (sku) {
        pick = { product: p, skuId: sku.id };
        break;
      }
    }
    if (!pick) throw new Error('the demo shop has no ¥40–190 item in stock');

    // Coupon centre: claim it.
    const { page } = await world.shop();
    await shopLogin(page, demo.consumer, '/coupons');
    const ticket = page.getByTestId('coupon-ticket').filter({ hasText: COUPON.name });
    await ticket.waitFor();
    await world.shot(page, '7-01-coupon-centre');
    await ticket.getByTestId('coupon-claim').click();
    await expectText(ticket, '已领取');

    // Points centre: today's sign-in adds to the balance shown.
    await page.goto('/points');
    const balance = page.getByTestId('points-balance');
    await balance.waitFor();
    const before = Number(await balance.innerText());
    await page.getByTestId('sign-in').click();
    await expectText(page.getByTestId('sign-in'), '今日已签到');
    const signedIn = Number(await balance.innerText());
    if (!(signedIn > before)) throw new Error(`signing in did not add points: ${before} → ${signedIn}`);
    await world.shot(page, '7-02-signed-in');

    // Checkout: pick the claimed coupon, switch on points; the amount to pay reflects both.
    await page.goto(`/checkout?skuId=${pick.skuId}&qty=1`);
    await page.getByTestId('checkout-coupons').click();
    const option = page.getByTestId('coupon-option').filter({ hasText: COUPON.name });
    if ((await option.getAttribute('aria-pressed')) !== 'true') await option.click();
    await page.getByRole('dialog', { name: '选择优惠券' }).getByRole('button', { name: '完成' }).click();
    const merchant = page.getByTestId('quote-merchant');
    await expectText(merchant, COUPON.label);
    await page.getByRole('switch', { name: '使用积分抵扣' }).click();
    await expectText(merchant, /积分抵扣（\d+ 积分）/);
    await world.shot(page, '7-03-checkout-coupon-points');
    const shown = await checkoutAmounts(page);
    if (shown.coupon !== COUPON.discountAmount)
      throw new Error(`the coupon took ${shown.coupon} fen, not ${COUPON.discountAmount}`);
    if (!(shown.points > 0 && shown.points <= signedIn))
      throw new Error(`points deducted ${shown.points} with ${signedIn} in hand`);
    if (shown.pay !== shown.items - shown.discounts + shown.shipping)
      throw new Error(`实付 ${shown.pay} ≠ ${shown.items} − ${shown.discounts} + ${shown.shipping}`);

    const placed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/orders' && r.request().method() === 'POST',
    );
    await page.getByTestId('checkout-submit').click();
    const response = await placed;
    if (!response.ok()) throw new Error(`placing the order failed: ${response.status()} ${await response.text()}`);
    const orderId = ((await response.json()) as { orders: { id: string }[] }).orders[0]!.id;
    await page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+$/);

    // Not paid: the shopper cancels the order from its page.
    await page.goto(`/orders/${orderId}`);
    await page.getByTestId('order-cancel').click();
    await page.getByRole('dialog').getByRole('button', { name: '取消订单' }).click();
    await expectText(page.getByTestId('order-status'), '已取消');
    await world.shot(page, '7-04-order-cancelled');

    // The coupon is back in 我的优惠券 (returned, still valid) and the points balance is restored.
    await page.goto('/me/coupons');
    const mine = page.getByTestId('my-coupon-list');
    await reloadUntil(page, mine.locator('li').filter({ hasText: COUPON.name }), '已退回');
    await world.shot(page, '7-05-coupon-returned');
    await page.goto('/points');
    await reloadUntil(page, balance, new RegExp(`^${signedIn}$`));
    await world.shot(page, '7-06-points-restored');
  },
};

/** The checkout's amounts as the shopper reads them (fen): items, each discount, shipping and 实付. */
async function checkoutAmounts(page: Page) {
  const merchant = page.getByTestId('quote-merchant');
  const rows = await merchant.locator('dl.quote-sum > div').all();
  const out = { items: 0, coupon: 0, points: 0, discounts: 0, shipping: 0, pay: 0 };
  for (const row of rows) {
    const label = (await row.locator('dt').innerText()).trim();
    const value = (await row.locator('dd').innerText()).trim();
    if (label === '商品金额') out.items = fenOf(value);
    else if (label === '运费') out.shipping = value === '免运费' ? 0 : fenOf(value);
    else if (label !== '小计') {
      const amount = fenOf(value);
      out.discounts += amount;
      if (label === COUPON.label) out.coupon = amount;
      if (label.startsWith('积分抵扣')) out.points = amount;
    }
  }
  out.pay = fenOf(await page.locator('.checkout-total').innerText());
  return out;
}
