// Journey 27: local life. The demo consumer opens 附近, declines to share the device's position and picks a place by
// hand: first far from any store (the empty state), then 人民广场, where the seed's demo stores are listed nearest
// first with their distance. They buy a store's voucher online and pay; the order page shows the code and its QR.
// The demo merchant's console redeems the code once; looking it up again shows it used, and a second redemption is
// refused.
import { demo, type Journey } from '../harness.ts';
import { apiLogin, consoleLogin, expectText, reloadUntil, shopLogin } from './steps.ts';

const distanceM = (text: string) => {
  const m = /([\d.]+)\s*(km|m)/.exec(text);
  if (!m) throw new Error(`not a distance: ${text}`);
  return Number(m[1]) * (m[2] === 'km' ? 1000 : 1);
};

export const localLife: Journey = {
  name: '27 a consumer buys a nearby store voucher and the store redeems it once',
  async run(world) {
    const { page } = await world.shop();
    await shopLogin(page, demo.consumer, '/nearby');
    await page.evaluate(() => localStorage.removeItem('haowu.shop.location'));
    await page.reload();
    await page.getByTestId('nearby-ask').waitFor();
    await world.shot(page, '27-01-nearby-ask');

    // Declined: a place typed by hand, far from every store, then one of the preset places.
    await page.getByTestId('nearby-manual').click();
    await page.getByTestId('nearby-lat').fill('43.8800');
    await page.getByTestId('nearby-lng').fill('87.5600');
    await page.getByTestId('nearby-use-coords').click();
    await expectText(page.locator('.state-block'), '附近 3 公里暂无门店');
    await world.shot(page, '27-02-nearby-empty');
    await page.getByTestId('nearby-change').click();
    await page.getByRole('button', { name: '上海 · 人民广场' }).click();
    const stores = page.getByTestId('nearby-store');
    await stores.first().waitFor();
    const distances = (await page.getByTestId('nearby-distance').allInnerTexts()).map(distanceM);
    if (distances.length < 2) throw new Error(`expected the demo stores near 人民广场, got ${distances.length}`);
    if (distances.some((d, i) => d > 3000 || (i > 0 && d < distances[i - 1]!)))
      throw new Error(`stores not within 3 km nearest first: ${JSON.stringify(distances)}`);
    await world.shot(page, '27-03-nearby-list');

    // The nearest store's voucher, bought and paid online.
    await stores.first().getByTestId('nearby-offer').first().click();
    await page.waitForURL(/\/local\/offers\/lof_[A-Za-z0-9]+$/);
    await page.getByTestId('offer-card').waitFor();
    await world.shot(page, '27-04-offer');
    await page.getByTestId('offer-buy').click();
    await page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+$/);
    await page.getByTestId('pay-button').click();
    await page.waitForURL(/\/pay\/chk_[A-Za-z0-9]+\/result/);
    await expectText(page.getByTestId('pay-result'), '支付成功');

    // The order page: the code and its QR (issued once the payment's event is handled).
    const buyer = await apiLogin(world, demo.consumer);
    const mine = await fetch(`${world.server.baseUrl}/api/v1/me/local/vouchers`, {
      headers: { authorization: `Bearer ${buyer.token}` },
    }).then((r) => r.json() as Promise<{ items: { orderId: string }[] }>);
    const orderId = mine.items[0]?.orderId;
    if (!orderId) throw new Error('the paid voucher is not among the buyer’s vouchers');
    await page.goto(`/orders/${orderId}`);
    await reloadUntil(page, page.getByTestId('voucher-state'), '到店出示券码或二维码');
    await page.getByRole('img', { name: '券码二维码' }).waitFor();
    const code = (await page.getByTestId('voucher-code').innerText()).replace(/\D/g, '');
    if (!/^\d{12}$/.test(code)) throw new Error(`not a 12-digit code: ${code}`);
    await world.shot(page, '27-05-order-voucher');

    // The store redeems it in the console.
    const desk = await world.console();
    await consoleLogin(desk.page, demo.merchant, '/console/merchant/dashboard');
    await desk.page.goto('/console/merchant/stores');
    await expectText(desk.page.locator('.ant-table-row'), '人民广场店（演示）');
    await world.shot(desk.page, '27-06-console-stores');
    await desk.page.goto('/console/merchant/redeem');
    await desk.page.getByTestId('redeem-code').fill(code);
    await desk.page.getByTestId('redeem-lookup').click();
    await desk.page.getByTestId('redeem-confirm').click();
    await expectText(desk.page.getByTestId('redeem-done'), '已核销');
    await expectText(desk.page.locator('.ant-table-row'), code);
    await world.shot(desk.page, '27-07-console-redeemed');

    // Once only: looked up again it shows used; a second redemption is refused.
    await desk.page.getByTestId('redeem-code').fill(code);
    await desk.page.getByTestId('redeem-lookup').click();
    await expectText(desk.page.getByTestId('redeem-refused'), '该券已核销');
    await world.shot(desk.page, '27-08-console-second-refused');
    const owner = await apiLogin(world, demo.merchant);
    const again = await fetch(`${world.server.baseUrl}/api/v1/merchant/local/vouchers/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify({ code }),
    });
    const problem = (await again.json()) as { type?: string };
    if (again.status !== 409 || problem.type !== 'voucher-used')
      throw new Error(`a second redemption was not refused: ${again.status} ${JSON.stringify(problem)}`);

    // The buyer's order page says so too.
    await reloadUntil(page, page.getByTestId('voucher-state'), '核销');
    await world.shot(page, '27-09-order-voucher-used');
  },
};
