// Journey 31: family pay (亲情付). A newly signed-up child invites the demo consumer (the parent) with a monthly
// budget; the parent accepts under 我的 › 亲情付, places an order and on the cashier asks the child to pay it; the
// child pays it on their 亲情付 page and sees this month's remaining budget go down; the parent's order shows who
// paid. A second, larger order is refused by the server's budget check, and the cashier says so; the parent sends a
// 代付 link for it instead, which the child pays. The child then ends the binding.
import { readFile } from 'node:fs/promises';
import { demo, type Journey, type World } from '../harness.ts';
import { apiGet, apiLogin, demoSkuInStock, expectText, fenOf, shopLogin } from './steps.ts';

async function lastCode(world: World, phone: string): Promise<string> {
  const lines = (await readFile(world.smsOutbox, 'utf8')).trim().split('\n');
  const mine = lines.map((l) => JSON.parse(l) as { phone: string; code: string }).filter((m) => m.phone === phone);
  if (mine.length === 0) throw new Error(`no code was sent to ${phone}`);
  return mine.at(-1)!.code;
}

const yuanOf = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export const familyPay: Journey = {
  name: "31 a child binds a parent with a budget, pays the parent's order within it; a larger order is refused",
  async run(world) {
    // Setup look-ups: a demo-shop SKU in stock, and what one and two units cost the parent delivered (the quote the
    // checkout page shows, with shipping and the coupons the server suggests).
    const parent = await apiLogin(world, demo.consumer);
    const parentName = (await apiGet(world, '/api/v1/me', parent.token)).nickname as string;
    const sku = { id: await demoSkuInStock(world, 4) };
    const addresses = (await apiGet(world, '/api/v1/me/addresses', parent.token)).items as { id: string }[];
    const quote = async (qty: number) => {
      const res = await fetch(`${world.server.baseUrl}/api/v1/checkout/quote`, {
        method: 'POST',
        headers: { authorization: `Bearer ${parent.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items: [{ skuId: sku.id, qty }], addressId: addresses[0]!.id }),
      });
      if (!res.ok) throw new Error(`quote failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { amount: number }).amount;
    };
    const [one, two] = [await quote(1), await quote(2)];
    // Halfway between one and two units: the first order fits, and what is left after it cannot carry two units.
    const budget = Math.ceil((one + (two - one) / 2) / 100) * 100;

    // The child signs up with a code and invites the parent from 我的 › 亲情付.
    const phone = `1390031${String(Date.now() % 10000).padStart(4, '0')}`;
    const { page: child } = await world.shop();
    await child.goto('/login?redirect=%2Fme');
    await child.getByTestId('login-phone').fill(phone);
    const sent = child.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sms-codes') && r.ok());
    await child.getByTestId('login-send-code').click();
    await sent;
    await child.getByTestId('login-code').fill(await lastCode(world, phone));
    await child.getByTestId('login-submit').click();
    await child.waitForURL((url) => url.pathname === '/me');
    const childName = `好物用户${phone.slice(-4)}`;
    await child.getByTestId('me-family').click();
    await child.waitForURL('**/me/family');
    await child.getByText('还没有为家人开通亲情付').waitFor();
    await world.shot(child, '31-01-family-empty');
    await child.getByTestId('family-invite').click();
    await child.getByTestId('family-phone').locator('input').fill(demo.consumer.phone);
    await child.getByTestId('family-budget').locator('input').fill(yuanOf(budget));
    await world.shot(child, '31-02-family-invite-form');
    await child.getByTestId('family-form-submit').click();
    await expectText(child.getByTestId('family-binding'), '等待对方确认');
    await world.shot(child, '31-03-family-invited');

    // The parent accepts.
    const { page: mum } = await world.shop();
    await shopLogin(mum, demo.consumer, '/me/family');
    await expectText(mum.getByTestId('family-invitation'), childName);
    await world.shot(mum, '31-04-parent-invitation');
    await mum.getByTestId('family-accept').click();
    await expectText(mum.getByTestId('family-binding'), `${childName} 为你付款`);
    await expectText(mum.getByTestId('family-remaining'), `本月剩余 ¥${yuanOf(budget)}`);
    await world.shot(mum, '31-05-parent-bound');

    // The parent buys one unit and, on the cashier, asks the child to pay with 亲情付.
    await mum.goto(`/checkout?skuId=${encodeURIComponent(sku.id)}&qty=1`);
    await mum.getByTestId('checkout-submit').click();
    await mum.waitForURL(/\/pay\/chk_[A-Za-z0-9]+$/);
    const checkoutPath = new URL(mum.url()).pathname;
    const option = mum.getByTestId('family-pay-option');
    await expectText(option, `亲情付（由 ${childName} 代付）`);
    await option.scrollIntoViewIfNeeded();
    await world.shot(mum, '31-06-cashier-family-option');
    const amountText = await mum.locator('.pay-amount .price').first().innerText();
    const amount = fenOf(amountText);
    if (amount > budget) throw new Error(`the order (${amount}) is over the budget (${budget}) it was sized for`);
    await option.click();
    await mum.getByRole('dialog').getByRole('button', { name: '发送请求' }).click();
    await expectText(mum.getByTestId('family-open-request'), '等待对方确认');
    await world.shot(mum, '31-07-cashier-waiting');

    // The child pays it from their 亲情付 page.
    await child.reload();
    await child.getByTestId('family-to-pay').click();
    await child.waitForURL(/\/family\/pay\//);
    await expectText(child.getByTestId('family-pay-request'), '请你用亲情付付款');
    await world.shot(child, '31-08-child-pay');
    await child.getByTestId('family-pay-confirm').click();
    await expectText(child.getByTestId('family-pay-state'), `${childName} 已付款`);
    await world.shot(child, '31-09-child-paid');
    await child.goto('/me/family');
    await expectText(child.getByTestId('family-remaining'), `本月剩余 ¥${yuanOf(budget - amount)}`);
    await expectText(child.getByTestId('family-history'), `${childName} 已付款`);
    await world.shot(child, '31-10-child-budget-left');

    // The parent's cashier notices the payment; the order says who paid.
    await expectText(mum.getByTestId('pay-status'), '该订单已支付', 20_000);
    await mum.getByRole('button', { name: '查看订单' }).click();
    await mum.waitForURL(/\/orders\/ord_/);
    await expectText(mum.getByTestId('order-paid-by'), `${childName}（亲情付）`);
    await mum.getByTestId('order-paid-by').scrollIntoViewIfNeeded();
    await world.shot(mum, '31-11-order-paid-by');

    // Two units are more than what is left this month: the server refuses and the cashier shows why.
    await mum.goto(`/checkout?skuId=${encodeURIComponent(sku.id)}&qty=2`);
    await mum.getByTestId('checkout-submit').click();
    await mum.waitForURL((url) => /\/pay\/chk_[A-Za-z0-9]+$/.test(url.pathname) && url.pathname !== checkoutPath);
    const refused = mum.getByTestId('family-pay-option');
    await expectText(refused, `本月额度不足，本月剩余 ¥${yuanOf(budget - amount)}`);
    if (await refused.isEnabled()) throw new Error('an order over the remaining budget is still offered 亲情付');
    await refused.scrollIntoViewIfNeeded();
    await world.shot(mum, '31-12-cashier-over-budget');

    // Instead the parent makes a 代付 link, which the child opens and pays (links have no budget: the payer confirms).
    await mum.getByTestId('family-pay-link').click();
    await mum.getByRole('dialog').getByRole('button', { name: '生成链接' }).click();
    const link = mum.getByTestId('family-link-open');
    await expectText(mum.getByTestId('family-open-request'), '代付链接已生成');
    await world.shot(mum, '31-13-cashier-link');
    const linkUrl = (await link.innerText()).trim();
    await link.click();
    await expectText(mum.getByTestId('family-pay-request'), '等待家人为这笔订单付款');
    await world.shot(mum, '31-14-link-requester');
    await child.goto(new URL(linkUrl).pathname);
    await expectText(child.getByTestId('family-pay-request'), '请你代付');
    await child.getByTestId('family-pay-confirm').click();
    await expectText(child.getByTestId('family-pay-state'), `${childName} 已付款`);

    // The child ends the binding, after confirming.
    await child.goto('/me/family');
    await child.getByTestId('family-end').click();
    const dialog = child.getByRole('dialog');
    await expectText(dialog, `解除后 ${parentName} 的订单将不能再由你代付`);
    await world.shot(child, '31-15-child-unbind-confirm');
    await dialog.getByRole('button', { name: '确认解除' }).click();
    await child.getByText('还没有为家人开通亲情付').waitFor();
    await expectText(child.getByTestId('family-history'), '代付链接');
    await world.shot(child, '31-16-child-unbound');
  },
};
