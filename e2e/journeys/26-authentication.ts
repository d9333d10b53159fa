// Journey 26: 鉴定 before shipping. The demo shop lists a ¥6,800 leather bag; the demo consumer buys it; the merchant
// cannot ship it to the buyer and sends it to the 鉴定中心 instead; the operator (super-admin, who holds the
// 鉴定师 permission) passes it from the 鉴定中心 queue; the consumer sees the certificate on the order page and
// verifies its entry on the 透明度 page.
import { randomUUID } from 'node:crypto';
import { demo, type Journey } from '../harness.ts';
import { apiLogin, consoleLogin, expectText, paidOrder, reloadUntil, shopLogin } from './steps.ts';

export const authentication: Journey = {
  name: '26 a ¥6,800 bag goes to the 鉴定中心, passes, and the buyer verifies the certificate in the log',
  async run(world) {
    const { token, user } = await apiLogin(world, demo.merchant);
    const res = await fetch(`${world.server.baseUrl}/api/v1/merchant/products`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-merchant-id': user.staff[0]!.merchantId,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        title: '头层牛皮手提包 经典款',
        categoryId: 'cat_shoes',
        specs: [{ name: '颜色', values: ['黑色'] }],
        skus: [{ specValues: { 颜色: '黑色' }, price: 680_000, stock: 3 }],
        listed: true,
      }),
    });
    if (!res.ok) throw new Error(`product: ${res.status} ${await res.text()}`);
    const product = (await res.json()) as { skus: { id: string }[] };
    const orderId = await paidOrder(world, product.skus[0]!.id);

    // Merchant: the order says it must go to the centre; 寄往鉴定中心 records the waybill.
    const { page: shopOwner } = await world.console();
    await consoleLogin(shopOwner, demo.merchant, '/console/merchant/dashboard');
    await shopOwner.goto(`/console/merchant/orders/${orderId}`);
    await reloadUntil(shopOwner, shopOwner.getByTestId('ship-hold-alert'), /需先寄往鉴定中心/);
    await expectText(shopOwner.getByTestId('authentication-card'), /待寄往鉴定中心/);
    await world.shot(shopOwner, '26-01-console-merchant-order-held');
    await shopOwner.getByTestId('send-to-centre').click();
    await shopOwner.getByTestId('ship-carrier').click();
    await shopOwner.getByTitle('顺丰速运').click();
    await shopOwner.getByTestId('ship-tracking').fill('SF1400000000026');
    await shopOwner.getByTestId('ship-submit').click();
    await expectText(shopOwner.getByTestId('authentication-card'), /鉴定中/);

    // Operator: the 鉴定中心 queue, then a pass with findings and the forwarding waybill.
    const { page: ops } = await world.console();
    await consoleLogin(ops, demo.operator, '/console/platform/merchants');
    await ops.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '鉴定中心' }).click();
    await ops.waitForURL('**/console/platform/authentication');
    const row = ops.locator('tr', { hasText: '头层牛皮手提包' });
    await expectText(row, /SF1400000000026/);
    await world.shot(ops, '26-02-console-authentication-queue');
    await row.getByTestId('authentication-open').click();
    await ops.getByTestId('authentication-findings').fill('头层牛皮，走线均匀，五金刻印清晰，与品牌正品一致。');
    await ops.locator('.ant-drawer .ant-select').click();
    await ops.getByTitle('顺丰速运').last().click();
    await ops.getByTestId('authentication-tracking').fill('SF1400000000126');
    await ops.getByTestId('authentication-findings').click(); // closes the carrier list before the picture
    await ops.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await world.shot(ops, '26-03-console-authentication-verdict');
    await ops.getByTestId('authentication-submit').click();
    await expectText(ops.locator('.ant-message'), '鉴定通过，证书已写入透明度日志');

    // Consumer: the certificate on the order page, then its entry verified on the 透明度 page.
    const { page: phone } = await world.shop();
    await shopLogin(phone, demo.consumer, `/orders/${orderId}`);
    await expectText(phone.getByTestId('order-authentication'), /鉴定通过/);
    await world.shot(phone, '26-04-shop-order-certificate');
    await phone.getByTestId('certificate-log-link').click();
    await phone.waitForURL(/\/transparency\?kind=authentication/);
    const entry = phone.getByTestId('log-entry');
    await expectText(entry.getByTestId('entry-facts'), /鉴定通过/);
    await entry.getByRole('button', { name: '在本机核验' }).click();
    await expectText(entry.getByTestId('verify-verdict'), '已验证，未被篡改');
    await world.shot(phone, '26-05-shop-certificate-verified');
  },
};
