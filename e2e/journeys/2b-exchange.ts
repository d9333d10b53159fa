// Journey 2b: on journey 2's delivered order the consumer asks to exchange the item (换货) for a same-price option;
// the merchant agrees (the unit is reserved), the consumer sends it back with a checked waybill, the merchant
// confirms receipt and sends the replacement, and the consumer confirms it. No money moves, so journey 3's
// return of the same unit and its reconciliation are unaffected.
import { demo, type Journey } from '../harness.ts';
import { consoleLogin, expectText, idFromUrl, need, openedDialog, reloadUntil, shopLogin } from './steps.ts';

export const exchange: Journey = {
  name: '2b consumer exchanges it (换货), merchant reserves, receives and ships the replacement',
  async run(world) {
    const orderId = need(world, 'orderId');
    const productTitle = need(world, 'productTitle');

    const { page: phone } = await world.shop();
    await shopLogin(phone, demo.consumer, `/orders/${orderId}`);
    const line = phone.getByTestId('order-line').filter({ hasText: productTitle });
    await line.getByTestId('line-after-sale').click();
    await phone.waitForURL(new RegExp(`/orders/${orderId}/after-sale`));
    await phone.getByTestId('after-sale-type-exchange').check();
    const picker = phone.getByTestId('exchange-picker');
    const choosable = picker.locator('input[name="replacement"]:not([disabled])');
    await choosable.first().waitFor();
    await choosable.last().check();
    const target = (await choosable.last().locator('xpath=..').locator('strong').innerText()).trim();
    await phone.getByTestId('after-sale-reason-quality').check();
    await phone.getByLabel('问题描述').fill('尺码不合适，想换同价的另一款。');
    await world.shot(phone, '2b-01-shop-exchange-form');
    await phone.getByTestId('after-sale-submit').click();
    await phone.waitForURL(/\/after-sales\/as_[A-Za-z0-9]+$/);
    const afterSaleId = idFromUrl(phone, '/after-sales/');
    await expectText(phone.getByTestId('after-sale-status'), '待商家处理');
    await expectText(phone.getByTestId('exchange-target'), target);

    // Merchant: agree; the replacement is reserved.
    const { page: desk } = await world.console();
    await consoleLogin(desk, demo.merchant, '/console/merchant/dashboard');
    await desk.goto(`/console/merchant/after-sales/${afterSaleId}`);
    await expectText(desk.getByTestId('exchange-target'), target);
    await desk.getByTestId('after-sale-approve').click();
    const approve = await openedDialog(desk, '同意售后申请');
    await approve.getByRole('button', { name: '确认同意' }).click();
    await approve.waitFor({ state: 'hidden' });
    await expectText(desk.getByTestId('after-sale-detail-status'), '待买家退货');
    await expectText(desk.getByTestId('exchange-target'), '库存已预留');

    // Consumer: send it back with a waybill the courier could have printed.
    await reloadUntil(phone, phone.getByTestId('after-sale-status'), '待买家退货');
    await phone.getByTestId('return-carrier').getByText('顺丰速运').click();
    await phone.getByLabel('快递单号').fill(`SF${String(Date.now()).padStart(13, '0').slice(-13)}`);
    await phone.getByTestId('return-submit').click();
    await expectText(phone.getByTestId('after-sale-status'), '待商家收货');

    // Merchant: received (back in stock), then the replacement goes out with a waybill.
    await reloadUntil(desk, desk.getByTestId('after-sale-detail-status'), '待商家收货');
    await desk.getByTestId('after-sale-receive').click();
    const receive = await openedDialog(desk, '确认收到退货');
    await receive.getByRole('button', { name: '确认收货' }).click();
    await receive.waitFor({ state: 'hidden' });
    await expectText(desk.getByTestId('after-sale-detail-status'), '待寄出换货');
    await desk.getByTestId('replacement-ship').click();
    const ship = await openedDialog(desk, '寄出换货');
    const carrier = ship.getByRole('combobox', { name: '快递公司' });
    await carrier.click();
    await carrier.fill('中通快递');
    await carrier.press('Enter');
    await ship.getByRole('combobox', { name: '快递公司', expanded: false }).waitFor();
    await ship.getByTestId('replacement-tracking').fill(`75${String(Date.now()).slice(-12)}`);
    await ship.getByTestId('replacement-ship-submit').click();
    await ship.waitFor({ state: 'hidden' });
    await expectText(desk.getByTestId('after-sale-detail-status'), '换货已寄出');
    await world.shot(desk, '2b-02-console-exchange-shipped');

    // Consumer: sees each step, confirms the replacement; the order's timeline shows the second parcel.
    await reloadUntil(phone, phone.getByTestId('after-sale-status'), '换货已寄出');
    await expectText(phone.getByTestId('replacement-waybill'), '中通快递');
    await world.shot(phone, '2b-03-shop-exchange-shipped');
    await phone.getByTestId('replacement-confirm').click();
    await phone.locator('.adm-dialog').getByRole('button', { name: '确认收到换货' }).click();
    await expectText(phone.getByTestId('after-sale-status'), '换货完成');
    await world.shot(phone, '2b-04-shop-exchange-done');
    await phone.goto(`/orders/${orderId}`);
    await expectText(phone.locator('body'), '商家已寄出换货');
  },
};
