// Journey 3: on journey 2's delivered order the consumer asks for a 七天无理由 return; the merchant approves, the
// consumer sends the goods back, the merchant confirms receipt; the refund reaches the order in the shop and
// the ledger reconciliation (operator console) still passes with one more refund in it.
import type { Page } from 'playwright-core';
import { demo, type Journey } from '../harness.ts';
import { consoleLogin, expectText, fenOf, idFromUrl, need, openedDialog, reloadUntil, shopLogin } from './steps.ts';

/** The operator's reconciliation page: passes, and what its refunds check counts. */
async function reconciliation(page: Page): Promise<{ refunds: number; refundedFen: number }> {
  const status = page.getByTestId('reconciliation-status');
  await status.waitFor();
  if ((await status.getAttribute('data-ok')) !== 'true') {
    const problems = await page.getByTestId('reconciliation-problems').allInnerTexts();
    throw new Error(`reconciliation does not pass: ${await status.innerText()}\n${problems.join('\n')}`);
  }
  const row = page.getByRole('row').filter({ hasText: '已完成退款 = 渠道账户贷方' });
  await expectText(row.getByTestId('reconciliation-check-status'), '通过');
  const detail = /(\d+) 笔退款共 (¥[\d,.]+)/.exec(await row.innerText());
  if (!detail?.[1] || !detail[2])
    throw new Error(`the refunds check does not say how many refunds it counted: ${await row.innerText()}`);
  return { refunds: Number(detail[1]), refundedFen: fenOf(detail[2]) };
}

export const noReasonReturn: Journey = {
  name: '3 consumer returns it (七天无理由), merchant approves and receives, refund reconciles',
  async run(world) {
    const orderId = need(world, 'orderId');
    const productTitle = need(world, 'productTitle');

    // Operator: the ledger before the return.
    const { page: ops } = await world.console();
    await consoleLogin(ops, demo.operator, '/console/platform/merchants');
    await ops.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '账务对账' }).click();
    await ops.waitForURL('**/console/platform/reconciliation');
    const before = await reconciliation(ops);

    // Consumer: ask for a no-reason return of the delivered cream.
    const { page: phone } = await world.shop();
    await shopLogin(phone, demo.consumer, `/orders/${orderId}`);
    await expectText(phone.getByTestId('order-status'), '已收货');
    const line = phone.getByTestId('order-line').filter({ hasText: productTitle });
    await line.getByTestId('line-after-sale').click();
    await phone.waitForURL(new RegExp(`/orders/${orderId}/after-sale`));
    // Delivered goods come back for a no-reason refund: 退货退款 (the server refuses 仅退款 once shipped).
    await phone.getByTestId('after-sale-type-return_refund').check();
    await phone.getByTestId('after-sale-reason-no_reason').check();
    await phone.getByLabel('问题描述').fill('不太适合我的肤质，商品未拆封，申请七天无理由退货。');
    await world.shot(phone, '3-01-shop-after-sale-form');
    await phone.getByTestId('after-sale-submit').click();
    await phone.waitForURL(/\/after-sales\/as_[A-Za-z0-9]+$/);
    const afterSaleId = idFromUrl(phone, '/after-sales/');
    await expectText(phone.getByTestId('after-sale-status'), '待商家处理');
    await world.shot(phone, '3-02-shop-after-sale-requested');

    // Merchant: approve it.
    const { page: desk } = await world.console();
    await consoleLogin(desk, demo.merchant, '/console/merchant/dashboard');
    await desk.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '售后处理' }).click();
    await desk.waitForURL('**/console/merchant/after-sales');
    const row = desk.locator(`[data-testid="after-sale-row"][data-after-sale-id="${afterSaleId}"]`);
    await expectText(row.getByTestId('after-sale-status'), '待商家处理');
    await expectText(row, '七天无理由');
    await world.shot(desk, '3-03-console-after-sales');
    await row.getByTestId('after-sale-open').click();
    await desk.waitForURL(`**/console/merchant/after-sales/${afterSaleId}`);
    await desk.getByTestId('after-sale-approve').click();
    const approve = await openedDialog(desk, '同意售后申请');
    await approve.getByRole('button', { name: '确认同意' }).click();
    await approve.waitFor({ state: 'hidden' });
    await expectText(desk.getByTestId('after-sale-detail-status'), '待买家退货');
    await world.shot(desk, '3-04-console-approved');

    // Consumer: send the goods back.
    await reloadUntil(phone, phone.getByTestId('after-sale-status'), '待买家退货');
    await phone.getByLabel('快递公司').fill('中通快递');
    await phone.getByLabel('快递单号').fill(`ZT${Date.now()}`);
    await world.shot(phone, '3-05-shop-return-shipment');
    await phone.getByTestId('return-submit').click();
    await expectText(phone.getByTestId('after-sale-status'), '待商家收货');

    // Merchant: the goods arrived; refund.
    await reloadUntil(desk, desk.getByTestId('after-sale-detail-status'), '待商家收货');
    await desk.getByTestId('after-sale-receive').click();
    const receive = await openedDialog(desk, '确认收到退货');
    await receive.getByRole('button', { name: '确认收货并退款' }).click();
    await receive.waitFor({ state: 'hidden' });
    await expectText(desk.getByTestId('after-sale-detail-status'), /退款中|退款成功/);
    // The refund runs as a job on the server's one-second worker.
    await reloadUntil(desk, desk.getByTestId('after-sale-detail-status'), '退款成功');
    await world.shot(desk, '3-06-console-refunded');

    // Consumer: the refund shows on the after-sale and on the order.
    await reloadUntil(phone, phone.getByTestId('after-sale-status'), '退款成功');
    const asked = fenOf(await phone.getByText(/^已退回 ¥/).innerText());
    await world.shot(phone, '3-07-shop-after-sale-refunded');
    await phone.getByRole('link', { name: orderId }).click();
    await phone.waitForURL((url) => url.pathname === `/orders/${orderId}`);
    const refunds = phone.getByRole('region', { name: '退款记录' });
    await expectText(refunds, `¥${(asked / 100).toFixed(2)} 已到账`);
    const amount = async (term: string) =>
      fenOf(
        await phone
          .getByRole('term')
          .filter({ hasText: new RegExp(`^${term}$`) })
          .locator('xpath=following-sibling::dd[1]')
          .innerText(),
      );
    const refundedFen = await amount('已退款');
    const paidFen = await amount('实付款');
    if (refundedFen !== asked)
      throw new Error(`the order shows ¥${refundedFen / 100} refunded, the after-sale ¥${asked / 100}`);
    // A refund of everything paid closes the order; a shipping fee that stays with the merchant keeps it 已收货.
    await expectText(phone.getByTestId('order-status'), refundedFen === paidFen ? '已关闭' : '已收货');
    await refunds.scrollIntoViewIfNeeded();
    await world.shot(phone, '3-08-shop-order-refunded');

    // Operator: the ledger reconciles, now with this refund in it.
    await ops.getByRole('button', { name: '重新对账' }).click();
    await expectText(
      ops.getByRole('row').filter({ hasText: '已完成退款 = 渠道账户贷方' }),
      `${before.refunds + 1} 笔退款共`,
    );
    const after = await reconciliation(ops);
    if (after.refunds !== before.refunds + 1 || after.refundedFen !== before.refundedFen + refundedFen) {
      throw new Error(
        `the reconciliation should count one more refund of ¥${(refundedFen / 100).toFixed(2)}: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
      );
    }
    await world.shot(ops, '3-09-console-reconciliation-ok');
  },
};
